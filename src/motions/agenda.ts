/**
 * SQL for the writes that must share a motion event's transaction (the engine hands us its
 * PoolClient): locking a meeting while a motion goes on or off its agenda, and the agenda items.
 */
import type { PoolClient } from 'pg';
import type { Attendance, BodyKind } from '../../workflows/motion';
import { DomainError } from '../common/problem';
import type { MeetingState } from './entities';

export interface LockedMeeting {
  id: string;
  bodyId: string;
  start: Date;
  state: MeetingState;
  invitationDate: string | null;
  presentMembers: number | null;
  body: { name: string; kind: BodyKind; statutoryMembers: number; invitationPeriodDays: number; urgentInvitationPeriodDays: number };
}

interface MeetingRow {
  id: string;
  body_id: string;
  start: Date;
  state: MeetingState;
  invitation_date: string | null;
  present_members: number | null;
  name: string;
  kind: BodyKind;
  statutory_members: number;
  invitation_period_days: number;
  urgent_invitation_period_days: number;
}

/**
 * The meeting with its body, locked until the transaction ends: a meeting being cancelled and a
 * motion being put on its agenda wait for each other. 422 when it does not exist: its id came in
 * a request body.
 */
export async function lockMeeting(client: PoolClient, tenant: string, meetingId: string, lock: 'UPDATE' | 'SHARE' = 'UPDATE'): Promise<LockedMeeting> {
  const { rows } = await client.query<MeetingRow>(
    `SELECT m.id, m.body_id, m.start, m.state, to_char(m.invitation_date, 'YYYY-MM-DD') AS invitation_date, m.present_members,
            b.name, b.kind, b.statutory_members, b.invitation_period_days, b.urgent_invitation_period_days
       FROM meetings m JOIN bodies b ON b.id = m.body_id
      WHERE m.id = $1 AND m.tenant = $2
        FOR ${lock} OF m`,
    [meetingId, tenant],
  );
  const r = rows[0];
  if (!r) throw new DomainError(422, 'MEETING.UNKNOWN', `There is no meeting ${meetingId} in your Körperschaft.`, { meetingId });
  return {
    id: r.id,
    bodyId: r.body_id,
    start: r.start,
    state: r.state,
    invitationDate: r.invitation_date,
    presentMembers: r.present_members,
    body: {
      name: r.name,
      kind: r.kind,
      statutoryMembers: r.statutory_members,
      invitationPeriodDays: r.invitation_period_days,
      urgentInvitationPeriodDays: r.urgent_invitation_period_days,
    },
  };
}

/** What the machine's quorum and vote rules need; undefined until attendance is recorded. */
export const attendanceOf = (m: LockedMeeting): Attendance | undefined =>
  m.presentMembers === null ? undefined : { present: m.presentMembers, statutoryMembers: m.body.statutoryMembers };

/** Open meetings (not held, not cancelled) of the body whose agenda lists the motion now. */
export async function openAgendaMeetingIds(client: PoolClient, tenant: string, bodyId: string, motionId: string): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT m.id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
      WHERE a.tenant = $1 AND a.motion_instance_id = $2 AND a.status = 'scheduled'
        AND m.body_id = $3 AND m.state IN ('scheduled', 'invited')
      ORDER BY m.start`,
    [tenant, motionId, bodyId],
  );
  return rows.map((r) => r.id);
}

export interface NewAgendaItem {
  tenant: string;
  meetingId: string;
  title: string;
  public: boolean;
  motionInstanceId: string | null;
  consultationNo: number | null;
  at: Date;
}

/** Appends an item; call with the meeting locked, so positions cannot collide. */
export async function appendAgendaItem(client: PoolClient, item: NewAgendaItem): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO agenda_items (tenant, meeting_id, position, title, public, motion_instance_id, consultation_no, status, created_at)
     SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3, $4, $5, $6, 'scheduled', $7 FROM agenda_items WHERE meeting_id = $2
     RETURNING id`,
    [item.tenant, item.meetingId, item.title, item.public, item.motionInstanceId, item.consultationNo, item.at],
  );
  return rows[0]!.id;
}

/** Motions on the meeting's agenda now. */
export async function motionsOnAgenda(client: PoolClient, meetingId: string): Promise<string[]> {
  const { rows } = await client.query<{ motion_instance_id: string }>(
    `SELECT motion_instance_id FROM agenda_items WHERE meeting_id = $1 AND status = 'scheduled' AND motion_instance_id IS NOT NULL ORDER BY position`,
    [meetingId],
  );
  return rows.map((r) => r.motion_instance_id);
}
