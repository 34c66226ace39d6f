import { Injectable } from '@nestjs/common';
import { berlinDate } from '../common/berlin-time';
import { notFound } from '../common/problem';
import type { CommandView, NextStep } from '../engine/commands';
import type { InstanceRecord, RequestContext } from '../engine/types';
import { maySeeNonPublic } from '../motions/visibility';
import { MeetingDetailDto, MeetingDto, type MeetingPageDto, type MeetingQueryDto } from './dto/meetings.dto';
import { MeetingsRepository } from './meetings.repository';

/**
 * A meeting as clients see it: the `meetings` row (the projection of its instance) with its body,
 * its agenda in order and the recorded attendance. The same view answers GET and every command.
 */
@Injectable()
export class MeetingsView implements CommandView<MeetingDetailDto> {
  constructor(private readonly meetings: MeetingsRepository) {}

  /** Callers who may not see nichtöffentliche items get the agenda without them. */
  async view(ctx: RequestContext, { id }: InstanceRecord, nextSteps: NextStep[]): Promise<MeetingDetailDto> {
    const meeting = await this.meetings.find(ctx.tenant, id);
    if (!meeting) throw notFound('Meeting', id);
    const agenda = await this.meetings.agenda(ctx.tenant, id, !maySeeNonPublic(ctx.actor.role));
    const attendees = meeting.attendees ? await this.meetings.attendees(ctx.tenant, meeting.bodyId, berlinDate(meeting.start), meeting.attendees) : null;
    return MeetingDetailDto.detail(meeting, meeting.body!, agenda, attendees, nextSteps);
  }

  async list(ctx: RequestContext, q: MeetingQueryDto): Promise<MeetingPageDto> {
    const page = await this.meetings.list(ctx.tenant, q);
    return { ...page, items: page.items.map((m) => MeetingDto.from(m, m.body!)) };
  }
}
