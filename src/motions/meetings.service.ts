import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, LessThanOrEqual, MoreThanOrEqual, type FindOptionsWhere, type Repository } from 'typeorm';
import { berlinDate } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { DomainError, invalid, notFound } from '../common/problem';
import { Database } from '../engine/database';
import { EngineService } from '../engine/engine.service';
import type { Page, RequestContext } from '../engine/types';
import { appendAgendaItem, lockMeeting, motionsOnAgenda } from './agenda';
import { BodiesService } from './bodies.service';
import type { AddAgendaItemDto, AttendanceDto, CreateMeetingDto, InviteDto, MeetingQueryDto } from './dto/meetings.dto';
import { AgendaItemEntity, type BodyEntity, MeetingEntity, type MeetingState, type PersonEntity } from './entities';
import { agendaOpen, hasBegun, invitationInTime, MeetingViolation, NEXT_STATE, refuse, startsInFuture, stateAllows, usesUrgentPeriod } from './meeting-rules';
import { maySeeNonPublic } from './visibility';

export interface MeetingDetail {
  meeting: MeetingEntity;
  body: BodyEntity;
  agenda: AgendaItemEntity[];
  attendees: { person: PersonEntity; votingRight: boolean }[] | null;
}

/**
 * Meetings (Sitzungen) and their agendas. The lifecycle is a guarded state column (meeting-rules.ts);
 * each change is refused with a MEETING.* code unless the state and the clock allow it, and is
 * written with the expected state in the WHERE clause so concurrent changes cannot both win.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
    private readonly bodies: BodiesService,
    private readonly engine: EngineService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async create(ctx: RequestContext, dto: CreateMeetingDto): Promise<MeetingDetail> {
    const body = (await this.bodies.bodiesById(ctx, [dto.bodyId], 'MEETING.UNKNOWN_BODY')).get(dto.bodyId)!;
    const now = this.clock.now();
    const start = new Date(dto.start);
    refuse(startsInFuture(start, now));
    const meeting = this.meetings.create({ tenant: ctx.tenant, bodyId: body.id, start, location: dto.location.trim(), state: 'scheduled', createdAt: now, updatedAt: now });
    await this.meetings.insert(meeting);
    return this.detail(ctx, meeting.id);
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
  async invite(ctx: RequestContext, id: string, dto: InviteDto): Promise<MeetingDetail> {
    const { meeting, body } = await this.detail(ctx, id);
    const now = this.clock.now();
    refuse(stateAllows(meeting, 'invite'), startsInFuture(meeting.start, now), invitationInTime(meeting, body, now, dto.urgentReason));
    const urgent = usesUrgentPeriod(meeting, body, now);
    await this.move(ctx, meeting, NEXT_STATE.invite, { invitationDate: berlinDate(now), urgentInvitationReason: urgent ? dto.urgentReason!.trim() : null });
    return this.detail(ctx, id);
  }

  /**
   * Who is present. Each person must hold a seat on the body on the meeting day; only voting
   * seats count towards quorum. Recording again replaces the list (late arrivals, early leavers).
   */
  async recordAttendance(ctx: RequestContext, id: string, dto: AttendanceDto): Promise<MeetingDetail> {
    const { meeting, body } = await this.detail(ctx, id);
    refuse(stateAllows(meeting, 'recordAttendance'), hasBegun(meeting, this.clock.now()));
    const seats = await this.bodies.seatsOn(ctx, meeting.bodyId, berlinDate(meeting.start));
    const strangers = dto.personIds.filter((p) => !seats.has(p));
    if (strangers.length) {
      throw invalid(MeetingViolation.NOT_A_MEMBER, `Not members of ${body.name} on ${berlinDate(meeting.start)}: ${strangers.join(', ')}.`, { personIds: strangers });
    }
    const presentMembers = dto.personIds.filter((p) => seats.get(p)!.votingRight).length;
    await this.move(ctx, meeting, meeting.state, { attendees: dto.personIds, presentMembers });
    return this.detail(ctx, id);
  }

  async markHeld(ctx: RequestContext, id: string): Promise<MeetingDetail> {
    const { meeting } = await this.detail(ctx, id);
    const now = this.clock.now();
    refuse(stateAllows(meeting, 'markHeld'), hasBegun(meeting, now));
    await this.move(ctx, meeting, NEXT_STATE.markHeld, { heldAt: now });
    return this.detail(ctx, id);
  }

  /** Closes the meeting: its outcomes can no longer change. */
  async approveMinutes(ctx: RequestContext, id: string): Promise<MeetingDetail> {
    const { meeting } = await this.detail(ctx, id);
    refuse(stateAllows(meeting, 'approveMinutes'));
    await this.move(ctx, meeting, NEXT_STATE.approveMinutes, { minutesApprovedAt: this.clock.now() });
    return this.detail(ctx, id);
  }

  /**
   * Cancels the meeting and takes every motion off its agenda with an UNSCHEDULE event, all in
   * one transaction: the motions wait for a new slot, and their logs say why.
   */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<MeetingDetail> {
    await this.db.transaction(async (tx) => {
      const meeting = await this.locked(tx, ctx, id);
      refuse(stateAllows(meeting, 'cancel'));
      const now = this.clock.now();
      await tx.query(`UPDATE meetings SET state = 'cancelled', cancelled_at = $2, cancel_reason = $3, updated_at = $2 WHERE id = $1`, [id, now, reason.trim()]);
      for (const motionId of await motionsOnAgenda(tx, id)) {
        await this.engine.apply(ctx, motionId, { type: 'UNSCHEDULE', payload: { meetingId: id, reason: `Sitzung abgesagt: ${reason.trim()}` } }, tx);
      }
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

  /** Writes a change only if the meeting is still in the state the rules were checked against. */
  private async move(ctx: RequestContext, meeting: MeetingEntity, to: MeetingState, changes: Partial<MeetingEntity>): Promise<void> {
    const result = await this.meetings.update({ id: meeting.id, tenant: ctx.tenant, state: meeting.state }, { ...changes, state: to, updatedAt: this.clock.now() });
    if (result.affected !== 1) {
      throw new DomainError(409, 'MEETING.CONCURRENT_CHANGE', 'The meeting changed while this request was processed. Nothing was written; reload it and try again.');
    }
  }
}
