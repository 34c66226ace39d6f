import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { statusOf, type MotionContext, type MotionInput } from '../../workflows/motion';
import { DomainError } from '../common/problem';
import { command, commandTable, creation } from '../engine/commands';
import {
  AddTaskDto,
  ApproveUrgentDecisionDto,
  CloseDto,
  CosignDto,
  CreateMotionDto,
  EditMotionDto,
  EditProposalDto,
  ProposalInputDto,
  ReasonDto,
  RecordOutcomeDto,
  RefuseCosignDto,
  RevokeUrgentDecisionDto,
  ScheduleDto,
  ScheduleUrgentDto,
  SequenceDto,
  UnscheduleDto,
  UpdateTaskDto,
  UrgentDecisionByLandratDto,
  UrgentDecisionDto,
} from './dto/motion-commands.dto';
import { MotionDto } from './dto/motion-view.dto';
import { MotionFacts, outcomesOf } from './motions.facts';
import { MotionView } from './motions.view';
import { isUniqueViolation } from '../common/pg-errors';

const writers = ['clerk', 'admin'] as const;
const trim = (s: string | undefined): string | undefined => s?.trim();

/**
 * Motions (Sitzungsvorlagen) for the Sitzungsdienst. Every command is one event of the motion
 * workflow; the facts its rule needs (catalogue, bodies, the meeting and its attendance) are looked
 * up in the event's transaction, never taken from the client.
 */
export const motionCommands = commandTable<MotionFacts, MotionDto>({
  workflow: 'motion',
  noun: 'Motion',
  resource: 'motions',
  key: 'motion',
  tag: 'motions',
  facts: MotionFacts,
  view: MotionView,
  viewDto: MotionDto,
  create: creation({
    body: CreateMotionDto,
    roles: writers,
    summary: 'Create a motion (draft) with its outline, proposals (legal basis from the catalogue) and optionally its Beratungsfolge',
    // a follow-up's reference and predecessor are looked up in the creating transaction
    input: async (f, { ctx, dto }) => {
      const { nonPublicSections: _, ...sections } = dto.outline ?? {};
      const input = {
        title: dto.title.trim(),
        department: dto.department.trim(),
        requiredCosigners: (dto.requiredCosigners ?? []).map((d) => d.trim()),
        outline: sections,
        proposals: await f.proposals(ctx, dto.proposals ?? []),
        steps: await f.steps(ctx, dto.steps ?? []),
        createdAt: f.now(),
      };
      const followUpOf = dto.followUpOf;
      if (followUpOf === undefined) return { ...input, reference: dto.reference! } satisfies MotionInput;
      return async (tx: PoolClient): Promise<MotionInput> => ({ ...input, ...(await f.followUp(tx, ctx, followUpOf, dto.reference)) });
    },
    // the non-public marks go into the listing row in the transaction that creates the motion
    after: async (f, { ctx, dto, tx, instance }) => {
      const marks = dto.outline?.nonPublicSections;
      if (marks?.length) await f.setNonPublicSections(tx, ctx, instance.id, marks);
      await f.linkPredecessor(tx, ctx, instance);
    },
    conflict: (error, dto) => {
      if (!isUniqueViolation(error)) return undefined;
      return dto.followUpOf === undefined
        ? new DomainError(409, 'MOTION.REFERENCE_EXISTS', `A motion ${dto.reference} already exists in your Körperschaft.`)
        : new DomainError(409, 'MOTION.FOLLOW_UP_EXISTS', `${dto.followUpOf} was followed up by another request at the same moment; nothing was written. Open ${dto.followUpOf} to see its follow-up.`);
    },
  }),
  // RELEASE is previewed with the competences it would be sent with
  preview: async (f, ctx, instance) => (statusOf(instance.state) === 'cosigning' ? { competences: await f.competences(ctx, instance.context as MotionContext) } : {}),
  commands: [
    command({
      event: 'EDIT_MOTION',
      method: 'PATCH',
      path: '',
      body: EditMotionDto,
      roles: writers,
      summary: 'Edit title, department, co-signers or outline sections (draft only)',
      facts: (_, { dto }) => {
        const { nonPublicSections: _marks, ...sections } = dto.outline ?? {};
        return {
          title: trim(dto.title),
          department: trim(dto.department),
          requiredCosigners: dto.requiredCosigners?.map((d) => d.trim()),
          outline: Object.keys(sections).length ? sections : undefined,
        };
      },
      // changed non-public marks share the event's transaction, so they too are draft-only; null leaves them
      after: async (f, { ctx, dto, tx, instance }) => {
        const marks = dto.outline?.nonPublicSections;
        if (marks) await f.setNonPublicSections(tx, ctx, instance.id, marks);
      },
    }),
    command({
      event: 'ADD_PROPOSAL',
      method: 'POST',
      path: 'proposals',
      status: 201,
      body: ProposalInputDto,
      roles: writers,
      summary: 'Add a resolution proposal (draft only)',
      facts: async (f, { ctx, dto }) => ({ ...(await f.proposals(ctx, [dto]))[0] }),
    }),
    command({
      event: 'EDIT_PROPOSAL',
      method: 'PATCH',
      path: 'proposals/:key',
      body: EditProposalDto,
      roles: writers,
      summary: 'Change a proposal’s text or legal basis; a text a body has seen gets a new version',
      facts: async (f, { ctx, dto, params }) => ({
        key: params.key,
        text: trim(dto.text),
        legalBasis: dto.legalBasis === undefined ? undefined : await f.legalBasis(ctx, dto.legalBasis),
      }),
    }),
    command({
      event: 'REMOVE_PROPOSAL',
      method: 'DELETE',
      path: 'proposals/:key',
      roles: writers,
      summary: 'Remove a proposal (draft only)',
      facts: (_, { params }) => ({ key: params.key }),
    }),
    command({
      event: 'SET_CONSULTATION_SEQUENCE',
      method: 'PUT',
      path: 'consultation-sequence',
      body: SequenceDto,
      roles: writers,
      summary: 'Set the Beratungsfolge: ordered steps of body id and role',
      facts: async (f, { ctx, dto }) => ({ steps: await f.steps(ctx, dto.steps) }),
    }),
    command({ event: 'SUBMIT_FOR_COSIGNING', method: 'POST', path: 'submit', roles: writers, summary: 'Submit for co-signing (Mitzeichnung)' }),
    command({
      event: 'COSIGN',
      method: 'POST',
      path: 'cosign',
      body: CosignDto,
      roles: writers,
      summary: 'Co-sign for a department',
      facts: (_, { dto }) => ({ department: dto.department.trim() }),
    }),
    command({
      event: 'REFUSE_COSIGN',
      method: 'POST',
      path: 'refuse-cosign',
      body: RefuseCosignDto,
      roles: writers,
      summary: 'Refuse to co-sign, with a reason: the motion returns to draft',
      facts: (_, { dto }) => ({ department: dto.department.trim(), reason: dto.reason.trim() }),
    }),
    command({
      event: 'RETURN_TO_DRAFT',
      method: 'POST',
      path: 'return-to-draft',
      body: ReasonDto,
      roles: writers,
      summary: 'Take a motion in co-signing back to draft (e.g. after a refused release), with a reason; the co-signatures are voided',
      facts: (_, { dto }) => ({ reason: dto.reason.trim() }),
    }),
    command({
      event: 'RELEASE',
      method: 'POST',
      path: 'release',
      roles: writers,
      summary: 'Release; refused (MOTION.NOT_COMPETENT) unless the deciding body holds every proposal’s legal basis',
      facts: async (f, { ctx, instance }) => ({ competences: await f.competences(ctx, instance.context as MotionContext) }),
    }),
    command({
      event: 'SCHEDULE',
      method: 'POST',
      path: 'schedule',
      body: ScheduleDto,
      roles: writers,
      summary: 'Place on a meeting’s agenda (checks body, date, Ladungsfrist and one open slot per body)',
      facts: async (f, { ctx, dto, tx, instance }) => ({
        stepIndex: dto.stepIndex,
        ...(await f.schedulingMeeting(tx, ctx, instance.id, dto.meetingId)),
        urgentReason: trim(dto.urgentReason),
      }),
      after: (f, { ctx, dto, tx, instance }) => f.addAgendaItem(tx, ctx, instance.id, instance.context as MotionContext, dto.meetingId, dto.public ?? true),
    }),
    command({
      event: 'UNSCHEDULE',
      method: 'POST',
      path: 'unschedule',
      body: UnscheduleDto,
      roles: writers,
      summary: 'Take off a meeting’s agenda (abgesetzt), with a reason',
      facts: async (f, { ctx, dto, tx }) => ({ ...(await f.unschedulingMeeting(tx, ctx, dto.meetingId)), reason: dto.reason.trim() }),
    }),
    command({
      event: 'RECORD_OUTCOME',
      method: 'POST',
      path: 'outcomes',
      body: RecordOutcomeDto,
      roles: writers,
      summary: 'Record a held meeting’s outcome and votes per proposal; attendance comes from the meeting',
      facts: async (f, { ctx, dto, tx }) => ({ ...(await f.decidingMeeting(tx, ctx, dto.meetingId)).facts, outcomes: outcomesOf(dto.outcomes) }),
    }),
    command({ event: 'REVISE', method: 'POST', path: 'revise', roles: writers, summary: 'Reopen the draft after a referral back (zurückverwiesen)' }),
    command({
      event: 'SCHEDULE_URGENT',
      method: 'POST',
      path: 'urgent-decision/schedule',
      body: ScheduleUrgentDto,
      roles: writers,
      summary: 'Dringlichkeitsvorlage: place on a Kreisausschuss (special) meeting’s agenda out of the step order, with the urgent invitation period and a reason (§ 50 Abs. 3 KrO NRW)',
      facts: async (f, { ctx, dto, tx, instance }) => {
        const { openAgendaMeetingIds: _, ...meeting } = await f.schedulingMeeting(tx, ctx, instance.id, dto.meetingId);
        return { ...meeting, ...(await f.bodyOf(ctx, meeting.bodyId)), urgentReason: dto.urgentReason.trim() };
      },
      after: (f, { ctx, dto, tx, instance }) => f.addAgendaItem(tx, ctx, instance.id, instance.context as MotionContext, dto.meetingId, dto.public ?? true),
    }),
    command({
      event: 'URGENT_DECISION',
      method: 'POST',
      path: 'urgent-decision',
      body: UrgentDecisionDto,
      roles: writers,
      summary: 'Dringlichkeitsentscheidung of the Kreisausschuss in place of the Kreistag (§ 50 Abs. 3 KrO NRW), in a held meeting',
      facts: async (f, { ctx, dto, tx }) => {
        const { meeting, facts } = await f.decidingMeeting(tx, ctx, dto.meetingId);
        return { ...facts, bodyId: meeting.bodyId, bodyName: meeting.body.name, bodyKind: meeting.body.kind, reason: dto.reason.trim(), outcomes: outcomesOf(dto.outcomes) };
      },
    }),
    command({
      event: 'URGENT_DECISION_BY_LANDRAT',
      method: 'POST',
      path: 'urgent-decision/landrat',
      body: UrgentDecisionByLandratDto,
      roles: writers,
      summary: 'Dringlichkeitsentscheidung of the Landrat with one member of the Kreisausschuss, outside a meeting, when even the Kreisausschuss cannot be convened in time (§ 50 Abs. 3 KrO NRW)',
      facts: async (f, { ctx, dto, tx }) => ({ ...(await f.landratAndMember(tx, ctx, dto.landratPersonId, dto.memberPersonId)), reason: dto.reason.trim(), outcomes: outcomesOf(dto.outcomes) }),
    }),
    command({
      event: 'APPROVE_URGENT_DECISION',
      method: 'POST',
      path: 'urgent-decision/approve',
      body: ApproveUrgentDecisionDto,
      roles: writers,
      summary: 'The Kreistag approves the Dringlichkeitsentscheidung (Genehmigung)',
      facts: async (f, { ctx, dto, tx }) => {
        const { meeting, facts } = await f.decidingMeeting(tx, ctx, dto.meetingId);
        return { ...facts, bodyId: meeting.bodyId, votes: { ...dto.votes } };
      },
    }),
    command({
      event: 'REVOKE_URGENT_DECISION',
      method: 'POST',
      path: 'urgent-decision/revoke',
      body: RevokeUrgentDecisionDto,
      roles: writers,
      summary: 'The Kreistag revokes the Dringlichkeitsentscheidung (Aufhebung); the motion returns to its decision step',
      facts: async (f, { ctx, dto, tx }) => {
        const { meeting, facts } = await f.decidingMeeting(tx, ctx, dto.meetingId);
        return { ...facts, bodyId: meeting.bodyId, votes: { ...dto.votes }, reason: dto.reason.trim(), thirdPartyRightsArisen: dto.thirdPartyRightsArisen ?? false };
      },
    }),
    command({
      event: 'WITHDRAW',
      method: 'POST',
      path: 'withdraw',
      body: ReasonDto,
      roles: writers,
      summary: 'Withdraw (zurückziehen) until the decision; MOTION.ALREADY_DECIDED after it',
      facts: (_, { dto }) => ({ reason: dto.reason.trim() }),
    }),
    command({
      event: 'ADD_TASK',
      method: 'POST',
      path: 'tasks',
      status: 201,
      body: AddTaskDto,
      roles: writers,
      summary: 'Add an implementation task (Beschlusskontrolle) to a decided motion',
      facts: (_, { dto }) => ({ taskId: dto.taskId ?? randomUUID(), title: dto.title.trim(), owner: dto.owner.trim(), dueDate: dto.dueDate, proposalKey: dto.proposalKey }),
    }),
    command({
      event: 'UPDATE_TASK',
      method: 'PATCH',
      path: 'tasks/:taskId',
      body: UpdateTaskDto,
      roles: writers,
      summary: 'Report on a task: status, report text, owner or due date',
      facts: (_, { dto, params }) => ({ taskId: params.taskId, status: dto.status, report: trim(dto.report), owner: trim(dto.owner), dueDate: dto.dueDate }),
    }),
    command({ event: 'COMPLETE_IMPLEMENTATION', method: 'POST', path: 'complete-implementation', roles: writers, summary: 'Close the Beschlusskontrolle once every task is done or cancelled' }),
    command({
      event: 'CLOSE',
      method: 'POST',
      path: 'close',
      body: CloseDto,
      roles: writers,
      summary: 'Close a decided motion that adopted nothing (nothing to implement)',
      facts: (_, { dto }) => ({ reason: trim(dto.reason) }),
    }),
  ],
});
