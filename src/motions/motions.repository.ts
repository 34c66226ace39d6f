import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { currentStep, decidingStep, statusOf, type MotionContext } from '../../workflows/motion';
import { Database } from '../engine/database';
import { MeetingsRepository } from '../meetings/meetings.repository';
import type { Projection } from '../engine/engine.repository';
import type { InstanceRecord, RequestContext } from '../engine/types';

export interface MotionListFilter {
  bodyId?: string;
  decidingBodyId?: string;
  status?: readonly string[];
  q?: string;
  page: number;
  pageSize: number;
}

export interface MotionSummaryRow {
  id: string;
  reference: string;
  title: string;
  department: string;
  status: string;
  deciding_body_id: string | null;
  deciding_body_name: string | null;
  current_body_id: string | null;
  current_body_name: string | null;
  updated_at: Date;
}

/** Every SQL statement of the motions module: the listing projection and its reads. */
@Injectable()
export class MotionsRepository {
  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsRepository,
  ) {}

  /**
   * The `motions` listing row as one upsert: the engine runs it inside every motion event's own
   * statement (registered as the type's row projection), so lists and agendas never disagree with the log.
   */
  readonly listingRow = (instance: InstanceRecord): Projection => {
    const c = instance.context as MotionContext;
    return {
      name: 'bw_project_motion',
      text: `INSERT INTO motions (id, tenant, reference, title, department, deciding_body_id, current_body_id, body_ids, status, created_at, updated_at, predecessor_id)
             VALUES ($1, $2, $3, $4, $5, $6::uuid, $7::uuid, $8::uuid[], $9, $10::timestamptz, $11::timestamptz, $12::uuid)
             ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, department = EXCLUDED.department, deciding_body_id = EXCLUDED.deciding_body_id,
               current_body_id = EXCLUDED.current_body_id, body_ids = EXCLUDED.body_ids, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at`,
      values: [
        instance.id,
        instance.tenant,
        c.reference,
        c.title,
        c.department,
        decidingStep(c)?.step.bodyId ?? null,
        currentStep(c)?.step.bodyId ?? null,
        [...new Set(c.steps.map((s) => s.bodyId))],
        statusOf(instance.state),
        instance.createdAt,
        instance.updatedAt,
        c.predecessor?.id ?? null,
      ],
    };
  };

  /**
   * Runs after every motion event's append, in its transaction (the engine calls it): has the meetings
   * module retire the agenda item of every consultation the record shows as removed (unscheduled,
   * withdrawn, replaced by an urgent decision).
   */
  readonly project = async (client: PoolClient, instance: InstanceRecord): Promise<void> => {
    const removed = (instance.context as MotionContext).consultations.filter((x) => x.status === 'removed');
    if (removed.length) await this.meetings.retireAgendaItems(client, instance.id, removed.map((x) => ({ consultationNo: x.no, reason: x.removedReason ?? '' })));
  };

  /** Marks which outline sections are nichtöffentlich; in the transaction of the event that set them. */
  async setNonPublicSections(client: PoolClient, tenant: string, id: string, sections: readonly string[]): Promise<void> {
    await client.query('UPDATE motions SET non_public_sections = $3 WHERE id = $1 AND tenant = $2', [id, tenant, sections]);
  }

  /** The outline sections the motion marks nichtöffentlich (kept in its listing row). */
  async nonPublicSections(ctx: RequestContext, id: string): Promise<string[]> {
    const { rows } = await this.db.pool.query<{ non_public_sections: string[] }>('SELECT non_public_sections FROM motions WHERE id = $1 AND tenant = $2', [id, ctx.tenant]);
    return rows[0]?.non_public_sections ?? [];
  }

  async list(ctx: RequestContext, q: MotionListFilter): Promise<{ rows: MotionSummaryRow[]; total: number }> {
    const where = ['m.tenant = $1'];
    const params: unknown[] = [ctx.tenant];
    if (q.bodyId) where.push(`$${params.push(q.bodyId)}::uuid = ANY(m.body_ids)`);
    if (q.decidingBodyId) where.push(`m.deciding_body_id = $${params.push(q.decidingBodyId)}`);
    if (q.status?.length) where.push(`m.status = ANY($${params.push(q.status)}::text[])`);
    if (q.q?.trim()) where.push(`(m.reference ILIKE $${params.push(`%${escapeLike(q.q.trim())}%`)} OR m.title ILIKE $${params.length})`);
    const filter = where.join(' AND ');
    const total = await this.db.replica.query<{ n: string }>(`SELECT count(*) AS n FROM motions m WHERE ${filter}`, params);
    const { rows } = await this.db.replica.query<MotionSummaryRow>(
      `SELECT m.id, m.reference, m.title, m.department, m.status, m.deciding_body_id, d.name AS deciding_body_name,
              m.current_body_id, c.name AS current_body_name, m.updated_at
         FROM motions m
         LEFT JOIN bodies d ON d.id = m.deciding_body_id
         LEFT JOIN bodies c ON c.id = m.current_body_id
        WHERE ${filter}
        ORDER BY m.updated_at DESC, m.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { rows, total: Number(total.rows[0]!.n) };
  }

  /**
   * The motion of the Körperschaft named by its id or its reference, with its status and its follow-up
   * (the motion naming it as predecessor), if any: what a follow-up is checked against.
   */
  async withSuccessor(tx: PoolClient, tenant: string, idOrReference: string): Promise<{ id: string; reference: string; status: string; successor: { id: string; reference: string } | null } | undefined> {
    const by = UUID.test(idOrReference) ? 'm.id = $2::uuid' : 'm.reference = $2';
    const { rows } = await tx.query<{ id: string; reference: string; status: string; successor_id: string | null; successor_reference: string | null }>(
      `SELECT m.id, m.reference, m.status, s.id AS successor_id, s.reference AS successor_reference
         FROM motions m LEFT JOIN motions s ON s.predecessor_id = m.id
        WHERE m.tenant = $1 AND ${by}`,
      [tenant, idOrReference],
    );
    const row = rows[0];
    return row && { id: row.id, reference: row.reference, status: row.status, successor: row.successor_id ? { id: row.successor_id, reference: row.successor_reference! } : null };
  }

  /** References of the Körperschaft's motions that start with `base/` (the follow-up numbers taken). */
  async followUpReferences(tx: PoolClient, tenant: string, base: string): Promise<string[]> {
    const { rows } = await tx.query<{ reference: string }>(`SELECT reference FROM motions WHERE tenant = $1 AND reference LIKE $2`, [tenant, `${escapeLike(base)}/%`]);
    return rows.map((r) => r.reference);
  }

  /** The follow-up of a withdrawn motion: the motion whose listing row names it as predecessor. */
  async successor(ctx: RequestContext, id: string): Promise<{ id: string; reference: string } | null> {
    const { rows } = await this.db.pool.query<{ id: string; reference: string }>('SELECT id, reference FROM motions WHERE tenant = $1 AND predecessor_id = $2', [ctx.tenant, id]);
    return rows[0] ?? null;
  }

  /** The workflow type of instance `id` and, for a motion, its context and reference (inside the asking event's transaction, when there is one). */
  async instanceKind(tx: PoolClient | undefined, tenant: string, id: string): Promise<{ workflowType: string; context: MotionContext; reference: string | null } | undefined> {
    const { rows } = await (tx ?? this.db.pool).query<{ workflow_type: string; context: MotionContext; reference: string | null }>(
      `SELECT i.workflow_type, CASE WHEN i.workflow_type = 'motion' THEN i.snapshot->'context' END AS context, m.reference
         FROM workflow_instances i LEFT JOIN motions m ON m.id = i.id
        WHERE i.id = $1 AND i.tenant = $2`,
      [id, tenant],
    );
    return rows[0] && { workflowType: rows[0].workflow_type, context: rows[0].context, reference: rows[0].reference };
  }

  /** The contexts of the Körperschaft's motions among `ids` (deadline wording reads their tasks). */
  async contexts(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, MotionContext>> {
    const { rows } = await this.db.pool.query<{ id: string; context: MotionContext }>(
      `SELECT id, snapshot->'context' AS context FROM workflow_instances WHERE tenant = $1 AND workflow_type = 'motion' AND id = ANY($2::uuid[])`,
      [ctx.tenant, ids],
    );
    return new Map(rows.map((r) => [r.id, r.context]));
  }

  /** Motions in implementation or done, with their context (the Beschlusskontrolle reads their tasks). */
  async withTasks(ctx: RequestContext, bodyId?: string): Promise<{ id: string; decidingBodyId: string | null; context: MotionContext }[]> {
    const params: unknown[] = [ctx.tenant];
    const byBody = bodyId ? `AND m.deciding_body_id = $${params.push(bodyId)}` : '';
    const { rows } = await this.db.pool.query<{ id: string; deciding_body_id: string | null; context: MotionContext }>(
      `SELECT m.id, m.deciding_body_id, i.snapshot->'context' AS context
         FROM motions m JOIN workflow_instances i ON i.id = m.id
        WHERE m.tenant = $1 AND m.status IN ('implementation', 'done') ${byBody}
        ORDER BY m.reference`,
      params,
    );
    return rows.map((r) => ({ id: r.id, decidingBodyId: r.deciding_body_id, context: r.context }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
