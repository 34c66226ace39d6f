import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import { Clock } from '../common/clock';
import type { RequestContext } from '../engine/types';
import {
  ConflictInputDto,
  DecisionInputDto,
  DeclarationInputDto,
  InformCommitteeInputDto,
  ReasonInputDto,
  ScoreInputDto,
  StaffingInputDto,
  TalkInputDto,
} from './command.dto';
import { COMMAND_PATHS as P } from './commands';
import { ProcedureCommands } from './procedure-commands.service';
import { CreateProcedureDto, EditProcedureDto, ListProceduresQueryDto } from './procedure-input.dto';
import { ProcedureService } from './procedure.service';
import { ProcedureDto, ProcedurePageDto, ProcedureSummaryDto, StepResultDto, toProcedureDto } from './procedure.view';
import { CoverageDto, RankingDto } from './query.view';
import { SELECTION_WRITERS as W } from './registry.controller';

const UUID = new ParseUUIDPipe();
const RULES = 'A rule refusal answers 422 with a SELECTION.* code and writes nothing; a step the state does not offer answers 409.';

/** Selection procedures (Interessenbekundungsverfahren): one per funding module, run by the managing office. */
@ApiTags('selection')
@ApiBearerAuth()
@Controller('selection/procedures')
export class ProceduresController {
  constructor(
    private readonly procedures: ProcedureService,
    private readonly commands: ProcedureCommands,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Allow(...W)
  @ApiOperation({ summary: 'Create a procedure (draft) for a funding module; optionally linked to the authorising motion' })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateProcedureDto): Promise<ProcedureDto> {
    return toProcedureDto(await this.procedures.create(ctx, body), this.clock.now());
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Procedures of your Körperschaft, newest first, filtered by module and state, paginated' })
  async list(@Ctx() ctx: RequestContext, @Query() q: ListProceduresQueryDto): Promise<ProcedurePageDto> {
    const page = await this.procedures.list(ctx, q);
    return { ...page, items: page.items.map((row) => ProcedureSummaryDto.from(row)) };
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A procedure: state, record (declarations, scores, talks, selection, staffing) and the allowed next steps with reasons' })
  async get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<ProcedureDto> {
    return toProcedureDto(await this.procedures.get(ctx, id), this.clock.now());
  }

  @Get(':id/ranking')
  @AnyRole()
  @ApiOperation({ summary: 'Ranking table: weighted totals computed from the scores, per-criterion means, ties shown as ties' })
  async ranking(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<RankingDto> {
    return RankingDto.from(id, (await this.procedures.get(ctx, id)).snapshot.context);
  }

  @Get(':id/coverage')
  @AnyRole()
  @ApiOperation({ summary: 'Coverage map of the decided allocation: municipality → providers and FTE' })
  async coverage(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<CoverageDto> {
    return CoverageDto.from(id, (await this.procedures.get(ctx, id)).snapshot.context);
  }

  @Patch(':id')
  @Allow(...W)
  @ApiOperation({ summary: `Change the draft's setup (EDIT). ${RULES}` })
  edit(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: EditProcedureDto): Promise<StepResultDto> {
    return this.commands.edit(ctx, id, body);
  }

  @Post(`:id/${P.PUBLISH.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Publish the call (weights must add up to 100 %, deadline ahead). ${RULES}` })
  publish(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<StepResultDto> {
    return this.commands.publish(ctx, id);
  }

  @Post(`:id/${P.RECEIVE_DECLARATION.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Record an interest declaration received by the deadline. ${RULES}` })
  declare(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: DeclarationInputDto): Promise<StepResultDto> {
    return this.commands.declare(ctx, id, body, false);
  }

  @Post(`:id/${P.RECORD_LATE_DECLARATION.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Record a declaration received after the deadline: kept on file, excluded. ${RULES}` })
  declareLate(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: DeclarationInputDto): Promise<StepResultDto> {
    return this.commands.declare(ctx, id, body, true);
  }

  @Post(`:id/${P.DECLARE_CONFLICT.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `An evaluator declares a conflict of interest with a provider (their scores for it are withdrawn). ${RULES}` })
  declareConflict(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: ConflictInputDto): Promise<StepResultDto> {
    return this.commands.declareConflict(ctx, id, body);
  }

  @Post(`:id/${P.CLOSE.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Close the call (at or after the deadline). ${RULES}` })
  close(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<StepResultDto> {
    return this.commands.close(ctx, id);
  }

  @Post(`:id/${P.START_EVALUATION.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Start the evaluation of the admitted declarations. ${RULES}` })
  startEvaluation(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<StepResultDto> {
    return this.commands.startEvaluation(ctx, id);
  }

  @Post(`:id/${P.SCORE.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Record one evaluator's points for one declaration and criterion (again: replaces). ${RULES}` })
  score(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: ScoreInputDto): Promise<StepResultDto> {
    return this.commands.score(ctx, id, body);
  }

  @Post(`:id/${P.START_TALKS.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Start the provider talks (every declaration scored on every criterion by the required evaluators). ${RULES}` })
  startTalks(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<StepResultDto> {
    return this.commands.startTalks(ctx, id);
  }

  @Post(`:id/${P.RECORD_TALK.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Record a provider talk (Trägergespräch). ${RULES}` })
  talk(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: TalkInputDto): Promise<StepResultDto> {
    return this.commands.talk(ctx, id, body);
  }

  @Post(`:id/${P.DECIDE_SELECTION.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Decide the selection and allocate the FTE (exactly the FTE available, every municipality or a named pilot; a reason to deviate from the ranking). ${RULES}` })
  decide(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: DecisionInputDto): Promise<StepResultDto> {
    return this.commands.decide(ctx, id, body);
  }

  @Post(`:id/${P.RECORD_STAFFING.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Report staffing of a selected provider's share (staffed from a date, or recruiting). ${RULES}` })
  staffing(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: StaffingInputDto): Promise<StepResultDto> {
    return this.commands.staffing(ctx, id, body);
  }

  @Post(`:id/${P.INFORM_COMMITTEE.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Record that the committee was informed of the selection. ${RULES}` })
  informCommittee(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: InformCommitteeInputDto): Promise<StepResultDto> {
    return this.commands.informCommittee(ctx, id, body);
  }

  @Post(`:id/${P.COMPLETE.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Complete the procedure. ${RULES}` })
  complete(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<StepResultDto> {
    return this.commands.complete(ctx, id);
  }

  @Post(`:id/${P.CANCEL.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `Cancel the procedure (before the decision), with a reason. ${RULES}` })
  cancel(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: ReasonInputDto): Promise<StepResultDto> {
    return this.commands.cancel(ctx, id, body);
  }

  @Post(`:id/${P.NO_SUITABLE_DECLARATION.path}`)
  @Allow(...W)
  @ApiOperation({ summary: `End the procedure without a selection: no suitable declaration, with a reason. ${RULES}` })
  noSuitableDeclaration(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() body: ReasonInputDto): Promise<StepResultDto> {
    return this.commands.noSuitableDeclaration(ctx, id, body);
  }
}
