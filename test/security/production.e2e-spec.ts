import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDevelopmentSigningKey } from '../../src/common/dev-signing-key';
import { DEV_USERS } from '../../src/auth/dev-users';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { withClient } from './support/db';
import { call, startServer, startServerExpectingRefusal, type ServerProcess } from './support/server';

/** The real server started with NODE_ENV=production: it refuses missing or default secrets and demo keys. */
jest.setTimeout(5 * 60_000);

describe('production start-up', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  const auditKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.stop();
    await db.drop();
  });

  it('refuses to start without an audit signing key, naming what is missing', async () => {
    const { code, output } = await startServerExpectingRefusal({ NODE_ENV: 'production', DATABASE_URL: db.url, AUDIT_SIGNING_KEY: '', AUDIT_KEY_FILE: '', OIDC_ISSUER: '' });
    expect(code).toBe(1);
    expect(output).toMatch(/Refusing to start:[\s\S]*No audit signing key/);
  });

  it('refuses the development key file and an OIDC issuer without audience', async () => {
    const { code, output } = await startServerExpectingRefusal({ NODE_ENV: 'production', DATABASE_URL: db.url, AUDIT_SIGNING_KEY: '', AUDIT_KEY_FILE: '.data/audit-signing-key.pem', OIDC_ISSUER: 'https://login.example/realms/rat', OIDC_AUDIENCE: '' });
    expect(code).toBe(1);
    expect(output).toMatch(/OIDC_AUDIENCE/);
    expect(output).toMatch(/points into \.data\//);
  });

  it('refuses a development key copied to an absolute path outside .data/', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bw-prod-')), 'audit-signing-key.pem');
    writeFileSync(file, generateDevelopmentSigningKey().export({ type: 'pkcs8', format: 'pem' }));
    const { code, output } = await startServerExpectingRefusal({ NODE_ENV: 'production', DATABASE_URL: db.url, AUDIT_SIGNING_KEY: '', AUDIT_KEY_FILE: file, OIDC_ISSUER: '' });
    expect(code).toBe(1);
    expect(output).toMatch(/is a development key/);
  });

  it('refuses a database holding usable demo keys, then starts once they are revoked, without any demo user', async () => {
    await withClient(db.url, async (c) => {
      await c.query(`INSERT INTO tenants (id, name) VALUES ('kreis-coesfeld', 'Kreis Coesfeld') ON CONFLICT DO NOTHING`);
      for (const u of DEV_USERS) {
        await c.query(`INSERT INTO api_keys (tenant, prefix, secret_hash, user_id, role, name) VALUES ('kreis-coesfeld', $1, $2, $3, $4, $5)`, [u.prefix, createHash('sha256').update(u.secret).digest('hex'), u.userId, u.role, u.name]);
      }
    });
    const production = { NODE_ENV: 'production', AUDIT_SIGNING_KEY: auditKey, OIDC_ISSUER: '' };
    const refused = await startServerExpectingRefusal({ ...production, DATABASE_URL: db.url });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/usable demo API keys \(dev-clerk, dev-office, dev-auditor, dev-admin\)/);

    await withClient(db.url, (c) => c.query(`UPDATE api_keys SET revoked_at = now() WHERE prefix LIKE 'dev-%'`));
    server = await startServer(db.url, production);
    const demo = await call(server.url, 'GET', '/instances', `bw_${DEV_USERS[3]!.prefix}_${DEV_USERS[3]!.secret}`);
    expect([demo.status, demo.body.code]).toEqual([401, 'AUTH.INVALID_TOKEN']);
    const keys = await withClient(db.url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM api_keys WHERE revoked_at IS NULL`)).rows[0] as { n: number });
    expect(keys.n).toBe(0); // production created no credential of its own
  });
});
