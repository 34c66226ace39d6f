import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyRole, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import { PageQueryDto } from '../engine/dto';
import type { RequestContext } from '../engine/types';
import { ListProceduresQueryDto, ModuleCodeParamDto } from './dto/procedure-input.dto';
import { ProcedureDto, ProcedurePageDto } from './dto/procedure.dto';
import { CoverageDto, RankingDto, SelectedProvidersDto } from './dto/queries.dto';
import { ProgrammeDto, ProviderPageDto } from './dto/registry.dto';
import { CommandDispatcher } from '../engine/dispatcher';
import { selectionCommands } from './selection.commands';
import { SelectionFacts } from './selection.facts';
import { SelectionView } from './selection.view';

const UUID = new ParseUUIDPipe();
const ID = ApiParam({ name: 'id', format: 'uuid', type: String });

/** What anyone of the Körperschaft may read: procedures with their ranking and coverage, the selection per module, the master data. */
@ApiTags('selection')
@ApiBearerAuth()
@Controller('selection')
export class SelectionController {
  constructor(
    private readonly view: SelectionView,
    private readonly facts: SelectionFacts,
    private readonly dispatcher: CommandDispatcher,
  ) {}

  @Get('procedures')
  @AnyRole()
  @ApiOperation({ summary: 'Procedures of your Körperschaft, newest first, filtered by module and state, paginated' })
  @ApiOkResponse({ type: ProcedurePageDto })
  @ApiProblems(400, 401)
  list(@Ctx() ctx: RequestContext, @Query() q: ListProceduresQueryDto): Promise<ProcedurePageDto> {
    return this.view.list(ctx, q);
  }

  @Get('procedures/:id')
  @AnyRole()
  @ApiOperation({ summary: 'A procedure: state, record (declarations, scores, talks, selection, staffing) and the allowed next steps with reasons' })
  @ID
  @ApiOkResponse({ type: ProcedureDto })
  @ApiProblems(400, 401, 404)
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ProcedureDto> {
    return this.dispatcher.get(selectionCommands, ctx, id);
  }

  @Get('procedures/:id/ranking')
  @AnyRole()
  @ApiOperation({ summary: 'Ranking table: weighted totals computed from the scores, per-criterion means, ties shown as ties' })
  @ID
  @ApiOkResponse({ type: RankingDto })
  @ApiProblems(400, 401, 404)
  ranking(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<RankingDto> {
    return this.view.ranking(ctx, id);
  }

  @Get('procedures/:id/coverage')
  @AnyRole()
  @ApiOperation({ summary: 'Coverage map of the decided allocation: municipality → providers and FTE' })
  @ID
  @ApiOkResponse({ type: CoverageDto })
  @ApiProblems(400, 401, 404)
  coverage(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<CoverageDto> {
    return this.view.coverage(ctx, id);
  }

  @Get('modules/:module/selected')
  @AnyRole()
  @ApiOperation({ summary: 'Which providers are selected for a module, with what FTE (from the decided procedure)' })
  @ApiParam({ name: 'module', type: String, example: 'VI', description: 'The module (Baustein) code' })
  @ApiOkResponse({ type: SelectedProvidersDto })
  @ApiProblems(400, 401)
  async selected(@Ctx() ctx: RequestContext, @Param() p: ModuleCodeParamDto): Promise<SelectedProvidersDto> {
    return this.view.selected(p.module, await this.facts.selectedFor(ctx.tenant, p.module));
  }

  @Get('programmes')
  @AnyRole()
  @ApiOperation({ summary: 'Funding programmes with their modules' })
  @ApiOkResponse({ type: [ProgrammeDto] })
  @ApiProblems(401)
  programmes(@Ctx() ctx: RequestContext): Promise<ProgrammeDto[]> {
    return this.view.programmes(ctx);
  }

  @Get('providers')
  @AnyRole()
  @ApiOperation({ summary: 'Registered providers by name, paginated' })
  @ApiOkResponse({ type: ProviderPageDto })
  @ApiProblems(400, 401)
  providers(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto): Promise<ProviderPageDto> {
    return this.view.providers(ctx, q.page, q.pageSize);
  }
}
