import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { seedDatabase } from '../../seeds/seed';
import { SettableClock } from '../../src/common/clock';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/db';

const run = promisify(execFile);

/**
 * What a new user writes after `npx openapi-typescript $BASE/docs-json -o schema.d.ts`: a typed
 * openapi-fetch client that finds the seeded motion and takes it off the Sozialausschuss agenda,
 * deciding on the version it read (If-Match). Prints what it saw, as JSON.
 */
const CLIENT = `import createClient from 'openapi-fetch';
import type { paths } from './schema';

const client = createClient<paths>({ baseUrl: process.env.BASE, headers: { Authorization: process.env.TOKEN } });

async function main(): Promise<void> {
  const list = await client.GET('/motions', { params: { query: { pageSize: 50 } } });
  if (!list.data) throw new Error(\`GET /motions: \${list.response.status}\`);
  const found = list.data.items.find((m) => m.reference === 'SV-9-1600/1');
  if (!found) throw new Error('the seeded motion is missing');

  const read = await client.GET('/motions/{id}', { params: { path: { id: found.id } } });
  if (!read.data) throw new Error(\`GET /motions/{id}: \${read.error?.detail ?? read.response.status}\`);
  const motion = read.data;
  const sozialausschuss = motion.consultations.find((c) => c.status === 'scheduled' && c.bodyName.startsWith('Ausschuss für Arbeit'));
  if (!sozialausschuss?.meetingId) throw new Error('the motion is not on the Sozialausschuss agenda');

  const step = await client.POST('/motions/{id}/unschedule', {
    params: { path: { id: motion.id }, header: { 'If-Match': read.response.headers.get('ETag') ?? '' } },
    body: { meetingId: sozialausschuss.meetingId, reason: 'Beratungsbedarf in der Fraktion' },
  });
  if (!step.data) throw new Error(\`unschedule: \${step.error.code}: \${step.error.detail}\`);
  const removed = step.data.motion.consultations.find((c) => c.no === sozialausschuss.no);
  console.log(JSON.stringify({
    id: motion.id,
    before: { status: motion.status, version: motion.version },
    after: { status: step.data.motion.status, version: step.data.motion.version, consultation: removed?.status, reason: removed?.removedReason },
    event: step.data.event.type,
    etag: step.response.headers.get('ETag'),
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
`;

/** Type errors of a program, as the TypeScript compiler reports them with the project's own strictness. */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe('a client generated from /docs-json (openapi-typescript + openapi-fetch)', () => {
  let t: TestApp;
  let base: string;
  // inside the work tree, so the program resolves openapi-fetch and @types/node from node_modules
  const dir = resolve('.data', `typed-client-${process.pid}`);

  beforeAll(async () => {
    const db = await createTestDatabase();
    await seedDatabase(db.url);
    // 13.08.2020, before the Sozialausschuss meets (19.08.)
    t = await startTestApp({ db, clock: new SettableClock(new Date('2020-08-13T07:00:00Z')) });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    mkdirSync(dir, { recursive: true });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('typechecks without errors and takes the seeded motion one step', async () => {
    const docs = await fetch(`${base}/docs-json`);
    expect(docs.status).toBe(200);
    writeFileSync(join(dir, 'openapi.json'), await docs.text());
    await run(process.execPath, [resolve('node_modules/openapi-typescript/bin/cli.js'), 'openapi.json', '--output', 'schema.d.ts'], { cwd: dir });
    expect(readFileSync(join(dir, 'schema.d.ts'), 'utf8')).toContain('"/motions/{id}/unschedule"');
    writeFileSync(join(dir, 'client.ts'), CLIENT);

    expect(typeErrors(join(dir, 'client.ts'))).toEqual([]);

    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'client.ts'], { cwd: dir, env: { ...process.env, BASE: base, TOKEN: t.auth('clerk') } });
    const seen = JSON.parse(stdout) as {
      id: string;
      before: { status: string; version: number };
      after: { status: string; version: number; consultation: string; reason: string };
      event: string;
      etag: string;
    };
    expect(seen.event).toBe('UNSCHEDULE');
    expect(seen.after).toMatchObject({ consultation: 'removed', reason: 'Beratungsbedarf in der Fraktion', version: seen.before.version + 1 });
    expect(seen.etag).toBe(`"${seen.after.version}"`);

    // the server agrees: one more event, the consultation off the agenda
    const res = await t.http.get(`/motions/${seen.id}`).set('Authorization', t.auth('auditor')).expect(200);
    const motion = res.body as { version: number; consultations: { status: string; removedReason: string | null }[] };
    expect(motion.version).toBe(seen.after.version);
    expect(motion.consultations.filter((c) => c.status === 'removed').map((c) => c.removedReason)).toEqual(['Beratungsbedarf in der Fraktion']);
  });
});
