import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow, Ctx } from '../auth/policy';
import { toBerlinIso } from '../common/berlin-time';
import { DomainError } from '../common/problem';
import { PageQueryDto } from '../engine/dto';
import type { RequestContext } from '../engine/types';
import { AuditService } from './audit.service';
import type { Bundle } from './bundle';
import { AsOfQueryDto, BundleQueryDto, CheckpointDto, CheckpointPageDto, DecisionRecordDto, HistoryDto, HistoryStepDto, PublicKeyDto, StateAsOfDto, VerifyResultDto } from './dto';
import { ApiProblems } from '../common/openapi';
import { Endpoint } from '../common/endpoint';

const AUDIT = ['auditor', 'admin'] as const;

/** Read-only evidence for auditors: replay, state as of a time, verification, checkpoints, bundles. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Endpoint('GET', 'instances/:id/history', { summary: 'Step-by-step replay: event, actor, time, facts, state and context before and after', roles: AUDIT, type: HistoryDto, problems: [400, 401, 403, 404] })
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

  @Endpoint('GET', 'instances/:id/state', { summary: 'Where the instance stood at a time (`at`) or after a sequence number (`seq`)', roles: AUDIT, type: StateAsOfDto, problems: [400, 401, 403, 404] })
  async state(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: AsOfQueryDto): Promise<StateAsOfDto> {
    const when = asOf(q);
    if (!when) throw new DomainError(400, 'AUDIT.AS_OF_REQUIRED', 'Give a point in time (at=…) or a sequence number (seq=…).');
    return StateAsOfDto.from(await this.audit.stateAsOf(ctx, id, when));
  }

  @Endpoint('GET', 'instances/:id/verify', { summary: 'Verify one instance: sequence, hash chain, replay against the stored snapshot', roles: AUDIT, type: VerifyResultDto, problems: [400, 401, 403, 404] })
  async verifyOne(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<VerifyResultDto> {
    return VerifyResultDto.from(await this.audit.verifyInstance(ctx.tenant, id));
  }

  @Endpoint('GET', 'verify', { summary: 'Verify every instance of your Körperschaft and the database against every signed checkpoint of its log; names the first break', roles: AUDIT, type: VerifyResultDto, problems: [401, 403] })
  async verifyAll(@Ctx() ctx: RequestContext): Promise<VerifyResultDto> {
    return VerifyResultDto.from(await this.audit.verifyAll(ctx.tenant));
  }

  @Endpoint('GET', 'instances/:id/record', { summary: 'Combined decision record: the instance and every linked procedure, interleaved in time', roles: AUDIT, type: DecisionRecordDto, problems: [400, 401, 403, 404] })
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

  @Endpoint('GET', 'checkpoints', { summary: 'Signed checkpoints, newest first', roles: AUDIT, type: CheckpointPageDto, problems: [400, 401, 403] })
  async checkpoints(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto): Promise<CheckpointPageDto> {
    const { items, total } = await this.audit.checkpoints(ctx.tenant, q.page, q.pageSize);
    return { items: items.map((c) => CheckpointDto.from(c)), page: q.page, pageSize: q.pageSize, total };
  }

  @Endpoint('POST', 'checkpoints', { summary: 'Issue a signed checkpoint of the log tree now (C2SP tlog-checkpoint note)', roles: AUDIT, type: CheckpointDto, problems: [401, 403, 409] })
  async checkpoint(@Ctx() ctx: RequestContext): Promise<CheckpointDto> {
    return CheckpointDto.from(await this.audit.checkpoint(ctx.tenant));
  }

  @Endpoint('GET', 'public-key', { summary: 'The public key that verifies checkpoints, its fingerprint to compare out of band, and the log\'s C2SP verifier key', roles: AUDIT, type: PublicKeyDto, problems: [401, 403] })
  publicKey(@Ctx() ctx: RequestContext): PublicKeyDto {
    return this.audit.publicKey(ctx.tenant);
  }
}

function asOf(q: AsOfQueryDto): { at?: Date; seq?: number } | undefined {
  if (q.at === undefined && q.seq === undefined) return undefined;
  return { at: q.at ? new Date(q.at) : undefined, seq: q.seq };
}
