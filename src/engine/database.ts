import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Raw access to the pool TypeORM already holds, for the engine's hot path: named prepared
 * statements, no entity hydration. Everything else uses TypeORM as usual.
 */
@Injectable()
export class Database implements OnModuleInit {
  private readonly logger = new Logger(Database.name);

  constructor(readonly dataSource: DataSource) {}

  /** An idle connection that dies (server restart, network) must not crash the process: log it, the pool reconnects. */
  onModuleInit(): void {
    const log = (error: Error) => this.logger.warn(`database connection error: ${error.message}`);
    this.pool.on('error', log);
    this.pool.on('connect', (client) => client.on('error', log));
  }

  get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** The server's version (`SHOW server_version`): the health check's round trip. */
  async serverVersion(): Promise<string> {
    const { rows } = await this.pool.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? '?';
  }

  /**
   * Runs `work` while holding the session-level advisory lock `key`, if no other session holds it;
   * answers undefined without running it otherwise (one instance of a periodic job at a time).
   */
  async withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<T | undefined> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
      if (!rows[0]?.locked) return undefined;
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // a connection that cannot even roll back is broken: drop it from the pool
      const broken = await client.query('ROLLBACK').then(() => false, () => true);
      client.release(broken);
      throw error;
    }
  }
}

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code !== undefined && RETRYABLE.has(code);
}
