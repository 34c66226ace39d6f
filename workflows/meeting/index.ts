import { defineWorkflow } from '../definition';
import { explainMeeting } from './explain';
import { meetingMachine } from './machine';

export { INVITATION_DUE_TIMER, meetingMachine } from './machine';
export { explainMeeting, handledEvents, type MeetingSnapshot } from './explain';
export { ACTION_EVENT, actionOf, allowedActions, stateAllows, type MeetingAction } from './queries';
export {
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
});
