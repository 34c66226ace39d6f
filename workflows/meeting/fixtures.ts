/**
 * Spec support: the meeting of the Ausschuss für Arbeit, Soziales, Senioren und Gesundheit on
 * 19.08.2020 (Kenntnisnahme in the Coesfeld case) and a given / when / then fold over XState's pure
 * `transition()`, as the engine runs it. Imported by specs only.
 */
import { initialTransition, transition } from 'xstate';
import { accepts } from '../shared/rules-kit';
import type { Violation } from '../definition';
import { explainMeeting, type MeetingSnapshot } from './index';
import { meetingMachine } from './machine';
import type { EventMeta, MeetingEvent, MeetingInput } from './types';

export const clerk = { id: 'clerk-sitzungsdienst', role: 'clerk' };
export const timer = { id: 'system:timer', role: 'system' };

/** 17:00 in Coesfeld; Ladungsfrist 6 days, urgent 3. */
export const asgInput: MeetingInput = {
  bodyId: 'body-asg',
  bodyName: 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit',
  start: '2020-08-19T17:00:00+02:00',
  location: 'Kreishaus Coesfeld, Großer Sitzungssaal',
  invitationPeriodDays: 6,
  urgentInvitationPeriodDays: 3,
  statutoryMembers: 15,
};

export const members = Array.from({ length: 15 }, (_, i) => `asg-member-${i + 1}`);

/** Times around the meeting (Europe/Berlin). */
export const times = {
  sixDaysAhead: '2020-08-13T10:00:00+02:00',
  fourDaysAhead: '2020-08-15T10:00:00+02:00',
  twoDaysAhead: '2020-08-17T10:00:00+02:00',
  justBefore: '2020-08-19T16:59:59+02:00',
  during: '2020-08-19T17:10:00+02:00',
  weekAfter: '2020-08-26T10:00:00+02:00',
};

type Payload<E extends MeetingEvent> = Omit<E, keyof EventMeta>;
type Of<T extends MeetingEvent['type']> = Extract<MeetingEvent, { type: T }>;

const ev = <E extends MeetingEvent>(payload: Payload<E>, at: string, actor = clerk): E => ({ ...payload, at, actor }) as E;

export const e = {
  invite: (at = times.sixDaysAhead, urgentReason?: string) =>
    ev<Of<'SEND_INVITATION'>>(urgentReason === undefined ? { type: 'SEND_INVITATION' } : { type: 'SEND_INVITATION', urgentReason }, at),
  /** The first `present` members, all with voting seats unless `votingPresent` says otherwise. */
  attendance: (present: number, at = times.during, votingPresent = present) =>
    ev<Of<'RECORD_ATTENDANCE'>>({ type: 'RECORD_ATTENDANCE', personIds: members.slice(0, present), votingPresent }, at),
  held: (at = times.during) => ev<Of<'MARK_HELD'>>({ type: 'MARK_HELD' }, at),
  approveMinutes: (at = times.weekAfter) => ev<Of<'APPROVE_MINUTES'>>({ type: 'APPROVE_MINUTES' }, at),
  cancel: (reason = 'Beschlussunfähigkeit absehbar', at = times.fourDaysAhead) => ev<Of<'CANCEL'>>({ type: 'CANCEL', reason }, at),
  addItem: (title = 'Mitteilungen der Verwaltung', isPublic = true, at = times.fourDaysAhead) => ev<Of<'ADD_AGENDA_ITEM'>>({ type: 'ADD_AGENDA_ITEM', title, public: isPublic }, at),
  /** As the `invitationDue` timer sends it, at the end of 13.08.2020. */
  invitationDue: (at = '2020-08-14T00:00:00+02:00') => ev<Of<'INVITATION_DUE'>>({ type: 'INVITATION_DUE' }, at, timer),
};

/** Events that take the meeting to each state. */
export const path = {
  scheduled: (): MeetingEvent[] => [],
  invited: (): MeetingEvent[] => [e.invite()],
  held: (): MeetingEvent[] => [e.invite(), e.attendance(9), e.held()],
  minutesApproved: (): MeetingEvent[] => [...path.held(), e.approveMinutes()],
  cancelled: (): MeetingEvent[] => [e.cancel()],
};

// ---- given / when / then ------------------------------------------------------------------

export interface Effect {
  type: string;
  params: unknown;
}

/** What the engine writes to the outbox: named actions with their params. */
const effectsOf = (actions: { type: string; params?: unknown }[]): Effect[] =>
  actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => ({ type: a.type, params: a.params }));

/** The new meeting and the effects of its creation. */
export function created(input: MeetingInput = asgInput): { snapshot: MeetingSnapshot; actions: Effect[] } {
  const [snapshot, actions] = initialTransition(meetingMachine, input);
  return { snapshot, actions: effectsOf(actions) };
}

/** Folds events through the machine; every one must be accepted. */
export function given(events: MeetingEvent[] = [], input: MeetingInput = asgInput): MeetingSnapshot {
  let { snapshot } = created(input);
  for (const event of events) {
    const result = when(snapshot, event);
    if (!result.accepted) throw new Error(`given: ${event.type} was refused in ${JSON.stringify(snapshot.value)}: ${JSON.stringify(result.violations)}`);
    snapshot = result.snapshot;
  }
  return snapshot;
}

export interface Outcome {
  snapshot: MeetingSnapshot;
  actions: Effect[];
  accepted: boolean;
  violations: Violation[];
  codes: string[];
}

/** One event, as the engine runs it: refused when `transition()` returns the same snapshot. */
export function when(snapshot: MeetingSnapshot, event: MeetingEvent): Outcome {
  const [next, actions] = transition(meetingMachine, snapshot, event);
  const accepted = accepts(snapshot, event);
  const violations = accepted ? [] : explainMeeting(snapshot, event);
  return { snapshot: next, actions: effectsOf(actions), accepted, violations, codes: violations.map((v) => v.code) };
}
