import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Logger as WorkerLogger, makeWorkerUtils, run, runMigrations, type Runner, type WorkerUtils } from 'graphile-worker';
import { Clock } from '../common/clock';
import { DomainError } from '../common/problem';
import { Database } from '../engine/database';
import { EngineService } from '../engine/engine.service';
import { OutboxDispatcher, type OutboxMessage } from '../engine/outbox.dispatcher';
import { MetricsService } from '../metrics/metrics.service';
import { TimersRepository, type TimerRow } from './timers.repository';

export type { TimerRow } from './timers.repository';

const TASK = 'fire_workflow_timer';

interface ScheduleParams {
  name: string;
  fireAt: string;
  event: { type: string; [key: string]: unknown };
}

/**
 * Durable timers. A machine asks for one with a `scheduleTimer` action; the outbox hands it here
 * after commit; graphile-worker (jobs in PostgreSQL, one worker per job even with several app
 * instances) fires it at `fireAt` by sending the machine's event through the engine. The idempotency
 * key `timer:<id>` makes a second firing a no-op, so a timer fires once across restarts.
 * Machines never use XState `after`: the log holds the explicit event and replays without timers.
 */
@Injectable()
export class TimerService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TimerService.name);
  private utils: WorkerUtils | undefined;
  private runner: Runner | undefined;

  constructor(
    private readonly db: Database,
    private readonly engine: EngineService,
    private readonly outbox: OutboxDispatcher,
    private readonly clock: Clock,
    private readonly timers: TimersRepository,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.backlog('bw_timers_overdue', 'Timers whose time has come but which have not fired', 'bw_timer_lag_seconds', 'How long the most overdue timer is past its time (0 when none)', () =>
      this.timers.overdue(),
    );
    this.outbox.register('scheduleTimer', (m) => this.schedule(m));
    this.outbox.register('cancelTimer', (m) => this.cancel(m));
  }

  async onApplicationBootstrap(): Promise<void> {
    await runMigrations({ pgPool: this.db.pool, logger: quietLogger });
    this.utils = await makeWorkerUtils({ pgPool: this.db.pool, logger: quietLogger });
    if (process.env.TIMERS === 'off') return;
    this.runner = await run({
      pgPool: this.db.pool,
      concurrency: 2,
      pollInterval: Number(process.env.TIMER_POLL_MS ?? 1000),
      noHandleSignals: true,
      logger: quietLogger,
      taskList: { [TASK]: (payload) => this.fire((payload as { timerId: string }).timerId) },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    await this.utils?.release();
  }

  async schedule(message: OutboxMessage): Promise<void> {
    const p = message.params as ScheduleParams;
    const fireAt = new Date(p.fireAt);
    if (!p?.name || Number.isNaN(fireAt.getTime()) || !p.event?.type) throw new Error(`scheduleTimer needs name, fireAt and event: ${JSON.stringify(p)}`);
    const timerId = await this.timers.upsert(message.tenant, message.instanceId, p.name, fireAt, p.event);
    await this.jobs().addJob(TASK, { timerId }, { runAt: fireAt, jobKey: `timer:${timerId}`, jobKeyMode: 'replace', maxAttempts: 10 });
  }

  async cancel(message: OutboxMessage): Promise<void> {
    const { name } = message.params as { name: string };
    await this.timers.cancel(message.instanceId, name, `cancelled by event #${message.seq}`);
  }

  /** Sends the timer's event through the engine once. A refusal means the instance moved on: recorded, not retried. */
  async fire(timerId: string): Promise<void> {
    const timer = await this.timers.get(timerId);
    if (!timer || timer.status !== 'pending') return;
    // A deadline passes by the app's clock, which only a development server moves away from real time:
    // there a job that the database finds due may still lie ahead, and waits that long again.
    const ahead = timer.fire_at.getTime() - this.clock.now().getTime();
    if (ahead > 0) {
      await this.jobs().addJob(TASK, { timerId }, { runAt: new Date(Date.now() + ahead), jobKey: `timer:${timerId}`, jobKeyMode: 'replace', maxAttempts: 10 });
      return;
    }
    const { type, ...payload } = timer.event;
    let status = 'fired';
    let note: string | null = null;
    try {
      await this.engine.apply({ tenant: timer.tenant, actor: { id: 'system:timer', role: 'system' } }, timer.instance_id, { type, payload, idempotencyKey: `timer:${timer.id}` });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      status = 'refused';
      note = `${error.code}: ${error.message}`;
      this.logger.log(`timer ${timer.name} of ${timer.instance_id} not applied: ${note}`);
    }
    await this.timers.settle(timer.id, status, note);
  }

  list(tenant: string, instanceId: string): Promise<TimerRow[]> {
    return this.timers.forInstance(tenant, instanceId);
  }

  private jobs(): WorkerUtils {
    if (!this.utils) throw new Error('timer service not started');
    return this.utils;
  }
}

/** graphile-worker logs through Nest's logger, errors only. */
const quietLogger = new WorkerLogger(() => (level, message) => {
  if (String(level) === 'error') new Logger('graphile-worker').error(message);
});
