import { runMigrations } from 'graphile-worker';
import { Client } from 'pg';
import { migrate } from '../../src/database/data-source';
import { ensureDatabase, startEmbeddedPostgres } from '../../src/database/embedded';
import { assertTestDatabaseName, databaseUrl } from '../support/names';

/**
 * Migrates once into a template database; each test file clones its own database from it
 * (`CREATE DATABASE … TEMPLATE …`, test/support/db.ts). Uses TEST_DATABASE_URL (a server URL)
 * when given, else starts an embedded PostgreSQL for the run.
 */
export default async function globalSetup(globalConfig: { selectProjects?: string[] }): Promise<void> {
  const projects = globalConfig.selectProjects ?? [];
  if (process.env.BW_UNIT_ONLY === '1' || (projects.length > 0 && projects.every((p) => p === 'unit'))) return;

  let server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const pg = await startEmbeddedPostgres({ dir: `.data/test-pg-${process.pid}`, persistent: false });
    (globalThis as { __bwEmbedded?: typeof pg }).__bwEmbedded = pg;
    server = pg.url;
  }
  const template = `bw_test_template_${process.pid}`;
  assertTestDatabaseName(template);
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(server, template);
  await migrate(databaseUrl(server, template));
  await runMigrations({ connectionString: databaseUrl(server, template) });
  process.env.BW_TEST_SERVER_URL = server;
  process.env.BW_TEST_TEMPLATE = template;
}
