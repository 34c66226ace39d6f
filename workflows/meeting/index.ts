import type { EventObject, SnapshotFrom } from 'xstate';
import { defineWorkflow, type Step, type Violation } from '../definition';
import { meetingMachine } from './machine';
import { meetingRules } from './specs';
import { startsInFuture } from './rules';

export type MeetingSnapshot = SnapshotFrom<typeof meetingMachine>;

/** Why the machine refused the event, or why its state does not take it (the rules kit, specs.ts). */
export const explainMeeting = (snapshot: MeetingSnapshot, event: EventObject): Violation[] => meetingRules.explain(snapshot, event);

export const meetingSteps = (snapshot: MeetingSnapshot, at: string): Step[] => meetingRules.steps(snapshot, at);

export { INVITATION_DUE_TIMER, meetingMachine } from './machine';
export { handledEvents } from '../shared/rules-kit';
export { allowedActions, stateAllows } from './queries';
export {
  ACTION_EVENT,
  actionOf,
  type MeetingAction,
  agendaOpen,
  berlinDaysBetween,
  hasBegun,
  invitationInTime,
  itemRemovable,
  lastRegularInvitationDay,
  MeetingViolation,
  outcomesRecordable,
  startsInFuture,
  usesUrgentPeriod,
  type MeetingViolationCode,
} from './rules';
export type * from './types';

export const meetingWorkflow = defineWorkflow({
  type: 'meeting',
  version: 1,
  title: 'Sitzung: from the invitation (Ladungsfrist) to the approved minutes',
  machine: meetingMachine,
  explain: explainMeeting,
  steps: meetingSteps,
  admit: (input, at) => [startsInFuture(input.start, at)].filter((v) => v !== undefined),
});
