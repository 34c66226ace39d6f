import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { BudgetSourcesService } from './budget-sources.service';
import { BudgetSourceDto, CreateBudgetSourceDto } from './dto/budget-source.dto';
import { Endpoint } from '../common/endpoint';

/** Budget sources that cover grants' own contributions, e.g. the Integrationspauschale (master data, no workflow). */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('budget-sources')
export class BudgetSourcesController {
  constructor(private readonly sources: BudgetSourcesService) {}

  @Endpoint('POST', '', { summary: 'Register a budget source with its amount per year, spend-by date and conditional years', roles: ['office', 'admin'], type: BudgetSourceDto, problems: [400, 401, 403, 409, 422] })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateBudgetSourceDto): Promise<BudgetSourceDto> {
    return this.sources.create(ctx, body);
  }

  @Endpoint('GET', '', { summary: 'Budget sources with, per year, the amount, what grant procedures earmarked and spent, and what is still available', type: [BudgetSourceDto], problems: [401] })
  list(@Ctx() ctx: RequestContext): Promise<BudgetSourceDto[]> {
    return this.sources.list(ctx);
  }

  @Endpoint('GET', ':key', { summary: 'One budget source by key', type: BudgetSourceDto, problems: [401, 404] })
  @ApiParam({ name: 'key', type: String, example: 'integrationspauschale' })
  get(@Ctx() ctx: RequestContext, @Param('key') key: string): Promise<BudgetSourceDto> {
    return this.sources.get(ctx, key);
  }
}
