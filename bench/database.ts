import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded';

export interface BenchDatabase {
  /** The fresh, migrated benchmark database. */
  url: string;
  name: string;
  /** Where it runs, for the report. */
  server: string;
  /** Superuser-only statements (CHECKPOINT) fail quietly on a server where we are not one. */
  admin(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A database of its own for one run: on the server in DATABASE_URL when set, else on an embedded
 * PostgreSQL in a throw-away folder under .data/. Dropped (or the folder removed) afterwards.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const name = `beschlussweg_bench_${randomBytes(4).toString('hex')}`;
  const given = process.env.DATABASE_URL;
  const embedded = given ? undefined : await startEmbeddedPostgres({ dir: `.data/${name}`, persistent: false });
  const serverUrl = given ?? embedded!.url;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  try {
    await migrate(url);
  } catch (error) {
    await drop(serverUrl, name);
    await embedded?.stop();
    throw error;
  }
  const version = await adminQuery(url, 'SHOW server_version');
  return {
    url,
    name,
    server: `${given ? 'DATABASE_URL server' : 'embedded'} PostgreSQL ${version}, database ${name}`,
    admin: (sql) => adminQuery(url, sql).then(() => undefined, () => undefined),
    close: async () => {
      await drop(serverUrl, name);
      await embedded?.stop();
    },
  };
}

async function drop(serverUrl: string, name: string): Promise<void> {
  if (!name.includes('bench')) throw new Error(`refusing to drop ${name}: not a benchmark database`);
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(url: string, sql: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(sql);
    return Object.values(rows[0] ?? {})[0] ?? '';
  } finally {
    await client.end();
  }
}
