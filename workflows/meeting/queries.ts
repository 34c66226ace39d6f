/**
 * What a meeting's state allows, in the clerk's words. Derived from the machine, so the list the
 * API shows and the events the engine accepts cannot disagree.
 */
import type { Violation } from '../definition';
import { meetingMachine } from './machine';
import { MeetingViolation, STATE_LABEL } from './rules';
import type { MeetingEventType, MeetingState } from './types';

export type MeetingAction = 'invite' | 'recordAttendance' | 'markHeld' | 'approveMinutes' | 'cancel';

/** The clerk's actions in display order, each with the event it sends. */
export const ACTION_EVENT: Readonly<Record<MeetingAction, MeetingEventType>> = {
  invite: 'SEND_INVITATION',
  recordAttendance: 'RECORD_ATTENDANCE',
  markHeld: 'MARK_HELD',
  approveMinutes: 'APPROVE_MINUTES',
  cancel: 'CANCEL',
};

const ACTION_LABEL: Record<MeetingAction, string> = {
  invite: 'send the invitation',
  recordAttendance: 'record attendance',
  markHeld: 'mark it as held',
  approveMinutes: 'approve the minutes',
  cancel: 'cancel it',
};

/** Actions the meeting's state allows (time and other facts aside). */
export function allowedActions(state: MeetingState): MeetingAction[] {
  const handled = new Set<string>(meetingMachine.states[state]?.ownEvents ?? []);
  return (Object.keys(ACTION_EVENT) as MeetingAction[]).filter((a) => handled.has(ACTION_EVENT[a]));
}

/** The action whose event this is, if a clerk sends it. */
export const actionOf = (eventType: string): MeetingAction | undefined =>
  (Object.keys(ACTION_EVENT) as MeetingAction[]).find((a) => ACTION_EVENT[a] === eventType);

/** Why the state does not allow the action, with what is possible instead. */
export function stateAllows(m: { state: MeetingState }, action: MeetingAction): Violation | undefined {
  const allowed = allowedActions(m.state);
  if (allowed.includes(action)) return undefined;
  return {
    code: MeetingViolation.INVALID_TRANSITION,
    message: `The meeting is ${STATE_LABEL[m.state]}; you cannot ${ACTION_LABEL[action]}. Possible now: ${allowed.map((a) => ACTION_LABEL[a]).join(', ') || 'nothing'}.`,
  };
}
