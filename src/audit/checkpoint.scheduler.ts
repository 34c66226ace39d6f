import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '../engine/database';
import { AuditService } from './audit.service';

const LOCK = 727_002;

/**
 * Issues a checkpoint per Körperschaft every CHECKPOINT_INTERVAL_MINUTES (default 60; 0 turns it off).
 * An advisory lock makes sure only one of several app instances does it per round.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointScheduler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly audit: AuditService,
    private readonly db: Database,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = Number(process.env.CHECKPOINT_INTERVAL_MINUTES ?? 60);
    if (!(minutes > 0)) return;
    this.timer = setInterval(() => void this.round(), minutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async round(): Promise<number> {
    const client = await this.db.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LOCK]);
      if (!rows[0]?.locked) return 0;
      try {
        const tenants = await client.query<{ tenant: string }>('SELECT DISTINCT tenant FROM workflow_instances ORDER BY tenant');
        for (const { tenant } of tenants.rows) await this.audit.checkpoint(tenant);
        return tenants.rows.length;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [LOCK]);
      }
    } catch (error) {
      this.logger.warn(`checkpoint round failed: ${(error as Error).message}`);
      return 0;
    } finally {
      client.release();
    }
  }
}
