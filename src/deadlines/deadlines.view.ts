import { Injectable } from '@nestjs/common';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord, RequestContext } from '../engine/types';
import { DeadlineTexts } from './deadline-texts';
import { DeadlinesRepository } from './deadlines.repository';
import type { DeadlineRowDto } from './dto/deadline.dto';

const DAY_MS = 86_400_000;

/** Upcoming deadlines of every workflow: the pending durable timers, worded by their owning modules. */
@Injectable()
export class DeadlinesView {
  constructor(
    private readonly repository: DeadlinesRepository,
    private readonly texts: DeadlineTexts,
    private readonly engine: EngineService,
    private readonly clock: Clock,
  ) {}

  /** Deadlines due from now until `days` days ahead (by the injected clock), soonest first. */
  async upcoming(ctx: RequestContext, days: number): Promise<DeadlineRowDto[]> {
    const from = this.clock.now();
    const timers = await this.repository.pending(ctx.tenant, from, new Date(from.getTime() + days * DAY_MS));
    const instances = new Map<string, InstanceRecord>();
    for (const id of new Set(timers.map((t) => t.instanceId))) instances.set(id, await this.engine.get(ctx, id));
    return timers
      .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || a.instanceId.localeCompare(b.instanceId) || a.name.localeCompare(b.name))
      .map((t) => ({ workflowType: t.workflowType, instanceId: t.instanceId, name: t.name, ...this.texts.describe(instances.get(t.instanceId)!, t), dueAt: toBerlinIso(t.fireAt) }));
  }
}
