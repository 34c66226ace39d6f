import { Injectable } from '@nestjs/common';
import { Database } from '../engine/database';

/** A pending durable timer of an active instance. */
export interface PendingTimer {
  instanceId: string;
  workflowType: string;
  /** The machine's name for the deadline (`proofOfUseDue`, `task-due:t-1`, …). */
  name: string;
  fireAt: Date;
  /** The event the timer will send (e.g. `{ type: 'TASK_DUE', taskId }`). */
  event: { type: string; [key: string]: unknown };
}

/** Every SQL statement of the deadlines module: it reads the timers table, never instance contexts. */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly db: Database) {}

  /** The tenant's pending timers of active instances that fire in [from, until]. */
  async pending(tenant: string, from: Date, until: Date): Promise<PendingTimer[]> {
    const { rows } = await this.db.pool.query<{ instance_id: string; workflow_type: string; name: string; fire_at: Date; event: PendingTimer['event'] }>(
      `SELECT t.instance_id, i.workflow_type, t.name, t.fire_at, t.event
         FROM workflow_timers t JOIN workflow_instances i ON i.id = t.instance_id AND i.tenant = t.tenant
        WHERE t.tenant = $1 AND t.status = 'pending' AND i.status = 'active' AND t.fire_at BETWEEN $2 AND $3`,
      [tenant, from, until],
    );
    return rows.map((r) => ({ instanceId: r.instance_id, workflowType: r.workflow_type, name: r.name, fireAt: r.fire_at, event: r.event }));
  }
}
