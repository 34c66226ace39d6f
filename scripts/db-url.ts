import { Client } from 'pg';
import { readConfig } from '../src/config';
import { ensureDatabase, startEmbeddedPostgres } from '../src/database/embedded';

/**
 * The database a command-line tool should use: DATABASE_URL, else the development server's
 * embedded PostgreSQL (reached on its port while `npm start` runs, started here otherwise).
 */
export async function resolveDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const config = readConfig();
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const running = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPort}/beschlussweg`;
  const probe = new Client({ connectionString: running, connectionTimeoutMillis: 1500 });
  try {
    await probe.connect();
    await probe.end();
    return { url: running, stop: async () => undefined };
  } catch {
    const pg = await startEmbeddedPostgres({ dir: config.embeddedDataDir, port: config.embeddedPort });
    return { url: await ensureDatabase(pg.url, 'beschlussweg'), stop: () => pg.stop() };
  }
}
