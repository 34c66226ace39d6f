import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { resolve } from 'node:path';
import { freePort } from '../../../src/database/embedded';

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** kill -9: no shutdown hooks, no flushing; in-flight transactions are cut off. */
  crash(): Promise<void>;
  /** SIGTERM: the app closes its pool and exits. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

const ROOT = resolve(__dirname, '../../..');
/** One throw-away audit key for every spawned server, so none generates a development key file. */
const AUDIT_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * The real server as `npm start` runs it (`node -r @swc-node/register src/main.ts`), against the
 * given database, on a free port. Resolves once GET /health answers 200.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}, port?: number): Promise<ServerProcess> {
  const listen = port ?? (await freePort());
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(listen),
      OUTBOX_POLL: 'on',
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUDIT_SIGNING_KEY,
      DB_POOL_SIZE: '10',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = wrap(child, listen);
  await waitForHealth(server);
  return server;
}

/** Starts the server and expects it to refuse: resolves with its exit code and output. */
export async function startServerExpectingRefusal(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const server = wrap(child, 0);
  const code = await server.exited;
  return { code, output: server.output() };
}

function wrap(child: ChildProcess, port: number): ServerProcess {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid!, output: () => output, crash: () => signal('SIGKILL'), stop: () => signal('SIGTERM'), exited };
}

async function waitForHealth(server: ServerProcess): Promise<void> {
  let gone = false;
  void server.exited.then(() => (gone = true));
  for (let attempt = 0; attempt < 600; attempt++) {
    if (gone) throw new Error(`server exited before it was healthy:\n${server.output()}`);
    const status = await fetch(`${server.url}/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await sleep(200);
  }
  await server.crash();
  throw new Error(`server did not become healthy:\n${server.output()}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  contentType: string;
}

/** A JSON request; a connection failure (e.g. a killed server) answers status 0. */
export async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, contentType: res.headers.get('content-type') ?? '' };
  } catch {
    return { status: 0, body: {}, contentType: '' };
  }
}
