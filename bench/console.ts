/**
 * `npm run bench:console [-- --rounds N]`: is every main page of the console interactive within 1 s
 * on the seeded data? Target (issue 16, docs/performance.md): 1000 ms per page, worst visit.
 *
 * Starts the app on a fresh database (embedded PostgreSQL, or a new database on DATABASE_URL's
 * server) seeded with the Kreis Coesfeld case, the server's clock on the seed's last day, and the
 * console built from the sources. Debian's Chromium (playwright-core, the browser tests' flags)
 * signs in each role once and then loads every main page N times as a full navigation. A visit's
 * time runs from the navigation's start (the page's `performance.timeOrigin`) until the page's
 * own main control is visible and enabled: the motions list's link to the motion, the motion
 * page's next-step button, the calendar's month list, and so on. A first, uncounted round warms up
 * the server (its first requests compile their code paths) and fills the browser's cache with the
 * page's code, as for anyone who has opened the console before; its times are reported beside the
 * counted ones. Reports the median and worst counted visit per page; the last line is one JSON object.
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import type { Browser, Locator, Page } from 'playwright-core';
import { seedDatabase } from '../seeds/seed';
import { ensureConsoleBuilt, WEB_DIST } from '../scripts/console';
import { createApp } from '../src/app.factory';
import { ensureDevAccess } from '../src/auth/dev-access';
import { TravelClock } from '../src/common/clock';
import { findChromium, launchChromium } from '../test/console/support/browser';
import { benchDatabase } from './database';

const TARGET_MS = 1000;
/** The seed plays the case up to here; the console shows the case as of this day. */
const NOW = '2020-08-04T10:00:00+02:00';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const median = (sorted: number[]) => (sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2);

type Role = 'Sitzungsdienst' | 'Geschäftsführende Stelle' | 'Rechnungsprüfung';

interface PageCase {
  key: string;
  name: string;
  role: Role;
  path: string;
  /** The page's main control: the visit ends when it is visible and enabled */
  ready: (page: Page) => Locator;
}

/** Loads `path` and waits for `ready`; the milliseconds from the navigation's start until then, measured in the page. */
async function visit(page: Page, base: string, c: PageCase): Promise<number> {
  await page.goto(`${base}/console${c.path}`, { waitUntil: 'commit' });
  const target = c.ready(page);
  await target.waitFor({ state: 'visible' });
  // enabled: a disabled control (a step still loading its facts) does not count
  for (let i = 0; !(await target.isEnabled()); i++) {
    if (i > 3000) throw new Error(`${c.name}: the control stayed disabled`);
    await page.waitForTimeout(5);
  }
  return page.evaluate<number>('performance.now()');
}

async function main(): Promise<void> {
  const rounds = option('rounds', 5);
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('bench:console needs Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  Object.assign(process.env, { TIMERS: 'off', OUTBOX_POLL: 'off', CHECKPOINT_INTERVAL_MINUTES: '0', RATE_LIMIT_PER_MINUTE: '10000000' });
  if (ensureConsoleBuilt({ log: () => undefined })) console.log('built the console (web/dist)');
  const db = await benchDatabase();
  let browser: Browser | undefined;
  try {
    const seeded = await seedDatabase(db.url);
    if (!seeded) throw new Error('the bench database already held the case');
    const clock = new TravelClock();
    clock.set(new Date(NOW));
    const app = await createApp({ databaseUrl: db.url, clock, devClock: true, logger: false, console: { root: WEB_DIST, demoUsers: true } });
    await ensureDevAccess(app);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    try {
      const cases: PageCase[] = [
        { key: 'motions', name: 'Vorlagen (list)', role: 'Sitzungsdienst', path: '/vorlagen', ready: (p) => p.getByRole('link', { name: 'SV-9-1600/1' }) },
        { key: 'motion', name: 'Vorlage (motion page)', role: 'Sitzungsdienst', path: `/vorlagen/${seeded.motionId}`, ready: (p) => p.getByRole('button', { name: 'Beratungsergebnis erfassen' }) },
        { key: 'calendar', name: 'Sitzungskalender', role: 'Sitzungsdienst', path: '/sitzungen', ready: (p) => p.getByRole('region', { name: 'Sitzungen im August 2020' }).getByRole('link', { name: 'Integrationsausschuss', exact: true }) },
        { key: 'meeting', name: 'Sitzung (meeting page)', role: 'Sitzungsdienst', path: `/sitzungen/${seeded.meetings.integrationsausschuss}`, ready: (p) => p.getByRole('table').getByRole('link', { name: /Umsetzung der Landesinitiativen/ }) },
        { key: 'procedures', name: 'Auswahlverfahren (list)', role: 'Geschäftsführende Stelle', path: '/auswahlverfahren', ready: (p) => p.getByRole('row').filter({ hasText: 'Baustein VI' }).getByRole('link') },
        { key: 'procedure', name: 'Auswahlverfahren (procedure page)', role: 'Geschäftsführende Stelle', path: `/auswahlverfahren/${seeded.selections.VI}`, ready: (p) => p.getByRole('button', { name: 'Stellenbesetzung melden' }) },
        { key: 'grants', name: 'Zuwendungen (list)', role: 'Geschäftsführende Stelle', path: '/zuwendungen', ready: (p) => p.getByRole('link', { name: /Bausteine I, II, III, IV, VI/ }) },
        { key: 'grant', name: 'Zuwendung (grant page)', role: 'Geschäftsführende Stelle', path: `/zuwendungen/${seeded.grants.main}`, ready: (p) => p.getByRole('button', { name: 'Bewilligungsbescheid erfassen' }) },
        { key: 'deadlines', name: 'Fristen', role: 'Geschäftsführende Stelle', path: '/fristen', ready: (p) => p.getByTestId('deadlines').or(p.getByText(/steht keine Frist an/)) },
        { key: 'audit', name: 'Prüfung (instance page)', role: 'Rechnungsprüfung', path: `/pruefung/${seeded.motionId}`, ready: (p) => p.getByRole('button', { name: 'Diesen Vorgang prüfen' }) },
      ];
      browser = await launchChromium(chromiumPath);
      const pages = new Map<Role, Page>();
      const errors: string[] = [];
      for (const role of new Set(cases.map((c) => c.role))) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
        const page = await context.newPage();
        page.on('pageerror', (error) => errors.push(`${role}: ${error.message}`));
        page.setDefaultTimeout(30_000);
        await page.goto(`${base}/console/`);
        await page.getByRole('button', { name: `${role} (Kreis Coesfeld)` }).click();
        await page.getByTestId('signed-in-as').waitFor();
        pages.set(role, page);
      }

      const first = new Map<string, number>();
      for (const c of cases) first.set(c.key, await visit(pages.get(c.role)!, base, c));
      const timings = new Map<string, number[]>(cases.map((c) => [c.key, []]));
      const load = loadavg()[0]!;
      // the machine's floor in the same rounds: Chromium loading GET /health (one trivial query, no console)
      const floor: number[] = [];
      const floorPage = pages.values().next().value!;
      // round by round over all pages, so a passing load spike hits every page alike
      for (let round = 0; round < rounds; round++) {
        for (const c of cases) timings.get(c.key)!.push(await visit(pages.get(c.role)!, base, c));
        await floorPage.goto(`${base}/health`, { waitUntil: 'load' });
        floor.push(await floorPage.evaluate<number>('performance.now()'));
      }
      floor.sort((a, b) => a - b);
      if (errors.length) throw new Error(`the console failed in the browser:\n${errors.join('\n')}`);

      const rows = cases.map((c) => {
        const sorted = [...timings.get(c.key)!].sort((a, b) => a - b);
        return { ...c, median: median(sorted), worst: sorted.at(-1)!, first: first.get(c.key)! };
      });
      const worst = Math.max(...rows.map((r) => r.worst));
      const ok = worst <= TARGET_MS;
      console.log(`\nConsole pages, navigation start → main control visible and enabled, ${rounds} full loads each after a warm-up visit`);
      console.log(`  ${'page'.padEnd(36)} ${'median'.padStart(9)} ${'worst'.padStart(9)} ${'warm-up'.padStart(9)}`);
      for (const r of rows) console.log(`  ${r.name.padEnd(36)} ${r.median.toFixed(0).padStart(6)} ms ${r.worst.toFixed(0).padStart(6)} ms ${r.first.toFixed(0).padStart(6)} ms   ${r.worst <= TARGET_MS ? 'ok' : 'OVER'}`);
      console.log(`  ${'GET /health (the floor)'.padEnd(36)} ${median(floor).toFixed(0).padStart(6)} ms ${floor.at(-1)!.toFixed(0).padStart(6)} ms   (a page without the console, same rounds)`);
      console.log(`  worst visit ${worst.toFixed(0)} ms: ${ok ? 'within' : 'OVER'} the target of ${TARGET_MS} ms (load average ${load.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end; ${db.server})`);
      console.log(
        JSON.stringify({
          console_rounds: rounds,
          ...Object.fromEntries(rows.flatMap((r) => [
            [`console_${r.key}_median_ms`, Math.round(r.median)],
            [`console_${r.key}_worst_ms`, Math.round(r.worst)],
          ])),
          console_worst_ms: Math.round(worst),
          console_warmup_worst_ms: Math.round(Math.max(...rows.map((r) => r.first))),
          health_page_median_ms: Math.round(median(floor)),
          console_target_ms: TARGET_MS,
          load_average: +load.toFixed(2),
          ok,
        }),
      );
      if (!ok) process.exitCode = 1;
    } finally {
      await browser?.close();
      await app.close();
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
