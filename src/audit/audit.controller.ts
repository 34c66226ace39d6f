import { Controller, Get, Header, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow, Ctx } from '../auth/policy';
import { toBerlinIso } from '../common/berlin-time';
import { DomainError } from '../common/problem';
import { PageQueryDto } from '../engine/dto';
import type { RequestContext } from '../engine/types';
import { AuditService } from './audit.service';
import type { Bundle } from './bundle';
import { AsOfQueryDto, BundleQueryDto, CheckpointDto, CheckpointPageDto, DecisionRecordDto, HistoryDto, HistoryStepDto, PublicKeyDto, StateAsOfDto, VerifyResultDto } from './dto';
import { ApiProblems } from '../common/openapi';

const AUDIT = ['auditor', 'admin'] as const;

/** Read-only evidence for auditors: replay, state as of a time, verification, checkpoints, bundles. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('instances/:id/history')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: HistoryDto }) @ApiProblems(400, 401, 403, 404)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'Step-by-step replay: event, actor, time, facts, state and context before and after' })
  async history(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: AsOfQueryDto): Promise<HistoryDto> {
    const { instance, steps } = await this.audit.history(ctx, id, asOf(q));
    return {
      instanceId: instance.id,
      workflowType: instance.workflow_type,
      machineVersion: instance.machine_version,
      input: instance.input,
      createdBy: instance.created_by,
      createdAt: toBerlinIso(instance.created_at),
      steps: steps.map((s) => HistoryStepDto.from(s)),
    };
  }

  @Get('instances/:id/history.csv')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'The history as CSV (text/csv, Europe/Berlin times)', content: { 'text/csv': { schema: { type: 'string' } } } }) @ApiProblems(400, 401, 403, 404)
  @Allow(...AUDIT)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The history as CSV for spreadsheets' })
  csv(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    return this.audit.historyCsv(ctx, id, toBerlinIso);
  }

  @Get('instances/:id/state')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: StateAsOfDto }) @ApiProblems(400, 401, 403, 404)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'Where the instance stood at a time (`at`) or after a sequence number (`seq`)' })
  async state(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: AsOfQueryDto): Promise<StateAsOfDto> {
    const when = asOf(q);
    if (!when) throw new DomainError(400, 'AUDIT.AS_OF_REQUIRED', 'Give a point in time (at=…) or a sequence number (seq=…).');
    return StateAsOfDto.from(await this.audit.stateAsOf(ctx, id, when));
  }

  @Get('instances/:id/verify')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: VerifyResultDto }) @ApiProblems(400, 401, 403, 404)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'Verify one instance: sequence, hash chain, replay against the stored snapshot' })
  async verifyOne(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<VerifyResultDto> {
    return VerifyResultDto.from(await this.audit.verifyInstance(ctx.tenant, id));
  }

  @Get('verify')
  @ApiOkResponse({ type: VerifyResultDto }) @ApiProblems(401, 403)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'Verify every instance of your Körperschaft and the database against every signed checkpoint of its log; names the first break' })
  async verifyAll(@Ctx() ctx: RequestContext): Promise<VerifyResultDto> {
    return VerifyResultDto.from(await this.audit.verifyAll(ctx.tenant));
  }

  @Get('instances/:id/record')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: DecisionRecordDto }) @ApiProblems(400, 401, 403, 404)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'Combined decision record: the instance and every linked procedure, interleaved in time' })
  async record(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<DecisionRecordDto> {
    const links = [{ id, relation: 'subject' }, ...(await this.audit.linked(ctx.tenant, id))];
    const histories = await Promise.all(links.map(async (l) => ({ link: l, history: await this.audit.history(ctx, l.id) })));
    const steps = histories
      .flatMap(({ history }) => history.steps.map((s) => ({ ...HistoryStepDto.from(s), instanceId: history.instance.id, workflowType: history.instance.workflow_type, t: s.at.getTime() })))
      .sort((a, b) => a.t - b.t || a.instanceId.localeCompare(b.instanceId) || a.seq - b.seq)
      .map(({ t: _t, ...s }) => s);
    return { subject: id, instances: histories.map(({ link, history }) => ({ instanceId: link.id, workflowType: history.instance.workflow_type, relation: link.relation })), steps };
  }

  @Get('instances/:id/bundle')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'The signed evidence bundle (JSON) for `npm run audit -- verify-bundle`', schema: { type: 'object', additionalProperties: true } }) @ApiProblems(400, 401, 403, 404)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'Evidence bundle (the instance and linked ones) for offline verification with `npm run audit -- verify-bundle FILE`' })
  bundle(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: BundleQueryDto): Promise<Bundle> {
    return this.audit.exportBundle(ctx, id, { from: q.from });
  }

  @Get('checkpoints')
  @ApiOkResponse({ type: CheckpointPageDto }) @ApiProblems(400, 401, 403)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'Signed checkpoints, newest first' })
  async checkpoints(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto): Promise<CheckpointPageDto> {
    const { items, total } = await this.audit.checkpoints(ctx.tenant, q.page, q.pageSize);
    return { items: items.map((c) => CheckpointDto.from(c)), page: q.page, pageSize: q.pageSize, total };
  }

  @Post('checkpoints')
  @ApiCreatedResponse({ type: CheckpointDto }) @ApiProblems(401, 403, 409)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'Issue a signed checkpoint of the log tree now (C2SP tlog-checkpoint note)' })
  async checkpoint(@Ctx() ctx: RequestContext): Promise<CheckpointDto> {
    return CheckpointDto.from(await this.audit.checkpoint(ctx.tenant));
  }

  @Get('public-key')
  @ApiOkResponse({ type: PublicKeyDto }) @ApiProblems(401, 403)
  @Allow(...AUDIT)
  @ApiOperation({ summary: 'The public key that verifies checkpoints, its fingerprint to compare out of band, and the log\'s C2SP verifier key' })
  publicKey(@Ctx() ctx: RequestContext): PublicKeyDto {
    return this.audit.publicKey(ctx.tenant);
  }
}

function asOf(q: AsOfQueryDto): { at?: Date; seq?: number } | undefined {
  if (q.at === undefined && q.seq === undefined) return undefined;
  return { at: q.at ? new Date(q.at) : undefined, seq: q.seq };
}
