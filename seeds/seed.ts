/**
 * Seeds a database with the Kreis Coesfeld case by playing its history through a short-lived app
 * whose clock the loader moves through 2020. Idempotent: a database that already holds the case is
 * left alone unless `reset` is asked for (development databases only).
 */
import { Client } from 'pg';
import { createApp } from '../src/app.factory';
import { ensureDevAccess } from '../src/auth/dev-access';
import { SettableClock } from '../src/common/clock';
import { migrate } from '../src/database/data-source';
import { OutboxDispatcher } from '../src/engine/outbox.dispatcher';
import { resolveDatabase } from '../scripts/db-url';
import { isSeededQuery, loadCoesfeld, type SeededCase } from './loader';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Drops everything (including the append-only history) so the case can be loaded afresh. */
async function resetDatabase(url: string): Promise<void> {
  if (process.env.NODE_ENV === 'production') throw new Error('seed --reset is refused with NODE_ENV=production');
  await query(url, 'DROP SCHEMA IF EXISTS graphile_worker CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
}

/** Runs `work` with environment overrides, restoring the previous values afterwards. */
async function withEnv<T>(overrides: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(overrides).map((k) => [k, process.env[k]]));
  Object.assign(process.env, overrides);
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export async function seedDatabase(url: string, options: { reset?: boolean } = {}): Promise<SeededCase | undefined> {
  if (options.reset) await resetDatabase(url);
  await migrate(url);
  const [state] = await query<{ seeded: boolean }>(url, isSeededQuery);
  if (state?.seeded) return undefined;

  // Deadlines of 2020 are long past in real time: the seeding app fires no timers, so the history
  // stays exactly what the loader played. The server that starts afterwards owns the timers.
  return withEnv({ TIMERS: 'off', CHECKPOINT_INTERVAL_MINUTES: '0', RATE_LIMIT_PER_MINUTE: '100000' }, async () => {
    const clock = new SettableClock(new Date('2020-01-01T00:00:00Z'));
    const app = await createApp({ databaseUrl: url, clock, logger: false });
    try {
      await app.listen(0, '127.0.0.1');
      await ensureDevAccess(app);
      const address = app.getHttpServer().address() as { port: number };
      const seeded = await loadCoesfeld(`http://127.0.0.1:${address.port}`, clock);
      await app.get(OutboxDispatcher).drain();
      console.log(`Kreis Coesfeld case loaded: motion ${seeded.motionId}, ${Object.keys(seeded.selections).length} selection procedures, 2 grant procedures`);
      return seeded;
    } finally {
      await app.close();
    }
  });
}

/** `npm run seed [-- --reset]`: the development database (or DATABASE_URL). */
async function main(): Promise<void> {
  const database = await resolveDatabase();
  try {
    const seeded = await seedDatabase(database.url, { reset: process.argv.includes('--reset') });
    if (!seeded) console.log('The case is already loaded; use --reset to load it afresh (stop the server first).');
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
