/**
 * Schema migrations as a step of their own, run with the role that owns the schema, so that the
 * app itself can run with a role that owns nothing (and so cannot ALTER TABLE or DISABLE TRIGGER
 * the append-only event log):
 *   DATABASE_URL=postgres://bw_owner:…@db/beschlussweg node dist/scripts/migrate.js --grant-to bw_app
 * Runs the app's migrations and graphile-worker's, then grants the runtime role what the app needs:
 * reading and writing rows, sequences, graphile-worker's functions, also for tables later
 * migrations create. Development: `npm run migrate -- --grant-to ROLE`.
 */
import { parseArgs } from 'node:util';
import { runMigrations } from 'graphile-worker';
import { Client } from 'pg';
import { migrate } from '../src/database/data-source';
import { resolveDatabase } from './db-url';

const USAGE = 'usage: migrate [--grant-to ROLE]';

/** The statements that give `role` the rights the app needs at run time, and no more. */
export function runtimeGrants(role: string): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`--grant-to needs a plain role name (lower case letters, digits, _), not "${role}". ${USAGE}`);
  const schemas = ['public', 'graphile_worker'];
  return [
    ...schemas.map((s) => `GRANT USAGE ON SCHEMA ${s} TO ${role}`),
    ...schemas.map((s) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${role}`),
    ...schemas.map((s) => `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`),
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${role}`,
    // tables, sequences and functions that later migrations create, when this owner creates them
    ...schemas.map((s) => `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`),
    ...schemas.map((s) => `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`),
    `ALTER DEFAULT PRIVILEGES IN SCHEMA graphile_worker GRANT EXECUTE ON FUNCTIONS TO ${role}`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'grant-to': { type: 'string' } } });
  const database = await resolveDatabase();
  try {
    const ran = await migrate(database.url);
    await runMigrations({ connectionString: database.url, logger: undefined });
    console.log(ran.length ? `migrations applied: ${ran.join(', ')}` : 'schema up to date');
    if (values['grant-to']) {
      const grants = runtimeGrants(values['grant-to']);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        for (const sql of grants) await client.query(sql);
      } finally {
        await client.end();
      }
      console.log(`granted ${values['grant-to']} rows, sequences and graphile-worker functions (no ownership: it cannot change tables or triggers)`);
    }
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
