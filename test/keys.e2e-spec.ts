import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from './support/app';

const run = promisify(execFile);

describe('npm run keys: the first admin of an installation without demo users', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('issues a key whose token works once printed, and revokes it', async () => {
    const keys = (...args: string[]) => run(process.execPath, ['-r', '@swc-node/register', 'scripts/keys.ts', ...args], { env: { ...process.env, DATABASE_URL: t.db.url }, timeout: 120_000 });
    const { stdout } = await keys('issue', '--tenant', 'kreis-borken', '--tenant-name', 'Kreis Borken', '--user', 'ops', '--role', 'admin');
    const token = /token \(shown once\): (\S+)/.exec(stdout)?.[1];
    const id = /^key (\S+)/.exec(stdout)?.[1];
    expect(token).toMatch(/^bw_[0-9a-f]{12}_/);
    const me = await t.http.get('/auth/me').set('Authorization', `Bearer ${token}`);
    expect(me.body).toEqual({ tenant: 'kreis-borken', tenantName: 'Kreis Borken', userId: 'ops', role: 'admin' });

    await keys('revoke', '--tenant', 'kreis-borken', '--id', id!);
    const fresh = await startTestApp({ db: t.db }); // a new process-like app: no key cache
    try {
      expect((await fresh.http.get('/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    } finally {
      await fresh.close({ keepDatabase: true });
    }
  });

  it('refuses a role that does not exist', async () => {
    await expect(run(process.execPath, ['-r', '@swc-node/register', 'scripts/keys.ts', 'issue', '--tenant', 'x', '--user', 'u', '--role', 'king'], { env: { ...process.env, DATABASE_URL: t.db.url } })).rejects.toMatchObject({ code: 2 });
  });
});
