import { command, commandTable, creation } from '../engine/commands';
import { AddAgendaItemDto, AttendanceDto, CancelMeetingDto, CreateMeetingDto, InviteDto, MeetingDetailDto } from './dto/meetings.dto';
import { MeetingsFacts } from './meetings.facts';
import { MeetingsView } from './meetings.view';

const writers = ['clerk', 'admin'] as const;

/**
 * Meetings (Sitzungen): scheduled → invited → held → minutesApproved, or cancelled. Clerks and
 * admins write, every role reads. Each meeting is an engine instance of the `meeting` workflow
 * (workflows/meeting, same id); the `meetings` table is its projection (MeetingsRepository.project).
 */
export const meetingCommands = commandTable<MeetingsFacts, MeetingDetailDto>({
  workflow: 'meeting',
  noun: 'Meeting',
  resource: 'meetings',
  key: 'meeting',
  tag: 'meetings',
  facts: MeetingsFacts,
  view: MeetingsView,
  viewDto: MeetingDetailDto,
  create: creation({ body: CreateMeetingDto, roles: writers, summary: 'Create a meeting of a body (in the future)', input: (facts, { ctx, dto }) => facts.input(ctx, dto) }),
  commands: [
    command({ event: 'SEND_INVITATION', method: 'POST', path: 'invitation', body: InviteDto, roles: writers, summary: 'Send the invitation today (by the clock); refused when the Ladungsfrist is not met (MEETING.INVITATION_TOO_LATE)', facts: (_, { dto }) => ({ urgentReason: dto.urgentReason?.trim() }) }),
    command({
      event: 'ADD_AGENDA_ITEM', method: 'POST', path: 'agenda-items', body: AddAgendaItemDto, roles: writers, status: 201,
      summary: 'Append a plain agenda item, public or nichtöffentlich, while the agenda is open (motions are placed with POST /motions/{id}/schedule)',
      facts: (_, { dto }) => ({ title: dto.title.trim(), public: dto.public }),
      after: (facts, { tx, ctx, instance, dto, applied }) => facts.appendAgendaItem(tx, ctx, instance.id, dto, applied.event.at),
    }),
    command({ event: 'RECORD_ATTENDANCE', method: 'PUT', path: 'attendance', body: AttendanceDto, roles: writers, summary: 'Record who is present (replaces the list); each must hold a seat on the meeting day', facts: (facts, input) => facts.attendance(input) }),
    command({ event: 'MARK_HELD', method: 'POST', path: 'held', roles: writers, summary: 'Mark the meeting as held (once it has begun); outcomes can then be recorded' }),
    command({ event: 'APPROVE_MINUTES', method: 'POST', path: 'minutes-approval', roles: writers, summary: 'Approve the minutes: the meeting closes and its outcomes can no longer change' }),
    command({
      event: 'CANCEL', method: 'POST', path: 'cancellation', body: CancelMeetingDto, roles: writers, summary: 'Cancel the meeting; every motion on its agenda is unscheduled (UNSCHEDULE event) in the same transaction',
      facts: (_, { dto }) => ({ reason: dto.reason.trim() }),
      after: (facts, { tx, ctx, instance, dto, applied }) => facts.unscheduleMotions(tx, ctx, instance.id, dto.reason.trim(), applied.event.stateBefore),
    }),
  ],
});
