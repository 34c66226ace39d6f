import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { initialContext, violations, type BudgetDecisionFacts, type FinancingYear, type GrantInput } from '../../workflows/grant';
import { adoptedKeys, statusOf, type MotionContext, type MotionStatus } from '../../workflows/motion';
import { Clock } from '../common/clock';
import { DomainError, invalid } from '../common/problem';
import { EngineService } from '../engine/engine.service';
import type { Payload } from '../engine/commands';
import type { InstanceRecord, RequestContext } from '../engine/types';
import { SelectionFacts } from '../selection/selection-facts';
import { BudgetSourcesService, type BudgetSourceWithUsage } from './budget-sources.service';
import type { BudgetDecisionDto, ContractDto } from './dto/commands.dto';
import type { CreateGrantDto, FinancingYearInputDto } from './dto/create-grant.dto';
import { GrantsRepository, type ForeignInstance } from './grants.repository';
import { toCents, toDecimal } from './money';

/** The motion states in which its decision exists (Beschluss gefasst, in Umsetzung, erledigt). */
const DECIDED: readonly MotionStatus[] = ['decided', 'implementation', 'done'];
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
    private readonly repository: GrantsRepository,
    private readonly budget: BudgetSourcesService,
    private readonly selections: SelectionFacts,
    private readonly engine: EngineService,
    private readonly clock: Clock,
  ) {}

  /**
   * The machine input of a new procedure. Each financing year names a budget source; its name, spend-by
   * date and conditional flag come from the source, and its own share must still be available there.
   * The application must already pass the submission rules (e.g. own share at most 20 %).
   */
  async application(tx: PoolClient, ctx: RequestContext, dto: CreateGrantDto): Promise<GrantInput> {
    const years = dto.financing.map((y) => y.year);
    const twice = years.filter((y, i) => years.indexOf(y) !== i);
    if (twice.length) throw invalid('GRANT.FINANCING_YEAR_TWICE', `The financing plan names ${twice.join(', ')} more than once.`);
    if (dto.motionInstanceId) await this.motion(tx, ctx, dto.motionInstanceId);
    const sources = await this.budget.lockWithUsage(tx, ctx.tenant, [...new Set(dto.financing.map((y) => y.sourceKey))]);
    const input: GrantInput = {
      programme: dto.programme,
      modules: dto.modules,
      grantingAuthority: dto.grantingAuthority,
      eligibleCostCents: toCents(dto.eligibleCost),
      requestedCents: toCents(dto.requested),
      fundingPeriod: { from: dto.fundingPeriod.from, to: dto.fundingPeriod.to },
      financing: dto.financing.map((y) => financingYear(y, sources.get(y.sourceKey))),
      proofOfUseDue: dto.proofOfUseDue ?? null,
    };
    // Rule check kept here until the grant machine refuses an unsubmittable application at creation (rules-kit).
    const refused = violations(initialContext(input), { type: 'SUBMIT', at: this.clock.now().toISOString(), actor: ctx.actor });
    if (refused.length) throw invalid(refused[0]!.code, `The application could not be submitted: ${refused.map((v) => v.message).join(' ')}`, { violations: refused });
    return input;
  }

  /** Records in the audit's decision record that the motion funds the new procedure. */
  async linkMotion(tx: PoolClient, ctx: RequestContext, dto: CreateGrantDto, grant: InstanceRecord): Promise<void> {
    if (dto.motionInstanceId) await this.engine.link(ctx, dto.motionInstanceId, grant.id, 'funds', tx);
  }

  /** CONCLUDE_CONTRACT: the selected providers of the module come from the selection workflow, never from the client. */
  async contract(ctx: RequestContext, dto: ContractDto): Promise<Payload> {
    const fact = await this.selections.selectedFor(ctx.tenant, dto.module);
    const provider = fact.providers.find((p) => p.providerId === dto.providerId);
    return {
      contractId: dto.contractId,
      providerId: dto.providerId,
      providerName: provider?.providerName ?? dto.providerId,
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
   * on its reference; `motion` must name a motion whose decision adopted a proposal.
   */
  async budgetDecision(tx: PoolClient, ctx: RequestContext, decision: BudgetDecisionDto): Promise<BudgetDecisionFacts> {
    const { source, ref } = decision;
    if (source === 'motion') {
      const motion = await this.motion(tx, ctx, ref);
      if (!isAdoptedDecision(motion)) {
        throw invalid('GRANT.MOTION_NOT_DECIDED', `Motion ${ref} has no decision that adopted a proposal (it is ${JSON.stringify(motion.state)}); it cannot release a conditional budget year.`, {
          motionInstanceId: ref,
          motionState: motion.state,
        });
      }
    }
    return { recorded: true, source, ref };
  }

  /** The motion instance `id` of the caller's Körperschaft; 422 when there is none or it is no motion. */
  private async motion(tx: PoolClient, ctx: RequestContext, id: string): Promise<ForeignInstance> {
    const instance = UUID.test(id) ? await this.repository.foreignInstance(tx, ctx.tenant, id) : undefined;
    if (!instance) throw invalid('GRANT.MOTION_NOT_FOUND', `There is no motion ${id} in your Körperschaft.`, { motionInstanceId: id });
    if (instance.workflowType !== 'motion') {
      throw invalid('GRANT.NOT_A_MOTION', `Instance ${id} is a ${instance.workflowType} procedure, not a motion (Sitzungsvorlage).`, { motionInstanceId: id });
    }
    return instance;
  }
}

/**
 * A motion that has been decided with at least one proposal adopted. TRANSITIONAL, like
 * GrantsRepository.foreignInstance: the motions module's query API will answer this question.
 */
function isAdoptedDecision(motion: ForeignInstance): boolean {
  const context = motion.context as MotionContext;
  return DECIDED.includes(statusOf(motion.state)) && context.decision != null && adoptedKeys(context).length > 0;
}

/** One year of the plan, with the source's facts; refuses a year the source cannot cover. */
function financingYear(y: FinancingYearInputDto, source: BudgetSourceWithUsage | undefined): FinancingYear {
  if (!source) throw invalid('GRANT.UNKNOWN_BUDGET_SOURCE', `There is no budget source "${y.sourceKey}" (see GET /budget-sources).`, { sourceKey: y.sourceKey });
  const available = source.years.find((s) => s.year === y.year);
  if (!available) {
    throw invalid('GRANT.SOURCE_YEAR_MISSING', `${source.name} provides nothing for ${y.year} (years: ${source.years.map((s) => s.year).join(', ') || 'none'}).`, { sourceKey: source.key, year: y.year });
  }
  const ownShareCents = toCents(y.ownShare);
  const left = available.amountCents - available.earmarkedCents;
  if (ownShareCents > left) {
    throw new DomainError(422, 'GRANT.OWN_SHARE_NOT_COVERED', `The own share ${y.ownShare} EUR for ${y.year} is not covered by ${source.name}: ${toDecimal(left)} EUR of ${toDecimal(available.amountCents)} EUR are still available.`, {
      sourceKey: source.key,
      year: y.year,
      available: toDecimal(left),
    });
  }
  return {
    year: y.year,
    totalCostCents: toCents(y.totalCost),
    stateShareCents: toCents(y.stateShare),
    ownShareCents,
    source: { key: source.key, name: source.name, spendBy: source.spendBy },
    conditional: available.conditional,
  };
}
