/**
 * Every SQL statement of the meetings module: the `meetings` projection of the meeting instances,
 * the agendas, and the master data (bodies, seats, persons) a meeting's facts and views join. The
 * functions that take a `PoolClient` run inside someone else's transaction: a meeting event's, or a
 * motion event's that locks a meeting while it goes on or off its agenda.
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { Between, LessThanOrEqual, MoreThanOrEqual, type FindOptionsWhere, type Repository } from 'typeorm';
import type { MeetingContext } from '../../workflows/meeting';
import type { Attendance, BodyKind } from '../../workflows/motion';
import { DomainError } from '../common/problem';
import { Database } from '../engine/database';
import type { Projector } from '../engine/engine.service';
import type { InstanceRecord, Page } from '../engine/types';
import type { MeetingQueryDto } from './dto/meetings.dto';
import { AgendaItemEntity, MeetingEntity, type MeetingState } from './entities';

export interface LockedMeeting {
  id: string;
  bodyId: string;
  start: Date;
  state: MeetingState;
  invitationDate: string | null;
  heldAt: Date | null;
  presentMembers: number | null;
  body: { name: string; kind: BodyKind; statutoryMembers: number; invitationPeriodDays: number; urgentInvitationPeriodDays: number };
}

/**
 * The meeting with its body, locked until the transaction ends: a meeting being cancelled and a
 * motion being put on its agenda wait for each other. 422 when it does not exist: its id came in
 * a request body.
 */
export async function lockMeeting(client: PoolClient, tenant: string, meetingId: string, lock: 'UPDATE' | 'SHARE' = 'UPDATE'): Promise<LockedMeeting> {
  const { rows } = await client.query<LockedMeeting>(
    `SELECT m.id, m.body_id AS "bodyId", m.start, m.state, to_char(m.invitation_date, 'YYYY-MM-DD') AS "invitationDate", m.held_at AS "heldAt", m.present_members AS "presentMembers",
            json_build_object('name', b.name, 'kind', b.kind, 'statutoryMembers', b.statutory_members,
                              'invitationPeriodDays', b.invitation_period_days, 'urgentInvitationPeriodDays', b.urgent_invitation_period_days) AS body
       FROM meetings m JOIN bodies b ON b.id = m.body_id
      WHERE m.id = $1 AND m.tenant = $2
        FOR ${lock} OF m`,
    [meetingId, tenant],
  );
  if (!rows[0]) throw new DomainError(422, 'MEETING.UNKNOWN', `There is no meeting ${meetingId} in your Körperschaft.`, { meetingId });
  return rows[0];
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

/** What a new meeting takes from its body. */
export interface BodyFacts {
  id: string;
  name: string;
  statutoryMembers: number;
  invitationPeriodDays: number;
  urgentInvitationPeriodDays: number;
}

export interface Attendee {
  person: { id: string; name: string };
  /** Held a voting seat on the body on the meeting day. */
  votingRight: boolean;
}

/**
 * The meetings module's query API. The motions module asks it for the facts of a meeting inside
 * its own event's transaction (the methods that take a `PoolClient`); nobody else reads the
 * meetings tables.
 */
@Injectable()
export class MeetingsRepository {
  constructor(
    private readonly db: Database,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
  ) {}

  readonly lockMeeting = lockMeeting;
  readonly attendanceOf = attendanceOf;
  readonly openAgendaMeetingIds = openAgendaMeetingIds;
  readonly appendAgendaItem = appendAgendaItem;
  readonly motionsOnAgenda = motionsOnAgenda;

  /** Retires the agenda items of a motion's consultations that its record shows as removed, in the motion event's transaction. */
  async retireAgendaItems(client: PoolClient, motionId: string, removed: readonly { consultationNo: number; reason: string }[]): Promise<void> {
    await client.query({
      name: 'bw_retire_agenda_items',
      text: `UPDATE agenda_items a SET status = 'removed', removed_reason = r.reason
               FROM unnest($2::int[], $3::text[]) AS r(no, reason)
              WHERE a.motion_instance_id = $1 AND a.consultation_no = r.no AND a.status = 'scheduled'`,
      values: [motionId, removed.map((x) => x.consultationNo), removed.map((x) => x.reason)],
    });
  }

  transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * The `meetings` row is the projection of the meeting's engine instance (same id). The engine runs
   * this in the transaction of the creation and of every event, so the table the motions module reads
   * (agendas, locks, attendance) never disagrees with the log.
   */
  readonly project: Projector = async (client: PoolClient, instance: InstanceRecord): Promise<void> => {
    const c = instance.context as MeetingContext;
    await client.query({
      name: 'bw_project_meeting',
      text: `INSERT INTO meetings (id, tenant, body_id, start, location, state, invitation_date, urgent_invitation_reason, attendees, present_members,
                                   held_at, minutes_approved_at, cancelled_at, cancel_reason, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10, $11, $12, $13, $14, $15, $16)
             ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, invitation_date = EXCLUDED.invitation_date,
               urgent_invitation_reason = EXCLUDED.urgent_invitation_reason, attendees = EXCLUDED.attendees, present_members = EXCLUDED.present_members,
               held_at = EXCLUDED.held_at, minutes_approved_at = EXCLUDED.minutes_approved_at, cancelled_at = EXCLUDED.cancelled_at,
               cancel_reason = EXCLUDED.cancel_reason, updated_at = EXCLUDED.updated_at`,
      values: [
        instance.id,
        instance.tenant,
        c.bodyId,
        c.start,
        c.location,
        instance.state as MeetingState, // a flat machine: the value is the state's name
        c.invitationDate,
        c.urgentInvitationReason,
        c.attendees,
        c.presentMembers,
        c.heldAt,
        c.minutesApprovedAt,
        c.cancelledAt,
        c.cancelReason,
        instance.createdAt,
        instance.updatedAt,
      ],
    });
  };

  async body(tenant: string, id: string): Promise<BodyFacts | undefined> {
    const { rows } = await this.db.pool.query<BodyFacts>(
      `SELECT id, name, statutory_members AS "statutoryMembers", invitation_period_days AS "invitationPeriodDays",
              urgent_invitation_period_days AS "urgentInvitationPeriodDays"
         FROM bodies WHERE tenant = $1 AND id = $2`,
      [tenant, id],
    );
    return rows[0];
  }

  /** Seats on the body held on `day` (a Berlin calendar day): voting right by person id. */
  async seatsOn(tx: PoolClient, tenant: string, bodyId: string, day: string): Promise<Map<string, boolean>> {
    const { rows } = await tx.query<{ person_id: string; voting_right: boolean }>(
      `SELECT person_id, voting_right FROM memberships
        WHERE tenant = $1 AND body_id = $2 AND start <= $3::date AND ("end" IS NULL OR "end" >= $3::date)`,
      [tenant, bodyId, day],
    );
    return new Map(rows.map((r) => [r.person_id, r.voting_right]));
  }

  /** The persons recorded as present, by name, each with whether a voting seat was held on `day`. */
  async attendees(tenant: string, bodyId: string, day: string, personIds: readonly string[]): Promise<Attendee[]> {
    const { rows } = await this.db.pool.query<{ id: string; name: string; voting_right: boolean }>(
      `SELECT p.id, p.name,
              COALESCE((SELECT bool_or(s.voting_right) FROM memberships s
                         WHERE s.tenant = p.tenant AND s.body_id = $2 AND s.person_id = p.id
                           AND s.start <= $3::date AND (s."end" IS NULL OR s."end" >= $3::date)), false) AS voting_right
         FROM persons p
        WHERE p.tenant = $1 AND p.id = ANY($4::uuid[])`,
      [tenant, bodyId, day, [...personIds]],
    );
    return rows.map((r) => ({ person: { id: r.id, name: r.name }, votingRight: r.voting_right })).sort((a, b) => a.person.name.localeCompare(b.person.name));
  }

  find(tenant: string, id: string): Promise<MeetingEntity | null> {
    return this.meetings.findOne({ where: { id, tenant }, relations: { body: true } });
  }

  /** Meetings by start, with their bodies. */
  async list(tenant: string, q: MeetingQueryDto): Promise<Page<MeetingEntity>> {
    const where: FindOptionsWhere<MeetingEntity> = { tenant };
    if (q.bodyId) where.bodyId = q.bodyId;
    if (q.state) where.state = q.state;
    if (q.from && q.to) where.start = Between(new Date(q.from), new Date(q.to));
    else if (q.from) where.start = MoreThanOrEqual(new Date(q.from));
    else if (q.to) where.start = LessThanOrEqual(new Date(q.to));
    const [items, total] = await this.meetings.findAndCount({
      where,
      relations: { body: true },
      order: { start: 'ASC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  /**
   * The agenda items of a motion's consultations, by consultation no: their position on the agenda
   * and whether they are public. The motions module's view asks this, to withhold non-public ones.
   */
  async motionAgendaItems(tenant: string, motionId: string): Promise<Map<number, { position: number; public: boolean }>> {
    const { rows } = await this.db.pool.query<{ consultation_no: number; position: number; public: boolean }>(
      `SELECT consultation_no, position, public FROM agenda_items WHERE tenant = $1 AND motion_instance_id = $2 AND consultation_no IS NOT NULL`,
      [tenant, motionId],
    );
    return new Map(rows.map((r) => [r.consultation_no, { position: r.position, public: r.public }]));
  }

  /** The agenda in order of placement; `publicOnly` leaves nichtöffentliche items out (not loaded, so nothing can leak). */
  agenda(tenant: string, meetingId: string, publicOnly: boolean): Promise<AgendaItemEntity[]> {
    return this.items.find({ where: { meetingId, tenant, ...(publicOnly ? { public: true } : {}) }, order: { position: 'ASC' } });
  }
}
