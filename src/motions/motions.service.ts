import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { ConsultationStep, LegalBasis, MotionContext, MotionEventType, MotionInput, ProposalOutcomeInput } from '../../workflows/motion';
import { ROLES } from '../auth/policy';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { DomainError } from '../common/problem';
import { Database } from '../engine/database';
import { EngineService } from '../engine/engine.service';
import type { RequestContext } from '../engine/types';
import { appendAgendaItem, attendanceOf, lockMeeting, openAgendaMeetingIds, type LockedMeeting } from './agenda';
import { BodiesService } from './bodies.service';
import { maySeeNonPublic } from './visibility';
import type {
  AddTaskDto,
  ApproveUrgentDecisionDto,
  CloseDto,
  CosignDto,
  CreateMotionDto,
  EditMotionDto,
  EditProposalDto,
  ProposalInputDto,
  ProposalOutcomeDto,
  ReasonDto,
  RecordOutcomeDto,
  RefuseCosignDto,
  RevokeUrgentDecisionDto,
  ScheduleDto,
  SequenceDto,
  StepInputDto,
  UnscheduleDto,
  UpdateTaskDto,
  UrgentDecisionDto,
} from './dto/motion-commands.dto';
import type { MotionDto } from './dto/motion-view.dto';
import { MotionQueries } from './motion-queries.service';
import { isUniqueViolation } from './pg-errors';
import { projectMotion, setNonPublicSections } from './projection';

/**
 * The motion commands. Each one looks up the facts its rule needs (competences, the meeting and its
 * state, the body's invitation periods, attendance) and sends one event through the engine, so the facts land
 * in the audit log with it; the client never supplies them. Every command answers with the motion.
 */
@Injectable()
export class MotionsService implements OnModuleInit {
  constructor(
    private readonly engine: EngineService,
    private readonly db: Database,
    private readonly bodies: BodiesService,
    private readonly queries: MotionQueries,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The raw context holds non-public outline sections: only roles that may see them read it through the engine API.
    this.engine.claim('motion', '/motions/{id}/…', projectMotion, { rawReaders: ROLES.filter(maySeeNonPublic) });
  }

  /** The non-public marks go into the motion's listing row in the transaction that creates it. */
  async create(ctx: RequestContext, dto: CreateMotionDto): Promise<MotionDto> {
    const { nonPublicSections, ...sections } = dto.outline ?? {};
    const input: MotionInput = {
      reference: dto.reference,
      title: dto.title.trim(),
      department: dto.department.trim(),
      requiredCosigners: (dto.requiredCosigners ?? []).map((d) => d.trim()),
      outline: sections,
      proposals: await this.proposals(ctx, dto.proposals ?? []),
      steps: await this.steps(ctx, dto.steps ?? []),
      createdAt: this.clock.now().toISOString(),
    };
    try {
      const id = await this.db.transaction(async (tx) => {
        const instance = await this.engine.create(ctx, 'motion', defined(input), tx);
        if (nonPublicSections?.length) await setNonPublicSections(tx, ctx.tenant, instance.id, nonPublicSections);
        return instance.id;
      });
      return this.queries.view(ctx, id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(409, 'MOTION.REFERENCE_EXISTS', `A motion ${dto.reference} already exists in your Körperschaft.`);
      throw error;
    }
  }

  /** Changed non-public marks share the EDIT_MOTION event's transaction, so they too are draft-only. */
  async edit(ctx: RequestContext, id: string, dto: EditMotionDto): Promise<MotionDto> {
    const { nonPublicSections, ...sections } = dto.outline ?? {};
    const payload = {
      title: dto.title?.trim(),
      department: dto.department?.trim(),
      requiredCosigners: dto.requiredCosigners?.map((d) => d.trim()),
      outline: Object.keys(sections).length ? sections : undefined,
    };
    await this.queries.instance(ctx, id);
    await this.db.transaction(async (tx) => {
      await this.engine.apply(ctx, id, { type: 'EDIT_MOTION', payload: defined(payload) }, tx);
      // null, like every optional field, means "leave as it is"
      if (nonPublicSections) await setNonPublicSections(tx, ctx.tenant, id, nonPublicSections);
    });
    return this.queries.view(ctx, id);
  }

  async addProposal(ctx: RequestContext, id: string, dto: ProposalInputDto): Promise<MotionDto> {
    const [proposal] = await this.proposals(ctx, [dto]);
    return this.send(ctx, id, 'ADD_PROPOSAL', { ...proposal });
  }

  async editProposal(ctx: RequestContext, id: string, key: string, dto: EditProposalDto): Promise<MotionDto> {
    const legalBasis = dto.legalBasis === undefined ? undefined : await this.legalBasis(ctx, dto.legalBasis);
    return this.send(ctx, id, 'EDIT_PROPOSAL', { key, text: dto.text?.trim(), legalBasis });
  }

  removeProposal(ctx: RequestContext, id: string, key: string): Promise<MotionDto> {
    return this.send(ctx, id, 'REMOVE_PROPOSAL', { key });
  }

  async setSequence(ctx: RequestContext, id: string, dto: SequenceDto): Promise<MotionDto> {
    return this.send(ctx, id, 'SET_CONSULTATION_SEQUENCE', { steps: await this.steps(ctx, dto.steps) });
  }

  submit(ctx: RequestContext, id: string): Promise<MotionDto> {
    return this.send(ctx, id, 'SUBMIT_FOR_COSIGNING', {});
  }

  cosign(ctx: RequestContext, id: string, dto: CosignDto): Promise<MotionDto> {
    return this.send(ctx, id, 'COSIGN', { department: dto.department.trim() });
  }

  refuseCosign(ctx: RequestContext, id: string, dto: RefuseCosignDto): Promise<MotionDto> {
    return this.send(ctx, id, 'REFUSE_COSIGN', { department: dto.department.trim(), reason: dto.reason.trim() });
  }

  /** The competences of every body in the Beratungsfolge come from the catalogue. */
  async release(ctx: RequestContext, id: string): Promise<MotionDto> {
    const instance = await this.queries.instance(ctx, id);
    const competences = await this.queries.competencesFor(ctx, instance.context as MotionContext);
    return this.send(ctx, id, 'RELEASE', { competences });
  }

  /**
   * Puts the motion on a meeting's agenda: the meeting is locked, its facts and the body's
   * invitation periods go into the SCHEDULE event, and the agenda item is written in the same
   * transaction as the event.
   */
  async schedule(ctx: RequestContext, id: string, dto: ScheduleDto): Promise<MotionDto> {
    await this.queries.instance(ctx, id);
    await this.db.transaction(async (tx) => {
      const meeting = await lockMeeting(tx, ctx.tenant, dto.meetingId);
      const payload = {
        stepIndex: dto.stepIndex,
        meetingId: meeting.id,
        bodyId: meeting.bodyId,
        meetingStart: toBerlinIso(meeting.start),
        invitationDate: meeting.invitationDate ?? undefined,
        invitationPeriodDays: meeting.body.invitationPeriodDays,
        urgentInvitationPeriodDays: meeting.body.urgentInvitationPeriodDays,
        urgentReason: dto.urgentReason?.trim(),
        openAgendaMeetingIds: await openAgendaMeetingIds(tx, ctx.tenant, meeting.bodyId, id),
        meeting: { state: meeting.state },
      };
      await this.engine.apply(ctx, id, { type: 'SCHEDULE', payload: defined(payload) }, tx);
      const context = await contextIn(tx, id);
      const consultation = context.consultations.findLast((c) => c.status === 'scheduled' && c.meetingId === meeting.id)!;
      await appendAgendaItem(tx, {
        tenant: ctx.tenant,
        meetingId: meeting.id,
        title: `${context.reference}: ${context.title}`,
        public: dto.public ?? true,
        motionInstanceId: id,
        consultationNo: consultation.no,
        at: this.clock.now(),
      });
    });
    return this.queries.view(ctx, id);
  }

  /** Takes the motion off a meeting's agenda; the projector retires the agenda item. */
  async unschedule(ctx: RequestContext, id: string, dto: UnscheduleDto): Promise<MotionDto> {
    await this.queries.instance(ctx, id);
    await this.db.transaction(async (tx) => {
      const meeting = await lockMeeting(tx, ctx.tenant, dto.meetingId);
      await this.engine.apply(ctx, id, { type: 'UNSCHEDULE', payload: { meetingId: meeting.id, reason: dto.reason.trim(), meeting: { state: meeting.state } } }, tx);
    });
    return this.queries.view(ctx, id);
  }

  /** Outcomes of a held meeting; attendance comes from the meeting's record, never the client. */
  recordOutcome(ctx: RequestContext, id: string, dto: RecordOutcomeDto): Promise<MotionDto> {
    return this.atHeldMeeting(ctx, id, dto.meetingId, (meeting) => ({
      type: 'RECORD_OUTCOME',
      payload: defined({ meetingId: meeting.id, outcomes: outcomes(dto.outcomes), attendance: attendanceOf(meeting) }),
    }));
  }

  revise(ctx: RequestContext, id: string): Promise<MotionDto> {
    return this.send(ctx, id, 'REVISE', {});
  }

  /** § 50 Abs. 3 KrO NRW, decided in a held meeting of the Kreisausschuss. */
  urgentDecision(ctx: RequestContext, id: string, dto: UrgentDecisionDto): Promise<MotionDto> {
    return this.atHeldMeeting(ctx, id, dto.meetingId, (meeting) => ({
      type: 'URGENT_DECISION',
      payload: {
        bodyId: meeting.bodyId,
        bodyName: meeting.body.name,
        bodyKind: meeting.body.kind,
        meetingId: meeting.id,
        reason: dto.reason.trim(),
        outcomes: outcomes(dto.outcomes),
        attendance: attendanceOf(meeting),
      },
    }));
  }

  approveUrgentDecision(ctx: RequestContext, id: string, dto: ApproveUrgentDecisionDto): Promise<MotionDto> {
    return this.atHeldMeeting(ctx, id, dto.meetingId, (meeting) => ({
      type: 'APPROVE_URGENT_DECISION',
      payload: { bodyId: meeting.bodyId, meetingId: meeting.id, attendance: attendanceOf(meeting), votes: { ...dto.votes } },
    }));
  }

  revokeUrgentDecision(ctx: RequestContext, id: string, dto: RevokeUrgentDecisionDto): Promise<MotionDto> {
    return this.atHeldMeeting(ctx, id, dto.meetingId, (meeting) => ({
      type: 'REVOKE_URGENT_DECISION',
      payload: {
        bodyId: meeting.bodyId,
        meetingId: meeting.id,
        attendance: attendanceOf(meeting),
        votes: { ...dto.votes },
        reason: dto.reason.trim(),
        thirdPartyRightsArisen: dto.thirdPartyRightsArisen ?? false,
      },
    }));
  }

  /** Withdrawal ends at the decision; the machine says so (MOTION.ALREADY_DECIDED). */
  withdraw(ctx: RequestContext, id: string, dto: ReasonDto): Promise<MotionDto> {
    return this.send(ctx, id, 'WITHDRAW', { reason: dto.reason.trim() });
  }

  addTask(ctx: RequestContext, id: string, dto: AddTaskDto): Promise<MotionDto> {
    return this.send(ctx, id, 'ADD_TASK', {
      taskId: dto.taskId ?? randomUUID(),
      title: dto.title.trim(),
      owner: dto.owner.trim(),
      dueDate: dto.dueDate,
      proposalKey: dto.proposalKey,
    });
  }

  updateTask(ctx: RequestContext, id: string, taskId: string, dto: UpdateTaskDto): Promise<MotionDto> {
    return this.send(ctx, id, 'UPDATE_TASK', { taskId, status: dto.status, report: dto.report?.trim(), owner: dto.owner?.trim(), dueDate: dto.dueDate });
  }

  completeImplementation(ctx: RequestContext, id: string): Promise<MotionDto> {
    return this.send(ctx, id, 'COMPLETE_IMPLEMENTATION', {});
  }

  close(ctx: RequestContext, id: string, dto: CloseDto): Promise<MotionDto> {
    return this.send(ctx, id, 'CLOSE', { reason: dto.reason?.trim() });
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async send(ctx: RequestContext, id: string, type: MotionEventType, payload: Record<string, unknown>): Promise<MotionDto> {
    await this.queries.instance(ctx, id);
    await this.engine.apply(ctx, id, { type, payload: defined(payload) });
    return this.queries.view(ctx, id);
  }

  /**
   * Events decided in a meeting: the meeting is locked against approval meanwhile, and its state
   * and recorded attendance go into the event (`meeting`, `attendance`), where the machine's rules
   * check them (held with its minutes open; attendance for the decisions that need a quorum).
   */
  private async atHeldMeeting(
    ctx: RequestContext,
    id: string,
    meetingId: string,
    event: (meeting: LockedMeeting) => { type: MotionEventType; payload: Record<string, unknown> },
  ): Promise<MotionDto> {
    await this.queries.instance(ctx, id);
    await this.db.transaction(async (tx) => {
      const meeting = await lockMeeting(tx, ctx.tenant, meetingId, 'SHARE');
      const { type, payload } = event(meeting);
      await this.engine.apply(ctx, id, { type, payload: defined({ ...payload, meeting: { state: meeting.state } }) }, tx);
    });
    return this.queries.view(ctx, id);
  }

  private async proposals(ctx: RequestContext, list: readonly ProposalInputDto[]): Promise<{ key: string; text: string; legalBasis: LegalBasis }[]> {
    const result = [];
    for (const p of list) result.push({ key: p.key, text: p.text.trim(), legalBasis: await this.legalBasis(ctx, p.legalBasis) });
    return result;
  }

  /** The legal basis as the catalogue has it: a reserved competence names the only kinds that may decide. */
  private async legalBasis(ctx: RequestContext, citation: string): Promise<LegalBasis> {
    const entry = await this.bodies.competenceByCitation(ctx, citation);
    return defined({
      citation: entry.citation,
      competentBodyKinds: entry.reserved ? entry.holderKinds : undefined,
      majority: entry.majority ?? undefined,
    });
  }

  /** Steps by body id; the names and kinds come from the bodies table. */
  private async steps(ctx: RequestContext, steps: readonly StepInputDto[]): Promise<ConsultationStep[]> {
    const bodies = await this.bodies.bodiesById(ctx, steps.map((s) => s.bodyId), 'MOTION.UNKNOWN_BODY');
    return steps.map((s) => {
      const body = bodies.get(s.bodyId)!;
      return { bodyId: body.id, bodyName: body.name, bodyKind: body.kind, role: s.role };
    });
  }
}

function outcomes(list: readonly ProposalOutcomeDto[]): Record<string, ProposalOutcomeInput> {
  return Object.fromEntries(
    list.map((o) => [o.proposalKey, defined({ outcome: o.outcome, votes: o.votes && { ...o.votes }, amendedText: o.amendedText?.trim() }) as ProposalOutcomeInput]),
  );
}

/**
 * The value exactly as the log will store it (undefined fields dropped, DTO instances made plain):
 * the machine must see what a replay of the log will see.
 */
function defined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The motion's context as the event just left it, inside the event's transaction. */
async function contextIn(tx: PoolClient, id: string): Promise<MotionContext> {
  const { rows } = await tx.query<{ context: MotionContext }>(`SELECT snapshot->'context' AS context FROM workflow_instances WHERE id = $1`, [id]);
  return rows[0]!.context;
}
