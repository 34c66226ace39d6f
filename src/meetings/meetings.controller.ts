import { Controller, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { MeetingDetailDto, MeetingPageDto, MeetingQueryDto } from './dto/meetings.dto';
import { CommandDispatcher } from '../engine/dispatcher';
import { meetingCommands } from './meetings.commands';
import { MeetingsView } from './meetings.view';
import { Endpoint } from '../common/endpoint';

/** Reads of meetings; every write is a command of meetings.commands.ts. */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly view: MeetingsView,
    private readonly dispatcher: CommandDispatcher,
  ) {}

  @Endpoint('GET', '', { summary: 'Meetings, by start, filterable by body, state and period; paginated', type: MeetingPageDto, problems: [400, 401, 403] })
  list(@Ctx() ctx: RequestContext, @Query() q: MeetingQueryDto): Promise<MeetingPageDto> {
    return this.view.list(ctx, q);
  }

  @Endpoint('GET', ':id', { summary: 'A meeting with its agenda (nichtöffentliche items only for clerk, auditor and admin) and attendance', type: MeetingDetailDto, problems: [400, 401, 403, 404] })
  get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<MeetingDetailDto> {
    return this.dispatcher.get(meetingCommands, ctx, id);
  }

}
