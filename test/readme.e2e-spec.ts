import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { seedDatabase } from '../seeds/seed';
import { createApp } from '../src/app.factory';
import { TravelClock } from '../src/common/clock';
import { createTestDatabase, type TestDatabase } from './support/db';

const run = promisify(execFile);

/** The bash blocks between the walkthrough markers of README.md, in order. */
export function walkthrough(readme: string): string {
  const region = /<!-- walkthrough:start -->([\s\S]*?)<!-- walkthrough:end -->/.exec(readme)?.[1];
  if (!region) throw new Error('README.md has no walkthrough region');
  return [...region.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

/**
 * Runs every curl of the README walkthrough, exactly as written, against the seeded case on a dev
 * server (travel clock), so the documentation cannot drift from the API.
 */
describe('README walkthrough', () => {
  jest.setTimeout(180_000);
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    Object.assign(process.env, { TIMERS: 'off', OUTBOX_POLL: 'off', CHECKPOINT_INTERVAL_MINUTES: '0' });
    db = await createTestDatabase();
    await seedDatabase(db.url);
    app = await createApp({ databaseUrl: db.url, clock: new TravelClock(), devClock: true, logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync('motion-evidence.json', { force: true });
  });

  it('takes the seeded motion to the Kreistag decision, concludes a contract, and verifies the history', async () => {
    const script = `set -euo pipefail\n${walkthrough(readFileSync('README.md', 'utf8'))}`;
    let out: string;
    try {
      out = (await run('bash', ['-c', script], { env: { ...process.env, BASE: base }, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 })).stdout;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`the walkthrough failed: ${e.message}\n--- stdout\n${e.stdout ?? ''}\n--- stderr\n${e.stderr ?? ''}`, { cause: error });
    }
    expect(out).toContain('SV-9-1600/1: scheduled');
    expect(out).toMatch(/"bodyName":"Kreistag".*"outcome":"adopted"/);
    expect(out).toContain('CONCLUDE_CONTRACT');
    expect(out).toMatch(/"ok":true/);
    expect(out).toContain('VALID: the bundle is complete, unchanged and covered by the signed checkpoint');

    const auditor = { authorization: 'Bearer bw_dev-auditor_coesfeld-demo-auditor-2020' };
    const get = async <T>(path: string) => (await (await fetch(`${base}${path}`, { headers: auditor })).json()) as T;
    const motions = await get<{ items: { id: string; reference: string; status: string }[] }>('/motions');
    const motion = motions.items.find((m) => m.reference === 'SV-9-1600/1')!;
    expect(motion.status).toBe('decided');

    // Where was the Coesfeld motion on three dates? Replayed from its log.
    const stateAt = (at: string) => get<{ state: unknown }>(`/audit/instances/${motion.id}/state?at=${encodeURIComponent(at)}`).then((r) => r.state);
    expect(await stateAt('2020-07-21T12:00:00+02:00')).toBe('cosigning');
    expect(await stateAt('2020-08-19T23:59:59+02:00')).toEqual({ released: { inConsultation: 'scheduled' } });
    expect(await stateAt('2020-09-03T00:00:00+02:00')).toEqual({ released: 'decided' });

    // The decision record interleaves the motion with the procedures it authorises and funds.
    const record = await get<{ instances: { workflowType: string; relation: string }[]; steps: { at: string }[] }>(`/audit/instances/${motion.id}/record`);
    expect(record.instances.map((i) => `${i.workflowType}:${i.relation}`).sort()).toEqual(
      ['grant:funds', 'grant:funds', 'motion:subject', 'selection:authorises', 'selection:authorises', 'selection:authorises', 'selection:authorises', 'selection:authorises'].sort(),
    );
    const times = record.steps.map((step) => new Date(step.at).getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });
});
