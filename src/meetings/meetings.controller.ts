import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import type { RequestContext } from '../engine/types';
import { AddAgendaItemDto, MeetingDetailDto, MeetingPageDto, MeetingQueryDto } from './dto/meetings.dto';
import { CommandDispatcher } from '../engine/dispatcher';
import { meetingCommands } from './meetings.commands';
import { MeetingsFacts } from './meetings.facts';
import { MeetingsView } from './meetings.view';

/** Reads of meetings, and the one write that is no event: a plain agenda item. The commands come from meetings.commands.ts. */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly view: MeetingsView,
    private readonly facts: MeetingsFacts,
    private readonly dispatcher: CommandDispatcher,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Meetings, by start, filterable by body, state and period; paginated' })
  @ApiOkResponse({ type: MeetingPageDto })
  @ApiProblems(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() q: MeetingQueryDto): Promise<MeetingPageDto> {
    return this.view.list(ctx, q);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A meeting with its agenda (nichtöffentliche items only for clerk, auditor and admin) and attendance' })
  @ApiParam({ name: 'id', format: 'uuid', type: String })
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<MeetingDetailDto> {
    return this.dispatcher.get(meetingCommands, ctx, id);
  }

  @Post(':id/agenda-items')
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Append a plain agenda item (motions are placed with POST /motions/{id}/schedule)' })
  @ApiParam({ name: 'id', format: 'uuid', type: String })
  @ApiCreatedResponse({ type: MeetingDetailDto })
  @ApiProblems(400, 401, 403, 404, 422)
  async addItem(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AddAgendaItemDto): Promise<MeetingDetailDto> {
    await this.facts.addAgendaItem(ctx, id, dto);
    return this.dispatcher.get(meetingCommands, ctx, id);
  }
}
