import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { ownShareUsage } from '../../workflows/grant';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import type { RequestContext } from '../engine/types';
import type { CreateBudgetSourceDto } from './dto/budget-source.dto';
import { BudgetSourceDto } from './dto/budget-source.dto';
import { GrantsRepository, type BudgetSourceRecord } from './grants.repository';
import { toCents } from './money';

/** A source year with what live grant procedures plan (earmark) and have spent from it. */
export interface BudgetSourceYearUsage {
  year: number;
  amountCents: number;
  conditional: boolean;
  earmarkedCents: number;
  spentCents: number;
}

export interface BudgetSourceWithUsage extends Omit<BudgetSourceRecord, 'years'> {
  years: BudgetSourceYearUsage[];
}

/** Budget sources (Haushaltsmittel) that cover the own contribution of grants: master data, no workflow. */
@Injectable()
export class BudgetSourcesService {
  constructor(
    private readonly repository: GrantsRepository,
    private readonly clock: Clock,
  ) {}

  async create(ctx: RequestContext, source: CreateBudgetSourceDto): Promise<BudgetSourceDto> {
    const years = source.years.map((y) => y.year);
    const twice = years.filter((y, i) => years.indexOf(y) !== i);
    if (twice.length) throw new DomainError(422, 'BUDGET_SOURCE.DUPLICATE_YEAR', `Year ${twice.join(', ')} is given more than once.`);
    const record = {
      key: source.key,
      name: source.name,
      legalBasis: source.legalBasis ?? null,
      spendBy: source.spendBy,
      years: source.years.map((y) => ({ year: y.year, amountCents: toCents(y.amount), conditional: y.conditional })),
    };
    if (!(await this.repository.insertBudgetSource(ctx.tenant, record, ctx.actor.id, this.clock.now()))) {
      throw new DomainError(409, 'BUDGET_SOURCE.KEY_TAKEN', `A budget source with key "${source.key}" already exists.`, { key: source.key });
    }
    return this.get(ctx, source.key);
  }

  async list(ctx: RequestContext): Promise<BudgetSourceDto[]> {
    return (await this.withUsage(ctx.tenant, null)).map((s) => BudgetSourceDto.from(s));
  }

  async get(ctx: RequestContext, key: string): Promise<BudgetSourceDto> {
    const [source] = await this.withUsage(ctx.tenant, [key]);
    if (!source) throw notFound('Budget source', key);
    return BudgetSourceDto.from(source);
  }

  /** The named sources with their usage, locked until `tx` ends (see GrantsRepository.budgetSources). */
  async lockWithUsage(tx: PoolClient, tenant: string, keys: string[]): Promise<Map<string, BudgetSourceWithUsage>> {
    return new Map((await this.withUsage(tenant, keys, tx)).map((s) => [s.key, s]));
  }

  private async withUsage(tenant: string, keys: string[] | null, tx?: PoolClient): Promise<BudgetSourceWithUsage[]> {
    const sources = await this.repository.budgetSources(tenant, keys, tx);
    const used = ownShareUsage(await this.repository.grantFinancing(tenant, tx));
    return sources.map((s) => ({ ...s, years: s.years.map((y) => ({ ...y, ...(used.get(`${s.key}@${y.year}`) ?? { earmarkedCents: 0, spentCents: 0 }) })) }));
  }
}
