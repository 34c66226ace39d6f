import { Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { DeadlinesView } from './deadlines.view';
import { DeadlineRowDto, DeadlinesQueryDto } from './dto/deadline.dto';
import { Endpoint } from '../common/endpoint';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesView) {}

  @Endpoint('GET', '', { summary: 'Upcoming deadlines across the system (the pending durable timers: grant proof-of-use and spend-by dates, selection call deadlines, motion implementation tasks, meeting invitation periods), soonest first', type: [DeadlineRowDto], problems: [400, 401] })
  upcoming(@Ctx() ctx: RequestContext, @Query() q: DeadlinesQueryDto): Promise<DeadlineRowDto[]> {
    return this.deadlines.upcoming(ctx, q.days);
  }
}
