import { guardsFor, rulesKit } from '../shared/rules-kit';
import * as rules from './rules';
import type { MeetingContext, MeetingEvent, MeetingState } from './types';

/**
 * Every named guard of the meeting machine, as the rules behind it (stages: see
 * shared/rules-kit.ts). The machine's guards, `explain` and `steps` all come from this one table.
 */
const guard = guardsFor<MeetingContext, MeetingEvent>();

export const meetingRules = rulesKit(
  {
    invitationInTime: guard(['SEND_INVITATION'], { pre: [rules.beforeStart], rules: [rules.invitationInTime] }),
    attendanceValid: guard(['RECORD_ATTENDANCE'], { pre: [rules.hasBegun], shape: [rules.attendancePlausible] }),
    meetingBegun: guard(['MARK_HELD'], { pre: [rules.hasBegun] }),
    reasonGiven: guard(['CANCEL'], { shape: [rules.reasonGiven] }),
    itemTitled: guard(['ADD_AGENDA_ITEM'], { shape: [rules.itemTitled] }),
  },
  {
    system: ['INVITATION_DUE'],
    // A clerk's action the state does not take: say so in the clerk's words (MEETING.INVALID_TRANSITION).
    unhandled: (snapshot, event, handled) => {
      // a closed agenda says where the item can go instead
      if (event.type === 'ADD_AGENDA_ITEM') return [rules.agendaOpen({ state: snapshot.value as MeetingState })!];
      const action = rules.actionOf(event.type);
      return action ? [rules.actionNotAllowed(snapshot.value as MeetingState, action, rules.actionsAmong(handled))] : [];
    },
  },
);
