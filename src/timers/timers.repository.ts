import { Injectable } from '@nestjs/common';
import { Database } from '../engine/database';

export interface TimerRow {
  id: string;
  tenant: string;
  instance_id: string;
  name: string;
  fire_at: Date;
  event: { type: string; [key: string]: unknown };
  status: string;
  fired_at: Date | null;
  note: string | null;
}

/** The timers module's SQL: the workflow_timers table and graphile-worker's job removal. */
@Injectable()
export class TimersRepository {
  constructor(private readonly db: Database) {}

  /** Schedules (or re-schedules) the instance's timer of this name; answers its id. */
  async upsert(tenant: string, instanceId: string, name: string, fireAt: Date, event: object): Promise<string> {
    const { rows } = await this.db.pool.query<{ id: string }>(
      `INSERT INTO workflow_timers (tenant, instance_id, name, fire_at, event, status)
       VALUES ($1, $2, $3, $4, $5, 'pending')
       ON CONFLICT (instance_id, name) DO UPDATE SET fire_at = EXCLUDED.fire_at, event = EXCLUDED.event, status = 'pending', fired_at = NULL, note = NULL
       RETURNING id`,
      [tenant, instanceId, name, fireAt, JSON.stringify(event)],
    );
    return rows[0]!.id;
  }

  /** Cancels the pending timer of this name and drops its job. */
  async cancel(instanceId: string, name: string, note: string): Promise<void> {
    const { rows } = await this.db.pool.query<{ id: string }>(
      `UPDATE workflow_timers SET status = 'cancelled', note = $3 WHERE instance_id = $1 AND name = $2 AND status = 'pending' RETURNING id`,
      [instanceId, name, note],
    );
    for (const { id } of rows) await this.db.pool.query('SELECT graphile_worker.remove_job($1)', [`timer:${id}`]);
  }

  async get(id: string): Promise<TimerRow | undefined> {
    const { rows } = await this.db.pool.query<TimerRow>('SELECT * FROM workflow_timers WHERE id = $1', [id]);
    return rows[0];
  }

  /** Records how a pending timer ended (fired, or refused because the instance had moved on). */
  async settle(id: string, status: string, note: string | null): Promise<void> {
    await this.db.pool.query(`UPDATE workflow_timers SET status = $2, fired_at = now(), note = $3 WHERE id = $1 AND status = 'pending'`, [id, status, note]);
  }

  async forInstance(tenant: string, instanceId: string): Promise<TimerRow[]> {
    const { rows } = await this.db.pool.query<TimerRow>('SELECT * FROM workflow_timers WHERE tenant = $1 AND instance_id = $2 ORDER BY fire_at, name', [tenant, instanceId]);
    return rows;
  }

  /** Timers whose time has come but which have not fired, and how long the most overdue is past its time (seconds). */
  async overdue(): Promise<{ n: number; lag: number }> {
    const { rows } = await this.db.pool.query<{ n: number; lag: number }>(
      `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(fire_at)), 0)::float8 AS lag FROM workflow_timers WHERE status = 'pending' AND fire_at <= now()`,
    );
    return rows[0] ?? { n: 0, lag: 0 };
  }
}
