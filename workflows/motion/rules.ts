/**
 * The motion rules. Each is a small function `(context, event) => Violation | undefined`; the
 * machine's named guards and `explain` both run them through `violations()`, so a refusal always
 * names the rule that refused it.
 */
import { sameCitation } from './citation';
import type { Violation } from '../definition';
import { agendaOpen, itemRemovable, MeetingViolation, outcomesRecordable } from '../meeting/rules';
import type { Rule as KitRule } from '../shared/rules-kit';
import { berlinDate, berlinDateTime, daysBetween, isInstant, isIsoDate, instantMs, type IsoDate } from '../shared/calendar';
import type {
  AddProposal,
  AddTask,
  ApproveUrgentDecision,
  Attendance,
  Competences,
  Consultation,
  ConsultationRole,
  ConsultationStep,
  Cosign,
  EditProposal,
  Majority,
  MeetingFact,
  MotionContext,
  NamedPerson,
  Outcome,
  Proposal,
  ProposalOutcomeInput,
  RecordOutcome,
  RefuseCosign,
  RemoveProposal,
  RevokeUrgentDecision,
  Schedule,
  ScheduleUrgent,
  SetConsultationSequence,
  Unschedule,
  UpdateTask,
  UrgentDecision,
  UrgentDecisionByLandrat,
  Votes,
} from './types';

export const MotionViolation = {
  DUPLICATE_PROPOSAL: 'MOTION.DUPLICATE_PROPOSAL',
  UNKNOWN_PROPOSAL: 'MOTION.UNKNOWN_PROPOSAL',
  TEXT_REQUIRED: 'MOTION.TEXT_REQUIRED',
  LEGAL_BASIS_MISSING: 'MOTION.LEGAL_BASIS_MISSING',
  INVALID_STEP: 'MOTION.INVALID_STEP',
  NO_PROPOSALS: 'MOTION.NO_PROPOSALS',
  NO_DECIDING_STEP: 'MOTION.NO_DECIDING_STEP',
  MULTIPLE_DECIDING_STEPS: 'MOTION.MULTIPLE_DECIDING_STEPS',
  STEP_AFTER_DECISION: 'MOTION.STEP_AFTER_DECISION',
  NOT_A_COSIGNER: 'MOTION.NOT_A_COSIGNER',
  ALREADY_COSIGNED: 'MOTION.ALREADY_COSIGNED',
  COSIGN_MISSING: 'MOTION.COSIGN_MISSING',
  NOT_COMPETENT: 'MOTION.NOT_COMPETENT',
  REASON_REQUIRED: 'MOTION.REASON_REQUIRED',
  UNKNOWN_STEP: 'MOTION.UNKNOWN_STEP',
  STEP_NOT_CURRENT: 'MOTION.STEP_NOT_CURRENT',
  STEP_COMPLETED: 'MOTION.STEP_COMPLETED',
  WRONG_BODY: 'MOTION.WRONG_BODY',
  INVALID_DATE: 'MOTION.INVALID_DATE',
  MEETING_IN_PAST: 'MOTION.MEETING_IN_PAST',
  INVITATION_TOO_LATE: 'MOTION.INVITATION_TOO_LATE',
  ALREADY_ON_OPEN_AGENDA: 'MOTION.ALREADY_ON_OPEN_AGENDA',
  NOT_ON_AGENDA: 'MOTION.NOT_ON_AGENDA',
  MEETING_NOT_YET_HELD: 'MOTION.MEETING_NOT_YET_HELD',
  OUTCOME_MISSING: 'MOTION.OUTCOME_MISSING',
  OUTCOME_NOT_ALLOWED: 'MOTION.OUTCOME_NOT_ALLOWED',
  MIXED_PROCEDURAL_OUTCOME: 'MOTION.MIXED_PROCEDURAL_OUTCOME',
  ATTENDANCE_MISSING: 'MOTION.ATTENDANCE_MISSING',
  INVALID_ATTENDANCE: 'MOTION.INVALID_ATTENDANCE',
  NO_QUORUM: 'MOTION.NO_QUORUM',
  VOTES_MISSING: 'MOTION.VOTES_MISSING',
  INVALID_VOTES: 'MOTION.INVALID_VOTES',
  RESULT_CONTRADICTS_VOTES: 'MOTION.RESULT_CONTRADICTS_VOTES',
  AMENDMENT_TEXT_MISSING: 'MOTION.AMENDMENT_TEXT_MISSING',
  AMENDMENT_TEXT_UNEXPECTED: 'MOTION.AMENDMENT_TEXT_UNEXPECTED',
  URGENT_DECISION_NOT_APPLICABLE: 'MOTION.URGENT_DECISION_NOT_APPLICABLE',
  REVOCATION_BARRED: 'MOTION.REVOCATION_BARRED',
  NO_URGENT_DECISION: 'MOTION.NO_URGENT_DECISION',
  URGENT_ITEM: 'MOTION.URGENT_ITEM',
  DECIDERS_MISSING: 'MOTION.DECIDERS_MISSING',
  DUPLICATE_TASK: 'MOTION.DUPLICATE_TASK',
  TASK_INCOMPLETE: 'MOTION.TASK_INCOMPLETE',
  PROPOSAL_NOT_ADOPTED: 'MOTION.PROPOSAL_NOT_ADOPTED',
  UNKNOWN_TASK: 'MOTION.UNKNOWN_TASK',
  TASK_CLOSED: 'MOTION.TASK_CLOSED',
  EMPTY_UPDATE: 'MOTION.EMPTY_UPDATE',
  TASKS_OPEN: 'MOTION.TASKS_OPEN',
  IMPLEMENTATION_REQUIRED: 'MOTION.IMPLEMENTATION_REQUIRED',
} as const;
export type MotionViolationCode = (typeof MotionViolation)[keyof typeof MotionViolation];

export type Rule<E> = KitRule<MotionContext, E>;

/** Every violation the rules find, in rule order; empty means the guard passes. */
export function violations<E>(rules: readonly Rule<E>[], context: MotionContext, event: E): Violation[] {
  return rules.map((rule) => rule(context, event)).filter((v): v is Violation => v !== undefined);
}

export function passes<E>(rules: readonly Rule<E>[], context: MotionContext, event: E): boolean {
  return rules.every((rule) => rule(context, event) === undefined);
}

const fail = (code: MotionViolationCode, message: string): Violation => ({ code, message });
const blank = (s: string | undefined | null): boolean => (s ?? '').trim() === '';
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

// ---- derived facts ------------------------------------------------------------------------

const BODY_KINDS = ['kreistag', 'kreisausschuss', 'ausschuss'] as const;
const STEP_ROLES = ['vorberatung', 'entscheidung', 'kenntnisnahme', 'anhoerung'] as const;

const ROLE_LABEL: Record<ConsultationRole, string> = {
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
  kenntnisnahme: 'Kenntnisnahme',
  anhoerung: 'Anhörung',
  dringlichkeitsentscheidung: 'Dringlichkeitsentscheidung',
  genehmigung: 'Genehmigung',
  aufhebung: 'Aufhebung',
};

export const describeStep = (index: number, step: ConsultationStep): string =>
  `step ${index + 1}, ${step.bodyName} (${ROLE_LABEL[step.role]})`;

/** Kenntnisnahme steps run beside the sequence and never block it; all other steps are in order. */
export const blocksSequence = (step: ConsultationStep): boolean => step.role !== 'kenntnisnahme';

export function currentVersion(proposal: Proposal) {
  const last = proposal.versions[proposal.versions.length - 1];
  if (!last) throw new Error(`proposal ${proposal.key} has no text`);
  return last;
}

export const findProposal = (context: MotionContext, key: string): Proposal | undefined =>
  context.proposals.find((p) => p.key === key);

export function decidingStepIndexes(steps: readonly ConsultationStep[]): number[] {
  return steps.flatMap((s, i) => (s.role === 'entscheidung' ? [i] : []));
}

/** The one Entscheidung step, when there is exactly one. */
export function decidingStep(context: MotionContext): { index: number; step: ConsultationStep } | undefined {
  const [index, ...more] = decidingStepIndexes(context.steps);
  const step = index === undefined ? undefined : context.steps[index];
  return step && more.length === 0 ? { index: index!, step } : undefined;
}

export function firstSequenceStep(steps: readonly ConsultationStep[]): number | null {
  const i = steps.findIndex(blocksSequence);
  return i < 0 ? null : i;
}

export function nextSequenceStep(steps: readonly ConsultationStep[], after: number): number | null {
  const i = steps.findIndex((s, j) => j > after && blocksSequence(s));
  return i < 0 ? null : i;
}

export const openConsultations = (context: MotionContext): Consultation[] =>
  context.consultations.filter((c) => c.status === 'scheduled');

export const openConsultationAt = (context: MotionContext, meetingId: string): Consultation | undefined =>
  context.consultations.find((c) => c.status === 'scheduled' && c.meetingId === meetingId);

/** A Kenntnisnahme step is done once its body took note of the motion. */
export function isNoted(context: MotionContext, stepIndex: number): boolean {
  const step = context.steps[stepIndex];
  return (
    !!step &&
    context.consultations.some(
      (c) =>
        c.stepIndex === stepIndex &&
        c.bodyId === step.bodyId &&
        c.role === 'kenntnisnahme' &&
        c.status === 'held' &&
        Object.values(c.results ?? {}).every((r) => r.outcome === 'takenNote'),
    )
  );
}

/** Kenntnisnahme steps neither noted nor currently on an agenda. */
export function schedulableKenntnisnahmeSteps(context: MotionContext): number[] {
  return context.steps.flatMap((s, i) =>
    s.role === 'kenntnisnahme' && !isNoted(context, i) && !openConsultations(context).some((c) => c.stepIndex === i && c.role === 'kenntnisnahme')
      ? [i]
      : [],
  );
}

/**
 * The step a SCHEDULE event is for: its `stepIndex`, else the current step when `bodyId` is its
 * body, else the first open Kenntnisnahme step of that body, else a later step of that body (which
 * the rules then refuse as not current), else the current step.
 */
export function scheduleTarget(context: MotionContext, event: Pick<Schedule, 'stepIndex' | 'bodyId'>): number | null {
  if (event.stepIndex !== undefined) return event.stepIndex;
  const current = context.currentStepIndex;
  if (current !== null && context.steps[current]?.bodyId === event.bodyId) return current;
  const noting = context.steps.findIndex((s, i) => s.role === 'kenntnisnahme' && s.bodyId === event.bodyId && !isNoted(context, i));
  if (noting >= 0) return noting;
  // a step of that body that is not due yet, so the refusal can say so
  const later = context.steps.findIndex((s, i) => s.bodyId === event.bodyId && (current === null || i > current));
  return later >= 0 ? later : current;
}

export const pendingCosigners = (context: MotionContext): string[] =>
  context.requiredCosigners.filter((d) => !context.cosignatures.some((c) => c.department === d));

export const adoptedKeys = (context: MotionContext): string[] =>
  Object.entries(context.decision?.outcomes ?? {}).flatMap(([key, o]) => (o === 'rejected' ? [] : [key]));

export { sameCitation };

/** When the invitation for this agenda item goes out, and how many days ahead of the meeting that is. */
/** What the scheduling rules read: the meeting's date, its invitation and the body's periods. */
export type ScheduleFacts = Pick<Schedule, 'at' | 'meetingStart' | 'invitationDate' | 'invitationPeriodDays' | 'urgentInvitationPeriodDays' | 'urgentReason'>;

export function invitationPlan(event: ScheduleFacts):
  | { sendDay: IsoDate; meetingDay: IsoDate; leadDays: number; inTime: boolean; urgent: boolean }
  | undefined {
  const today = berlinDate(event.at);
  const meetingDay = berlinDate(event.meetingStart);
  const planned = event.invitationDate === undefined ? today : berlinDate(event.invitationDate);
  if (!today || !meetingDay || !planned) return undefined;
  // An invitation that already went out cannot carry a new item: a supplementary one goes out today.
  const sendDay = planned < today ? today : planned;
  const leadDays = daysBetween(sendDay, meetingDay);
  if (leadDays >= event.invitationPeriodDays) return { sendDay, meetingDay, leadDays, inTime: true, urgent: false };
  const urgentOk =
    !blank(event.urgentReason) && event.urgentInvitationPeriodDays !== undefined && leadDays >= event.urgentInvitationPeriodDays;
  return { sendDay, meetingDay, leadDays, inTime: urgentOk, urgent: urgentOk };
}

// ---- votes --------------------------------------------------------------------------------

/** Beschlussfähigkeit: more than half of the statutory members present. */
export const hasQuorum = (a: Attendance): boolean => 2 * a.present > a.statutoryMembers;

export function carried(votes: Votes, attendance: Attendance | undefined, majority: Majority): boolean {
  const statutory = attendance?.statutoryMembers ?? 0;
  switch (majority) {
    case 'simple':
      return votes.ja > votes.nein;
    case 'majorityOfStatutoryMembers':
      return 2 * votes.ja > statutory;
    case 'twoThirdsOfStatutoryMembers':
      return 3 * votes.ja >= 2 * statutory;
    case 'twoThirdsOfVotesCast':
      return votes.ja > 0 && 3 * votes.ja >= 2 * (votes.ja + votes.nein);
  }
}

const MAJORITY_LABEL: Record<Majority, string> = {
  simple: 'more Ja than Nein',
  majorityOfStatutoryMembers: 'Ja from more than half of the statutory members',
  twoThirdsOfStatutoryMembers: 'Ja from two thirds of the statutory members',
  twoThirdsOfVotesCast: 'two thirds of the votes cast',
};

const countsOf = (v: Votes): string => `${v.ja} Ja, ${v.nein} Nein, ${v.enthaltung} Enthaltung, ${v.befangen} befangen`;

function attendanceProblem(a: Attendance | undefined): Violation | undefined {
  if (a === undefined) return undefined;
  if (!isCount(a.present) || !isCount(a.statutoryMembers) || a.statutoryMembers === 0) {
    return fail(MotionViolation.INVALID_ATTENDANCE, 'Attendance needs whole, non-negative numbers and at least one statutory member.');
  }
  return undefined;
}

function quorumProblem(a: Attendance | undefined, body: string): Violation | undefined {
  if (a === undefined || attendanceProblem(a) || hasQuorum(a)) return undefined;
  return fail(
    MotionViolation.NO_QUORUM,
    `${body} was not quorate: ${a.present} of ${a.statutoryMembers} statutory members present, more than half (${Math.floor(a.statutoryMembers / 2) + 1}) are needed.`,
  );
}

function votesProblem(v: Votes, a: Attendance | undefined, what: string): Violation | undefined {
  if (![v.ja, v.nein, v.enthaltung, v.befangen].every(isCount)) {
    return fail(MotionViolation.INVALID_VOTES, `The votes on ${what} must be whole, non-negative numbers.`);
  }
  const total = v.ja + v.nein + v.enthaltung + v.befangen;
  if (a && !attendanceProblem(a) && total > a.present) {
    return fail(MotionViolation.INVALID_VOTES, `The votes on ${what} (${countsOf(v)}) add up to ${total}, but only ${a.present} members were present.`);
  }
  return undefined;
}

// ---- deliberation (RECORD_OUTCOME, URGENT_DECISION) ---------------------------------------

/** What a body resolved on the motion, whichever event carried it. */
export interface Deliberation {
  role: ConsultationRole;
  bodyName: string;
  outcomes: Record<string, ProposalOutcomeInput>;
  attendance?: Attendance | undefined;
}

export const OUTCOMES_BY_ROLE: Record<ConsultationRole, readonly Outcome[]> = {
  vorberatung: ['recommended', 'recommendedWithAmendment', 'notRecommended', 'postponed', 'referredBack'],
  anhoerung: ['recommended', 'recommendedWithAmendment', 'notRecommended', 'postponed', 'referredBack'],
  entscheidung: ['adopted', 'adoptedWithAmendment', 'rejected', 'postponed'],
  kenntnisnahme: ['takenNote', 'postponed'],
  dringlichkeitsentscheidung: ['adopted', 'adoptedWithAmendment', 'rejected'],
  genehmigung: [],
  aufhebung: [],
};

const PROCEDURAL: readonly Outcome[] = ['postponed', 'referredBack'];
const POSITIVE: readonly Outcome[] = ['recommended', 'recommendedWithAmendment', 'adopted', 'adoptedWithAmendment'];
const NEGATIVE: readonly Outcome[] = ['notRecommended', 'rejected'];
const AMENDING: readonly Outcome[] = ['recommendedWithAmendment', 'adoptedWithAmendment'];
/** Outcomes the body votes on, so they need votes and a quorate body. */
export const VOTED: readonly Outcome[] = [...POSITIVE, ...NEGATIVE];
/** A referral back is a resolution too, but it carries no votes per proposal. */
const NEEDS_QUORUM: readonly Outcome[] = [...VOTED, 'referredBack'];

const isDeciding = (role: ConsultationRole): boolean => role === 'entscheidung' || role === 'dringlichkeitsentscheidung';

/** The outcomes of known proposals, in proposal order. */
function entries(context: MotionContext, d: Deliberation): [Proposal, ProposalOutcomeInput][] {
  return context.proposals.flatMap((p) => {
    const o = d.outcomes[p.key];
    return o ? [[p, o] as [Proposal, ProposalOutcomeInput]] : [];
  });
}

export const outcomesForKnownProposals: Rule<Deliberation> = (c, d) => {
  const unknown = Object.keys(d.outcomes).filter((k) => !findProposal(c, k));
  return unknown.length ? fail(MotionViolation.UNKNOWN_PROPOSAL, `The motion has no proposal ${unknown.join(', ')}.`) : undefined;
};

export const outcomeForEveryProposal: Rule<Deliberation> = (c, d) => {
  const missing = c.proposals.filter((p) => !d.outcomes[p.key]).map((p) => p.key);
  return missing.length
    ? fail(MotionViolation.OUTCOME_MISSING, `Each proposal gets its own outcome; missing for proposal ${missing.join(', ')}.`)
    : undefined;
};

export const outcomesFitRole: Rule<Deliberation> = (c, d) => {
  const allowed = OUTCOMES_BY_ROLE[d.role];
  const wrong = entries(c, d).filter(([, o]) => !allowed.includes(o.outcome));
  return wrong.length
    ? fail(
        MotionViolation.OUTCOME_NOT_ALLOWED,
        `A ${ROLE_LABEL[d.role]} can end in ${allowed.join(', ')}; not in ${wrong.map(([p, o]) => `${o.outcome} (proposal ${p.key})`).join(', ')}.`,
      )
    : undefined;
};

export const proceduralOutcomeUniform: Rule<Deliberation> = (c, d) => {
  const outcomes = entries(c, d).map(([, o]) => o.outcome);
  const procedural = outcomes.find((o) => PROCEDURAL.includes(o));
  return procedural && outcomes.some((o) => o !== procedural)
    ? fail(MotionViolation.MIXED_PROCEDURAL_OUTCOME, `A motion is ${procedural} as a whole: every proposal must then have that outcome.`)
    : undefined;
};

const needsQuorum = (c: MotionContext, d: Deliberation): boolean => entries(c, d).some(([, o]) => NEEDS_QUORUM.includes(o.outcome));

export const attendanceRecorded: Rule<Deliberation> = (c, d) =>
  needsQuorum(c, d) && !d.attendance
    ? fail(MotionViolation.ATTENDANCE_MISSING, `Record the attendance at ${d.bodyName}: a resolution needs a quorate body.`)
    : undefined;

export const attendancePlausible: Rule<Deliberation> = (_c, d) => attendanceProblem(d.attendance);

export const quorate: Rule<Deliberation> = (c, d) => (needsQuorum(c, d) ? quorumProblem(d.attendance, d.bodyName) : undefined);

export const votesRecorded: Rule<Deliberation> = (c, d) => {
  const missing = entries(c, d).filter(([, o]) => VOTED.includes(o.outcome) && !o.votes);
  return missing.length
    ? fail(MotionViolation.VOTES_MISSING, `Record Ja, Nein, Enthaltung and Befangen for proposal ${missing.map(([p]) => p.key).join(', ')}.`)
    : undefined;
};

export const votesPlausible: Rule<Deliberation> = (c, d) => {
  for (const [p, o] of entries(c, d)) {
    const problem = o.votes && votesProblem(o.votes, d.attendance, `proposal ${p.key}`);
    if (problem) return problem;
  }
  return undefined;
};

export const resultAgreesWithVotes: Rule<Deliberation> = (c, d) => {
  const wrong = entries(c, d).flatMap(([p, o]) => {
    if (!o.votes || votesProblem(o.votes, d.attendance, '') || !(POSITIVE.includes(o.outcome) || NEGATIVE.includes(o.outcome))) return [];
    const majority: Majority = isDeciding(d.role) ? (p.legalBasis.majority ?? 'simple') : 'simple';
    if (majority !== 'simple' && (!d.attendance || attendanceProblem(d.attendance))) return [];
    const yes = carried(o.votes, d.attendance, majority);
    return yes === POSITIVE.includes(o.outcome)
      ? []
      : [`proposal ${p.key} is recorded as ${o.outcome}, but ${countsOf(o.votes)} ${yes ? 'carries' : 'does not carry'} it (it needs ${MAJORITY_LABEL[majority]})`];
  });
  return wrong.length ? fail(MotionViolation.RESULT_CONTRADICTS_VOTES, `The result contradicts the votes: ${wrong.join('; ')}.`) : undefined;
};

export const amendmentHasText: Rule<Deliberation> = (c, d) => {
  const missing = entries(c, d).filter(
    ([p, o]) => AMENDING.includes(o.outcome) && (blank(o.amendedText) || o.amendedText === currentVersion(p).text),
  );
  return missing.length
    ? fail(MotionViolation.AMENDMENT_TEXT_MISSING, `An amendment needs the changed text of proposal ${missing.map(([p]) => p.key).join(', ')}.`)
    : undefined;
};

export const amendmentOnlyWithAmendingOutcome: Rule<Deliberation> = (c, d) => {
  const stray = entries(c, d).filter(([, o]) => o.amendedText !== undefined && !AMENDING.includes(o.outcome));
  return stray.length
    ? fail(
        MotionViolation.AMENDMENT_TEXT_UNEXPECTED,
        `Proposal ${stray.map(([p]) => p.key).join(', ')} has a changed text but an outcome without amendment; record it as "…WithAmendment" or drop the text.`,
      )
    : undefined;
};

export const deliberationRules: readonly Rule<Deliberation>[] = [
  outcomesForKnownProposals,
  outcomeForEveryProposal,
  outcomesFitRole,
  proceduralOutcomeUniform,
  attendanceRecorded,
  attendancePlausible,
  quorate,
  votesRecorded,
  votesPlausible,
  resultAgreesWithVotes,
  amendmentHasText,
  amendmentOnlyWithAmendingOutcome,
];

export const uniformOutcome = (d: Pick<Deliberation, 'outcomes'>, outcome: Outcome): boolean => {
  const all = Object.values(d.outcomes);
  return all.length > 0 && all.every((o) => o.outcome === outcome);
};

// ---- drafting -----------------------------------------------------------------------------

export const proposalKeyFree: Rule<AddProposal> = (c, e) =>
  findProposal(c, e.key) || blank(e.key)
    ? fail(MotionViolation.DUPLICATE_PROPOSAL, blank(e.key) ? 'A proposal needs a key such as "1".' : `There already is a proposal ${e.key}.`)
    : undefined;

export const proposalTextGiven: Rule<AddProposal> = (_c, e) =>
  blank(e.text) ? fail(MotionViolation.TEXT_REQUIRED, 'A proposal needs its text.') : undefined;

export const legalBasisGiven: Rule<{ legalBasis?: AddProposal['legalBasis'] }> = (_c, e) =>
  !e.legalBasis || blank(e.legalBasis.citation)
    ? fail(MotionViolation.LEGAL_BASIS_MISSING, 'A proposal needs its legal basis (e.g. "§ 26 Abs. 1 lit. s) KrO NRW"): it decides which body may decide.')
    : undefined;

export const proposalExists: Rule<EditProposal | RemoveProposal> = (c, e) =>
  findProposal(c, e.key) ? undefined : fail(MotionViolation.UNKNOWN_PROPOSAL, `The motion has no proposal ${e.key}.`);

export const editedTextNotBlank: Rule<EditProposal> = (_c, e) =>
  e.text !== undefined && blank(e.text) ? fail(MotionViolation.TEXT_REQUIRED, 'A proposal text cannot be empty.') : undefined;

export const editedLegalBasisGiven: Rule<EditProposal> = (c, e) => (e.legalBasis === undefined ? undefined : legalBasisGiven(c, e));

export const stepsWellFormed: Rule<SetConsultationSequence> = (_c, e) => {
  const bad = e.steps.flatMap((s, i) =>
    blank(s.bodyId) || blank(s.bodyName) || !BODY_KINDS.includes(s.bodyKind) || !STEP_ROLES.includes(s.role) ? [i + 1] : [],
  );
  return bad.length
    ? fail(MotionViolation.INVALID_STEP, `Step ${bad.join(', ')} needs a body (id, name, kind ${BODY_KINDS.join('/')}) and a role (${STEP_ROLES.join('/')}).`)
    : undefined;
};

export const hasProposals: Rule<unknown> = (c) =>
  c.proposals.length ? undefined : fail(MotionViolation.NO_PROPOSALS, 'A motion needs at least one resolution proposal.');

/** Proposals given at creation bypass ADD_PROPOSAL's rules; they are checked before co-signing. */
export const proposalsComplete: Rule<unknown> = (c) => {
  const noText = c.proposals.filter((p) => blank(currentVersion(p).text)).map((p) => p.key);
  if (noText.length) return fail(MotionViolation.TEXT_REQUIRED, `Proposal ${noText.join(', ')} has no text.`);
  const noBasis = c.proposals.filter((p) => blank(p.legalBasis?.citation)).map((p) => p.key);
  return noBasis.length
    ? fail(MotionViolation.LEGAL_BASIS_MISSING, `Proposal ${noBasis.join(', ')} needs its legal basis: it decides which body may decide.`)
    : undefined;
};

export const exactlyOneDecidingStep: Rule<unknown> = (c) => {
  const deciding = decidingStepIndexes(c.steps);
  if (deciding.length === 0) {
    return fail(MotionViolation.NO_DECIDING_STEP, 'The consultation sequence needs a step with the role Entscheidung.');
  }
  if (deciding.length > 1) {
    return fail(
      MotionViolation.MULTIPLE_DECIDING_STEPS,
      `Exactly one body decides; the sequence has ${deciding.length}: ${deciding.map((i) => describeStep(i, c.steps[i]!)).join(', ')}.`,
    );
  }
  return undefined;
};

export const nothingAfterDecision: Rule<unknown> = (c) => {
  const [deciding] = decidingStepIndexes(c.steps);
  if (deciding === undefined) return undefined;
  const after = c.steps.flatMap((s, i) => (i > deciding && blocksSequence(s) ? [i] : []));
  return after.length
    ? fail(
        MotionViolation.STEP_AFTER_DECISION,
        `Nothing but Kenntnisnahme can follow the decision; move ${after.map((i) => describeStep(i, c.steps[i]!)).join(', ')} before ${describeStep(deciding, c.steps[deciding]!)}.`,
      )
    : undefined;
};

// ---- co-signing and release ---------------------------------------------------------------

export const isRequiredCosigner: Rule<Cosign | RefuseCosign> = (c, e) =>
  c.requiredCosigners.includes(e.department)
    ? undefined
    : fail(MotionViolation.NOT_A_COSIGNER, `${e.department} is not asked to co-sign; the required departments are ${c.requiredCosigners.join(', ') || 'none'}.`);

export const notYetCosigned: Rule<Cosign | RefuseCosign> = (c, e) =>
  c.cosignatures.some((s) => s.department === e.department)
    ? fail(MotionViolation.ALREADY_COSIGNED, `${e.department} has already co-signed this motion.`)
    : undefined;

export const reasonGiven: Rule<{ reason?: string }> = (_c, e) =>
  blank(e.reason) ? fail(MotionViolation.REASON_REQUIRED, 'Give a reason; it goes on the record.') : undefined;

export const allCosigned: Rule<unknown> = (c) => {
  const pending = pendingCosigners(c);
  return pending.length ? fail(MotionViolation.COSIGN_MISSING, `Co-signature missing from ${pending.join(', ')}.`) : undefined;
};

/** The deciding body must hold a competence for every proposal's legal basis. */
export const decidingBodyCompetent: Rule<{ competences?: Competences }> = (c, e) => {
  const deciding = decidingStep(c);
  if (!deciding) return undefined;
  const { step } = deciding;
  const held = e.competences?.[step.bodyId] ?? [];
  const problems = c.proposals.flatMap((p) => {
    const kinds = p.legalBasis.competentBodyKinds;
    if (kinds && !kinds.includes(step.bodyKind)) {
      return [`proposal ${p.key} (${p.legalBasis.citation}) is reserved to ${kinds.join(' or ')}`];
    }
    return held.some((h) => sameCitation(h, p.legalBasis.citation)) ? [] : [`proposal ${p.key} rests on ${p.legalBasis.citation}, which is not among its competences`];
  });
  return problems.length
    ? fail(MotionViolation.NOT_COMPETENT, `${step.bodyName} cannot decide this motion: ${problems.join('; ')}.`)
    : undefined;
};

// ---- scheduling ---------------------------------------------------------------------------

export const stepExists: Rule<Schedule> = (c, e) => {
  const target = scheduleTarget(c, e);
  return target !== null && c.steps[target]
    ? undefined
    : fail(
        MotionViolation.UNKNOWN_STEP,
        target === null ? 'The consultation sequence has no step to schedule.' : `The consultation sequence has no step ${target + 1}.`,
      );
};

export const stepIsCurrent: Rule<Schedule> = (c, e) => {
  const target = scheduleTarget(c, e);
  const current = c.currentStepIndex;
  if (target === null || !c.steps[target] || target === current) return undefined;
  const where = current === null ? 'is not in consultation' : `is at ${describeStep(current, c.steps[current]!)}`;
  return fail(MotionViolation.STEP_NOT_CURRENT, `The motion ${where}; ${describeStep(target, c.steps[target])} cannot be scheduled now.`);
};

/** For Kenntnisnahme steps, which can be scheduled whenever the motion is released. */
export const stepIsOpenKenntnisnahme: Rule<Schedule> = (c, e) => {
  const target = scheduleTarget(c, e);
  const step = target === null ? undefined : c.steps[target];
  if (target === null || !step) return undefined;
  // the current step, already on an agenda: that is the reason, not its role
  const open = openConsultations(c).find((o) => o.stepIndex === target && o.role !== 'kenntnisnahme');
  if (open) return alreadyOnAgenda(meetingName(open));
  if (step.role !== 'kenntnisnahme') {
    return fail(
      MotionViolation.STEP_NOT_CURRENT,
      `${describeStep(target, step)} is not waiting to be scheduled; only Kenntnisnahme steps can be scheduled now.`,
    );
  }
  return isNoted(c, target) ? fail(MotionViolation.STEP_COMPLETED, `${step.bodyName} has already taken note of the motion.`) : undefined;
};

export const rightBody: Rule<Schedule> = (c, e) => {
  const target = scheduleTarget(c, e);
  const step = target === null ? undefined : c.steps[target];
  return !step || step.bodyId === e.bodyId
    ? undefined
    : fail(MotionViolation.WRONG_BODY, `The meeting belongs to another body; ${describeStep(target!, step)} needs a meeting of ${step.bodyName}.`);
};

export const schedulingDatesValid: Rule<ScheduleFacts> = (_c, e) =>
  isInstant(e.meetingStart) && (e.invitationDate === undefined || berlinDate(e.invitationDate) !== undefined)
    ? undefined
    : fail(MotionViolation.INVALID_DATE, 'The meeting start must be an ISO date-time with offset, the invitation date an ISO date or date-time.');

export const meetingInFuture: Rule<ScheduleFacts> = (_c, e) => {
  const start = instantMs(e.meetingStart);
  const now = instantMs(e.at);
  return start === undefined || now === undefined || start > now
    ? undefined
    : fail(MotionViolation.MEETING_IN_PAST, `The meeting started at ${berlinDateTime(e.meetingStart)}, which is not in the future.`);
};

export const invitationInTime: Rule<ScheduleFacts> = (_c, e) => {
  const plan = invitationPlan(e);
  if (!plan || plan.inTime) return undefined;
  const urgentNote =
    e.urgentInvitationPeriodDays === undefined
      ? ''
      : blank(e.urgentReason)
        ? ` With a recorded urgency reason the shorter period of ${e.urgentInvitationPeriodDays} days would apply.`
        : ` Even the urgent period of ${e.urgentInvitationPeriodDays} days is not met.`;
  return fail(
    MotionViolation.INVITATION_TOO_LATE,
    `The invitation would go out on ${plan.sendDay}, ${plan.leadDays} days before the meeting on ${plan.meetingDay}; the body's invitation period is ${e.invitationPeriodDays} days.${urgentNote}`,
  );
};

/** A meeting as people say it: the body and the Berlin day, not its id. */
export const meetingName = (o: Pick<Consultation, 'bodyName' | 'meetingStart'>): string =>
  `the meeting of ${o.bodyName}${o.meetingStart ? ` on ${berlinDate(o.meetingStart) ?? o.meetingStart}` : ''}`;

const alreadyOnAgenda = (where: string): Violation =>
  fail(MotionViolation.ALREADY_ON_OPEN_AGENDA, `The motion is already on the agenda of ${where}; remove it there (UNSCHEDULE) before placing it on another.`);

export const notOnOpenAgenda: Rule<Schedule> = (c, e) => {
  const own = openConsultations(c).find((o) => o.bodyId === e.bodyId);
  if (own) return alreadyOnAgenda(meetingName(own));
  return e.openAgendaMeetingIds?.length ? alreadyOnAgenda('another open meeting of this body') : undefined;
};

// ---- the meeting an event concerns (facts from the meeting workflow) -----------------------

const noMeetingFact = (): Violation => ({ code: 'MEETING.UNKNOWN', message: 'The event does not say in which state the meeting is.' });

/** SCHEDULE: items go on an agenda until the meeting is held or cancelled (MEETING.AGENDA_CLOSED). */
export const meetingAgendaOpen: Rule<{ meeting?: MeetingFact }> = (_c, e) => (e.meeting ? agendaOpen(e.meeting) : noMeetingFact());

/** UNSCHEDULE: an item comes off until the minutes are approved (MEETING.AGENDA_CLOSED). */
export const meetingItemRemovable: Rule<Unschedule> = (_c, e) => (e.meeting ? itemRemovable(e.meeting) : noMeetingFact());

/** Outcomes and decisions at a meeting: held, with its minutes still open (MEETING.NOT_HELD). */
export const meetingOutcomesRecordable: Rule<{ meetingId?: string; meeting?: { state: MeetingFactState } }> = (_c, e) =>
  e.meetingId === undefined ? undefined : e.meeting ? outcomesRecordable(e.meeting) : noMeetingFact();

type MeetingFactState = Parameters<typeof agendaOpen>[0]['state'];

/**
 * An urgent decision, its approval and its revocation need the attendance the meeting recorded:
 * without it nobody can tell whether the body was quorate (MEETING.ATTENDANCE_NOT_RECORDED).
 */
export const meetingAttendanceRecorded: Rule<UrgentDecision | ApproveUrgentDecision | RevokeUrgentDecision> = (c, e) => {
  if (e.attendance != null) return undefined;
  const body = e.type === 'URGENT_DECISION' ? e.bodyName : (decidingStep(c)?.step.bodyName ?? 'the deciding body');
  return { code: MeetingViolation.ATTENDANCE_NOT_RECORDED, message: `Record the attendance of the meeting of ${body} first: the decision needs a quorate body.` };
};

const SCHEDULE_FACTS: readonly Rule<Schedule>[] = [rightBody, schedulingDatesValid, meetingInFuture, invitationInTime, notOnOpenAgenda];
export const scheduleCurrentStepRules: readonly Rule<Schedule>[] = [stepExists, stepIsCurrent, ...SCHEDULE_FACTS];
export const scheduleKenntnisnahmeRules: readonly Rule<Schedule>[] = [stepExists, stepIsOpenKenntnisnahme, ...SCHEDULE_FACTS];

/** The meeting an event names, as people say it: by the body and day the meeting fact gives, never by its id. */
const namedMeeting = (e: { meeting?: MeetingFact }): string =>
  e.meeting?.bodyName ? meetingName({ bodyName: e.meeting.bodyName, meetingStart: e.meeting.start ?? null }) : 'this meeting';

export const onAgenda: Rule<Unschedule | RecordOutcome> = (c, e) => {
  if (openConsultationAt(c, e.meetingId)) return undefined;
  const elsewhere = openConsultations(c).map(meetingName);
  return fail(
    MotionViolation.NOT_ON_AGENDA,
    `The motion is not on the open agenda of ${namedMeeting(e)}.${elsewhere.length ? ` It is on the agenda of ${elsewhere.join(' and ')}.` : ''}`,
  );
};

export const unscheduleRules: readonly Rule<Unschedule>[] = [onAgenda, reasonGiven];

// ---- recording outcomes -------------------------------------------------------------------

export function deliberationOf(c: MotionContext, e: RecordOutcome): Deliberation | undefined {
  const consultation = openConsultationAt(c, e.meetingId);
  return consultation && { role: consultation.role, bodyName: consultation.bodyName, outcomes: e.outcomes ?? {}, attendance: e.attendance ?? undefined };
}

export const meetingHasBegun: Rule<RecordOutcome> = (c, e) => {
  const open = openConsultationAt(c, e.meetingId);
  const start = instantMs(open?.meetingStart);
  const now = instantMs(e.at);
  return !open || start === undefined || now === undefined || now >= start
    ? undefined
    : fail(MotionViolation.MEETING_NOT_YET_HELD, `${capitalised(meetingName(open))} begins at ${berlinDateTime(open.meetingStart!)}; outcomes are recorded once it is held.`);
};

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * RECORD_OUTCOME is for the items of the Beratungsfolge and Kenntnisnahme. The items of the urgent
 * procedure (§ 50 Abs. 3 KrO NRW) are recorded by their own events; an outcome sent for one is
 * refused with that one reason, before any rule on outcomes, votes or the meeting's state.
 */
export const notAnUrgentItem: Rule<RecordOutcome> = (c, e) => {
  const open = openConsultationAt(c, e.meetingId);
  return open && isUrgentItem(open) ? urgentItemTakesNoOutcome(open) : undefined;
};

function urgentItemTakesNoOutcome(item: Consultation): Violation {
  const where = meetingName(item);
  return item.role === 'genehmigung'
    ? fail(
        MotionViolation.URGENT_ITEM,
        `On the agenda of ${where} the motion is the Genehmigung of the Dringlichkeitsentscheidung: record the Kreistag's vote on it with APPROVE_URGENT_DECISION or REVOKE_URGENT_DECISION, not as an outcome.`,
      )
    : fail(
        MotionViolation.URGENT_ITEM,
        `On the agenda of ${where} the motion is a Dringlichkeitsvorlage: record the Kreisausschuss's decision in place of the Kreistag with URGENT_DECISION (outcomes, votes and the reason), not as an outcome.`,
      );
}

/**
 * Something to record an outcome for (the pre rule of RECORD_OUTCOME): an open item of the
 * Beratungsfolge or a Kenntnisnahme. When only items of the urgent procedure are open, says which
 * event records them instead.
 */
export const outcomeItemOpen: Rule<unknown> = (c) => {
  const open = openConsultations(c);
  if (open.some((o) => !isUrgentItem(o))) return undefined;
  const urgent = open.find(isUrgentItem);
  return urgent ? urgentItemTakesNoOutcome(urgent) : fail(MotionViolation.NOT_ON_AGENDA, 'The motion is on no open agenda.');
};

const onRecord =
  (rule: Rule<Deliberation>): Rule<RecordOutcome> =>
  (c, e) => {
    const d = deliberationOf(c, e);
    return d ? rule(c, d) : undefined;
  };

/** Which item the outcome is for: one on this meeting's agenda that takes outcomes (the shape the other rules rely on). */
export const outcomeItemRules: readonly Rule<RecordOutcome>[] = [onAgenda, notAnUrgentItem];
export const recordOutcomeRules: readonly Rule<RecordOutcome>[] = [meetingHasBegun, ...deliberationRules.map(onRecord)];

// ---- urgent decision (§ 50 Abs. 3 KrO NRW) ------------------------------------------------

export const urgentDecisionApplicable: Rule<unknown> = (c) => {
  const deciding = decidingStep(c);
  return deciding?.step.bodyKind === 'kreistag'
    ? undefined
    : fail(
        MotionViolation.URGENT_DECISION_NOT_APPLICABLE,
        `A Dringlichkeitsentscheidung replaces a decision of the Kreistag; this motion is decided by ${deciding?.step.bodyName ?? 'no body yet'}.`,
      );
};

export const byKreisausschuss: Rule<UrgentDecision> = (_c, e) =>
  e.bodyKind === 'kreisausschuss'
    ? undefined
    : fail(MotionViolation.WRONG_BODY, `Only the Kreisausschuss decides in place of the Kreistag (§ 50 Abs. 3 KrO NRW), not ${e.bodyName}.`);

export const urgentDeliberationOf = (e: UrgentDecision): Deliberation => ({
  role: 'dringlichkeitsentscheidung',
  bodyName: e.bodyName,
  outcomes: e.outcomes ?? {},
  attendance: e.attendance ?? undefined,
});

const onUrgent =
  (rule: Rule<Deliberation>): Rule<UrgentDecision> =>
  (c, e) =>
    rule(c, urgentDeliberationOf(e));

export const urgentDecisionRules: readonly Rule<UrgentDecision>[] = [
  urgentDecisionApplicable,
  byKreisausschuss,
  reasonGiven,
  ...deliberationRules.map(onUrgent),
];

export const byDecidingBody: Rule<ApproveUrgentDecision | RevokeUrgentDecision> = (c, e) => {
  const deciding = decidingStep(c);
  return !deciding || deciding.step.bodyId === e.bodyId
    ? undefined
    : fail(MotionViolation.WRONG_BODY, `Only ${deciding.step.bodyName} can approve or revoke the Dringlichkeitsentscheidung.`);
};

export const kreistagQuorate: Rule<ApproveUrgentDecision | RevokeUrgentDecision> = (c, e) =>
  attendanceProblem(e.attendance ?? undefined) ?? quorumProblem(e.attendance ?? undefined, decidingStep(c)?.step.bodyName ?? 'The Kreistag');

export const kreistagVotesCarry: Rule<ApproveUrgentDecision | RevokeUrgentDecision> = (_c, e) => {
  const what = e.type === 'APPROVE_URGENT_DECISION' ? 'the approval' : 'the revocation';
  const problem = votesProblem(e.votes, e.attendance ?? undefined, what);
  if (problem) return problem;
  return e.votes.ja > e.votes.nein
    ? undefined
    : fail(MotionViolation.RESULT_CONTRADICTS_VOTES, `${countsOf(e.votes)} does not carry ${what}.`);
};

export const revocationPossible: Rule<RevokeUrgentDecision> = (_c, e) =>
  e.thirdPartyRightsArisen
    ? fail(MotionViolation.REVOCATION_BARRED, 'The Dringlichkeitsentscheidung can no longer be revoked: carrying it out has created rights of others (§ 50 Abs. 3 KrO NRW).')
    : undefined;

/** Agenda items of the urgent procedure: the Dringlichkeitsvorlage and the Kreistag's Genehmigung. */
export const isUrgentItem = (c: Pick<Consultation, 'role'>): boolean => c.role === 'dringlichkeitsentscheidung' || c.role === 'genehmigung';

/**
 * The Kreisausschuss decides urgently in a meeting whose agenda holds the motion: as its step of the
 * Beratungsfolge or as a Dringlichkeitsvorlage (SCHEDULE_URGENT). Outside a meeting only the Landrat
 * with one member decides (URGENT_DECISION_BY_LANDRAT).
 */
export const urgentDecisionOnAgenda: Rule<UrgentDecision> = (c, e) => {
  if (e.meetingId === undefined) {
    return fail(
      MotionViolation.NOT_ON_AGENDA,
      'The Kreisausschuss decides urgently in a meeting: name it. Outside a meeting only the Landrat with one member of the Kreisausschuss decides (URGENT_DECISION_BY_LANDRAT).',
    );
  }
  const open = openConsultationAt(c, e.meetingId);
  return open && open.bodyId === e.bodyId
    ? undefined
    : fail(
        MotionViolation.NOT_ON_AGENDA,
        `The motion is not on the agenda of this meeting of ${e.bodyName}. Put it there first: as its step of the Beratungsfolge (SCHEDULE) or as a Dringlichkeitsvorlage (SCHEDULE_URGENT) with the urgent invitation period and a reason.`,
      );
};

export const urgentScheduleReason: Rule<ScheduleUrgent> = (_c, e) =>
  blank(e.urgentReason)
    ? fail(MotionViolation.REASON_REQUIRED, 'A Dringlichkeitsvorlage needs the reason why the Kreistag cannot decide in time; it is also the reason for the shorter invitation period.')
    : undefined;

export const urgentScheduleBody: Rule<ScheduleUrgent> = (_c, e) =>
  e.bodyKind === 'kreisausschuss'
    ? undefined
    : fail(MotionViolation.WRONG_BODY, `A Dringlichkeitsvorlage goes to the Kreisausschuss (§ 50 Abs. 3 KrO NRW), not to ${e.bodyName}.`);

export const notOnThisAgenda: Rule<ScheduleUrgent> = (c, e) =>
  openConsultationAt(c, e.meetingId)
    ? fail(MotionViolation.ALREADY_ON_OPEN_AGENDA, `The motion is already on the agenda of this meeting of ${e.bodyName}; the Kreisausschuss can decide urgently on that item.`)
    : undefined;

export const scheduleUrgentRules: readonly Rule<ScheduleUrgent>[] = [meetingAgendaOpen, urgentScheduleBody, schedulingDatesValid, meetingInFuture, invitationInTime, notOnThisAgenda];

/** The Kreistag approves or revokes at a meeting whose agenda holds the approval (SCHEDULE while urgentDecided). */
export const approvalOnAgenda: Rule<ApproveUrgentDecision | RevokeUrgentDecision> = (c, e) => {
  if (openConsultationAt(c, e.meetingId)?.role === 'genehmigung') return undefined;
  const body = decidingStep(c)?.step.bodyName ?? 'the Kreistag';
  return fail(
    MotionViolation.NOT_ON_AGENDA,
    `The Dringlichkeitsentscheidung is not on the agenda of this meeting of ${body}. Put its approval on the agenda of ${body}'s next meeting first (SCHEDULE).`,
  );
};

// ---- the Landrat's urgent decision (§ 50 Abs. 3 Satz 2 KrO NRW) -----------------------------

const named = (p: NamedPerson | undefined): boolean => !!p && !blank(p.personId) && !blank(p.name);

export const landratAndMemberNamed: Rule<UrgentDecisionByLandrat> = (_c, e) => {
  if (!named(e.landrat) || !named(e.member)) return fail(MotionViolation.DECIDERS_MISSING, 'Name the Landrat and the one member of the Kreisausschuss who decide together.');
  if (e.landrat.personId === e.member.personId) return fail(MotionViolation.DECIDERS_MISSING, `${e.member.name} cannot decide twice: the Landrat decides with another member of the Kreisausschuss.`);
  return e.member.seated ? undefined : fail(MotionViolation.WRONG_BODY, `${e.member.name} holds no seat on ${e.bodyName}; the Landrat decides with a member of it.`);
};

export const landratDeliberationOf = (e: UrgentDecisionByLandrat): Deliberation => ({
  role: 'dringlichkeitsentscheidung',
  bodyName: `Landrat ${e.landrat?.name ?? ''}`.trim(),
  outcomes: e.outcomes ?? {},
});

/** Two persons decide, no body votes: the outcome rules without quorum and votes. */
export const landratRules: readonly Rule<UrgentDecisionByLandrat>[] = [
  reasonGiven,
  landratAndMemberNamed,
  ...[outcomesForKnownProposals, outcomeForEveryProposal, outcomesFitRole, amendmentHasText, amendmentOnlyWithAmendingOutcome].map(
    (rule): Rule<UrgentDecisionByLandrat> =>
      (c, e) =>
        rule(c, landratDeliberationOf(e)),
  ),
];

export const approveUrgentRules: readonly Rule<ApproveUrgentDecision>[] = [byDecidingBody, approvalOnAgenda, kreistagQuorate, kreistagVotesCarry];
export const revokeUrgentRules: readonly Rule<RevokeUrgentDecision>[] = [
  byDecidingBody,
  approvalOnAgenda,
  reasonGiven,
  revocationPossible,
  kreistagQuorate,
  kreistagVotesCarry,
];

// ---- implementation (Beschlusskontrolle) --------------------------------------------------

export const findTask = (c: MotionContext, taskId: string) => c.tasks.find((t) => t.taskId === taskId);
export const isClosedTask = (t: { status: string }): boolean => t.status === 'done' || t.status === 'cancelled';

/** A task as people name it: its title, owner and due day (its id may be a generated UUID). */
const taskName = (t: { title: string; owner: string; dueDate: string }): string => `"${t.title}" (${t.owner}, due ${t.dueDate})`;

export const taskIdFree: Rule<AddTask> = (c, e) => {
  const taken = findTask(c, e.taskId);
  return taken ? fail(MotionViolation.DUPLICATE_TASK, `The task id ${e.taskId} is already used by task ${taskName(taken)}; leave the id out or choose another.`) : undefined;
};

export const taskComplete: Rule<AddTask> = (_c, e) =>
  blank(e.taskId) || blank(e.title) || blank(e.owner)
    ? fail(MotionViolation.TASK_INCOMPLETE, 'A task needs an id, a title and an owner.')
    : undefined;

export const dueDateValid: Rule<{ dueDate?: string }> = (_c, e) =>
  e.dueDate === undefined || isIsoDate(e.dueDate)
    ? undefined
    : fail(MotionViolation.INVALID_DATE, `The due date must be a date like 2020-12-31, not "${String(e.dueDate)}".`);

export const dueDateGiven: Rule<AddTask> = (c, e) =>
  e.dueDate === undefined ? fail(MotionViolation.INVALID_DATE, 'A task needs a due date.') : dueDateValid(c, e);

export const taskProposalAdopted: Rule<AddTask> = (c, e) =>
  e.proposalKey === undefined || adoptedKeys(c).includes(e.proposalKey)
    ? undefined
    : fail(MotionViolation.PROPOSAL_NOT_ADOPTED, `Proposal ${e.proposalKey} was not adopted; there is nothing to implement for it.`);

export const taskExists: Rule<UpdateTask> = (c, e) =>
  findTask(c, e.taskId) ? undefined : fail(MotionViolation.UNKNOWN_TASK, `There is no task ${e.taskId}.`);

export const taskStillOpen: Rule<UpdateTask> = (c, e) => {
  const task = findTask(c, e.taskId);
  return task && isClosedTask(task) ? fail(MotionViolation.TASK_CLOSED, `Task ${taskName(task)} is already ${task.status}.`) : undefined;
};

export const updateNotEmpty: Rule<UpdateTask> = (_c, e) =>
  e.status === undefined && blank(e.report) && blank(e.owner) && e.dueDate === undefined
    ? fail(MotionViolation.EMPTY_UPDATE, 'An update needs a status, a report, an owner or a due date.')
    : undefined;

export const noOpenTasks: Rule<unknown> = (c) => {
  const open = c.tasks.filter((t) => !isClosedTask(t));
  return open.length ? fail(MotionViolation.TASKS_OPEN, `Still open: ${open.map(taskName).join(', ')}; mark each done or cancelled first.`) : undefined;
};

export const nothingAdopted: Rule<unknown> = (c) => {
  const adopted = adoptedKeys(c);
  return adopted.length
    ? fail(MotionViolation.IMPLEMENTATION_REQUIRED, `Proposal ${adopted.join(', ')} was adopted; track its implementation with at least one task.`)
    : undefined;
};

// ---- rule sets per event ------------------------------------------------------------------

export const addProposalRules: readonly Rule<AddProposal>[] = [proposalKeyFree, proposalTextGiven, legalBasisGiven];
export const editProposalRules: readonly Rule<EditProposal>[] = [proposalExists, editedTextNotBlank, editedLegalBasisGiven];
export const removeProposalRules: readonly Rule<RemoveProposal>[] = [proposalExists];
export const sequenceRules: readonly Rule<SetConsultationSequence>[] = [stepsWellFormed];
export const submitRules: readonly Rule<unknown>[] = [hasProposals, proposalsComplete, exactlyOneDecidingStep, nothingAfterDecision];
export const cosignRules: readonly Rule<Cosign>[] = [isRequiredCosigner, notYetCosigned];
export const refuseCosignRules: readonly Rule<RefuseCosign>[] = [isRequiredCosigner, notYetCosigned, reasonGiven];
export const releaseRules: readonly Rule<{ competences?: Competences }>[] = [allCosigned, ...submitRules, decidingBodyCompetent];
export const withdrawRules: readonly Rule<{ reason?: string }>[] = [reasonGiven];
export const addTaskRules: readonly Rule<AddTask>[] = [taskIdFree, taskComplete, dueDateGiven, taskProposalAdopted];
export const updateTaskRules: readonly Rule<UpdateTask>[] = [taskExists, taskStillOpen, updateNotEmpty, dueDateValid];
export const completeImplementationRules: readonly Rule<unknown>[] = [noOpenTasks];
export const closeRules: readonly Rule<unknown>[] = [nothingAdopted];

// ---- what the motion as it stands rules out (pre rules: no payload needed) ----------------

export const proposalsToChange: Rule<unknown> = (c) =>
  c.proposals.length ? undefined : fail(MotionViolation.NO_PROPOSALS, 'The motion has no proposal yet.');

export const cosignaturePending: Rule<unknown> = (c) =>
  pendingCosigners(c).length ? undefined : fail(MotionViolation.ALREADY_COSIGNED, 'All required departments have co-signed.');

/** The competence check when the competences are known (always on RELEASE; in a preview when passed). */
export const competentIfKnown: Rule<{ competences?: Competences }> = (c, e) => (e.competences === undefined ? undefined : decidingBodyCompetent(c, e));

export const competencesGiven: Rule<{ competences?: Competences }> = (_c, e) =>
  e.competences !== undefined && typeof e.competences === 'object' && e.competences !== null
    ? undefined
    : fail(MotionViolation.NOT_COMPETENT, 'The competences of the bodies were not looked up; the deciding body cannot be checked.');

/** Something to put on an agenda beside the sequence: an open Kenntnisnahme step. */
export const kenntnisnahmeSchedulable: Rule<unknown> = (c) => {
  if (schedulableKenntnisnahmeSteps(c).length) return undefined;
  const open = openConsultations(c).find((o) => o.role !== 'kenntnisnahme');
  return open
    ? fail(MotionViolation.ALREADY_ON_OPEN_AGENDA, `The motion is on the agenda of ${meetingName(open)}; record its outcome or remove it first.`)
    : fail(MotionViolation.STEP_NOT_CURRENT, 'No step is waiting to be scheduled beside the Beratungsfolge: every Kenntnisnahme is taken or on an agenda.');
};

export const onSomeOpenAgenda: Rule<unknown> = (c) =>
  openConsultations(c).length ? undefined : fail(MotionViolation.NOT_ON_AGENDA, 'The motion is on no open agenda.');

export const someTaskOpen: Rule<unknown> = (c) =>
  c.tasks.some((t) => !isClosedTask(t)) ? undefined : fail(MotionViolation.TASK_CLOSED, 'Every task is done or cancelled.');

/** Why a decided motion cannot be withdrawn (the machine's answer to WITHDRAW after the decision). */
export function withdrawalEnded(c: MotionContext): Violation | undefined {
  const d = c.decision;
  if (!d) return undefined;
  return {
    code: 'MOTION.ALREADY_DECIDED',
    message: `${d.bodyName} decided this motion on ${berlinDate(d.at) ?? d.at}; a decided motion can no longer be withdrawn.`,
  };
}

/**
 * Why the Kreistag cannot approve or revoke: no Dringlichkeitsentscheidung awaits it (the machine's
 * answer to APPROVE_/REVOKE_URGENT_DECISION outside released.urgentDecided).
 */
export function noUrgentDecisionPending(c: MotionContext, type: 'APPROVE_URGENT_DECISION' | 'REVOKE_URGENT_DECISION'): Violation {
  const verb = type === 'APPROVE_URGENT_DECISION' ? 'approve' : 'revoke';
  const d = c.decision;
  const approved = c.consultations.find((x) => x.no === d?.approvalConsultationNo);
  const why =
    d?.urgent && approved
      ? `the Dringlichkeitsentscheidung of ${d.bodyName} was already approved by ${approved.bodyName} on ${berlinDate(approved.heldAt ?? d.at) ?? d.at}`
      : d
        ? `${d.bodyName} decided this motion itself on ${berlinDate(d.at) ?? d.at}; no Dringlichkeitsentscheidung was taken`
        : c.consultations.some((x) => x.role === 'aufhebung')
          ? 'the Dringlichkeitsentscheidung was revoked; the motion is back at its decision step'
          : 'no Dringlichkeitsentscheidung (§ 50 Abs. 3 KrO NRW) was taken on this motion';
  return fail(MotionViolation.NO_URGENT_DECISION, `There is nothing to ${verb}: ${why}.`);
}
