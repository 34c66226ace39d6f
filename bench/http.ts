import type { INestApplicationContext } from '@nestjs/common';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service';
import { TenantEntity } from '../src/auth/entities';
import { freePort } from '../src/database/embedded';
import { EngineService } from '../src/engine/engine.service';
import type { RequestContext } from '../src/engine/types';
import { clerk, createInstances, sample } from './engine';
import { pick, type Workload } from './load';
import type { Settings } from './settings';

export interface HttpWorkload extends Workload {
  /** What is posted, for the report. */
  target: string;
  /** Peak resident memory of the server process so far (VmHWM), in MB. */
  peakRssMb(): number;
}

const TENANT = 'bench-http';

/**
 * The real server (src/main.ts, started with `serverArgs`) on the bench database, loaded by autocannon: `concurrency` keep-alive connections posting authenticated events
 * with fresh idempotency keys to random instances. The generic endpoint refuses workflow types that
 * a domain module claims (motion), so this posts the sample workflow's EDIT, accepted in draft
 * again and again.
 */
export async function httpWorkload(app: INestApplicationContext, databaseUrl: string, settings: Settings, serverArgs: string[]): Promise<HttpWorkload> {
  const token = await apiKey(app);
  const ctx: RequestContext = { tenant: TENANT, actor: clerk };
  const ids = await createInstances(app.get(EngineService), ctx, sample, settings.instances, settings.concurrency);
  const port = await freePort();
  const server = spawn(process.execPath, serverArgs, {
    // the rate limiter would (rightly) refuse one client sending thousands of requests a second
    // JSON log lines, as in production (NODE_ENV=production needs a signing key the bench has no use for)
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), RATE_LIMIT_PER_MINUTE: '1000000000', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  try {
    await waitForHealth(port, server, () => stderr);
  } catch (error) {
    await stop(server);
    throw error;
  }
  let n = 0;
  const load = (seconds: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: settings.concurrency,
      duration: seconds,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const i = n++;
            const body = { type: sample.event, payload: sample.payload(i), idempotencyKey: `http-${i}` };
            return { ...request, path: `/instances/${pick(ids)}/events`, body: JSON.stringify(body) };
          },
        },
      ],
    });
  return {
    name: 'http',
    target: 'POST /instances/:id/events, sample workflow, EDIT in draft',
    run: async (seconds, warmupSeconds) => {
      if (warmupSeconds > 0) await load(warmupSeconds);
      const r = await load(seconds);
      if (r.non2xx || r.errors) throw new Error(`http: ${r.non2xx} non-2xx responses and ${r.errors} errors under load (${JSON.stringify(r.statusCodeStats)})\n${stderr}`);
      return { ops: r['2xx'], seconds: r.duration, busyMs: r.latency.mean * r['2xx'], p50Ms: r.latency.p50, p99Ms: r.latency.p99 };
    },
    peakRssMb: () => peakRssMb(server.pid!),
    close: () => stop(server),
  };
}

async function apiKey(app: INestApplicationContext): Promise<string> {
  await app.get(DataSource).getRepository(TenantEntity).upsert({ id: TENANT, name: 'Benchmark' }, ['id']);
  return (await app.get(AuthService).issue(TENANT, clerk.id, 'clerk', 'benchmark', null)).token;
}

async function waitForHealth(port: number, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before answering:\n${log()}`);
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer /health within 90 s:\n${log()}`);
}

/** VmHWM of a Linux process: its peak resident set size so far. */
function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (server.exitCode === null) server.kill('SIGKILL');
}
