import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { GrantContext } from '../../workflows/grant';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import { Database } from '../engine/database';
import type { RequestContext } from '../engine/types';
import { BudgetSourceDto } from './dto/budget-source.dto';
import { toCents } from './money';

export interface BudgetSourceYear {
  year: number;
  amountCents: number;
  conditional: boolean;
}

export interface BudgetSource {
  key: string;
  name: string;
  legalBasis: string | null;
  /** YYYY-MM-DD */
  spendBy: string;
  years: BudgetSourceYear[];
  createdAt: Date;
}

/** A source year with what live grant procedures plan (earmark) and have spent from it. */
export interface BudgetSourceYearUsage extends BudgetSourceYear {
  earmarkedCents: number;
  spentCents: number;
}

export interface BudgetSourceWithUsage extends Omit<BudgetSource, 'years'> {
  years: BudgetSourceYearUsage[];
}

export interface NewBudgetSource {
  key: string;
  name: string;
  legalBasis?: string;
  spendBy: string;
  years: { year: number; amount: string; conditional: boolean }[];
}

/** Procedures in these states no longer hold their planned own share. */
const RELEASED_STATES = ['rejected', 'withdrawn'];

interface SourceRow {
  id: string;
  key: string;
  name: string;
  legal_basis: string | null;
  spend_by: string;
  created_at: Date;
  years: { year: number; amountCents: string; conditional: boolean }[];
}

const SELECT_SOURCES = `
  SELECT s.id, s.key, s.name, s.legal_basis, s.spend_by::text AS spend_by, s.created_at,
         coalesce(jsonb_agg(jsonb_build_object('year', y.year, 'amountCents', y.amount_cents::text, 'conditional', y.conditional) ORDER BY y.year)
                  FILTER (WHERE y.id IS NOT NULL), '[]') AS years
  FROM budget_sources s LEFT JOIN budget_source_years y ON y.source_id = s.id`;

/** Budget sources (Haushaltsmittel) that cover the own contribution of grants. */
@Injectable()
export class BudgetSourcesService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async create(ctx: RequestContext, source: NewBudgetSource): Promise<BudgetSourceDto> {
    const years = source.years.map((y) => y.year);
    const twice = years.filter((y, i) => years.indexOf(y) !== i);
    if (twice.length) throw new DomainError(422, 'BUDGET_SOURCE.DUPLICATE_YEAR', `Year ${twice.join(', ')} is given more than once.`);
    await this.db.transaction(async (client) => {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO budget_sources (tenant, key, name, legal_basis, spend_by, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant, key) DO NOTHING RETURNING id`,
        [ctx.tenant, source.key, source.name, source.legalBasis ?? null, source.spendBy, ctx.actor.id, this.clock.now()],
      );
      const id = inserted.rows[0]?.id;
      if (!id) throw new DomainError(409, 'BUDGET_SOURCE.KEY_TAKEN', `A budget source with key "${source.key}" already exists.`, { key: source.key });
      for (const y of source.years) {
        await client.query(
          'INSERT INTO budget_source_years (tenant, source_id, year, amount_cents, conditional) VALUES ($1, $2, $3, $4, $5)',
          [ctx.tenant, id, y.year, toCents(y.amount), y.conditional],
        );
      }
    });
    return this.get(ctx, source.key);
  }

  async list(ctx: RequestContext): Promise<BudgetSourceDto[]> {
    const sources = await this.load(this.db.pool, ctx.tenant, null, false);
    const usage = await this.usage(this.db.pool, ctx.tenant);
    return sources.map((s) => BudgetSourceDto.from(withUsage(s, usage)));
  }

  async get(ctx: RequestContext, key: string): Promise<BudgetSourceDto> {
    const [source] = await this.load(this.db.pool, ctx.tenant, [key], false);
    if (!source) throw notFound('Budget source', key);
    return BudgetSourceDto.from(withUsage(source, await this.usage(this.db.pool, ctx.tenant)));
  }

  /**
   * The named sources with their usage, locked until the transaction ends: two procedures created
   * at once cannot both earmark the last euro of a year.
   */
  async lockWithUsage(client: PoolClient, tenant: string, keys: string[]): Promise<Map<string, BudgetSourceWithUsage>> {
    const sources = await this.load(client, tenant, keys, true);
    const usage = await this.usage(client, tenant);
    return new Map(sources.map((s) => [s.key, withUsage(s, usage)]));
  }

  private async load(run: Pool | PoolClient, tenant: string, keys: string[] | null, lock: boolean): Promise<BudgetSource[]> {
    if (lock) await run.query('SELECT 1 FROM budget_sources WHERE tenant = $1 AND key = ANY($2) ORDER BY key FOR UPDATE', [tenant, keys]);
    const { rows } = await run.query<SourceRow>(
      `${SELECT_SOURCES} WHERE s.tenant = $1 AND ($2::text[] IS NULL OR s.key = ANY($2)) GROUP BY s.id ORDER BY s.key`,
      [tenant, keys],
    );
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      legalBasis: r.legal_basis,
      spendBy: r.spend_by,
      createdAt: r.created_at,
      years: r.years.map((y) => ({ year: y.year, amountCents: Number(y.amountCents), conditional: y.conditional })),
    }));
  }

  /** Earmarked and spent own shares per source key and year, summed over the tenant's grant procedures. */
  private async usage(run: Pool | PoolClient, tenant: string): Promise<Usage> {
    const { rows } = await run.query<{ state: string; financing: GrantContext['application']['financing']; spendings: GrantContext['ownShareSpendings'] }>(
      `SELECT state_value #>> '{}' AS state, snapshot->'context'->'application'->'financing' AS financing,
              snapshot->'context'->'ownShareSpendings' AS spendings
       FROM workflow_instances WHERE tenant = $1 AND workflow_type = 'grant'`,
      [tenant],
    );
    const usage: Usage = new Map();
    const entry = (key: string, year: number) => {
      const id = `${key}@${year}`;
      const found = usage.get(id) ?? { earmarkedCents: 0, spentCents: 0 };
      usage.set(id, found);
      return found;
    };
    for (const row of rows) {
      for (const y of row.financing) {
        if (!RELEASED_STATES.includes(row.state)) entry(y.source.key, y.year).earmarkedCents += y.ownShareCents;
      }
      for (const s of row.spendings) {
        const planned = row.financing.find((y) => y.year === s.year);
        if (planned) entry(planned.source.key, s.year).spentCents += s.amountCents;
      }
    }
    return usage;
  }
}

type Usage = Map<string, { earmarkedCents: number; spentCents: number }>;

function withUsage(source: BudgetSource, usage: Usage): BudgetSourceWithUsage {
  return {
    ...source,
    years: source.years.map((y) => ({ ...y, ...(usage.get(`${source.key}@${y.year}`) ?? { earmarkedCents: 0, spentCents: 0 }) })),
  };
}
