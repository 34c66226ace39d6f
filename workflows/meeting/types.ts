/** The meeting (Sitzung) record: what the machine is started with, what it accumulates, its events. */
import type { IsoDate } from '../shared/calendar';
import type { DocumentIssued, DocumentsRecord } from '../shared/documents';

export type MeetingState = 'scheduled' | 'invited' | 'held' | 'minutesApproved' | 'cancelled';

/** Facts about the body, looked up by the service when the meeting is created. */
export interface MeetingInput {
  bodyId: string;
  bodyName: string;
  /** ISO instant with offset, e.g. `2020-08-19T17:00:00+02:00`. */
  start: string;
  location: string;
  /** Ladungsfrist in calendar days (standing orders). */
  invitationPeriodDays: number;
  /** The shorter period allowed in urgent cases, with a recorded reason. */
  urgentInvitationPeriodDays: number;
  /** Gesetzliche Mitgliederzahl. */
  statutoryMembers: number;
}

export interface MeetingContext extends MeetingInput, DocumentsRecord {
  /** The last Berlin day on which the invitation still meets the regular period. */
  lastRegularInvitationDay: IsoDate;
  /** Set by the `invitationDue` timer when that day passed without an invitation. */
  invitationOverdue: boolean;
  /** The Berlin day the invitation went out. */
  invitationDate: IsoDate | null;
  /** Set when only the shorter urgent period was met. */
  urgentInvitationReason: string | null;
  /** Persons present; null until attendance is recorded. */
  attendees: string[] | null;
  /** How many attendees held a voting seat on the meeting day (what quorum counts). */
  presentMembers: number | null;
  heldAt: string | null;
  minutesApprovedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface Actor {
  id: string;
  role: string;
}

/** Every event carries the engine's clock time and the actor. */
export interface EventMeta {
  at: string;
  actor: Actor;
}

export type SendInvitation = EventMeta & { type: 'SEND_INVITATION'; urgentReason?: string };
/** Facts looked up by the service: the persons present and how many of them hold a voting seat. */
export type RecordAttendance = EventMeta & { type: 'RECORD_ATTENDANCE'; personIds: string[]; votingPresent: number };
export type MarkHeld = EventMeta & { type: 'MARK_HELD' };
export type ApproveMinutes = EventMeta & { type: 'APPROVE_MINUTES' };
export type CancelMeeting = EventMeta & { type: 'CANCEL'; reason: string };
/** A plain agenda item, public or nichtöffentlich; motions come onto the agenda by their SCHEDULE. */
export type AddAgendaItem = EventMeta & { type: 'ADD_AGENDA_ITEM'; title: string; public: boolean };
/** Sent by the durable `invitationDue` timer. */
export type InvitationDue = EventMeta & { type: 'INVITATION_DUE' };

export type MeetingEvent = SendInvitation | RecordAttendance | MarkHeld | ApproveMinutes | CancelMeeting | AddAgendaItem | InvitationDue | DocumentIssued;
export type MeetingEventType = MeetingEvent['type'];
