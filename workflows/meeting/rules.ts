/**
 * The meeting (Sitzung) rules as pure functions of the record and the event. Each guard of the
 * machine runs a rule set from here, and `explainMeeting` runs the same sets, so a refusal names
 * its reason. Time is the event's `at`; days are Europe/Berlin calendar days (shared/calendar).
 */
import type { Violation } from '../definition';
import { addDays, berlinDate, berlinDateTime, daysBetween, instantMs, type IsoDate } from '../shared/calendar';
import type { Rule as KitRule } from '../shared/rules-kit';
import type { AddAgendaItem, CancelMeeting, MeetingContext, MeetingEventType, MeetingInput, MeetingState, RecordAttendance, SendInvitation } from './types';

export const MeetingViolation = {
  INVALID_TRANSITION: 'MEETING.INVALID_TRANSITION',
  IN_PAST: 'MEETING.IN_PAST',
  INVITATION_TOO_LATE: 'MEETING.INVITATION_TOO_LATE',
  NOT_YET_BEGUN: 'MEETING.NOT_YET_BEGUN',
  AGENDA_CLOSED: 'MEETING.AGENDA_CLOSED',
  NOT_HELD: 'MEETING.NOT_HELD',
  NOT_A_MEMBER: 'MEETING.NOT_A_MEMBER',
  ATTENDANCE_NOT_RECORDED: 'MEETING.ATTENDANCE_NOT_RECORDED',
  INVALID_ATTENDANCE: 'MEETING.INVALID_ATTENDANCE',
  REASON_REQUIRED: 'MEETING.REASON_REQUIRED',
  ITEM_TITLE_REQUIRED: 'MEETING.ITEM_TITLE_REQUIRED',
  WRONG_BODY: 'MEETING.WRONG_BODY',
} as const;

export type MeetingViolationCode = (typeof MeetingViolation)[keyof typeof MeetingViolation];

export type Rule<E> = KitRule<MeetingContext, E>;

const fail = (code: MeetingViolationCode, message: string): Violation => ({ code, message });
const blank = (text: string | undefined): boolean => (text ?? '').trim() === '';

export const STATE_LABEL: Record<MeetingState, string> = {
  scheduled: 'scheduled (no invitation sent yet)',
  invited: 'invited',
  held: 'held',
  minutesApproved: 'closed (minutes approved)',
  cancelled: 'cancelled',
};

// ---- time --------------------------------------------------------------------------------

/** Whole calendar days (Europe/Berlin) from `from`'s day to `to`'s day; NaN unless both are instants or dates. */
export function berlinDaysBetween(from: string, to: string): number {
  const a = berlinDate(from);
  const b = berlinDate(to);
  return a === undefined || b === undefined ? Number.NaN : daysBetween(a, b);
}

/** The last Berlin day on which an invitation still meets the regular Ladungsfrist. */
export function lastRegularInvitationDay(m: Pick<MeetingInput, 'start' | 'invitationPeriodDays'>): IsoDate | undefined {
  const meetingDay = berlinDate(m.start);
  return meetingDay === undefined ? undefined : addDays(meetingDay, -m.invitationPeriodDays);
}

export function startsInFuture(start: string, now: string): Violation | undefined {
  return (instantMs(start) ?? Number.NaN) > (instantMs(now) ?? Number.NaN) ? undefined : fail(MeetingViolation.IN_PAST, `The meeting start ${berlinDateTime(start)} is not in the future.`);
}

/** Only the shorter urgent period was met: the reason goes on record. */
export const usesUrgentPeriod = (c: Pick<MeetingContext, 'start' | 'invitationPeriodDays'>, at: string): boolean =>
  berlinDaysBetween(at, c.start) < c.invitationPeriodDays;

// ---- rules -------------------------------------------------------------------------------

/** An invitation goes out before the meeting. */
export const beforeStart: Rule<{ readonly at: string }> = (c, e) => startsInFuture(c.start, e.at);

/**
 * Ladungsfrist: the invitation goes out today (`at`), at least the body's invitation period before
 * the meeting day, or the shorter urgent period when a reason is recorded.
 */
export const invitationInTime: Rule<SendInvitation> = (c, e) => {
  const lead = berlinDaysBetween(e.at, c.start);
  if (lead >= c.invitationPeriodDays) return undefined;
  const urgent = !blank(e.urgentReason);
  if (urgent && lead >= c.urgentInvitationPeriodDays) return undefined;
  const hint = urgent
    ? ` Even the urgent period of ${c.urgentInvitationPeriodDays} days is not met.`
    : ` With a recorded urgency reason the shorter period of ${c.urgentInvitationPeriodDays} days would apply.`;
  return fail(
    MeetingViolation.INVITATION_TOO_LATE,
    `An invitation sent on ${berlinDate(e.at)} reaches the meeting on ${berlinDate(c.start)} ${lead} days ahead; the body's invitation period is ${c.invitationPeriodDays} days.${hint}`,
  );
};

/** Attendance and "held" are recorded once the meeting has begun. */
export const hasBegun: Rule<{ readonly at: string }> = (c, e) =>
  (instantMs(e.at) ?? Number.NaN) >= (instantMs(c.start) ?? Number.NaN)
    ? undefined
    : fail(MeetingViolation.NOT_YET_BEGUN, `The meeting begins at ${berlinDateTime(c.start)}; this can only be done once it has begun.`);

/** Distinct persons; the voting members among them a whole number no larger than the list or the body. */
export const attendancePlausible: Rule<RecordAttendance> = (c, e) => {
  const ids = Array.isArray(e.personIds) ? e.personIds : [];
  const distinct = ids.every((id) => typeof id === 'string' && id !== '') && new Set(ids).size === ids.length;
  const n = e.votingPresent;
  const counted = Number.isInteger(n) && n >= 0 && n <= ids.length && n <= c.statutoryMembers;
  return Array.isArray(e.personIds) && distinct && counted
    ? undefined
    : fail(
        MeetingViolation.INVALID_ATTENDANCE,
        `Attendance needs distinct person ids and the number of voting members among them (0 to ${Math.min(ids.length, c.statutoryMembers)}).`,
      );
};

export const reasonGiven: Rule<CancelMeeting> = (_c, e) =>
  typeof e.reason === 'string' && !blank(e.reason) ? undefined : fail(MeetingViolation.REASON_REQUIRED, 'A cancellation needs a reason.');

export const itemTitled: Rule<AddAgendaItem> = (_c, e) =>
  typeof e.title === 'string' && !blank(e.title) && typeof e.public === 'boolean' ? undefined : fail(MeetingViolation.ITEM_TITLE_REQUIRED, 'An agenda item needs a title and whether it is public.');

// ---- the clerk's actions and the states that allow them ----------------------------------

export type MeetingAction = 'invite' | 'addItem' | 'recordAttendance' | 'markHeld' | 'approveMinutes' | 'cancel';

/** The clerk's actions in display order, each with the event it sends. */
export const ACTION_EVENT: Readonly<Record<MeetingAction, MeetingEventType>> = {
  invite: 'SEND_INVITATION',
  addItem: 'ADD_AGENDA_ITEM',
  recordAttendance: 'RECORD_ATTENDANCE',
  markHeld: 'MARK_HELD',
  approveMinutes: 'APPROVE_MINUTES',
  cancel: 'CANCEL',
};

const ACTION_LABEL: Record<MeetingAction, string> = {
  invite: 'send the invitation',
  addItem: 'add an agenda item',
  recordAttendance: 'record attendance',
  markHeld: 'mark it as held',
  approveMinutes: 'approve the minutes',
  cancel: 'cancel it',
};

/** The action whose event this is, if a clerk sends it. */
export const actionOf = (eventType: string): MeetingAction | undefined =>
  (Object.keys(ACTION_EVENT) as MeetingAction[]).find((a) => ACTION_EVENT[a] === eventType);

/** The clerk's actions among the events a state handles, in display order. */
export const actionsAmong = (handled: readonly string[]): MeetingAction[] =>
  (Object.keys(ACTION_EVENT) as MeetingAction[]).filter((a) => handled.includes(ACTION_EVENT[a]));

/**
 * The meeting's state does not allow the action: in the clerk's words, with what is possible
 * instead. The machine's explanation for a clerk's event its state does not handle (409).
 */
export function actionNotAllowed(state: MeetingState, action: MeetingAction, allowed: readonly MeetingAction[]): Violation {
  return fail(
    MeetingViolation.INVALID_TRANSITION,
    `The meeting is ${STATE_LABEL[state]}; you cannot ${ACTION_LABEL[action]}. Possible now: ${allowed.map((a) => ACTION_LABEL[a]).join(', ') || 'nothing'}.`,
  );
}

// ---- what other workflows may do at a meeting in this state -------------------------------

/** Items can be placed on (or removed from) an agenda until the meeting is held or cancelled. */
export function agendaOpen(m: { state: MeetingState }): Violation | undefined {
  return m.state === 'scheduled' || m.state === 'invited'
    ? undefined
    : fail(MeetingViolation.AGENDA_CLOSED, `The meeting is ${STATE_LABEL[m.state]}; its agenda can no longer change. ${AGENDA_CLOSED_INSTEAD[m.state]}`);
}

/** What to do instead when a closed agenda refuses a new item. */
const AGENDA_CLOSED_INSTEAD: Record<MeetingState, string> = {
  scheduled: '',
  invited: '',
  held: 'Put the item on the agenda of a later meeting of the body (the next regular one, or a special meeting with the urgent invitation period and a reason).',
  minutesApproved: 'Put the item on the agenda of a later meeting of the body.',
  cancelled: 'Put the item on the agenda of another meeting of the body; the cancelled meeting’s items wait for a new slot.',
};

/** A motion can come off the agenda until the minutes are approved: items are abgesetzt even in the meeting. */
export function itemRemovable(m: { state: MeetingState }): Violation | undefined {
  if (m.state === 'minutesApproved') {
    return fail(
      MeetingViolation.AGENDA_CLOSED,
      `The meeting is ${STATE_LABEL[m.state]}; its agenda can no longer change. What it recorded stands; to deliberate again, put the motion on a later meeting's agenda.`,
    );
  }
  if (m.state === 'cancelled') {
    return fail(
      MeetingViolation.AGENDA_CLOSED,
      `The meeting is ${STATE_LABEL[m.state]}; its agenda can no longer change. The cancellation already took its motions off; schedule them on another meeting.`,
    );
  }
  return undefined;
}

/** Outcomes are recorded for a held meeting whose minutes are still open. */
export function outcomesRecordable(m: { state: MeetingState }): Violation | undefined {
  if (m.state === 'held') return undefined;
  return fail(
    MeetingViolation.NOT_HELD,
    m.state === 'minutesApproved'
      ? 'The minutes of this meeting are approved; its outcomes can no longer change.'
      : `The meeting is ${STATE_LABEL[m.state]}; mark it as held before recording outcomes.`,
  );
}
