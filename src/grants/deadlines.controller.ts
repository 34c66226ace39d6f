import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { DeadlinesService } from './deadlines.service';
import { DeadlineRowDto, DeadlinesQueryDto } from './dto/deadline.dto';

@ApiTags('grants')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Upcoming deadlines across the system (grant proof-of-use and spend-by dates, selection call deadlines, motion implementation tasks), soonest first' })
  upcoming(@Ctx() ctx: RequestContext, @Query() q: DeadlinesQueryDto): Promise<DeadlineRowDto[]> {
    return this.deadlines.upcoming(ctx, q.days);
  }
}
