import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureConsoleBuilt, WEB_DIR } from '../../../scripts/console';

/** Debian's Chromium (apt-get install -y chromium), or CHROMIUM_PATH. Never a downloaded browser. */
export function findChromium(): string | undefined {
  // set: that one only (CHROMIUM_PATH=/nowhere shows the skip on a machine that has one)
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => existsSync(p));
}

/**
 * The browser tier's `describe`: the suite gets the Chromium found. Without one it is skipped with a
 * warning, except under CI, where a missing Chromium is an error.
 */
export function describeInBrowser(name: string, suite: (chromiumPath: string) => void): void {
  const found = findChromium();
  if (found) return describe(name, () => suite(found));
  if (process.env.CI) throw new Error('CI runs the browser tier: install Chromium (apt-get install -y chromium) or set CHROMIUM_PATH.');
  console.warn('SKIPPED the browser tier (test/console/*.browser-spec.ts): no Chromium found at /usr/bin/chromium or CHROMIUM_PATH. Install it with `apt-get install -y chromium`.');
  describe.skip(name, () => suite(''));
}

/**
 * Headless, as root (no sandbox), and quiet: the machines have no internet, and Chromium otherwise
 * keeps trying to reach Google (updates, sync, background requests).
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Builds the console when its sources changed, once for all browser test files: Jest runs them in
 * parallel workers, and Vite refuses a second build of the same project while one runs. The worker
 * holding the lock (a file outside web/, whose contents are the build's input) builds; the others
 * wait for it and then find the build fresh.
 */
export async function ensureConsoleBuiltOnce(): Promise<void> {
  const lock = join(tmpdir(), `beschlussweg-console-build-${createHash('sha256').update(WEB_DIR).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      // another worker builds; a lock left by a killed run is stale after five minutes
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { force: true });
      } catch {
        // gone meanwhile
      }
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      ensureConsoleBuilt({ log: () => undefined });
      return;
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

/** Where the browser tests put a screenshot of each main page (git-ignored). */
export const SCREENSHOTS = resolve(__dirname, '..', '..', '..', 'web', 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  // a small one of the first screen, as the README shows them (docs/console/)
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.small.jpg`), type: 'jpeg', quality: 70 });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page, WCAG 2.0/2.1 A and AA rules only; each violation as one readable line. */
export async function wcagViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.addScriptTag({ path: require.resolve('axe-core') });
  // a string, evaluated in the page: the test's TypeScript knows no DOM
  const violations = await page.evaluate<AxeViolation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
  return violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
