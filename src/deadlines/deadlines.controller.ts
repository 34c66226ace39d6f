import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import type { RequestContext } from '../engine/types';
import { DeadlinesView } from './deadlines.view';
import { DeadlineRowDto, DeadlinesQueryDto } from './dto/deadline.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesView) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Upcoming deadlines across the system (the pending durable timers: grant proof-of-use and spend-by dates, selection call deadlines, motion implementation tasks, meeting invitation periods), soonest first' })
  @ApiOkResponse({ type: [DeadlineRowDto] })
  @ApiProblems(400, 401)
  upcoming(@Ctx() ctx: RequestContext, @Query() q: DeadlinesQueryDto): Promise<DeadlineRowDto[]> {
    return this.deadlines.upcoming(ctx, q.days);
  }
}
