import { Injectable } from '@nestjs/common';
import type { GrantPayload } from '../../workflows/grant';
import { EngineService } from '../engine/engine.service';
import type { RequestContext } from '../engine/types';
import { SelectionFacts } from '../selection/selection-facts';
import type {
  ApprovalNoticeDto,
  BudgetAdoptionDto,
  ContractDto,
  EarlyStartDto,
  FundCallDto,
  MeasureStartDto,
  OwnShareSpendingDto,
  ProofOfUseDto,
  RejectDto,
  WithdrawDto,
} from './dto/commands.dto';
import { GrantCommandResultDto } from './dto/grant.dto';
import { GrantsService } from './grants.service';
import { toCents } from './money';
import { MotionFacts } from './motion-facts';

type Command = Exclude<GrantPayload, { type: 'DEADLINE_REACHED' | 'EDIT_APPLICATION' }>;

/**
 * One method per step of a grant procedure. Each turns the request into the machine's event, adds
 * the facts other workflows hold (selected providers, the budget decision) and sends it through the
 * engine: refusals come back as 409 (not possible in this state) or 422 with the rule's GRANT.* code,
 * and write nothing.
 */
@Injectable()
export class GrantCommandsService {
  constructor(
    private readonly engine: EngineService,
    private readonly grants: GrantsService,
    private readonly selections: SelectionFacts,
    private readonly motions: MotionFacts,
  ) {}

  submit(ctx: RequestContext, id: string, key?: string) {
    return this.send(ctx, id, key, () => ({ type: 'SUBMIT' }));
  }

  earlyStart(ctx: RequestContext, id: string, dto: EarlyStartDto, key?: string) {
    const scope = { modules: dto.modules, providerIds: dto.providerIds ?? null, description: dto.description };
    return this.send(ctx, id, key, () => ({ type: 'APPROVE_EARLY_START', date: dto.date, scope }));
  }

  measureStart(ctx: RequestContext, id: string, dto: MeasureStartDto, key?: string) {
    return this.send(ctx, id, key, () => ({ type: 'RECORD_MEASURE_START', providerId: dto.providerId, module: dto.module, startedAt: dto.startedAt }));
  }

  approvalNotice(ctx: RequestContext, id: string, dto: ApprovalNoticeDto, key?: string) {
    const { date, fileNumber, period, conditions } = dto;
    return this.send(ctx, id, key, () => ({
      type: 'APPROVAL_NOTICE',
      date,
      fileNumber,
      approvedCents: toCents(dto.approvedAmount),
      period: { from: period.from, to: period.to },
      conditions,
      proofOfUseDue: dto.proofOfUseDue ?? null,
    }));
  }

  reject(ctx: RequestContext, id: string, dto: RejectDto, key?: string) {
    return this.send(ctx, id, key, () => ({ type: 'REJECT', date: dto.date, reason: dto.reason }));
  }

  withdraw(ctx: RequestContext, id: string, dto: WithdrawDto, key?: string) {
    return this.send(ctx, id, key, () => ({ type: 'WITHDRAW', reason: dto.reason }));
  }

  /** The selected providers of the module come from the selection workflow, never from the client. */
  contract(ctx: RequestContext, id: string, dto: ContractDto, key?: string) {
    return this.send(ctx, id, key, async () => {
      const fact = await this.selections.selectedFor(ctx.tenant, dto.module);
      const provider = fact.providers.find((p) => p.providerId === dto.providerId);
      // selectionInstanceId is not read by the machine; it records in the log which procedure answered.
      const selection = { decided: fact.decided, selectedProviderIds: fact.providers.map((p) => p.providerId), selectionInstanceId: fact.selectionInstanceId };
      return {
        type: 'CONCLUDE_CONTRACT',
        contractId: dto.contractId,
        providerId: dto.providerId,
        providerName: provider?.providerName ?? dto.providerId,
        module: dto.module,
        amountCents: toCents(dto.amount),
        period: { from: dto.period.from, to: dto.period.to },
        conditions: dto.conditions ?? [],
        selection,
      };
    });
  }

  spendOwnShare(ctx: RequestContext, id: string, dto: OwnShareSpendingDto, key?: string) {
    return this.send(ctx, id, key, async () => ({
      type: 'SPEND_OWN_SHARE',
      year: dto.year,
      amountCents: toCents(dto.amount),
      budgetDecision: dto.budgetDecision ? await this.motions.budgetDecision(ctx, dto.budgetDecision.source, dto.budgetDecision.ref) : null,
    }));
  }

  budgetAdoption(ctx: RequestContext, id: string, dto: BudgetAdoptionDto, key?: string) {
    return this.send(ctx, id, key, async () => {
      const decision = await this.motions.budgetDecision(ctx, dto.source, dto.ref);
      return { type: 'RECORD_BUDGET_ADOPTION', year: dto.year, source: decision.source, ref: decision.ref, adopted: decision.adopted };
    });
  }

  fundCall(ctx: RequestContext, id: string, dto: FundCallDto, key?: string) {
    return this.send(ctx, id, key, () => ({ type: 'CALL_FUNDS', callId: dto.callId, amountCents: toCents(dto.amount), date: dto.date }));
  }

  proofOfUse(ctx: RequestContext, id: string, dto: ProofOfUseDto, key?: string) {
    return this.send(ctx, id, key, () => ({ type: 'SUBMIT_PROOF_OF_USE', date: dto.date, documentRef: dto.documentRef }));
  }

  close(ctx: RequestContext, id: string, key?: string) {
    return this.send(ctx, id, key, () => ({ type: 'CLOSE' }));
  }

  /** Checks that `id` is a grant, builds the event (looking up facts), applies it, answers with the procedure after it. */
  private async send(ctx: RequestContext, id: string, idempotencyKey: string | undefined, build: () => Command | Promise<Command>): Promise<GrantCommandResultDto> {
    await this.grants.instance(ctx, id);
    const { type, ...payload } = await build();
    const applied = await this.engine.apply(ctx, id, { type, payload, idempotencyKey });
    return GrantCommandResultDto.from(applied, await this.grants.get(ctx, id));
  }
}
