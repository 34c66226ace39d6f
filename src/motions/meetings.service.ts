import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { Between, LessThanOrEqual, MoreThanOrEqual, type FindOptionsWhere, type Repository } from 'typeorm';
import { ACTION_EVENT, type MeetingAction, type MeetingInput } from '../../workflows/meeting';
import { berlinDate, toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { DomainError, invalid, notFound } from '../common/problem';
import { Database } from '../engine/database';
import { EngineService } from '../engine/engine.service';
import type { Page, RequestContext } from '../engine/types';
import { appendAgendaItem, lockMeeting, motionsOnAgenda } from './agenda';
import { BodiesService } from './bodies.service';
import type { AddAgendaItemDto, AttendanceDto, CreateMeetingDto, InviteDto, MeetingQueryDto } from './dto/meetings.dto';
import { AgendaItemEntity, type BodyEntity, MeetingEntity, type PersonEntity } from './entities';
import { projectMeeting } from './meeting-projection';
import { agendaOpen, MeetingViolation, refuse, startsInFuture } from './meeting-rules';
import { maySeeNonPublic } from './visibility';

const MEETING = 'meeting';

export interface MeetingDetail {
  meeting: MeetingEntity;
  body: BodyEntity;
  agenda: AgendaItemEntity[];
  attendees: { person: PersonEntity; votingRight: boolean }[] | null;
}

/**
 * Meetings (Sitzungen) and their agendas. Each meeting is an engine instance of the `meeting`
 * workflow (workflows/meeting, same id), so every lifecycle change is an event on the hash-chained
 * log; the `meetings` table is its projection (meeting-projection.ts), written in the same
 * transaction. The machine's `invitationDue` timer reaches the timer service through the outbox
 * poll: a deadline days ahead needs no immediate delivery.
 */
@Injectable()
export class MeetingsService implements OnModuleInit {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
    private readonly bodies: BodiesService,
    private readonly engine: EngineService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.engine.claim(MEETING, '/meetings/{id}/…', projectMeeting);
  }

  /** The body's facts (Ladungsfrist, members) go into the instance's input, so the log replays without them. */
  async create(ctx: RequestContext, dto: CreateMeetingDto): Promise<MeetingDetail> {
    const body = (await this.bodies.bodiesById(ctx, [dto.bodyId], 'MEETING.UNKNOWN_BODY')).get(dto.bodyId)!;
    const start = toBerlinIso(new Date(dto.start));
    refuse(startsInFuture(start, this.clock.now().toISOString()));
    const input: MeetingInput = {
      bodyId: body.id,
      bodyName: body.name,
      start,
      location: dto.location.trim(),
      invitationPeriodDays: body.invitationPeriodDays,
      urgentInvitationPeriodDays: body.urgentInvitationPeriodDays,
      statutoryMembers: body.statutoryMembers,
    };
    const instance = await this.db.transaction((tx) => this.engine.create(ctx, MEETING, input, tx));
    return this.detail(ctx, instance.id);
  }

  async list(ctx: RequestContext, q: MeetingQueryDto): Promise<Page<{ meeting: MeetingEntity; body: BodyEntity }>> {
    const where: FindOptionsWhere<MeetingEntity> = { tenant: ctx.tenant };
    if (q.bodyId) where.bodyId = q.bodyId;
    if (q.state) where.state = q.state;
    if (q.from && q.to) where.start = Between(new Date(q.from), new Date(q.to));
    else if (q.from) where.start = MoreThanOrEqual(new Date(q.from));
    else if (q.to) where.start = LessThanOrEqual(new Date(q.to));
    const [rows, total] = await this.meetings.findAndCount({
      where,
      relations: { body: true },
      order: { start: 'ASC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items: rows.map((meeting) => ({ meeting, body: meeting.body! })), page: q.page, pageSize: q.pageSize, total };
  }

  /**
   * The meeting with its body, its agenda in order and the recorded attendance. Callers who may not
   * see nichtöffentliche items get the agenda without them: not loaded, so nothing can leak.
   */
  async detail(ctx: RequestContext, id: string): Promise<MeetingDetail> {
    const meeting = await this.meetings.findOne({ where: { id, tenant: ctx.tenant }, relations: { body: true } });
    if (!meeting) throw notFound('Meeting', id);
    const visible: FindOptionsWhere<AgendaItemEntity> = maySeeNonPublic(ctx.actor.role) ? {} : { public: true };
    const agenda = await this.items.find({ where: { meetingId: id, tenant: ctx.tenant, ...visible }, order: { position: 'ASC' } });
    let attendees: MeetingDetail['attendees'] = null;
    if (meeting.attendees) {
      const seats = await this.bodies.seatsOn(ctx, meeting.bodyId, berlinDate(meeting.start));
      const people = await this.bodies.personsById(ctx, meeting.attendees);
      attendees = people
        .map((person) => ({ person, votingRight: seats.get(person.id)?.votingRight ?? false }))
        .sort((a, b) => a.person.name.localeCompare(b.person.name));
    }
    return { meeting, body: meeting.body!, agenda, attendees };
  }

  /** A plain agenda item (e.g. Mitteilungen); motions get theirs by being scheduled. */
  async addItem(ctx: RequestContext, id: string, dto: AddAgendaItemDto): Promise<MeetingDetail> {
    await this.db.transaction(async (tx) => {
      const meeting = await this.locked(tx, ctx, id);
      refuse(agendaOpen(meeting));
      await appendAgendaItem(tx, { tenant: ctx.tenant, meetingId: id, title: dto.title.trim(), public: dto.public, motionInstanceId: null, consultationNo: null, at: this.clock.now() });
    });
    return this.detail(ctx, id);
  }

  /** Sends the invitation today (by the clock), at least the body's Ladungsfrist ahead. */
  invite(ctx: RequestContext, id: string, dto: InviteDto): Promise<MeetingDetail> {
    return this.change(ctx, id, 'invite', () => ({ urgentReason: dto.urgentReason?.trim() }));
  }

  /**
   * Who is present. Each person must hold a seat on the body on the meeting day; only voting
   * seats count towards quorum. Recording again replaces the list (late arrivals, early leavers).
   */
  recordAttendance(ctx: RequestContext, id: string, dto: AttendanceDto): Promise<MeetingDetail> {
    return this.change(ctx, id, 'recordAttendance', async (meeting) => {
      const day = berlinDate(meeting.start);
      const seats = await this.bodies.seatsOn(ctx, meeting.bodyId, day);
      const strangers = dto.personIds.filter((p) => !seats.has(p));
      if (strangers.length) {
        throw invalid(MeetingViolation.NOT_A_MEMBER, `Not members of ${meeting.body!.name} on ${day}: ${strangers.join(', ')}.`, { personIds: strangers });
      }
      return { personIds: dto.personIds, votingPresent: dto.personIds.filter((p) => seats.get(p)!.votingRight).length };
    });
  }

  markHeld(ctx: RequestContext, id: string): Promise<MeetingDetail> {
    return this.change(ctx, id, 'markHeld');
  }

  /** Closes the meeting: its outcomes can no longer change. */
  approveMinutes(ctx: RequestContext, id: string): Promise<MeetingDetail> {
    return this.change(ctx, id, 'approveMinutes');
  }

  /**
   * Cancels the meeting and takes every motion off its agenda with an UNSCHEDULE event, all in
   * one transaction: the motions wait for a new slot, and their logs say why.
   */
  cancel(ctx: RequestContext, id: string, reason: string): Promise<MeetingDetail> {
    const why = reason.trim();
    // the items come off in the cancelling transaction: the meeting as it was before (its agenda still open)
    let before: MeetingEntity['state'] | undefined;
    const payload = (meeting: MeetingEntity) => {
      before = meeting.state;
      return { reason: why };
    };
    return this.change(ctx, id, 'cancel', payload, async (tx) => {
      for (const motionId of await motionsOnAgenda(tx, id)) {
        await this.engine.apply(ctx, motionId, { type: 'UNSCHEDULE', payload: { meetingId: id, reason: `Sitzung abgesagt: ${why}`, meeting: { state: before } } }, tx);
      }
    });
  }

  /**
   * One lifecycle change, one transaction, through the engine: an action the state does not allow
   * is refused by the machine with MEETING.INVALID_TRANSITION (409, in the clerk's words), a broken
   * rule with its MEETING.* code (422). The engine
   * locks the instance first and its projector then the meetings row, the order a timer's event
   * takes too, so the two cannot deadlock; a change that slips in between answers the engine's 409.
   */
  private async change(
    ctx: RequestContext,
    id: string,
    action: MeetingAction,
    payload: (meeting: MeetingEntity) => Record<string, unknown> | Promise<Record<string, unknown>> = () => ({}),
    alsoInTransaction?: (tx: PoolClient) => Promise<void>,
  ): Promise<MeetingDetail> {
    const meeting = await this.meetings.findOne({ where: { id, tenant: ctx.tenant }, relations: { body: true } });
    if (!meeting) throw notFound('Meeting', id);
    // as the log stores it: undefined fields dropped, so the machine sees what a replay sees
    const plain = JSON.parse(JSON.stringify(await payload(meeting))) as Record<string, unknown>;
    await this.db.transaction(async (tx) => {
      await this.engine.apply(ctx, id, { type: ACTION_EVENT[action], payload: plain }, tx);
      await alsoInTransaction?.(tx);
    });
    return this.detail(ctx, id);
  }

  private async locked(tx: Parameters<typeof lockMeeting>[0], ctx: RequestContext, id: string) {
    try {
      return await lockMeeting(tx, ctx.tenant, id);
    } catch (error) {
      // here the id is in the path: a missing meeting is a 404
      if (error instanceof DomainError && error.code === 'MEETING.UNKNOWN') throw notFound('Meeting', id);
      throw error;
    }
  }
}
