import { DataSource, type DataSourceOptions } from 'typeorm';
import { allMigrations } from '../../migrations';
import { allEntities } from './entities';

/** TypeORM options for a database URL. Schema changes come from migrations/ only, never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = Number(process.env.DB_POOL_SIZE ?? 20)): DataSourceOptions {
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
    extra: { max: poolSize, connectionTimeoutMillis: 5_000, application_name: 'beschlussweg' },
  };
}

const MIGRATION_LOCK = 727_001;

/** Runs pending migrations under an advisory lock, so two app instances starting together cannot race. */
export async function migrate(url: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(url, 2), migrationsTransactionMode: 'all' });
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
