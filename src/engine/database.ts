import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Pool, type PoolClient, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';
import { readConfig, type ReplicaConfig } from '../config';
import { poolOptions, TimeoutClosingClient } from '../database/data-source';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/** Something to run one read on: the primary's pool, or the replica with the primary behind it. */
export interface Reader {
  query<R extends QueryResultRow = QueryResultRow>(query: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
}

/** Where reads that may lag are served now, and why (GET /health shows it). */
export interface ReplicaStatus {
  configured: boolean;
  /** Reads that may lag go to the replica (else to the primary). */
  serving: boolean;
  lagMs: number | null;
  reason: string;
}

/** The replica's replay lag: 0 while it streams and has replayed all it received, else the age of the last replayed commit. */
const REPLICA_LAG = `SELECT pg_is_in_recovery() AS standby,
  CASE WHEN (SELECT status FROM pg_stat_wal_receiver) = 'streaming' AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 0) END::float8 AS lag_ms`;

/**
 * Raw access to the pool TypeORM already holds, for the engine's hot path: named prepared
 * statements, no entity hydration. Everything else uses TypeORM as usual.
 *
 * With DATABASE_REPLICA_URL, `replica` serves reads that may lag (lists, histories, the public
 * portal's and the console's queries) from a streaming replica while it is within
 * DATABASE_REPLICA_MAX_LAG_MS of the primary; when it lags further, is no standby, or cannot be
 * reached, those reads go to the primary. Writes and reads of one's own writes always use `pool`.
 */
@Injectable()
export class Database implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(Database.name);
  private readonly replicaConfig: ReplicaConfig | undefined = readConfig().replica;
  private replicaPool: Pool | undefined;
  /** One connection of its own for the lag checks, so they never wait behind reads (and show apart in pg_stat_activity). */
  private checkPool: Pool | undefined;
  private timer: NodeJS.Timeout | undefined;
  private status: ReplicaStatus = { configured: false, serving: false, lagMs: null, reason: 'no DATABASE_REPLICA_URL: every read goes to the primary' };

  constructor(readonly dataSource: DataSource) {}

  /** An idle connection that dies (server restart, network) must not crash the process: log it, the pool reconnects. */
  async onModuleInit(): Promise<void> {
    const log = (error: Error) => this.logger.warn(`database connection error: ${error.message}`);
    this.pool.on('error', log);
    this.pool.on('connect', (client) => client.on('error', log));
    if (this.replicaConfig) {
      const replicaLog = (error: Error) => this.logger.warn(`replica connection error: ${error.message}`);
      this.replicaPool = new Pool({ connectionString: this.replicaConfig.url, ...poolOptions(Number(process.env.DB_POOL_SIZE ?? 20)), Client: TimeoutClosingClient, application_name: 'beschlussweg-replica' });
      this.replicaPool.on('error', replicaLog);
      this.replicaPool.on('connect', (client) => client.on('error', replicaLog));
      this.checkPool = new Pool({ connectionString: this.replicaConfig.url, ...poolOptions(1), Client: TimeoutClosingClient, application_name: 'beschlussweg-replica-check' });
      this.checkPool.on('error', replicaLog);
      this.checkPool.on('connect', (client) => client.on('error', replicaLog));
      this.status = { configured: true, serving: false, lagMs: null, reason: 'not checked yet' };
      await this.checkReplica();
      this.timer = setInterval(() => void this.checkReplica(), this.replicaConfig.checkMs).unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.replicaPool?.end().catch(() => undefined);
    await this.checkPool?.end().catch(() => undefined);
  }

  /** Reads that may lag behind the last commit: the replica while it keeps up, else the primary. */
  readonly replica: Reader = {
    query: async <R extends QueryResultRow>(query: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>> => {
      if (this.replicaPool && this.status.serving) {
        try {
          return await this.replicaPool.query<R>(query as QueryConfig, values);
        } catch (error) {
          // a query cancelled for a conflict with recovery (40001 on a standby) is answered by the primary
          if (!isConnectionError(error) && (error as { code?: string }).code !== '40001') throw error;
          if (isConnectionError(error)) this.demote(`unreachable (${(error as Error).message})`, null);
        }
      }
      return this.pool.query<R>(query as QueryConfig, values);
    },
  };

  replicaStatus(): ReplicaStatus {
    return { ...this.status };
  }

  /** Looks at the replica's lag and decides where reads that may lag go until the next look. */
  async checkReplica(): Promise<ReplicaStatus> {
    const config = this.replicaConfig;
    if (!config || !this.checkPool) return this.replicaStatus();
    try {
      const { rows } = await this.checkPool.query<{ standby: boolean; lag_ms: number }>(REPLICA_LAG);
      const { standby, lag_ms: lagMs } = rows[0]!;
      if (!standby) this.demote('not a standby (pg_is_in_recovery() is false): a promoted or wrong server', null);
      else if (lagMs > config.maxLagMs) this.demote(`${Math.round(lagMs)} ms behind, more than DATABASE_REPLICA_MAX_LAG_MS ${config.maxLagMs}`, lagMs);
      else {
        if (!this.status.serving) this.logger.log(`replica serves reads again (${Math.round(lagMs)} ms behind)`);
        this.status = { configured: true, serving: true, lagMs, reason: 'streaming and within the allowed lag' };
      }
    } catch (error) {
      this.demote(`unreachable (${(error as Error).message})`, null);
    }
    return this.replicaStatus();
  }

  private demote(reason: string, lagMs: number | null): void {
    if (this.status.serving || this.status.reason === 'not checked yet') this.logger.warn(`replica not used, reads go to the primary: ${reason}`);
    this.status = { configured: true, serving: false, lagMs, reason };
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

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** The server went away or cannot be reached (as opposed to an error in the query itself). */
function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (e?.code !== undefined && CONNECTION_CODES.has(e.code)) || /Connection terminated|ECONNREFUSED|timeout exceeded when trying to connect|Query read timeout/i.test(e?.message ?? '');
}

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code !== undefined && RETRYABLE.has(code);
}
