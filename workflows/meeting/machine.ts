/**
 * The meeting (Sitzung) lifecycle:
 *
 *   scheduled --SEND_INVITATION--> invited --MARK_HELD--> held --APPROVE_MINUTES--> minutesApproved
 *   scheduled | invited --CANCEL--> cancelled
 *
 * - Ladungsfrist: while scheduled, a durable timer `invitationDue` waits for the end of the last
 *   Berlin day on which the regular invitation can still go out; if it fires first, the record says
 *   `invitationOverdue` (the urgent period with a reason may still be open). Leaving `scheduled`
 *   (invitation sent, or cancelled) cancels it.
 * - Attendance is recorded once the meeting has begun, while invited or held; recording again
 *   replaces the list (late arrivals, early leavers).
 * - Plain agenda items are added while the agenda is open (scheduled, invited); afterwards the
 *   refusal says where the item can go instead (MEETING.AGENDA_CLOSED).
 */
import { assertEvent, assign, setup } from 'xstate';
import { berlinDate, endOfBerlinDay, isInstant } from '../shared/calendar';
import { documentEvents } from '../shared/documents';
import { lastRegularInvitationDay, usesUrgentPeriod } from './rules';
import { meetingRules } from './specs';
import type { MeetingContext, MeetingEvent, MeetingInput } from './types';

export const INVITATION_DUE_TIMER = 'invitationDue';

/** The record at creation. Throws on input the service should never send (the engine answers 422). */
function initialContext(input: MeetingInput): MeetingContext {
  const counts = [input.invitationPeriodDays, input.urgentInvitationPeriodDays, input.statutoryMembers];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0)) throw new Error('invitation periods and statutory members must be whole numbers');
  const lastDay = lastRegularInvitationDay(input);
  if (!isInstant(input.start) || lastDay === undefined) throw new Error('the meeting start must be an ISO instant with offset');
  return {
    bodyId: input.bodyId,
    bodyName: input.bodyName,
    start: input.start,
    location: input.location,
    invitationPeriodDays: input.invitationPeriodDays,
    urgentInvitationPeriodDays: input.urgentInvitationPeriodDays,
    statutoryMembers: input.statutoryMembers,
    lastRegularInvitationDay: lastDay,
    invitationOverdue: false,
    invitationDate: null,
    urgentInvitationReason: null,
    attendees: null,
    presentMembers: null,
    heldAt: null,
    minutesApprovedAt: null,
    cancelledAt: null,
    cancelReason: null,
  };
}

const meetingSetup = setup({
  types: {
    input: {} as MeetingInput,
    context: {} as MeetingContext,
    events: {} as MeetingEvent,
  },
  guards: meetingRules.guards,
  actions: {
    // effects: the engine writes them to its outbox and runs them after commit
    scheduleTimer: (_, _params: { name: string; fireAt: string; event: { type: 'INVITATION_DUE' } }) => undefined,
    cancelTimer: (_, _params: { name: string }) => undefined,

    recordInvitation: assign(({ context, event }) => {
      assertEvent(event, 'SEND_INVITATION');
      return {
        invitationDate: berlinDate(event.at)!,
        urgentInvitationReason: usesUrgentPeriod(context, event.at) ? event.urgentReason!.trim() : null,
      };
    }),
    recordInvitationOverdue: assign({ invitationOverdue: true }),
    recordAttendance: assign(({ event }) => {
      assertEvent(event, 'RECORD_ATTENDANCE');
      return { attendees: [...event.personIds], presentMembers: event.votingPresent };
    }),
    recordHeld: assign({ heldAt: ({ event }) => event.at }),
    recordMinutesApproved: assign({ minutesApprovedAt: ({ event }) => event.at }),
    recordCancellation: assign(({ event }) => {
      assertEvent(event, 'CANCEL');
      return { cancelledAt: event.at, cancelReason: event.reason.trim() };
    }),
  },
});

export const meetingMachine = meetingSetup.createMachine({
  id: 'meeting',
  initial: 'scheduled',
  on: documentEvents<MeetingContext, MeetingEvent>(),
  context: ({ input }) => initialContext(input),
  states: {
    scheduled: {
      entry: {
        type: 'scheduleTimer',
        params: ({ context }) => ({ name: INVITATION_DUE_TIMER, fireAt: endOfBerlinDay(context.lastRegularInvitationDay), event: { type: 'INVITATION_DUE' as const } }),
      },
      exit: { type: 'cancelTimer', params: { name: INVITATION_DUE_TIMER } },
      on: {
        SEND_INVITATION: { guard: 'invitationInTime', target: 'invited', actions: 'recordInvitation' },
        ADD_AGENDA_ITEM: { guard: 'itemTitled' },
        CANCEL: { guard: 'reasonGiven', target: 'cancelled', actions: 'recordCancellation' },
        INVITATION_DUE: { actions: 'recordInvitationOverdue' },
      },
    },
    invited: {
      on: {
        ADD_AGENDA_ITEM: { guard: 'itemTitled' },
        RECORD_ATTENDANCE: { guard: 'attendanceValid', actions: 'recordAttendance' },
        MARK_HELD: { guard: 'meetingBegun', target: 'held', actions: 'recordHeld' },
        CANCEL: { guard: 'reasonGiven', target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    held: {
      on: {
        RECORD_ATTENDANCE: { guard: 'attendanceValid', actions: 'recordAttendance' },
        APPROVE_MINUTES: { target: 'minutesApproved', actions: 'recordMinutesApproved' },
      },
    },
    minutesApproved: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
