import 'reflect-metadata';
import { seedDatabase } from '../seeds/seed';
import { createApp } from './app.factory';
import { CONSOLE_PATH, defaultConsoleRoot } from './console/console.module';
import { assertNoDemoKeys, ensureDevAccess } from './auth/dev-access';
import { TravelClock } from './common/clock';
import { rootLogger } from './common/logging';
import { assertProductionConfig, readConfig } from './config';
import { migrate } from './database/data-source';
import { ensureDatabase, lastEventAt, startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded';
import { MetricsService } from './metrics/metrics.service';
import { startMetricsServer, type MetricsServer } from './metrics/metrics.server';

// first thing: a production start logs JSON from its first line, failures included
const log = rootLogger().child({ context: 'Beschlussweg' });

let embedded: EmbeddedDatabase | undefined;
let app: Awaited<ReturnType<typeof createApp>> | undefined;
let metrics: MetricsServer | undefined;

/** SIGTERM/SIGINT at any point, start-up included: close the app if there is one, then stop the embedded PostgreSQL. */
let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await metrics?.close();
    await app?.close().catch((error: unknown) => log.warn(`closing the app: ${(error as Error).message}`));
    await embedded?.stop().catch((error: unknown) => log.warn(`stopping the embedded PostgreSQL: ${(error as Error).message}`));
  }
  process.exit(code);
}

async function main(): Promise<void> {
  assertProductionConfig(process.env);
  const config = readConfig();
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  let url = config.databaseUrl;
  if (!url) {
    if (config.production) throw new Error('NODE_ENV=production needs DATABASE_URL; the embedded database is for development only.');
    log.info(`No DATABASE_URL: starting an embedded PostgreSQL in ${config.embeddedDataDir}`);
    const pgLog = rootLogger().child({ context: 'PostgreSQL' });
    embedded = await startEmbeddedPostgres({
      dir: config.embeddedDataDir,
      port: config.embeddedPort,
      log: (line, level) => pgLog[level](line),
    });
    url = await ensureDatabase(embedded.url, 'beschlussweg');
  }
  const ran = await migrate(url);
  if (ran.length) log.info(`Migrations applied: ${ran.join(', ')}`);

  if (embedded && process.env.SEED !== 'off') {
    await seedDatabase(url);
  }

  // On the embedded development database the clock can travel (PUT /dev/clock), for the README
  // walkthrough; it resumes where the stored history ends, so the seeded 2020 case stays consistent.
  const devClock = embedded ? await resumeDevClock(url) : undefined;
  app = await createApp({ databaseUrl: url, console: { root: defaultConsoleRoot(), demoUsers: Boolean(embedded) }, ...(devClock ? { clock: devClock, devClock: true } : {}) });
  if (config.production) await assertNoDemoKeys(app);
  if (embedded) {
    const tokens = await ensureDevAccess(app);
    log.info(`Demo tokens (embedded database only):\n${tokens.map((t) => `  ${t.role.padEnd(8)} ${t.token}`).join('\n')}`);
  }
  await app.listen(config.port, '0.0.0.0');
  if (config.metricsPort !== undefined) {
    metrics = await startMetricsServer(app.get(MetricsService), { port: config.metricsPort, host: config.metricsHost, token: config.metricsToken });
    log.info(`Prometheus metrics on http://${config.metricsHost}:${metrics.port}/metrics${config.metricsToken ? ' (bearer token required)' : ''}`);
  }
  log.info(`Listening on http://localhost:${config.port} (console at ${CONSOLE_PATH}/, API docs at /docs)`);
  if (devClock) log.info(`Development clock: ${devClock.now().toISOString()} (PUT /dev/clock moves it; an empty body returns to real time)`);
}

async function resumeDevClock(url: string): Promise<TravelClock> {
  const clock = new TravelClock();
  const last = await lastEventAt(url);
  if (last && last.getTime() < Date.now()) clock.set(new Date(last.getTime() + 60_000));
  return clock;
}

main().catch(async (error: unknown) => {
  // say why, in one readable message (a rejection without an Error printed only "undefined")
  const why = error instanceof Error ? error.message : `start-up failed: ${String(error)}`;
  log.error(`Start failed: ${why}`);
  await stop(1);
});
