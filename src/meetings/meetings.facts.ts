import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { MeetingViolation, type MeetingContext, type MeetingInput } from '../../workflows/meeting';
import { berlinDate, toBerlinIso } from '../common/berlin-time';
import { invalid } from '../common/problem';
import type { CommandInput, Payload } from '../engine/commands';
import { EngineService } from '../engine/engine.service';
import type { RequestContext } from '../engine/types';
import type { AddAgendaItemDto, AttendanceDto, CreateMeetingDto } from './dto/meetings.dto';
import { MeetingsRepository } from './meetings.repository';

/**
 * The facts a meeting's events are decided on, looked up inside the event's transaction, and the
 * writes that share it (the motions a cancellation takes off the agenda). The machine's
 * `invitationDue` timer reaches the timer service through the outbox poll: a deadline days ahead
 * needs no immediate delivery.
 */
@Injectable()
export class MeetingsFacts {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly engine: EngineService,
  ) {}

  /** The body's facts (Ladungsfrist, members) go into the instance's input, so the log replays without them. The machine's `admit` then refuses a start that is not in the future. */
  async input(ctx: RequestContext, dto: CreateMeetingDto): Promise<MeetingInput> {
    const body = await this.meetings.body(ctx.tenant, dto.bodyId);
    if (!body) throw invalid('MEETING.UNKNOWN_BODY', `No body with id ${dto.bodyId} exists in your Körperschaft.`, { bodyIds: [dto.bodyId] });
    const start = toBerlinIso(new Date(dto.start));
    return {
      bodyId: body.id,
      bodyName: body.name,
      start,
      location: dto.location.trim(),
      invitationPeriodDays: body.invitationPeriodDays,
      urgentInvitationPeriodDays: body.urgentInvitationPeriodDays,
      statutoryMembers: body.statutoryMembers,
    };
  }

  /**
   * Who is present. Each person must hold a seat on the body on the meeting day; only voting
   * seats count towards quorum. Recording again replaces the list (late arrivals, early leavers).
   */
  async attendance({ tx, ctx, instance, dto }: CommandInput<AttendanceDto>): Promise<Payload> {
    const meeting = instance.context as MeetingContext;
    const day = berlinDate(new Date(meeting.start));
    const seats = await this.meetings.seatsOn(tx, ctx.tenant, meeting.bodyId, day);
    const strangers = dto.personIds.filter((p) => !seats.has(p));
    if (strangers.length) {
      // refusals name people, not ids: unknown ids stay ids, said to be unknown
      const known = new Map((await this.meetings.attendees(ctx.tenant, meeting.bodyId, day, strangers)).map((a) => [a.person.id, a.person.name]));
      const names = strangers.map((id) => known.get(id) ?? `unknown person ${id}`);
      throw invalid(MeetingViolation.NOT_A_MEMBER, `Not members of ${meeting.bodyName} on ${day} (Europe/Berlin): ${names.join(', ')}.`, { personIds: strangers });
    }
    return { personIds: dto.personIds, votingPresent: dto.personIds.filter((p) => seats.get(p)).length };
  }

  /**
   * A cancelled meeting takes every motion off its agenda with an UNSCHEDULE event in the
   * cancellation's transaction: the motions wait for a new slot, and their logs say why. Each event
   * carries the meeting as it was before the cancellation (its agenda still open), as any UNSCHEDULE does.
   */
  async unscheduleMotions(tx: PoolClient, ctx: RequestContext, meetingId: string, reason: string, stateBefore: unknown): Promise<void> {
    for (const motionId of await this.meetings.motionsOnAgenda(tx, meetingId)) {
      const payload = { meetingId, reason: `Sitzung abgesagt: ${reason}`, meeting: { state: stateBefore } };
      await this.engine.applyWithin(tx, ctx, motionId, { type: 'UNSCHEDULE', payload });
    }
  }

  /** The ADD_AGENDA_ITEM event's row on the agenda, in its transaction, at the end of the agenda. */
  async appendAgendaItem(tx: PoolClient, ctx: RequestContext, meetingId: string, dto: AddAgendaItemDto, at: Date): Promise<void> {
    await this.meetings.appendAgendaItem(tx, { tenant: ctx.tenant, meetingId, title: dto.title.trim(), public: dto.public, motionInstanceId: null, consultationNo: null, at });
  }
}
