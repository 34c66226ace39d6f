import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import type { RequestContext } from '../engine/types';
import { BudgetSourcesService } from './budget-sources.service';
import { BudgetSourceDto, CreateBudgetSourceDto } from './dto/budget-source.dto';

/** Budget sources that cover grants' own contributions, e.g. the Integrationspauschale (master data, no workflow). */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('budget-sources')
export class BudgetSourcesController {
  constructor(private readonly sources: BudgetSourcesService) {}

  @Post()
  @Allow('office', 'admin')
  @ApiOperation({ summary: 'Register a budget source with its amount per year, spend-by date and conditional years' })
  @ApiCreatedResponse({ type: BudgetSourceDto })
  @ApiProblems(400, 401, 403, 409, 422)
  create(@Ctx() ctx: RequestContext, @Body() body: CreateBudgetSourceDto): Promise<BudgetSourceDto> {
    return this.sources.create(ctx, body);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Budget sources with, per year, the amount, what grant procedures earmarked and spent, and what is still available' })
  @ApiOkResponse({ type: [BudgetSourceDto] })
  @ApiProblems(401)
  list(@Ctx() ctx: RequestContext): Promise<BudgetSourceDto[]> {
    return this.sources.list(ctx);
  }

  @Get(':key')
  @AnyRole()
  @ApiOperation({ summary: 'One budget source by key' })
  @ApiParam({ name: 'key', type: String, example: 'integrationspauschale' })
  @ApiOkResponse({ type: BudgetSourceDto })
  @ApiProblems(401, 404)
  get(@Ctx() ctx: RequestContext, @Param('key') key: string): Promise<BudgetSourceDto> {
    return this.sources.get(ctx, key);
  }
}
