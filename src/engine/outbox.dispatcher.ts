import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database } from './database';
import { MetricsService } from '../metrics/metrics.service';
import { EngineRepository } from './engine.repository';

export interface OutboxMessage {
  id: string;
  instanceId: string;
  tenant: string;
  seq: number;
  actionType: string;
  params: unknown;
  attempts: number;
}

export type EffectHandler = (message: OutboxMessage) => Promise<void>;

const MAX_ATTEMPTS = 8;
const POLL_MS = 2_000;
const BATCH = 50;

/**
 * Delivers side effects that committed transitions asked for, at least once: rows are claimed
 * with SKIP LOCKED (safe with several app instances), marked done on success, retried with
 * backoff on failure. A poll picks up what a crash left behind.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly handlers = new Map<string, EffectHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly repository: EngineRepository,
    metrics: MetricsService,
  ) {
    metrics.backlog('bw_outbox_pending', 'Outbox rows due and not yet delivered', 'bw_outbox_lag_seconds', 'Age of the oldest outbox row that is due and not delivered (0 when none)', () =>
      this.repository.outboxBacklog(),
    );
  }

  register(actionType: string, handler: EffectHandler): void {
    this.handlers.set(actionType, handler);
  }

  onApplicationBootstrap(): void {
    if (process.env.OUTBOX_POLL === 'off') return;
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Ask for a delivery round soon; coalesces concurrent requests. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverAll()
      .catch((error: unknown) => this.logger.warn(`outbox round failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for a round in flight, then delivers everything due now. Tests and tools await it. */
  async drain(): Promise<void> {
    await this.running;
    await this.deliverAll();
  }

  private async deliverAll(): Promise<void> {
    while (!this.stopped && (await this.deliverBatch()) === BATCH) {
      /* keep going */
    }
  }

  private deliverBatch(): Promise<number> {
    return this.db.transaction(async (client) => {
      const rows = await this.repository.claimOutbox(client, BATCH);
      for (const row of rows) {
        const message: OutboxMessage = { id: row.id, instanceId: row.instance_id, tenant: row.tenant, seq: row.seq, actionType: row.action_type, params: row.params, attempts: row.attempts };
        const handler = this.handlers.get(row.action_type);
        try {
          if (!handler) throw new Error(`no handler registered for action "${row.action_type}"`);
          await handler(message);
          await this.repository.outboxDone(client, row.id);
        } catch (error) {
          const attempts = row.attempts + 1;
          this.logger.warn(`outbox #${row.id} ${row.action_type} attempt ${attempts} failed: ${(error as Error).message}`);
          await this.repository.outboxFailed(client, row.id, attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, (error as Error).message, 2 ** attempts);
        }
      }
      return rows.length;
    });
  }
}
