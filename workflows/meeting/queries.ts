/**
 * What a meeting's state allows, in the clerk's words. Derived from the machine, so the list the
 * API shows and the events the engine accepts cannot disagree.
 */
import type { Violation } from '../definition';
import { handledEvents } from '../shared/rules-kit';
import { meetingMachine } from './machine';
import { actionNotAllowed, actionsAmong, type MeetingAction } from './rules';
import type { MeetingContext, MeetingState } from './types';

/** Actions the meeting's state allows (time and other facts aside). */
export function allowedActions(state: MeetingState): MeetingAction[] {
  // which events a state handles depends on its value alone
  return actionsAmong(handledEvents(meetingMachine.resolveState({ value: state, context: {} as MeetingContext })));
}

/** Why the state does not allow the action, with what is possible instead (the machine's own explanation). */
export function stateAllows(m: { state: MeetingState }, action: MeetingAction): Violation | undefined {
  const allowed = allowedActions(m.state);
  return allowed.includes(action) ? undefined : actionNotAllowed(m.state, action, allowed);
}
