import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import { DomainError } from '../common/problem';
import { describeMachine } from './describe';
import { AppliedEventDto, CreateInstanceDto, LinkDto, EventDto, EventPageDto, InstanceDto, InstancePageDto, ListInstancesQueryDto, PageQueryDto, SendEventDto, WorkflowDefinitionDto } from './dto';
import { idempotencyKey } from './command-routes';
import { creationHash, EngineService } from './engine.service';
import { WorkflowRegistry } from './registry';
import type { RequestContext } from './types';
import { Endpoint } from '../common/endpoint';

const WRITERS = ['clerk', 'office', 'admin'] as const;
const REPLAYED = { 'Idempotent-Replayed': { description: 'true when this is the stored answer to a repeated idempotency key', schema: { type: 'string' as const, enum: ['true'] } } };

/** The generic engine API. Domain modules add friendlier endpoints; all writes go through the engine. */
@ApiTags('engine')
@ApiBearerAuth()
@Controller()
export class EngineController {
  constructor(
    private readonly engine: EngineService,
    private readonly registry: WorkflowRegistry,
  ) {}

  @Endpoint('GET', 'workflows', { summary: 'Workflow definitions with their states, events and transitions (enough to draw each machine)', type: [WorkflowDefinitionDto], problems: [401] })
  definitions(): WorkflowDefinitionDto[] {
    return this.registry.list().map((d) => ({
      type: d.type,
      version: d.version,
      title: d.title,
      latest: this.registry.latest(d.type).version === d.version,
      domainApi: this.engine.ownerOf(d.type) ?? null,
      ...describeMachine(d.machine),
    }));
  }

  @Post('workflows/:type/instances')
  @Allow(...WRITERS)
  @ApiOperation({ summary: 'Start an instance of the latest version of a workflow' })
  @ApiParam({ name: 'type', example: 'sample', description: 'A workflow type of GET /workflows whose domainApi is null' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Sent again with the same body: the instance it created, nothing written (header Idempotent-Replayed); with another body: 422.' })
  @ApiCreatedResponse({ type: InstanceDto, headers: REPLAYED })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async create(@Ctx() ctx: RequestContext, @Param('type') type: string, @Body() body: CreateInstanceDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: FastifyReply): Promise<InstanceDto> {
    this.engine.refuseClaimed(type);
    const given = idempotencyKey(key);
    const idempotency = given === undefined ? undefined : { key: given, requestHash: creationHash({ type, body }) };
    const { instance, replayed } = await this.engine.createOnce(ctx, type, 'instance', idempotency, () => this.engine.create(ctx, type, body.input, { idempotency }));
    if (replayed) void res.header('Idempotent-Replayed', 'true');
    return InstanceDto.from(instance);
  }

  @Endpoint('GET', 'instances', { summary: 'Instances of your Körperschaft, newest first, paginated', type: InstancePageDto, problems: [400, 401] })
  async list(@Ctx() ctx: RequestContext, @Query() q: ListInstancesQueryDto): Promise<InstancePageDto> {
    const page = await this.engine.list(ctx, { type: q.type, status: q.status, excludeTypes: this.engine.hiddenTypes(ctx.actor.role) }, q.page, q.pageSize);
    return { ...page, items: page.items.map((i) => InstanceDto.from(i)) };
  }

  @Endpoint('GET', 'instances/:id', { summary: 'An instance with its state, context and the events allowed now', type: InstanceDto, problems: [400, 401, 403, 404] })
  async get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<InstanceDto> {
    const instance = await this.engine.get(ctx, id);
    this.refuseRawRead(ctx, instance.workflowType);
    return InstanceDto.from(instance);
  }

  @Post('instances/:id/events')
  @HttpCode(201)
  @Allow(...WRITERS)
  @ApiOperation({ summary: 'Send an event. 409 when the state does not allow it, 422 when a rule refuses it; both list the allowed events.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: AppliedEventDto, headers: REPLAYED })
  @ApiProblems(400, 401, 403, 404, 409, 412, 422)
  async send(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SendEventDto, @Res({ passthrough: true }) res: FastifyReply): Promise<AppliedEventDto> {
    // The claimed-type check runs inside apply, under the row lock: no extra read per request.
    const applied = await this.engine.apply(ctx, id, { ...body, unclaimedOnly: true });
    if (applied.replayed) void res.header('Idempotent-Replayed', 'true');
    return AppliedEventDto.from(applied);
  }

  @Endpoint('POST', 'instances/:id/links', { summary: 'Record that this instance relates to another (e.g. a motion authorises a selection); the audit decision record shows them together', roles: WRITERS, status: 204, description: 'Linked', problems: [400, 401, 403, 404] })
  async link(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: LinkDto): Promise<void> {
    await this.engine.link(ctx, id, body.to, body.relation);
  }

  @Endpoint('GET', 'instances/:id/events', { summary: 'The event history of an instance, oldest first, paginated', type: EventPageDto, problems: [400, 401, 403, 404] })
  async history(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto): Promise<EventPageDto> {
    this.refuseRawRead(ctx, (await this.engine.get(ctx, id)).workflowType);
    const page = await this.engine.history(ctx, id, q.page, q.pageSize);
    return { ...page, items: page.items.map((e) => EventDto.from(e)) };
  }

  /** Raw contexts and payloads may hold non-public content: roles the owning module excludes read it through the domain API. */
  private refuseRawRead(ctx: RequestContext, type: string): void {
    if (!this.engine.mayReadRaw(type, ctx.actor.role)) {
      const endpoint = this.engine.ownerOf(type) ?? 'the domain API';
      throw new DomainError(403, 'AUTH.NON_PUBLIC', `The raw ${type} record may contain non-public content your role "${ctx.actor.role}" may not see; read it through ${endpoint}.`, { endpoint });
    }
  }

}
