import { Injectable } from '@nestjs/common';
import { implementationSummary, nextSteps, overdueTasks, statusOf, type MotionContext, type MotionSnapshot } from '../../workflows/motion';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { notFound } from '../common/problem';
import { Database } from '../engine/database';
import { EngineService } from '../engine/engine.service';
import { WorkflowRegistry } from '../engine/registry';
import type { InstanceRecord, Page, RequestContext } from '../engine/types';
import { BodiesService } from './bodies.service';
import type { ImplementationQueryDto, MotionQueryDto } from './dto/motion-commands.dto';
import { ImplementationReportDto, MotionDto, MotionSummaryDto, OverdueTaskDto, TaskDto } from './dto/motion-view.dto';
import { outlineFor } from './visibility';

/** Reads: a motion with its record and next steps, lists, and the Beschlusskontrolle reports. */
@Injectable()
export class MotionQueries {
  constructor(
    private readonly engine: EngineService,
    private readonly registry: WorkflowRegistry,
    private readonly db: Database,
    private readonly bodies: BodiesService,
    private readonly clock: Clock,
  ) {}

  /** The motion instance; 404 when it does not exist in the caller's Körperschaft or is no motion. */
  async instance(ctx: RequestContext, id: string): Promise<InstanceRecord> {
    const instance = await this.engine.get(ctx, id);
    if (instance.workflowType !== 'motion') throw notFound('Motion', id);
    return instance;
  }

  async view(ctx: RequestContext, id: string): Promise<MotionDto> {
    const instance = await this.instance(ctx, id);
    const context = instance.context as MotionContext;
    const snapshot = this.registry.get('motion', instance.machineVersion).machine.resolveState({ value: instance.state, context }) as MotionSnapshot;
    // RELEASE is previewed with the competences it would be sent with
    const facts = statusOf(instance.state) === 'cosigning' ? { competences: await this.competencesFor(ctx, context) } : {};
    const outline = outlineFor(ctx.actor.role, context.outline, await this.nonPublicSections(ctx, id));
    return MotionDto.from(instance, nextSteps(snapshot, this.clock.now().toISOString(), facts), this.clock.now(), outline);
  }

  /** The outline sections the motion marks nichtöffentlich (kept in its listing row). */
  private async nonPublicSections(ctx: RequestContext, id: string): Promise<string[]> {
    const { rows } = await this.db.pool.query<{ non_public_sections: string[] }>('SELECT non_public_sections FROM motions WHERE id = $1 AND tenant = $2', [id, ctx.tenant]);
    return rows[0]?.non_public_sections ?? [];
  }

  /** Competences of every body in the motion's Beratungsfolge, from the catalogue. */
  async competencesFor(ctx: RequestContext, context: MotionContext) {
    return this.bodies.competences(ctx, await this.bodies.findBodies(ctx, context.steps.map((s) => s.bodyId)));
  }

  async list(ctx: RequestContext, q: MotionQueryDto): Promise<Page<MotionSummaryDto>> {
    const where = ['m.tenant = $1'];
    const params: unknown[] = [ctx.tenant];
    if (q.bodyId) where.push(`$${params.push(q.bodyId)}::uuid = ANY(m.body_ids)`);
    if (q.decidingBodyId) where.push(`m.deciding_body_id = $${params.push(q.decidingBodyId)}`);
    if (q.status?.length) where.push(`m.status = ANY($${params.push(q.status)}::text[])`);
    if (q.q?.trim()) where.push(`(m.reference ILIKE $${params.push(`%${escapeLike(q.q.trim())}%`)} OR m.title ILIKE $${params.length})`);
    const filter = where.join(' AND ');
    const total = await this.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM motions m WHERE ${filter}`, params);
    const { rows } = await this.db.pool.query<SummaryRow>(
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
    return {
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        title: r.title,
        department: r.department,
        status: r.status,
        decidingBodyId: r.deciding_body_id,
        decidingBodyName: r.deciding_body_name,
        currentBodyId: r.current_body_id,
        currentBodyName: r.current_body_name,
        updatedAt: toBerlinIso(r.updated_at),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: Number(total.rows[0]!.n),
    };
  }

  /** Tasks past their due day and neither done nor cancelled, earliest due first. */
  async overdue(ctx: RequestContext, q: ImplementationQueryDto): Promise<OverdueTaskDto[]> {
    const now = this.clock.now();
    const motions = await this.withTasks(ctx, q.bodyId);
    return motions
      .flatMap((m) =>
        overdueTasks(m.context, now.toISOString()).map((task) => ({
          motionId: m.id,
          reference: m.context.reference,
          title: m.context.title,
          decidingBodyId: m.decidingBodyId,
          task: TaskDto.from(task, now),
        })),
      )
      .sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate) || a.reference.localeCompare(b.reference));
  }

  /** Per deciding body: how many tasks are on track, overdue, done or cancelled. */
  async report(ctx: RequestContext, q: ImplementationQueryDto): Promise<ImplementationReportDto[]> {
    const now = this.clock.now().toISOString();
    const motions = await this.withTasks(ctx, q.bodyId);
    const bodies = await this.bodies.listBodies(ctx);
    const rows = new Map<string, ImplementationReportDto>();
    for (const m of motions) {
      const body = bodies.find((b) => b.id === m.decidingBodyId);
      if (!body) continue;
      const row = rows.get(body.id) ?? { bodyId: body.id, bodyName: body.name, motions: 0, onTrack: 0, overdue: 0, done: 0, cancelled: 0 };
      const summary = implementationSummary(m.context, now);
      row.motions += 1;
      row.onTrack += summary.onTrack;
      row.overdue += summary.overdue;
      row.done += summary.done;
      row.cancelled += summary.cancelled;
      rows.set(body.id, row);
    }
    return [...rows.values()].sort((a, b) => a.bodyName.localeCompare(b.bodyName));
  }

  /** Motions that have implementation tasks (in implementation or done), with their context. */
  private async withTasks(ctx: RequestContext, bodyId?: string): Promise<{ id: string; decidingBodyId: string | null; context: MotionContext }[]> {
    const params: unknown[] = [ctx.tenant];
    const byBody = bodyId ? `AND m.deciding_body_id = $${params.push(bodyId)}` : '';
    const { rows } = await this.db.pool.query<{ id: string; deciding_body_id: string | null; context: MotionContext }>(
      `SELECT m.id, m.deciding_body_id, i.snapshot->'context' AS context
         FROM motions m JOIN workflow_instances i ON i.id = m.id
        WHERE m.tenant = $1 AND m.status IN ('implementation', 'done') ${byBody}
        ORDER BY m.reference`,
      params,
    );
    return rows.filter((r) => r.context.tasks.length > 0).map((r) => ({ id: r.id, decidingBodyId: r.deciding_body_id, context: r.context }));
  }
}

interface SummaryRow {
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

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
