import { Client, type ClientConfig } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { allMigrations } from '../../migrations';
import { readDatabaseTimeouts, type DatabaseTimeouts } from '../config';
import { allEntities } from './entities';

const isReadTimeout = (error: unknown) => error instanceof Error && error.message === 'Query read timeout';

/**
 * A pg client that closes its connection when a query times out on the client side (query_timeout,
 * e.g. a frozen server). pg answers the caller but keeps the connection waiting for the server; a
 * BEGIN that reached the server late would then open a transaction under the next user of the
 * pooled connection. Closed, the connection leaves the pool and a fresh one replaces it.
 */
export class TimeoutClosingClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    const close = () => void this.end().catch(() => undefined);
    (this as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const callback = args[args.length - 1];
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          if (isReadTimeout(error)) close();
          (callback as (e: unknown, r: unknown) => void)(error, result);
        };
        return query(...args);
      }
      const result = query(...args);
      if (result instanceof Promise) {
        return result.catch((error: unknown) => {
          if (isReadTimeout(error)) close();
          throw error;
        });
      }
      return result;
    };
  }
}

/**
 * pg pool options with the database timeouts: statement_timeout and idle_in_transaction_session_timeout
 * are set per session on the server; query_timeout and connectionTimeoutMillis act in the client, so
 * they fire even when the server cannot answer at all.
 */
export function poolOptions(poolSize: number, timeouts: DatabaseTimeouts = readDatabaseTimeouts()): Record<string, unknown> {
  return {
    max: poolSize,
    application_name: 'beschlussweg',
    Client: TimeoutClosingClient,
    connectionTimeoutMillis: timeouts.connectMs,
    ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
    ...(timeouts.idleInTransactionMs ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
    ...(timeouts.queryMs ? { query_timeout: timeouts.queryMs } : {}),
  };
}

/** TypeORM options for a database URL. Schema changes come from migrations/ only, never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = Number(process.env.DB_POOL_SIZE ?? 20), timeouts?: DatabaseTimeouts): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: allEntities,
    migrations: allMigrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: ['error'],
    extra: poolOptions(poolSize, timeouts),
  };
}

const MIGRATION_LOCK = 727_001;

/** Runs pending migrations under an advisory lock, so two app instances starting together cannot race. */
export async function migrate(url: string): Promise<string[]> {
  // a migration may rewrite a large table: no statement or query timeout here
  const timeouts = { ...readDatabaseTimeouts(), statementMs: 0, queryMs: 0 };
  const ds = new DataSource({ ...dataSourceOptions(url, 2, timeouts), migrationsTransactionMode: 'all' });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await ds.runMigrations({ transaction: 'all' });
    return ran.map((m) => m.name);
  } finally {
    await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await ds.destroy();
  }
}

/** SQL that would bring the schema in line with the entities; empty when migrations and entities agree. */
export async function pendingSchemaChanges(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}
