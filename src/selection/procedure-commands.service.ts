import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SelectionContext, SelectionEventType } from '../../workflows/selection';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { DomainError } from '../common/problem';
import type { RequestContext } from '../engine/types';
import { MeetingEntity } from '../meetings/entities';
import { BodyEntity } from '../motions/entities';
import type {
  ConflictInputDto,
  DecisionInputDto,
  DeclarationInputDto,
  InformCommitteeInputDto,
  ReasonInputDto,
  ScoreInputDto,
  StaffingInputDto,
  TalkInputDto,
} from './command.dto';
import { decisionPayload, declarationPayload, editPayload, staffingPayload, type Payload } from './commands';
import type { EditProcedureDto } from './procedure-input.dto';
import { ProcedureService } from './procedure.service';
import { toProcedureDto, type StepResultDto } from './procedure.view';
import { SelectionRegistry } from './registry.service';

/** One method per command of the managing office; each writes exactly one event (plus a due CLOSE). */
@Injectable()
export class ProcedureCommands {
  constructor(
    private readonly procedures: ProcedureService,
    private readonly register: SelectionRegistry,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  edit(ctx: RequestContext, id: string, dto: EditProcedureDto): Promise<StepResultDto> {
    const changes = editPayload(dto);
    if (Object.keys(changes).length === 0) {
      throw new DomainError(400, 'VALIDATION.FAILED', 'The request is not valid. Give at least one field to change.', { errors: [] });
    }
    return this.step(ctx, id, 'EDIT', () => changes);
  }

  publish(ctx: RequestContext, id: string): Promise<StepResultDto> {
    return this.step(ctx, id, 'PUBLISH');
  }

  /** The provider's name comes from the register, so the record names it as registered. */
  async declare(ctx: RequestContext, id: string, dto: DeclarationInputDto, late: boolean): Promise<StepResultDto> {
    const provider = await this.provider(ctx, dto.providerId);
    return this.step(ctx, id, late ? 'RECORD_LATE_DECLARATION' : 'RECEIVE_DECLARATION', (c) => declarationPayload(dto, provider.name, c));
  }

  async declareConflict(ctx: RequestContext, id: string, dto: ConflictInputDto): Promise<StepResultDto> {
    await this.provider(ctx, dto.providerId);
    return this.step(ctx, id, 'DECLARE_CONFLICT', () => ({ evaluatorId: dto.evaluatorId, providerId: dto.providerId, ...(dto.note === undefined ? {} : { note: dto.note }) }));
  }

  close(ctx: RequestContext, id: string): Promise<StepResultDto> {
    return this.step(ctx, id, 'CLOSE');
  }

  startEvaluation(ctx: RequestContext, id: string): Promise<StepResultDto> {
    return this.step(ctx, id, 'START_EVALUATION');
  }

  score(ctx: RequestContext, id: string, dto: ScoreInputDto): Promise<StepResultDto> {
    const { declarationId, criterionKey, evaluatorId, points, comment } = dto;
    return this.step(ctx, id, 'SCORE', () => ({ declarationId, criterionKey, evaluatorId, points, comment }));
  }

  startTalks(ctx: RequestContext, id: string): Promise<StepResultDto> {
    return this.step(ctx, id, 'START_TALKS');
  }

  talk(ctx: RequestContext, id: string, dto: TalkInputDto): Promise<StepResultDto> {
    const { declarationId, date, participants, resultNote } = dto;
    return this.step(ctx, id, 'RECORD_TALK', () => ({ declarationId, date, participants, resultNote }));
  }

  decide(ctx: RequestContext, id: string, dto: DecisionInputDto): Promise<StepResultDto> {
    return this.step(ctx, id, 'DECIDE_SELECTION', () => decisionPayload(dto));
  }

  staffing(ctx: RequestContext, id: string, dto: StaffingInputDto): Promise<StepResultDto> {
    return this.step(ctx, id, 'RECORD_STAFFING', () => staffingPayload(dto));
  }

  /** The committee is a body of the council (motions module); a meeting named must be one of that body's. */
  async informCommittee(ctx: RequestContext, id: string, dto: InformCommitteeInputDto): Promise<StepResultDto> {
    const { bodyId, meetingId, date } = dto;
    const body = await this.dataSource.getRepository(BodyEntity).existsBy({ tenant: ctx.tenant, id: bodyId });
    if (!body) throw new DomainError(422, 'SELECTION.UNKNOWN_BODY', `There is no body ${bodyId} in your Körperschaft.`);
    if (meetingId && !(await this.dataSource.getRepository(MeetingEntity).existsBy({ tenant: ctx.tenant, id: meetingId, bodyId }))) {
      throw new DomainError(422, 'SELECTION.UNKNOWN_MEETING', `Meeting ${meetingId} is not a meeting of body ${bodyId}.`);
    }
    return this.step(ctx, id, 'INFORM_COMMITTEE', () => ({ bodyId, ...(meetingId === undefined ? {} : { meetingId }), date }));
  }

  complete(ctx: RequestContext, id: string): Promise<StepResultDto> {
    return this.step(ctx, id, 'COMPLETE');
  }

  cancel(ctx: RequestContext, id: string, dto: ReasonInputDto): Promise<StepResultDto> {
    return this.step(ctx, id, 'CANCEL', () => ({ reason: dto.reason }));
  }

  noSuitableDeclaration(ctx: RequestContext, id: string, dto: ReasonInputDto): Promise<StepResultDto> {
    return this.step(ctx, id, 'NO_SUITABLE_DECLARATION', () => ({ reason: dto.reason }));
  }

  private async provider(ctx: RequestContext, providerId: string) {
    const found = (await this.register.providersById(ctx, [providerId])).get(providerId);
    if (!found) throw new DomainError(422, 'SELECTION.UNKNOWN_PROVIDER', `Not a registered provider: ${providerId}.`);
    return found;
  }

  private async step(ctx: RequestContext, id: string, type: SelectionEventType, build?: (context: SelectionContext) => Payload): Promise<StepResultDto> {
    const { applied, closedFirst, procedure } = await this.procedures.run(ctx, id, type, build);
    return {
      event: { seq: applied.event.seq, type: applied.event.type, at: toBerlinIso(applied.event.at), payload: applied.event.payload },
      closedAtDeadlineFirst: closedFirst,
      procedure: toProcedureDto(procedure, this.clock.now()),
    };
  }
}
