import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '../engine/database';
import { AuditRepository } from './audit.repository';
import { AuditLogService } from './log.service';

const LOCK = 727_002;

/**
 * Issues a checkpoint per Körperschaft every CHECKPOINT_INTERVAL_MINUTES (default 60; 0 turns it off),
 * skipping a Körperschaft whose log neither grew nor found new conflicts since its last checkpoint.
 * An advisory lock makes sure only one of several app instances does it per round.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointScheduler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: AuditLogService,
    private readonly repo: AuditRepository,
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
    try {
      const made = await this.db.withAdvisoryLock(LOCK, async () => {
        let count = 0;
        for (const tenant of await this.repo.tenants()) {
          try {
            if (await this.log.checkpoint(tenant, { onlyIfChanged: true })) count++;
          } catch (error) {
            this.logger.error(`checkpoint of ${tenant} refused: ${(error as Error).message}`);
          }
        }
        return count;
      });
      return made ?? 0;
    } catch (error) {
      this.logger.warn(`checkpoint round failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
