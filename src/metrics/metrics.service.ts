import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Prometheus metrics of one app instance (prom-client, its own registry so that several apps in
 * one process, as in the tests, do not collide). The engine reports transitions; pool usage, and the
 * outbox and timer backlogs their modules register, are read when Prometheus scrapes.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly applied = new Counter({ name: 'bw_transitions_applied_total', help: 'Transitions applied, per workflow type', labelNames: ['workflow'], registers: [this.registry] });
  private readonly refused = new Counter({ name: 'bw_transitions_refused_total', help: 'Transitions refused, per workflow type and problem code', labelNames: ['workflow', 'code'], registers: [this.registry] });
  private readonly applySeconds = new Histogram({
    name: 'bw_transition_apply_seconds',
    help: 'Time to apply one transition (lock, transition, append, commit), per workflow type',
    labelNames: ['workflow'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(private readonly dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () => (this.dataSource.driver as unknown as { master?: Pool }).master;
    new Gauge({
      name: 'bw_db_pool_connections',
      help: 'Connections of the app pool: total, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    new Gauge({
      name: 'bw_db_pool_max',
      help: 'Largest number of connections the pool opens (DB_POOL_SIZE)',
      registers: [this.registry],
      collect() {
        const max = (pool()?.options as { max?: number } | undefined)?.max;
        if (max !== undefined) this.set(max);
      },
    });
  }

  /** One applied transition and how long it took. */
  transitionApplied(workflowType: string, ms: number): void {
    this.applied.inc({ workflow: workflowType });
    this.applySeconds.observe({ workflow: workflowType }, ms / 1000);
  }

  /** One refused transition with the problem code it was refused with. */
  transitionRefused(workflowType: string, code: string): void {
    this.refused.inc({ workflow: workflowType, code });
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * A count and a lag that a module reads from its repository when Prometheus scrapes (one query per
   * scrape); a database that does not answer leaves the last values. The outbox and the timers register theirs.
   */
  backlog(countName: string, countHelp: string, lagName: string, lagHelp: string, query: () => Promise<{ n: number; lag: number }>): void {
    let last = { n: 0, lag: 0 };
    let pending: Promise<void> | undefined;
    const read = () =>
      (pending ??= query()
        .then((row) => void (last = row))
        .catch(() => undefined)
        .finally(() => (pending = undefined)));
    new Gauge({
      name: countName,
      help: countHelp,
      registers: [this.registry],
      async collect() {
        await read();
        this.set(last.n);
      },
    });
    new Gauge({
      name: lagName,
      help: lagHelp,
      registers: [this.registry],
      async collect() {
        await read();
        this.set(last.lag);
      },
    });
  }
}
