import { __unsafe_getAllOwnEventDescriptors, type EventObject, type SnapshotFrom } from 'xstate';
import type { Violation } from '../definition';
import type { meetingMachine } from './machine';
import { attendanceRules, cancelRules, heldRules, inviteRules, violations } from './rules';
import type { MeetingEvent } from './types';

export type MeetingSnapshot = SnapshotFrom<typeof meetingMachine>;

/** Event types the current state handles, guards aside (the engine's "allowed now"). */
export const handledEvents = (snapshot: MeetingSnapshot): string[] =>
  snapshot.status === 'active'
    ? (__unsafe_getAllOwnEventDescriptors(snapshot) as string[]).filter((t) => !t.startsWith('xstate.') && t !== '*')
    : [];

/**
 * Why the machine refused an event its state handles: the same rule sets the guards run.
 * Events the state does not handle at all get [] (the engine reports "not allowed now").
 */
export function explainMeeting(snapshot: MeetingSnapshot, event: EventObject): Violation[] {
  if (!handledEvents(snapshot).includes(event.type)) return [];
  const c = snapshot.context;
  const e = event as MeetingEvent;
  switch (e.type) {
    case 'SEND_INVITATION':
      return violations(inviteRules, c, e);
    case 'RECORD_ATTENDANCE':
      return violations(attendanceRules, c, e);
    case 'MARK_HELD':
      return violations(heldRules, c, e);
    case 'CANCEL':
      return violations(cancelRules, c, e);
    case 'APPROVE_MINUTES':
    case 'INVITATION_DUE':
      return [];
  }
}
