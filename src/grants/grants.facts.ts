import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { checkApplication, type BudgetDecisionFacts, type GrantInput } from '../../workflows/grant';
import { Clock } from '../common/clock';
import { invalid } from '../common/problem';
import { EngineService } from '../engine/engine.service';
import type { Payload } from '../engine/commands';
import type { InstanceRecord, RequestContext } from '../engine/types';
import { MotionFacts } from '../motions/motions.facts';
import { SelectionFacts } from '../selection/selection.facts';
import { BudgetSourcesService } from './budget-sources.service';
import type { BudgetDecisionDto, ContractDto, MeasureStartDto } from './dto/commands.dto';
import type { CreateGrantDto } from './dto/create-grant.dto';

import { toCents } from './money';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What grant events need besides the request, looked up inside the event's transaction: the budget
 * sources a new application plans on, the providers the selection workflow selected, and budget
 * decisions taken by motions. The answers go into the events, so the log records the facts each step
 * was decided on; the client's word is never taken for them.
 */
@Injectable()
export class GrantsFacts {
  constructor(
    private readonly budget: BudgetSourcesService,
    private readonly selections: SelectionFacts,
    private readonly motions: MotionFacts,
    private readonly engine: EngineService,
    private readonly clock: Clock,
  ) {}

  /**
   * The machine input of a new procedure. Each financing year names a budget source; its name, spend-by
   * date and conditional flag come from the source, and its own share must still be available there.
   * The application must already pass the submission rules (e.g. own share at most 20 %).
   */
  async application(tx: PoolClient, ctx: RequestContext, dto: CreateGrantDto): Promise<GrantInput> {
    if (dto.motionInstanceId) await this.motion(tx, ctx, dto.motionInstanceId);
    const sources = await this.budget.lockWithUsage(tx, ctx.tenant, [...new Set(dto.financing.map((y) => y.sourceKey))]);
    // the rules are the grant workflow's (workflows/grant/application.ts); this only reports them
    const checked = checkApplication(
      {
        programme: dto.programme,
        modules: dto.modules,
        grantingAuthority: dto.grantingAuthority,
        eligibleCostCents: toCents(dto.eligibleCost),
        requestedCents: toCents(dto.requested),
        fundingPeriod: { from: dto.fundingPeriod.from, to: dto.fundingPeriod.to },
        financing: dto.financing.map((y) => ({
          year: y.year,
          totalCostCents: toCents(y.totalCost),
          stateShareCents: toCents(y.stateShare),
          ownShareCents: toCents(y.ownShare),
          sourceKey: y.sourceKey,
          source: sources.get(y.sourceKey) ?? null,
        })),
        proofOfUseDue: dto.proofOfUseDue ?? null,
      },
      this.clock.now().toISOString(),
    );
    if (!checked.input) throw invalid(checked.violations[0]!.code, checked.violations.map((v) => v.message).join(' '), { violations: checked.violations });
    return checked.input;
  }

  /** Records in the audit's decision record that the motion funds the new procedure. */
  async linkMotion(tx: PoolClient, ctx: RequestContext, dto: CreateGrantDto, grant: InstanceRecord): Promise<void> {
    if (dto.motionInstanceId) await this.engine.link(ctx, dto.motionInstanceId, grant.id, 'funds', tx);
  }

  /**
   * CONCLUDE_CONTRACT: the selected providers of the module come from the selection workflow, never from
   * the client. The provider's name is the selection register's, also for one not selected, so a
   * refusal names it.
   */
  async contract(tx: PoolClient, ctx: RequestContext, dto: ContractDto): Promise<Payload> {
    const fact = await this.selections.selectedFor(ctx.tenant, dto.module);
    const provider = fact.providers.find((p) => p.providerId === dto.providerId);
    const registered = provider ? undefined : (await this.selections.providerNames(tx, ctx, [dto.providerId]))[dto.providerId];
    return {
      contractId: dto.contractId,
      providerId: dto.providerId,
      providerName: provider?.providerName ?? registered ?? `the unregistered provider ${dto.providerId}`,
      module: dto.module,
      amountCents: toCents(dto.amount),
      period: { from: dto.period.from, to: dto.period.to },
      conditions: dto.conditions ?? [],
      // selectionInstanceId is not read by the machine; it records in the log which procedure answered.
      selection: { decided: fact.decided, selectedProviderIds: fact.providers.map((p) => p.providerId), selectionInstanceId: fact.selectionInstanceId },
    };
  }

  /**
   * A budget decision as a fact for the grant machine. `budget` (the adopted budget statute) is taken
   * on its reference; for `motion`, `adopted` says whether its decision adopted a proposal: the grant
   * machine refuses a motion that did not (GRANT.MOTION_NOT_DECIDED).
   */
  async budgetDecision(tx: PoolClient, ctx: RequestContext, decision: BudgetDecisionDto): Promise<BudgetDecisionFacts> {
    const { source, ref } = decision;
    if (source !== 'motion') return { recorded: true, source, ref, adopted: true };
    const motion = await this.motion(tx, ctx, ref);
    return { recorded: true, source, ref, ...(motion.reference ? { reference: motion.reference } : {}), adopted: motion.adopted };
  }

  /**
   * RECORD_MEASURE_START: the provider's name from the selection register, so the endangerment flag
   * names it (an unregistered provider by its identifier, as for contracts).
   */
  async measureStart(tx: PoolClient, ctx: RequestContext, dto: MeasureStartDto): Promise<Payload> {
    const registered = (await this.selections.providerNames(tx, ctx, [dto.providerId]))[dto.providerId];
    return { providerId: dto.providerId, providerName: registered ?? `the unregistered provider ${dto.providerId}`, module: dto.module, startedAt: dto.startedAt };
  }

  /** The motion `id` of the caller's Körperschaft, as the motions module answers; 422 when there is none or it is no motion. */
  private async motion(tx: PoolClient, ctx: RequestContext, id: string): Promise<{ adopted: boolean; reference: string | null }> {
    const found = UUID.test(id) ? await this.motions.decision(tx, ctx.tenant, id) : { found: false as const };
    if (!found.found) throw invalid('GRANT.MOTION_NOT_FOUND', `There is no motion ${id} in your Körperschaft.`, { motionInstanceId: id });
    if (found.workflowType !== 'motion') {
      throw invalid('GRANT.NOT_A_MOTION', `Instance ${id} is a ${found.workflowType} procedure, not a motion (Sitzungsvorlage).`, { motionInstanceId: id });
    }
    return found;
  }
}
