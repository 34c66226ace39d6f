import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium), or CHROMIUM_PATH. Never a downloaded browser. */
export function findChromium(): string | undefined {
  // set: that one only (CHROMIUM_PATH=/nowhere shows the skip on a machine that has one)
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => existsSync(p));
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
