import { Injectable } from '@nestjs/common';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { WorkflowRegistry } from '../engine/registry';
import type { RequestContext } from '../engine/types';
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
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  /** Deadlines due from now until `days` days ahead (by the injected clock), soonest first. */
  async upcoming(ctx: RequestContext, days: number): Promise<DeadlineRowDto[]> {
    const from = this.clock.now();
    const timers = (await this.repository.pending(ctx.tenant, from, new Date(from.getTime() + days * DAY_MS))).sort(
      (a, b) => a.fireAt.getTime() - b.fireAt.getTime() || a.instanceId.localeCompare(b.instanceId) || a.name.localeCompare(b.name),
    );
    const texts = await this.texts.describe(ctx, timers, (type) => this.title(type));
    return timers.map((t, i) => ({ workflowType: t.workflowType, instanceId: t.instanceId, name: t.name, ...texts[i]!, dueAt: toBerlinIso(t.fireAt) }));
  }

  /** A workflow type's title (its latest machine's), for timers whose module words nothing. */
  private title(type: string): string {
    try {
      return this.registry.latest(type).title;
    } catch {
      return type;
    }
  }
}
