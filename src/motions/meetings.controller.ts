import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { AddAgendaItemDto, AttendanceDto, CancelMeetingDto, CreateMeetingDto, InviteDto, MeetingDetailDto, MeetingDto, MeetingPageDto, MeetingQueryDto } from './dto/meetings.dto';
import { MeetingsService, type MeetingDetail } from './meetings.service';

const detail = (d: MeetingDetail): MeetingDetailDto => MeetingDetailDto.detail(d.meeting, d.body, d.agenda, d.attendees);

/**
 * Meetings (Sitzungen): scheduled → invited → held → minutesApproved, or cancelled. Clerks and
 * admins write, every role reads. Refusals carry MEETING.* codes and write nothing.
 */
@ApiTags('motions: meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post()
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Create a meeting of a body (in the future)' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateMeetingDto): Promise<MeetingDetailDto> {
    return detail(await this.meetings.create(ctx, dto));
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Meetings, by start, filterable by body, state and period; paginated' })
  async list(@Ctx() ctx: RequestContext, @Query() q: MeetingQueryDto): Promise<MeetingPageDto> {
    const page = await this.meetings.list(ctx, q);
    return { ...page, items: page.items.map((m) => MeetingDto.from(m.meeting, m.body)) };
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A meeting with its agenda (nichtöffentliche items only for clerk, auditor and admin) and attendance' })
  async get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<MeetingDetailDto> {
    return detail(await this.meetings.detail(ctx, id));
  }

  @Post(':id/agenda-items')
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Append a plain agenda item (motions are placed with POST /motions/{id}/schedule)' })
  async addItem(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AddAgendaItemDto): Promise<MeetingDetailDto> {
    return detail(await this.meetings.addItem(ctx, id, dto));
  }

  @Post(':id/invitation')
  @HttpCode(200)
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Send the invitation today (by the clock); refused when the Ladungsfrist is not met (MEETING.INVITATION_TOO_LATE)' })
  async invite(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: InviteDto): Promise<MeetingDetailDto> {
    return detail(await this.meetings.invite(ctx, id, dto));
  }

  @Put(':id/attendance')
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Record who is present (replaces the list); each must hold a seat on the meeting day' })
  async attendance(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AttendanceDto): Promise<MeetingDetailDto> {
    return detail(await this.meetings.recordAttendance(ctx, id, dto));
  }

  @Post(':id/held')
  @HttpCode(200)
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Mark the meeting as held (once it has begun); outcomes can then be recorded' })
  async held(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<MeetingDetailDto> {
    return detail(await this.meetings.markHeld(ctx, id));
  }

  @Post(':id/minutes-approval')
  @HttpCode(200)
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Approve the minutes: the meeting closes and its outcomes can no longer change' })
  async approveMinutes(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<MeetingDetailDto> {
    return detail(await this.meetings.approveMinutes(ctx, id));
  }

  @Post(':id/cancellation')
  @HttpCode(200)
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Cancel the meeting; every motion on its agenda is unscheduled (UNSCHEDULE event) in the same transaction' })
  async cancel(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CancelMeetingDto): Promise<MeetingDetailDto> {
    return detail(await this.meetings.cancel(ctx, id, dto.reason));
  }
}
