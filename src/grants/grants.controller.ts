import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { ApprovalNoticeDto, BudgetAdoptionDto, ContractDto, EarlyStartDto, FundCallDto, MeasureStartDto, OwnShareSpendingDto, ProofOfUseDto, RejectDto, WithdrawDto } from './dto/commands.dto';
import { CreateGrantDto, ListGrantsQueryDto } from './dto/create-grant.dto';
import { FinancingRowDto, GrantCommandResultDto, GrantDto, GrantPageDto, ProviderContractsDto } from './dto/grant.dto';
import { GrantCommandsService } from './grant-commands.service';
import { GrantsService } from './grants.service';
import { IdempotencyKey } from './idempotency-key';

const WRITERS = ['office', 'admin'] as const;
const Id = () => Param('id', new ParseUUIDPipe());
const REFUSALS = '409 when the state does not allow the step, 422 with a GRANT.* code when a rule refuses it; nothing is written.';

/** Grant procedures (Zuwendungen) for the managing office (geschäftsführende Stelle). */
@ApiTags('grants')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Commands: sent again, the first event is returned and nothing new is written' })
@Controller('grants')
export class GrantsController {
  constructor(
    private readonly grants: GrantsService,
    private readonly commands: GrantCommandsService,
  ) {}

  @Post()
  @Allow(...WRITERS)
  @ApiOperation({ summary: 'Create a grant procedure (drafted). Financing years name budget sources; the application must pass the submission rules (own share ≤ 20 %, balanced plan, sources not expired and covering the own share).' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateGrantDto): Promise<GrantDto> {
    return this.grants.create(ctx, body);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Grant procedures, newest first, paginated; filter by module (Baustein) and state' })
  list(@Ctx() ctx: RequestContext, @Query() q: ListGrantsQueryDto): Promise<GrantPageDto> {
    return this.grants.list(ctx, q);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A grant procedure: state, record (notices, contracts, spending, calls, proof, deadlines) and the allowed steps with reasons' })
  get(@Ctx() ctx: RequestContext, @Id() id: string): Promise<GrantDto> {
    return this.grants.get(ctx, id);
  }

  @Get(':id/financing')
  @AnyRole()
  @ApiOperation({ summary: 'Financing table per year: total cost, state share, own share, source, spend-by, conditional/blocked, spent' })
  financing(@Ctx() ctx: RequestContext, @Id() id: string): Promise<FinancingRowDto[]> {
    return this.grants.financing(ctx, id);
  }

  @Get(':id/contracts')
  @AnyRole()
  @ApiOperation({ summary: 'Forwarding contracts (Weiterleitungsverträge) grouped by provider' })
  contracts(@Ctx() ctx: RequestContext, @Id() id: string): Promise<ProviderContractsDto[]> {
    return this.grants.contracts(ctx, id);
  }

  @Post(':id/submit')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Submit the application to the granting authority. ${REFUSALS}` })
  submit(@Ctx() ctx: RequestContext, @Id() id: string, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.submit(ctx, id, key);
  }

  @Post(':id/early-start')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Record an early-start approval (vorzeitiger Maßnahmebeginn) with its date and scope. ${REFUSALS}` })
  earlyStart(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: EarlyStartDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.earlyStart(ctx, id, body, key);
  }

  @Post(':id/measure-starts')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Record that a provider started a measure; a start without approval or early-start approval is flagged as endangering the grant. ${REFUSALS}` })
  measureStart(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: MeasureStartDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.measureStart(ctx, id, body, key);
  }

  @Post(':id/approval-notice')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Record the approval notice (Bewilligungsbescheid); schedules the proof-of-use and spend-by deadlines. ${REFUSALS}` })
  approvalNotice(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: ApprovalNoticeDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.approvalNotice(ctx, id, body, key);
  }

  @Post(':id/reject')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Record a rejection (or that the application was not considered). ${REFUSALS}` })
  reject(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: RejectDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.reject(ctx, id, body, key);
  }

  @Post(':id/withdraw')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Withdraw the application (not once a forwarding contract is concluded). ${REFUSALS}` })
  withdraw(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: WithdrawDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.withdraw(ctx, id, body, key);
  }

  @Post(':id/contracts')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Conclude a forwarding contract (Weiterleitungsvertrag). The provider must be selected in the decided selection procedure of the module (looked up here); needs the approval notice or a covering early start; contracts stay within the approved amount. ${REFUSALS}` })
  contract(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: ContractDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.contract(ctx, id, body, key);
  }

  @Post(':id/own-share-spendings')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Spend own share (Eigenanteil) of a year: not after the source’s spend-by date, not beyond the year’s own share, and a conditional year only once the budget decision is recorded (or given here and verified). ${REFUSALS}` })
  spendOwnShare(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: OwnShareSpendingDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.spendOwnShare(ctx, id, body, key);
  }

  @Post(':id/budget-adoptions')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Record the budget decision for a conditional year: a decided motion (ref = its instance id, verified) or the adopted budget statute (ref names it). ${REFUSALS}` })
  budgetAdoption(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: BudgetAdoptionDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.budgetAdoption(ctx, id, body, key);
  }

  @Post(':id/fund-calls')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Call funds (Mittelabruf), within the approved amount. ${REFUSALS}` })
  fundCall(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: FundCallDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.fundCall(ctx, id, body, key);
  }

  @Post(':id/proof-of-use')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Submit the proof of use (Verwendungsnachweis). ${REFUSALS}` })
  proofOfUse(@Ctx() ctx: RequestContext, @Id() id: string, @Body() body: ProofOfUseDto, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.proofOfUse(ctx, id, body, key);
  }

  @Post(':id/close')
  @Allow(...WRITERS)
  @ApiOperation({ summary: `Close the procedure once the proof of use is accepted. ${REFUSALS}` })
  close(@Ctx() ctx: RequestContext, @Id() id: string, @IdempotencyKey() key?: string): Promise<GrantCommandResultDto> {
    return this.commands.close(ctx, id, key);
  }
}
