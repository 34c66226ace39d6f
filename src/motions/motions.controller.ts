import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import {
  AddTaskDto,
  ApproveUrgentDecisionDto,
  CloseDto,
  CosignDto,
  CreateMotionDto,
  EditMotionDto,
  EditProposalDto,
  ImplementationQueryDto,
  MotionQueryDto,
  ProposalInputDto,
  ReasonDto,
  RecordOutcomeDto,
  RefuseCosignDto,
  RevokeUrgentDecisionDto,
  ScheduleDto,
  SequenceDto,
  UnscheduleDto,
  UpdateTaskDto,
  UrgentDecisionDto,
} from './dto/motion-commands.dto';
import { ImplementationReportDto, MotionDto, MotionPageDto, OverdueTaskDto } from './dto/motion-view.dto';
import { MotionQueries } from './motion-queries.service';
import { MotionsService } from './motions.service';

const Id = () => Param('id', new ParseUUIDPipe());
const Writers = () => Allow('clerk', 'admin');

/**
 * Motions (Sitzungsvorlagen) for the Sitzungsdienst. Every command is one engine event (audit log);
 * refusals are 409 (not possible in this state, with the allowed events) or 422 with the rule's
 * MOTION.* code, and write nothing. Every command answers with the motion as it now stands.
 */
@ApiTags('motions')
@ApiBearerAuth()
@Controller()
export class MotionsController {
  constructor(
    private readonly motions: MotionsService,
    private readonly queries: MotionQueries,
  ) {}

  @Post('motions')
  @Writers()
  @ApiOperation({ summary: 'Create a motion (draft) with its outline, proposals (legal basis from the catalogue) and optionally its Beratungsfolge' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateMotionDto): Promise<MotionDto> {
    return this.motions.create(ctx, dto);
  }

  @Get('motions')
  @AnyRole()
  @ApiOperation({ summary: 'Motions by body, deciding body, status or text; newest change first, paginated' })
  list(@Ctx() ctx: RequestContext, @Query() q: MotionQueryDto): Promise<MotionPageDto> {
    return this.queries.list(ctx, q);
  }

  @Get('motions/:id')
  @AnyRole()
  @ApiOperation({ summary: 'A motion: state, proposals with every version, consultation record, tasks, and next steps with reasons' })
  get(@Ctx() ctx: RequestContext, @Id() id: string): Promise<MotionDto> {
    return this.queries.view(ctx, id);
  }

  @Patch('motions/:id')
  @Writers()
  @ApiOperation({ summary: 'Edit title, department, co-signers or outline sections (draft only)' })
  edit(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: EditMotionDto): Promise<MotionDto> {
    return this.motions.edit(ctx, id, dto);
  }

  @Post('motions/:id/proposals')
  @Writers()
  @ApiOperation({ summary: 'Add a resolution proposal (draft only)' })
  addProposal(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: ProposalInputDto): Promise<MotionDto> {
    return this.motions.addProposal(ctx, id, dto);
  }

  @Patch('motions/:id/proposals/:key')
  @Writers()
  @ApiOperation({ summary: 'Change a proposal’s text or legal basis; a text a body has seen gets a new version' })
  editProposal(@Ctx() ctx: RequestContext, @Id() id: string, @Param('key') key: string, @Body() dto: EditProposalDto): Promise<MotionDto> {
    return this.motions.editProposal(ctx, id, key, dto);
  }

  @Delete('motions/:id/proposals/:key')
  @Writers()
  @ApiOperation({ summary: 'Remove a proposal (draft only)' })
  removeProposal(@Ctx() ctx: RequestContext, @Id() id: string, @Param('key') key: string): Promise<MotionDto> {
    return this.motions.removeProposal(ctx, id, key);
  }

  @Put('motions/:id/consultation-sequence')
  @Writers()
  @ApiOperation({ summary: 'Set the Beratungsfolge: ordered steps of body id and role' })
  setSequence(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: SequenceDto): Promise<MotionDto> {
    return this.motions.setSequence(ctx, id, dto);
  }

  @Post('motions/:id/submit')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Submit for co-signing (Mitzeichnung)' })
  submit(@Ctx() ctx: RequestContext, @Id() id: string): Promise<MotionDto> {
    return this.motions.submit(ctx, id);
  }

  @Post('motions/:id/cosign')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Co-sign for a department' })
  cosign(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: CosignDto): Promise<MotionDto> {
    return this.motions.cosign(ctx, id, dto);
  }

  @Post('motions/:id/refuse-cosign')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Refuse to co-sign, with a reason: the motion returns to draft' })
  refuseCosign(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: RefuseCosignDto): Promise<MotionDto> {
    return this.motions.refuseCosign(ctx, id, dto);
  }

  @Post('motions/:id/release')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Release; refused (MOTION.NOT_COMPETENT) unless the deciding body holds every proposal’s legal basis' })
  release(@Ctx() ctx: RequestContext, @Id() id: string): Promise<MotionDto> {
    return this.motions.release(ctx, id);
  }

  @Post('motions/:id/schedule')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Place on a meeting’s agenda (checks body, date, Ladungsfrist and one open slot per body)' })
  schedule(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: ScheduleDto): Promise<MotionDto> {
    return this.motions.schedule(ctx, id, dto);
  }

  @Post('motions/:id/unschedule')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Take off a meeting’s agenda (abgesetzt), with a reason' })
  unschedule(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: UnscheduleDto): Promise<MotionDto> {
    return this.motions.unschedule(ctx, id, dto);
  }

  @Post('motions/:id/outcomes')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Record a held meeting’s outcome and votes per proposal; attendance comes from the meeting' })
  recordOutcome(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: RecordOutcomeDto): Promise<MotionDto> {
    return this.motions.recordOutcome(ctx, id, dto);
  }

  @Post('motions/:id/revise')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Reopen the draft after a referral back (zurückverwiesen)' })
  revise(@Ctx() ctx: RequestContext, @Id() id: string): Promise<MotionDto> {
    return this.motions.revise(ctx, id);
  }

  @Post('motions/:id/urgent-decision')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Dringlichkeitsentscheidung of the Kreisausschuss in place of the Kreistag (§ 50 Abs. 3 KrO NRW), in a held meeting' })
  urgentDecision(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: UrgentDecisionDto): Promise<MotionDto> {
    return this.motions.urgentDecision(ctx, id, dto);
  }

  @Post('motions/:id/urgent-decision/approve')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'The Kreistag approves the Dringlichkeitsentscheidung (Genehmigung)' })
  approveUrgent(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: ApproveUrgentDecisionDto): Promise<MotionDto> {
    return this.motions.approveUrgentDecision(ctx, id, dto);
  }

  @Post('motions/:id/urgent-decision/revoke')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'The Kreistag revokes the Dringlichkeitsentscheidung (Aufhebung); the motion returns to its decision step' })
  revokeUrgent(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: RevokeUrgentDecisionDto): Promise<MotionDto> {
    return this.motions.revokeUrgentDecision(ctx, id, dto);
  }

  @Post('motions/:id/withdraw')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Withdraw (zurückziehen) until the decision; MOTION.ALREADY_DECIDED after it' })
  withdraw(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: ReasonDto): Promise<MotionDto> {
    return this.motions.withdraw(ctx, id, dto);
  }

  @Post('motions/:id/tasks')
  @Writers()
  @ApiOperation({ summary: 'Add an implementation task (Beschlusskontrolle) to a decided motion' })
  addTask(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: AddTaskDto): Promise<MotionDto> {
    return this.motions.addTask(ctx, id, dto);
  }

  @Patch('motions/:id/tasks/:taskId')
  @Writers()
  @ApiOperation({ summary: 'Report on a task: status, report text, owner or due date' })
  updateTask(@Ctx() ctx: RequestContext, @Id() id: string, @Param('taskId') taskId: string, @Body() dto: UpdateTaskDto): Promise<MotionDto> {
    return this.motions.updateTask(ctx, id, taskId, dto);
  }

  @Post('motions/:id/complete-implementation')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Close the Beschlusskontrolle once every task is done or cancelled' })
  complete(@Ctx() ctx: RequestContext, @Id() id: string): Promise<MotionDto> {
    return this.motions.completeImplementation(ctx, id);
  }

  @Post('motions/:id/close')
  @HttpCode(200)
  @Writers()
  @ApiOperation({ summary: 'Close a decided motion that adopted nothing (nothing to implement)' })
  close(@Ctx() ctx: RequestContext, @Id() id: string, @Body() dto: CloseDto): Promise<MotionDto> {
    return this.motions.close(ctx, id, dto);
  }

  @Get('implementation/overdue-tasks')
  @AnyRole()
  @ApiOperation({ summary: 'Implementation tasks past their due day, earliest first' })
  overdue(@Ctx() ctx: RequestContext, @Query() q: ImplementationQueryDto): Promise<OverdueTaskDto[]> {
    return this.queries.overdue(ctx, q);
  }

  @Get('implementation/report')
  @AnyRole()
  @ApiOperation({ summary: 'Per deciding body: implementation tasks on track, overdue, done and cancelled' })
  report(@Ctx() ctx: RequestContext, @Query() q: ImplementationQueryDto): Promise<ImplementationReportDto[]> {
    return this.queries.report(ctx, q);
  }
}
