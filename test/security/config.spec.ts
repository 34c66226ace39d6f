import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSigningKey } from '../../src/audit/signing';
import { JSON_MAX_DEPTH, nonFiniteNumberPath, unstorableJson } from '../../src/auth/hostile-input';
import { generateDevelopmentSigningKey, isDevelopmentSigningKey } from '../../src/common/dev-signing-key';
import { mapRoles } from '../../src/auth/oidc';
import { assertProductionConfig, parseRoleMap, readConfig } from '../../src/config';

const pem = (type: 'ed25519' | 'ec') =>
  (type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519')).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('assertProductionConfig', () => {
  const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://app:s3cret@db/beschlussweg' };
  const refusal = (env: NodeJS.ProcessEnv) => {
    try {
      assertProductionConfig(env);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('accepts production with a database and an Ed25519 audit key, given inline or as a file', () => {
    expect(refusal({ ...production, AUDIT_SIGNING_KEY: pem('ed25519') })).toBeUndefined();
    const file = join(mkdtempSync(join(tmpdir(), 'bw-key-')), 'audit.pem');
    writeFileSync(file, pem('ed25519'));
    expect(refusal({ ...production, AUDIT_KEY_FILE: file })).toBeUndefined();
    // env files often carry a PEM on one line with literal \n
    expect(refusal({ ...production, AUDIT_SIGNING_KEY: pem('ed25519').replace(/\n/g, '\\n') })).toBeUndefined();
  });

  it('refuses production without an audit signing key, naming both ways to give one', () => {
    expect(refusal(production)).toMatch(/No audit signing key: set AUDIT_SIGNING_KEY .* or AUDIT_KEY_FILE/);
  });

  it('refuses the development key folder, a missing key file, a key of the wrong kind and garbage', () => {
    expect(refusal({ ...production, AUDIT_KEY_FILE: '.data/audit-signing-key.pem' })).toMatch(/points into \.data\//);
    expect(refusal({ ...production, AUDIT_KEY_FILE: '/nonexistent/audit.pem' })).toMatch(/does not exist/);
    expect(refusal({ ...production, AUDIT_SIGNING_KEY: pem('ec') })).toMatch(/is a ec key; it must be Ed25519/);
    expect(refusal({ ...production, AUDIT_SIGNING_KEY: 'changeme' })).toMatch(/not a readable private key/);
  });

  it('recognises the development key itself: copied to any path, or given as PEM, production refuses it', () => {
    // the key `npm start` generates (src/audit/signing.ts), in a folder that is not .data/
    const dir = mkdtempSync(join(tmpdir(), 'bw-devkey-'));
    const generated = join(dir, 'generated.pem');
    const dev = loadSigningKey({ AUDIT_KEY_FILE: generated });
    expect(isDevelopmentSigningKey(dev.privateKey)).toBe(true);
    const copied = join(dir, 'etc-beschlussweg-audit.pem');
    copyFileSync(generated, copied);
    expect(refusal({ ...production, AUDIT_KEY_FILE: copied })).toMatch(/is a development key/);
    expect(refusal({ ...production, AUDIT_SIGNING_KEY: readFileSync(generated, 'utf8') })).toMatch(/is a development key/);
    expect(refusal({ ...production, AUDIT_SIGNING_KEY: readFileSync(generated, 'utf8').replace(/\n/g, '\\n') })).toMatch(/is a development key/);
    // a development key signs and verifies like any Ed25519 key, and keys made for production carry no mark
    expect(dev.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(isDevelopmentSigningKey(generateDevelopmentSigningKey())).toBe(true);
    for (let i = 0; i < 20; i++) expect(isDevelopmentSigningKey(generateKeyPairSync('ed25519').privateKey)).toBe(false);
  });

  it('refuses production without DATABASE_URL, and an OIDC issuer over plain http', () => {
    expect(refusal({ NODE_ENV: 'production', AUDIT_SIGNING_KEY: pem('ed25519') })).toMatch(/DATABASE_URL is not set/);
    expect(refusal({ ...production, AUDIT_SIGNING_KEY: pem('ed25519'), OIDC_ISSUER: 'http://keycloak/realms/kreis', OIDC_AUDIENCE: 'beschlussweg' })).toMatch(/https URL/);
  });

  it('refuses an OIDC issuer without an audience in any environment', () => {
    expect(refusal({ OIDC_ISSUER: 'https://login.kreis-coesfeld.de/realms/rat' })).toMatch(/OIDC_ISSUER is set without OIDC_AUDIENCE/);
    expect(refusal({ OIDC_ISSUER: 'https://login.kreis-coesfeld.de/realms/rat', OIDC_AUDIENCE: 'beschlussweg' })).toBeUndefined();
  });

  it('leaves development alone', () => {
    expect(refusal({})).toBeUndefined();
    expect(refusal({ NODE_ENV: 'development' })).toBeUndefined();
  });

  it('names every problem at once', () => {
    const message = refusal({ NODE_ENV: 'production', OIDC_ISSUER: 'http://idp' })!;
    expect(message.split('\n- ')).toHaveLength(5); // headline + audience, database, audit key, https
  });
});

describe('configuration parsing', () => {
  it('reads the rate limit, trusted proxies and the OIDC settings with their defaults', () => {
    const config = readConfig({ RATE_LIMIT_PER_MINUTE: '1200', TRUST_PROXY: '1', OIDC_ISSUER: 'https://idp/realms/rat', OIDC_AUDIENCE: 'bw' });
    expect(config.rateLimitPerMinute).toBe(1200);
    expect(config.trustProxy).toBe(1);
    expect(config.oidc).toEqual({ issuer: 'https://idp/realms/rat', audience: 'bw', jwksUrl: undefined, roleClaim: 'roles', tenantClaim: 'tenant', userClaim: 'sub', roleMap: {}, consoleClientId: undefined, consoleScope: 'openid profile' });
    expect(readConfig({}).rateLimitPerMinute).toBe(600);
    expect(readConfig({}).oidc).toBeUndefined();
    expect(readConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
  });

  it('reads the public base URL the OpenAPI document names, and refuses one clients could not call', () => {
    expect(readConfig({}).publicBaseUrl).toBe('http://localhost:3000');
    expect(readConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(readConfig({ PUBLIC_BASE_URL: 'https://kreis.example/beschlussweg/' }).publicBaseUrl).toBe('https://kreis.example/beschlussweg');
    expect(() => readConfig({ PUBLIC_BASE_URL: 'kreis.example' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => readConfig({ PUBLIC_BASE_URL: 'ftp://kreis.example' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('refuses a rate limit that is not a positive whole number', () => {
    expect(() => readConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => readConfig({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('parses the OIDC role map and refuses entries naming no role of ours', () => {
    expect(parseRoleMap('bw-clerk=clerk, bw-office = office,rpa=auditor')).toEqual({ 'bw-clerk': 'clerk', 'bw-office': 'office', rpa: 'auditor' });
    expect(() => parseRoleMap('bw-root=root')).toThrow(/OIDC_ROLE_MAP entry "bw-root=root"/);
    expect(() => parseRoleMap('bw-clerk')).toThrow(/OIDC_ROLE_MAP/);
    expect(() => parseRoleMap('a=clerk=admin')).toThrow(/OIDC_ROLE_MAP/);
  });

  it('maps claim values to our roles, ignoring everything unknown', () => {
    const map = parseRoleMap('bw-clerk=clerk,bw-admin=admin');
    expect(mapRoles(['offline_access', 'bw-admin', 'bw-clerk'], map)).toEqual(['clerk', 'admin']);
    expect(mapRoles('bw-clerk', map)).toEqual(['clerk']);
    expect(mapRoles(['admin', '__proto__', 'toString'], map)).toEqual([]); // with a map, only mapped values count
    expect(mapRoles(['auditor', 'superuser'], {})).toEqual(['auditor']);
    expect(mapRoles({ admin: true }, {})).toEqual([]);
    expect(mapRoles(undefined, {})).toEqual([]);
  });
});

describe('unstorableJson', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

  it('accepts ordinary JSON, including non-Latin text and emoji', () => {
    expect(unstorableJson({ title: 'Antrag der Fraktion „Grüne“ 🌳', list: [1, 'zwei', null, { drei: true }] })).toBeUndefined();
    expect(unstorableJson(nested(JSON_MAX_DEPTH - 1))).toBeUndefined();
  });

  it('finds numbers that JSON.parse turned into Infinity, with their path', () => {
    expect(nonFiniteNumberPath(JSON.parse('{"input":{"title":"x","amountCents":12,"list":[1,2.5,-0]}}'))).toBeUndefined();
    expect(nonFiniteNumberPath(JSON.parse('{"input":{"amountCents":1e400}}'))).toBe('input.amountCents');
    expect(nonFiniteNumberPath(JSON.parse('{"payload":{"list":[1,-1E+999]}}'))).toBe('payload.list[1]');
    expect(nonFiniteNumberPath(JSON.parse('1e400'))).toBe('(the body)');
    expect(nonFiniteNumberPath(JSON.parse('{"max":1.7976931348623157e308}'))).toBeUndefined();
  });

  it('names deep nesting, NUL characters (also in keys) and unpaired surrogates', () => {
    expect(unstorableJson(nested(JSON_MAX_DEPTH + 1))).toMatch(/nesting deeper than 64/);
    expect(unstorableJson({ title: 'a\u0000b' })).toMatch(/NUL/);
    expect(unstorableJson({ ['k\u0000']: 1 })).toMatch(/NUL/);
    expect(unstorableJson(['ok', '\ud800'])).toMatch(/surrogate/);
  });
});
