import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnyRole, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import { etag } from '../engine/command-routes';
import type { RequestContext } from '../engine/types';
import { ImplementationQueryDto, MotionQueryDto } from './dto/motion-commands.dto';
import { ImplementationReportDto, MotionDto, MotionPageDto, OverdueTaskDto } from './dto/motion-view.dto';
import { CommandDispatcher } from '../engine/dispatcher';
import { motionCommands } from './motions.commands';
import { MotionView } from './motions.view';
import { Endpoint } from '../common/endpoint';

/** Reading motions; their commands are routes generated from the command table (motions.commands.ts). */
@ApiTags('motions')
@ApiBearerAuth()
@Controller()
export class MotionsController {
  constructor(
    private readonly motions: MotionView,
    private readonly dispatcher: CommandDispatcher,
  ) {}

  @Endpoint('GET', 'motions', { summary: 'Motions by body, deciding body, status or text; newest change first, paginated', type: MotionPageDto, problems: [400, 401] })
  list(@Ctx() ctx: RequestContext, @Query() q: MotionQueryDto): Promise<MotionPageDto> {
    return this.motions.list(ctx, q);
  }

  @Get('motions/:id')
  @AnyRole()
  @ApiOperation({ summary: 'A motion: state, proposals with every version, consultation record, tasks, and next steps with reasons' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: MotionDto, headers: { ETag: { description: 'The instance version, for If-Match', schema: { type: 'string' } } } })
  @ApiProblems(400, 401, 404)
  async get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: FastifyReply): Promise<MotionDto> {
    const motion = await this.dispatcher.get(motionCommands, ctx, id);
    void res.header('ETag', etag(motion.version));
    return motion;
  }

  @Endpoint('GET', 'implementation/overdue-tasks', { summary: 'Implementation tasks past their due day, earliest first', type: [OverdueTaskDto], problems: [400, 401] })
  overdue(@Ctx() ctx: RequestContext, @Query() q: ImplementationQueryDto): Promise<OverdueTaskDto[]> {
    return this.motions.overdue(ctx, q);
  }

  @Endpoint('GET', 'implementation/report', { summary: 'Per deciding body: implementation tasks on track, overdue, done and cancelled', type: [ImplementationReportDto], problems: [400, 401] })
  report(@Ctx() ctx: RequestContext, @Query() q: ImplementationQueryDto): Promise<ImplementationReportDto[]> {
    return this.motions.report(ctx, q);
  }
}
