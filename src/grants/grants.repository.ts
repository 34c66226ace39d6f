import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { isEndangered, type GrantContext, type GrantStateValue } from '../../workflows/grant';
import { Database } from '../engine/database';
import type { InstanceRecord } from '../engine/types';

/** A budget source's row with its years (amounts in cents, as numbers). */
export interface BudgetSourceRecord {
  key: string;
  name: string;
  legalBasis: string | null;
  /** YYYY-MM-DD */
  spendBy: string;
  years: { year: number; amountCents: number; conditional: boolean }[];
  createdAt: Date;
}

/** What one grant procedure plans (financing) and has spent, for the budget sources' usage. */
export interface GrantFinancingRecord {
  state: string;
  financing: GrantContext['application']['financing'];
  spendings: GrantContext['ownShareSpendings'];
}

/** A row of the `grant_procedures` listing. */
export interface ProcedureRow {
  instance_id: string;
  programme: string;
  modules: string[];
  granting_authority: string;
  state: string;
  requested_cents: string;
  approved_cents: string | null;
  contracted_cents: string;
  endangered: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface ProcedureFilter {
  module?: string;
  state?: string;
}

const SELECT_SOURCES = `
  SELECT s.key, s.name, s.legal_basis, s.spend_by::text AS spend_by, s.created_at,
         coalesce(jsonb_agg(jsonb_build_object('year', y.year, 'amountCents', y.amount_cents::text, 'conditional', y.conditional) ORDER BY y.year)
                  FILTER (WHERE y.id IS NOT NULL), '[]') AS years
  FROM budget_sources s LEFT JOIN budget_source_years y ON y.source_id = s.id`;

interface SourceRow {
  key: string;
  name: string;
  legal_basis: string | null;
  spend_by: string;
  created_at: Date;
  years: { year: number; amountCents: string; conditional: boolean }[];
}

/** Every SQL statement of the grants module: the listing projection, budget sources, and the facts it reads. */
@Injectable()
export class GrantsRepository {
  constructor(private readonly db: Database) {}

  // ---------------------------------------------------------------- grant_procedures (listing)

  /**
   * Keeps the `grant_procedures` listing row in step with the instance. The engine calls it inside the
   * event's transaction (registered as the grant projector), so the list never disagrees with the log.
   */
  async project(tx: PoolClient, instance: InstanceRecord): Promise<void> {
    const c = instance.context as GrantContext;
    const contracted = c.contracts.reduce((sum, x) => sum + x.amountCents, 0);
    await tx.query({
      name: 'bw_project_grant',
      text: `INSERT INTO grant_procedures (instance_id, tenant, programme, modules, granting_authority, state, requested_cents, approved_cents, contracted_cents, endangered, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (instance_id) DO UPDATE SET programme = EXCLUDED.programme, modules = EXCLUDED.modules,
               granting_authority = EXCLUDED.granting_authority, state = EXCLUDED.state, requested_cents = EXCLUDED.requested_cents,
               approved_cents = EXCLUDED.approved_cents, contracted_cents = EXCLUDED.contracted_cents, endangered = EXCLUDED.endangered,
               updated_at = EXCLUDED.updated_at`,
      values: [
        instance.id,
        instance.tenant,
        c.application.programme,
        c.application.modules,
        c.application.grantingAuthority,
        instance.state as GrantStateValue,
        c.application.requestedCents,
        c.approval?.approvedCents ?? null,
        contracted,
        isEndangered(c),
        instance.createdAt,
        instance.updatedAt,
      ],
    });
  }

  /** One page of the tenant's procedures, newest first, and how many match. */
  async procedures(tenant: string, filter: ProcedureFilter, page: number, pageSize: number): Promise<{ rows: ProcedureRow[]; total: number }> {
    const where = ['tenant = $1'];
    const params: unknown[] = [tenant];
    if (filter.module) where.push(`$${params.push(filter.module)} = ANY(modules)`);
    if (filter.state) where.push(`state = $${params.push(filter.state)}`);
    const sql = where.join(' AND ');
    const total = await this.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM grant_procedures WHERE ${sql}`, params);
    const { rows } = await this.db.pool.query<ProcedureRow>(
      `SELECT * FROM grant_procedures WHERE ${sql} ORDER BY created_at DESC, instance_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { rows, total: Number(total.rows[0]!.n) };
  }

  // ---------------------------------------------------------------- budget sources (master data)

  /** Inserts a source with its years; false when the tenant already has one with this key. */
  insertBudgetSource(tenant: string, source: Omit<BudgetSourceRecord, 'createdAt'>, createdBy: string, at: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO budget_sources (tenant, key, name, legal_basis, spend_by, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant, key) DO NOTHING RETURNING id`,
        [tenant, source.key, source.name, source.legalBasis, source.spendBy, createdBy, at],
      );
      const id = inserted.rows[0]?.id;
      if (!id) return false;
      for (const y of source.years) {
        await tx.query('INSERT INTO budget_source_years (tenant, source_id, year, amount_cents, conditional) VALUES ($1, $2, $3, $4, $5)', [tenant, id, y.year, y.amountCents, y.conditional]);
      }
      return true;
    });
  }

  /**
   * The tenant's budget sources (all, or those with the given keys), by key. With `tx` the named
   * sources are locked until the transaction ends: two procedures created at once cannot both earmark
   * the last euro of a year.
   */
  async budgetSources(tenant: string, keys: string[] | null, tx?: PoolClient): Promise<BudgetSourceRecord[]> {
    const run: Pool | PoolClient = tx ?? this.db.pool;
    if (tx) await tx.query('SELECT 1 FROM budget_sources WHERE tenant = $1 AND key = ANY($2) ORDER BY key FOR UPDATE', [tenant, keys]);
    const { rows } = await run.query<SourceRow>(`${SELECT_SOURCES} WHERE s.tenant = $1 AND ($2::text[] IS NULL OR s.key = ANY($2)) GROUP BY s.id ORDER BY s.key`, [tenant, keys]);
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      legalBasis: r.legal_basis,
      spendBy: r.spend_by,
      createdAt: r.created_at,
      years: r.years.map((y) => ({ year: y.year, amountCents: Number(y.amountCents), conditional: y.conditional })),
    }));
  }

  /** Every grant procedure's financing plan and own-share spendings (the grant workflow's own context). */
  async grantFinancing(tenant: string, tx?: PoolClient): Promise<GrantFinancingRecord[]> {
    const { rows } = await (tx ?? this.db.pool).query<GrantFinancingRecord>(
      `SELECT state_value #>> '{}' AS state, snapshot->'context'->'application'->'financing' AS financing,
              snapshot->'context'->'ownShareSpendings' AS spendings
       FROM workflow_instances WHERE tenant = $1 AND workflow_type = 'grant'`,
      [tenant],
    );
    return rows;
  }

  // ---------------------------------------------------------------- facts of other workflows

}
