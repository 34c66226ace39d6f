import { Controller, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../auth/policy';
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
import { Endpoint } from '../common/endpoint';

const UUID = new ParseUUIDPipe();

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

  @Endpoint('GET', 'procedures', { summary: 'Procedures of your Körperschaft, newest first, filtered by module and state, paginated', type: ProcedurePageDto, problems: [400, 401] })
  list(@Ctx() ctx: RequestContext, @Query() q: ListProceduresQueryDto): Promise<ProcedurePageDto> {
    return this.view.list(ctx, q);
  }

  @Endpoint('GET', 'procedures/:id', { summary: 'A procedure: state, record (declarations, scores, talks, selection, staffing) and the allowed next steps with reasons', type: ProcedureDto, problems: [400, 401, 404] })
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ProcedureDto> {
    return this.dispatcher.get(selectionCommands, ctx, id);
  }

  @Endpoint('GET', 'procedures/:id/ranking', { summary: 'Ranking table: weighted totals computed from the scores, per-criterion means, ties shown as ties', type: RankingDto, problems: [400, 401, 404] })
  ranking(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<RankingDto> {
    return this.view.ranking(ctx, id);
  }

  @Endpoint('GET', 'procedures/:id/coverage', { summary: 'Coverage map of the allocation in force (municipality → providers and FTE), the unallocated FTE, and every phase decided (pilot, roll-out)', type: CoverageDto, problems: [400, 401, 404] })
  coverage(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<CoverageDto> {
    return this.view.coverage(ctx, id);
  }

  @Endpoint('GET', 'modules/:module/selected', { summary: 'Which providers are selected for a module, with what FTE (from the decided procedure)', type: SelectedProvidersDto, problems: [400, 401] })
  @ApiParam({ name: 'module', type: String, example: 'VI', description: 'The module (Baustein) code' })
  async selected(@Ctx() ctx: RequestContext, @Param() p: ModuleCodeParamDto): Promise<SelectedProvidersDto> {
    return this.view.selected(p.module, await this.facts.selectedFor(ctx.tenant, p.module));
  }

  @Endpoint('GET', 'programmes', { summary: 'Funding programmes with their modules', type: [ProgrammeDto], problems: [401] })
  programmes(@Ctx() ctx: RequestContext): Promise<ProgrammeDto[]> {
    return this.view.programmes(ctx);
  }

  @Endpoint('GET', 'providers', { summary: 'Registered providers by name, paginated', type: ProviderPageDto, problems: [400, 401] })
  providers(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto): Promise<ProviderPageDto> {
    return this.view.providers(ctx, q.page, q.pageSize);
  }
}
