/**
 * Builds the web console (web/ → web/dist) when it is missing or stale, so `npm start` serves the
 * console of the checked-out sources. Stale means: the hash of web/'s sources (everything but dist/
 * and node_modules/) differs from the one recorded at the last build. `--force` always builds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const WEB_DIR = resolve(__dirname, '..', 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
const STAMP = join(WEB_DIST, '.source-hash');
const SKIP = new Set(['dist', 'node_modules', 'tests', 'README.md']);

/** One hash over the console's sources: paths and contents, in a stable order. */
export function sourceHash(dir = WEB_DIR): string {
  const hash = createHash('sha256');
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (SKIP.has(entry.name)) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0');
      }
    }
  };
  walk(dir);
  return hash.digest('hex');
}

export function consoleIsFresh(): boolean {
  return existsSync(join(WEB_DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === sourceHash();
}

/** Builds web/dist unless it matches the sources; returns whether it built. */
export function ensureConsoleBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): boolean {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!options.force && consoleIsFresh()) return false;
  log(existsSync(join(WEB_DIST, 'index.html')) ? 'The console is older than its sources: building web/ …' : 'Building the console (web/) …');
  const hash = sourceHash();
  const vite = join(dirname(require.resolve('vite/package.json', { paths: [WEB_DIR] })), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'inherit' });
  writeFileSync(STAMP, `${hash}\n`);
  return true;
}

if (require.main === module) {
  try {
    if (!ensureConsoleBuilt({ force: process.argv.includes('--force') })) console.log('The console (web/dist) is up to date.');
  } catch (error) {
    console.error(`Building the console failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
