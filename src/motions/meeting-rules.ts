/**
 * The meeting (Sitzung) lifecycle as pure rules:
 *
 *   scheduled --invite--> invited --markHeld--> held --approveMinutes--> minutesApproved
 *   scheduled | invited --cancel--> cancelled
 *
 * Attendance is recorded once the meeting has begun (invited or held). The clock arrives as an
 * argument; `refuse` turns a violation into a problem response before anything is written.
 */
import type { Violation } from '../../workflows';
import { berlinDate } from '../common/berlin-time';
import { DomainError } from '../common/problem';
import type { MeetingState } from './entities';

export const MeetingViolation = {
  INVALID_TRANSITION: 'MEETING.INVALID_TRANSITION',
  IN_PAST: 'MEETING.IN_PAST',
  INVITATION_TOO_LATE: 'MEETING.INVITATION_TOO_LATE',
  NOT_YET_BEGUN: 'MEETING.NOT_YET_BEGUN',
  AGENDA_CLOSED: 'MEETING.AGENDA_CLOSED',
  NOT_HELD: 'MEETING.NOT_HELD',
  NOT_A_MEMBER: 'MEETING.NOT_A_MEMBER',
  ATTENDANCE_NOT_RECORDED: 'MEETING.ATTENDANCE_NOT_RECORDED',
  WRONG_BODY: 'MEETING.WRONG_BODY',
} as const;

export type MeetingAction = 'invite' | 'recordAttendance' | 'markHeld' | 'approveMinutes' | 'cancel';

/** The states each action starts from. */
const FROM: Record<MeetingAction, readonly MeetingState[]> = {
  invite: ['scheduled'],
  recordAttendance: ['invited', 'held'],
  markHeld: ['invited'],
  approveMinutes: ['held'],
  cancel: ['scheduled', 'invited'],
};

/** Where an action leads; recording attendance keeps the state. */
export const NEXT_STATE: Record<Exclude<MeetingAction, 'recordAttendance'>, MeetingState> = {
  invite: 'invited',
  markHeld: 'held',
  approveMinutes: 'minutesApproved',
  cancel: 'cancelled',
};

const STATE_LABEL: Record<MeetingState, string> = {
  scheduled: 'scheduled (no invitation sent yet)',
  invited: 'invited',
  held: 'held',
  minutesApproved: 'closed (minutes approved)',
  cancelled: 'cancelled',
};

const ACTION_LABEL: Record<MeetingAction, string> = {
  invite: 'send the invitation',
  recordAttendance: 'record attendance',
  markHeld: 'mark it as held',
  approveMinutes: 'approve the minutes',
  cancel: 'cancel it',
};

export interface MeetingFacts {
  state: MeetingState;
  start: Date;
}

export interface InvitationPeriods {
  invitationPeriodDays: number;
  urgentInvitationPeriodDays: number;
}

const fail = (code: string, message: string): Violation => ({ code, message });

/** Actions the meeting's state allows (time and other facts aside). */
export const allowedActions = (state: MeetingState): MeetingAction[] =>
  (Object.keys(FROM) as MeetingAction[]).filter((a) => FROM[a].includes(state));

export function stateAllows(m: MeetingFacts, action: MeetingAction): Violation | undefined {
  if (FROM[action].includes(m.state)) return undefined;
  const allowed = allowedActions(m.state).map((a) => ACTION_LABEL[a]);
  return fail(
    MeetingViolation.INVALID_TRANSITION,
    `The meeting is ${STATE_LABEL[m.state]}; you cannot ${ACTION_LABEL[action]}. Possible now: ${allowed.join(', ') || 'nothing'}.`,
  );
}

/** Whole calendar days (Europe/Berlin) from `from`'s day to `to`'s day. */
export function berlinDaysBetween(from: Date, to: Date): number {
  return (Date.parse(berlinDate(to)) - Date.parse(berlinDate(from))) / 86_400_000;
}

export function startsInFuture(start: Date, now: Date): Violation | undefined {
  return start.getTime() > now.getTime() ? undefined : fail(MeetingViolation.IN_PAST, `The meeting start ${start.toISOString()} is not in the future.`);
}

/**
 * Ladungsfrist: the invitation goes out today, at least the body's invitation period before the
 * meeting day, or the shorter urgent period when a reason is recorded.
 */
export function invitationInTime(m: MeetingFacts, body: InvitationPeriods, now: Date, urgentReason?: string): Violation | undefined {
  const lead = berlinDaysBetween(now, m.start);
  if (lead >= body.invitationPeriodDays) return undefined;
  const urgent = (urgentReason ?? '').trim() !== '';
  if (urgent && lead >= body.urgentInvitationPeriodDays) return undefined;
  const hint = urgent
    ? ` Even the urgent period of ${body.urgentInvitationPeriodDays} days is not met.`
    : ` With a recorded urgency reason the shorter period of ${body.urgentInvitationPeriodDays} days would apply.`;
  return fail(
    MeetingViolation.INVITATION_TOO_LATE,
    `An invitation sent on ${berlinDate(now)} reaches the meeting on ${berlinDate(m.start)} ${lead} days ahead; the body's invitation period is ${body.invitationPeriodDays} days.${hint}`,
  );
}

/** Only the shorter urgent period was met: the reason goes on record. */
export const usesUrgentPeriod = (m: MeetingFacts, body: InvitationPeriods, now: Date): boolean =>
  berlinDaysBetween(now, m.start) < body.invitationPeriodDays;

export function hasBegun(m: MeetingFacts, now: Date): Violation | undefined {
  return now.getTime() >= m.start.getTime()
    ? undefined
    : fail(MeetingViolation.NOT_YET_BEGUN, `The meeting begins at ${m.start.toISOString()}; this can only be done once it has begun.`);
}

/** Items can be placed on (or removed from) an agenda until the meeting is held or cancelled. */
export function agendaOpen(m: MeetingFacts): Violation | undefined {
  return m.state === 'scheduled' || m.state === 'invited'
    ? undefined
    : fail(MeetingViolation.AGENDA_CLOSED, `The meeting is ${STATE_LABEL[m.state]}; its agenda can no longer change.`);
}

/** A motion can come off the agenda until the minutes are approved: items are abgesetzt even in the meeting. */
export function itemRemovable(m: MeetingFacts): Violation | undefined {
  return m.state === 'minutesApproved' || m.state === 'cancelled'
    ? fail(MeetingViolation.AGENDA_CLOSED, `The meeting is ${STATE_LABEL[m.state]}; its agenda can no longer change.`)
    : undefined;
}

/** Outcomes are recorded for a held meeting whose minutes are still open. */
export function outcomesRecordable(m: MeetingFacts): Violation | undefined {
  if (m.state === 'held') return undefined;
  return fail(
    MeetingViolation.NOT_HELD,
    m.state === 'minutesApproved'
      ? 'The minutes of this meeting are approved; its outcomes can no longer change.'
      : `The meeting is ${STATE_LABEL[m.state]}; mark it as held before recording outcomes.`,
  );
}

/** Throws the first violation as a problem: 409 for a state that does not allow the action, 422 otherwise. */
export function refuse(...found: (Violation | undefined)[]): void {
  const v = found.find((x) => x !== undefined);
  if (v) throw new DomainError(v.code === MeetingViolation.INVALID_TRANSITION ? 409 : 422, v.code, v.message);
}
