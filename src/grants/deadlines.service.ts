import { Injectable } from '@nestjs/common';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { Database } from '../engine/database';
import type { RequestContext } from '../engine/types';
import { deadlineRows } from './deadline-rows';
import type { DeadlineRowDto } from './dto/deadline.dto';

const DAY_MS = 86_400_000;
const WITH_DEADLINES = ['grant', 'selection', 'motion', 'meeting'];

/** Upcoming deadlines across the system, read from the active instances' contexts. */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Deadlines due from now until `days` days ahead (by the injected clock), soonest first. */
  async upcoming(ctx: RequestContext, days: number): Promise<DeadlineRowDto[]> {
    const from = this.clock.now().getTime();
    const until = from + days * DAY_MS;
    const { rows } = await this.db.pool.query<{ id: string; workflow_type: string; state_value: unknown; context: unknown }>(
      `SELECT id, workflow_type, state_value, snapshot->'context' AS context FROM workflow_instances
       WHERE tenant = $1 AND status = 'active' AND workflow_type = ANY($2)`,
      [ctx.tenant, WITH_DEADLINES],
    );
    return rows
      .flatMap((r) => deadlineRows({ id: r.id, workflowType: r.workflow_type, state: leaf(r.state_value), context: r.context }))
      .map((d) => ({ ...d, time: Date.parse(d.dueAt) }))
      .filter((d) => d.time >= from && d.time <= until)
      .sort((a, b) => a.time - b.time || a.instanceId.localeCompare(b.instanceId) || a.name.localeCompare(b.name))
      .map(({ time, ...d }) => ({ ...d, dueAt: toBerlinIso(new Date(time)) }));
  }
}

/** The innermost state name of a (possibly nested) state value. */
function leaf(value: unknown): string {
  let v = value;
  while (v !== null && typeof v === 'object') v = Object.values(v)[0];
  return String(v);
}
