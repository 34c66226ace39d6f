import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { assertTestDatabaseName, databaseUrl } from './names';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.BW_TEST_SERVER_URL;
  const template = process.env.BW_TEST_TEMPLATE;
  if (!server || !template) throw new Error('no test database server: run the int/e2e tiers through jest (global setup)');
  const ppid = template.split('_').pop();
  const name = `bw_test_${randomBytes(4).toString('hex')}_${ppid}`;
  assertTestDatabaseName(name);
  await admin(server, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    name,
    url: databaseUrl(server, name),
    drop: () => admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function admin(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    // CREATE DATABASE … TEMPLATE fails while another session clones the same template; retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}
