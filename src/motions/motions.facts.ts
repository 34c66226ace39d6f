import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import {
  baseReference,
  checkFollowUp,
  hasAdoptedDecision,
  type ConsultationStep,
  type LegalBasis,
  type MotionContext,
  type MotionStatus,
  type Predecessor,
  type ProposalOutcomeInput,
} from '../../workflows/motion';
import { berlinDate, toBerlinIso } from '../common/berlin-time';
import { invalid } from '../common/problem';
import { Clock } from '../common/clock';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord, RequestContext } from '../engine/types';
import { MeetingsRepository, type LockedMeeting } from '../meetings/meetings.repository';
import { CouncilService } from '../council/council.service';
import type { ProposalInputDto, ProposalOutcomeDto, StepInputDto } from './dto/motion-commands.dto';
import { MotionsRepository } from './motions.repository';

/**
 * The facts motion events carry, looked up in the event's transaction: the catalogue's legal bases
 * and competences, the bodies of the Beratungsfolge, and the meeting a consultation happens in. The
 * client never supplies them; the log keeps them with the event.
 */
@Injectable()
export class MotionFacts {
  constructor(
    private readonly bodies: CouncilService,
    private readonly repository: MotionsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly engine: EngineService,
    private readonly clock: Clock,
  ) {}

  /**
   * The motions module's answer to other workflows: is `id` a motion of the tenant, and did its decision
   * adopt a proposal (the motion workflow's own query)? With its reference, so the asker's messages can
   * name it as people do. Asked inside the asking event's transaction (without one, as committed now).
   */
  async decision(tx: PoolClient | undefined, tenant: string, id: string): Promise<{ found: false } | { found: true; workflowType: string; adopted: boolean; reference: string | null }> {
    const kind = await this.repository.instanceKind(tx, tenant, id);
    if (!kind) return { found: false };
    return { found: true, workflowType: kind.workflowType, adopted: kind.workflowType === 'motion' && hasAdoptedDecision(kind.context), reference: kind.reference };
  }

  /**
   * A follow-up's reference and predecessor: the motion named by `followUpOf` (id or reference) in the
   * creating transaction, judged by the motion workflow's `checkFollowUp` (withdrawn, not yet followed
   * up, the next free follow-up number). Refused with the rule's code; nothing is written.
   */
  async followUp(tx: PoolClient, ctx: RequestContext, followUpOf: string, requested: string | undefined): Promise<{ reference: string; predecessor: Predecessor }> {
    const found = await this.repository.withSuccessor(tx, ctx.tenant, followUpOf);
    if (!found) throw invalid('MOTION.PREDECESSOR_NOT_FOUND', `There is no motion ${followUpOf} in your Körperschaft; name the withdrawn motion by its reference or id.`, { followUpOf });
    const fact = { ...found, status: found.status as MotionStatus };
    const checked = checkFollowUp(fact, await this.repository.followUpReferences(tx, ctx.tenant, baseReference(found.reference)), requested);
    if (!('reference' in checked)) {
      const [first] = checked.violations;
      throw invalid(first!.code, checked.violations.map((v) => v.message).join(' '), { violations: checked.violations, predecessor: { id: found.id, reference: found.reference, status: found.status }, successor: found.successor });
    }
    return { reference: checked.reference, predecessor: checked.predecessor };
  }

  /** The audit's decision record shows the withdrawn motion and its follow-up together. */
  async linkPredecessor(tx: PoolClient, ctx: RequestContext, instance: InstanceRecord): Promise<void> {
    const predecessor = (instance.context as MotionContext).predecessor;
    if (predecessor) await this.engine.link(ctx, predecessor.id, instance.id, 'followedBy', tx);
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  async proposals(ctx: RequestContext, list: readonly ProposalInputDto[]): Promise<{ key: string; text: string; legalBasis: LegalBasis }[]> {
    const result = [];
    for (const p of list) result.push({ key: p.key, text: p.text.trim(), legalBasis: await this.legalBasis(ctx, p.legalBasis) });
    return result;
  }

  /** The legal basis as the catalogue has it: a reserved competence names the only kinds that may decide. */
  async legalBasis(ctx: RequestContext, citation: string): Promise<LegalBasis> {
    const entry = await this.bodies.competenceByCitation(ctx, citation);
    return plain({
      citation: entry.citation,
      competentBodyKinds: entry.reserved ? entry.holderKinds : undefined,
      majority: entry.majority ?? undefined,
    });
  }

  /** Steps by body id; the names and kinds come from the bodies table. */
  async steps(ctx: RequestContext, steps: readonly StepInputDto[]): Promise<ConsultationStep[]> {
    const bodies = await this.bodies.bodiesById(ctx, steps.map((s) => s.bodyId), 'MOTION.UNKNOWN_BODY');
    return steps.map((s) => {
      const body = bodies.get(s.bodyId)!;
      return { bodyId: body.id, bodyName: body.name, bodyKind: body.kind, role: s.role };
    });
  }

  /** Competences of every body in the motion's Beratungsfolge, from the catalogue. */
  async competences(ctx: RequestContext, context: MotionContext) {
    return this.bodies.competences(ctx, await this.bodies.findBodies(ctx, context.steps.map((s) => s.bodyId)));
  }

  setNonPublicSections(tx: PoolClient, ctx: RequestContext, id: string, sections: readonly string[]): Promise<void> {
    return this.repository.setNonPublicSections(tx, ctx.tenant, id, sections);
  }

  /**
   * The meeting a motion is put on, locked against a concurrent cancellation: its state (the machine
   * refuses a closed agenda) and its body's invitation periods.
   */
  async schedulingMeeting(tx: PoolClient, ctx: RequestContext, motionId: string, meetingId: string) {
    const meeting = await this.meetings.lockMeeting(tx, ctx.tenant, meetingId);
    return {
      meetingId: meeting.id,
      meeting: { state: meeting.state },
      bodyId: meeting.bodyId,
      meetingStart: toBerlinIso(meeting.start),
      invitationDate: meeting.invitationDate ?? undefined,
      invitationPeriodDays: meeting.body.invitationPeriodDays,
      urgentInvitationPeriodDays: meeting.body.urgentInvitationPeriodDays,
      openAgendaMeetingIds: await this.meetings.openAgendaMeetingIds(tx, ctx.tenant, meeting.bodyId, motionId),
    };
  }

  /** A body's name and kind, for events that name the body they concern. */
  async bodyOf(ctx: RequestContext, bodyId: string): Promise<{ bodyName: string; bodyKind: string }> {
    const body = (await this.bodies.bodiesById(ctx, [bodyId], 'MOTION.UNKNOWN_BODY')).get(bodyId)!;
    return { bodyName: body.name, bodyKind: body.kind };
  }

  /**
   * The Landrat and the member of the Kreisausschuss, by name; whether the member holds a seat on the
   * Kreisausschuss today (the machine refuses one who does not). Unknown person ids are a 422 here.
   */
  async landratAndMember(tx: PoolClient, ctx: RequestContext, landratId: string, memberId: string) {
    const ka = (await this.bodies.listBodies(ctx)).find((b) => b.kind === 'kreisausschuss');
    if (!ka) throw invalid('MOTION.UNKNOWN_BODY', 'Your Körperschaft has no Kreisausschuss.', {});
    const today = berlinDate(this.clock.now());
    const found = await this.meetings.attendees(ctx.tenant, ka.id, today, [landratId, memberId]);
    const person = (id: string) => {
      const p = found.find((a) => a.person.id === id);
      if (!p) throw invalid('MOTION.UNKNOWN_PERSON', `There is no person ${id} in your Körperschaft.`, { personIds: [id] });
      return p;
    };
    const landrat = person(landratId);
    const member = person(memberId);
    return {
      bodyId: ka.id,
      bodyName: ka.name,
      landrat: { personId: landrat.person.id, name: landrat.person.name },
      member: { personId: member.person.id, name: member.person.name, seated: (await this.meetings.seatsOn(tx, ctx.tenant, ka.id, today)).has(memberId) },
    };
  }

  /** The meeting a motion is taken off, locked; the machine checks its agenda can still change. */
  async unschedulingMeeting(tx: PoolClient, ctx: RequestContext, meetingId: string): Promise<{ meetingId: string; meeting: { state: string; bodyName: string; start: string } }> {
    const meeting = await this.meetings.lockMeeting(tx, ctx.tenant, meetingId);
    return { meetingId: meeting.id, meeting: { state: meeting.state, bodyName: meeting.body.name, start: toBerlinIso(meeting.start) } };
  }

  /**
   * A meeting that decides, locked against the approval of its minutes meanwhile: its state and its
   * recorded attendance go into the event, where the machine's rules check them (held with its
   * minutes open; attendance for the decisions that need a quorum).
   */
  async decidingMeeting(tx: PoolClient, ctx: RequestContext, meetingId: string) {
    const meeting = await this.meetings.lockMeeting(tx, ctx.tenant, meetingId, 'SHARE');
    return { meeting, facts: { meetingId: meeting.id, meeting: meetingRecord(meeting), attendance: this.meetings.attendanceOf(meeting) ?? null } };
  }

  /** The agenda item of a consultation just scheduled, in the SCHEDULE event's transaction. */
  async addAgendaItem(tx: PoolClient, ctx: RequestContext, motionId: string, context: MotionContext, meetingId: string, isPublic: boolean): Promise<void> {
    const consultation = context.consultations.findLast((c) => c.status === 'scheduled' && c.meetingId === meetingId);
    if (!consultation) throw new Error(`SCHEDULE left no scheduled consultation for meeting ${meetingId}`);
    await this.meetings.appendAgendaItem(tx, {
      tenant: ctx.tenant,
      meetingId,
      title: `${ITEM_PREFIX[consultation.role] ?? ''}${context.reference}: ${context.title}`,
      public: isPublic,
      motionInstanceId: motionId,
      consultationNo: consultation.no,
      at: this.clock.now(),
    });
  }
}

/** The meeting as its own workflow records it: state, body, start, the day its invitation went out, when it was held. */
function meetingRecord(m: LockedMeeting) {
  return { state: m.state, bodyName: m.body.name, start: toBerlinIso(m.start), invitationDate: m.invitationDate, heldAt: m.heldAt && toBerlinIso(m.heldAt) };
}

/** How the urgent procedure's items read on the agenda (§ 50 Abs. 3 KrO NRW). */
const ITEM_PREFIX: Partial<Record<string, string>> = {
  dringlichkeitsentscheidung: 'Dringlichkeitsvorlage ',
  genehmigung: 'Genehmigung der Dringlichkeitsentscheidung ',
};

/** Outcomes per proposal key, as the machine takes them. */
export function outcomesOf(list: readonly ProposalOutcomeDto[]): Record<string, ProposalOutcomeInput> {
  return Object.fromEntries(
    list.map((o) => [o.proposalKey, plain({ outcome: o.outcome, votes: o.votes && { ...o.votes }, amendedText: o.amendedText?.trim() }) as ProposalOutcomeInput]),
  );
}

/** Undefined fields dropped (the engine normalises the whole payload too; this keeps types honest). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
