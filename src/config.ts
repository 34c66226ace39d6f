import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { ROLES, type UserRole } from './auth/roles';
import { isDevelopmentSigningKey } from './common/dev-signing-key';
import { logFormatOf } from './common/logging';

/** OpenID Connect settings; present only when OIDC_ISSUER is set. */
export interface OidcConfig {
  issuer: string;
  audience: string | undefined;
  /** Unset: discovered from the issuer's /.well-known/openid-configuration. */
  jwksUrl: string | undefined;
  /** Dot path into the token, e.g. `roles` or Keycloak's `realm_access.roles`. */
  roleClaim: string;
  tenantClaim: string;
  userClaim: string;
  /** Claim value → our role. Empty: claim values that are our role names map to themselves. */
  roleMap: Record<string, UserRole>;
  /** The web console's public client at the issuer (authorization code + PKCE); unset: the console offers no OIDC sign-in. */
  consoleClientId: string | undefined;
  consoleScope: string;
}

/** Every setting the app reads, in one place (README "Configuration" lists them). */
export interface AppConfig {
  databaseUrl: string | undefined;
  /** A streaming replica (hot standby) of DATABASE_URL for reads that may lag; unset: every read goes to the primary. */
  replica: ReplicaConfig | undefined;
  port: number;
  embeddedDataDir: string;
  embeddedPort: number;
  production: boolean;
  logFormat: 'json' | 'text';
  bodyLimit: string;
  corsOrigins: string[];
  /** Requests per client IP and minute before 429. */
  rateLimitPerMinute: number;
  /** Fastify `trustProxy` (as Express's `trust proxy`): unset when clients connect directly; set behind a reverse proxy so the rate limit sees client IPs. */
  trustProxy: boolean | number | string | undefined;
  oidc: OidcConfig | undefined;
  /** Where clients reach the API (the OpenAPI document's `servers`), e.g. https://beschlussweg.example.de. */
  publicBaseUrl: string;
  /** Prometheus /metrics on its own port; unset: no metrics endpoint. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** When set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
}

export interface ReplicaConfig {
  url: string;
  /** Reads go to the primary while the replica is further behind than this (milliseconds of replay lag). */
  maxLagMs: number;
  /** How often the replica's lag is looked at. */
  checkMs: number;
}

/** How long the app waits for PostgreSQL (milliseconds; 0 turns one off). */
export interface DatabaseTimeouts {
  /** Server side: a statement running longer is cancelled (SQLSTATE 57014). */
  statementMs: number;
  /** Server side: a session idle inside an open transaction this long is ended. */
  idleInTransactionMs: number;
  /** Client side: opening a connection (TCP and the PostgreSQL handshake). */
  connectMs: number;
  /** Client side: waiting for the answer to one query, e.g. from a frozen server that cannot cancel anything. */
  queryMs: number;
}

export function readDatabaseTimeouts(env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  const statementMs = nonNegativeInteger(env.DB_STATEMENT_TIMEOUT_MS, 15_000, 'DB_STATEMENT_TIMEOUT_MS');
  return {
    statementMs,
    idleInTransactionMs: nonNegativeInteger(env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, 30_000, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS'),
    connectMs: nonNegativeInteger(env.DB_CONNECT_TIMEOUT_MS, 5_000, 'DB_CONNECT_TIMEOUT_MS'),
    // a little longer than the statement timeout, so that the server's own cancel answers first when it can
    queryMs: nonNegativeInteger(env.DB_QUERY_TIMEOUT_MS, statementMs ? statementMs + 5_000 : 0, 'DB_QUERY_TIMEOUT_MS'),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    replica: env.DATABASE_REPLICA_URL
      ? {
          url: env.DATABASE_REPLICA_URL,
          maxLagMs: nonNegativeInteger(env.DATABASE_REPLICA_MAX_LAG_MS, 5_000, 'DATABASE_REPLICA_MAX_LAG_MS'),
          checkMs: positiveInteger(env.DATABASE_REPLICA_CHECK_MS, 1_000, 'DATABASE_REPLICA_CHECK_MS'),
        }
      : undefined,
    port: Number(env.PORT ?? 3000),
    embeddedDataDir: env.EMBEDDED_PG_DIR ?? '.data/postgres',
    embeddedPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    production: env.NODE_ENV === 'production',
    logFormat: logFormatOf(env),
    bodyLimit: env.BODY_LIMIT ?? '256kb',
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    rateLimitPerMinute: positiveInteger(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    oidc: readOidcConfig(env),
    publicBaseUrl: parseBaseUrl(env.PUBLIC_BASE_URL, `http://localhost:${env.PORT ?? 3000}`),
    metricsPort: env.METRICS_PORT ? nonNegativeInteger(env.METRICS_PORT, 0, 'METRICS_PORT') : undefined,
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    metricsToken: env.METRICS_TOKEN || undefined,
  };
}

function readOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  return {
    issuer: env.OIDC_ISSUER,
    audience: env.OIDC_AUDIENCE || undefined,
    jwksUrl: env.OIDC_JWKS_URL || undefined,
    roleClaim: env.OIDC_ROLE_CLAIM || 'roles',
    tenantClaim: env.OIDC_TENANT_CLAIM || 'tenant',
    userClaim: env.OIDC_USER_CLAIM || 'sub',
    roleMap: parseRoleMap(env.OIDC_ROLE_MAP ?? ''),
    consoleClientId: env.OIDC_CONSOLE_CLIENT_ID || undefined,
    consoleScope: env.OIDC_CONSOLE_SCOPE || 'openid profile',
  };
}

/** `bw-clerk=clerk,bw-office=office` → { 'bw-clerk': 'clerk', … }; a typo is a start-up error, not a silent lock-out. */
export function parseRoleMap(text: string): Record<string, UserRole> {
  const map = Object.create(null) as Record<string, UserRole>; // no prototype: a claim value "__proto__" stays data
  for (const pair of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [claim, role, ...rest] = pair.split('=').map((s) => s.trim());
    if (!claim || !role || rest.length || !ROLES.includes(role as UserRole)) {
      throw new Error(`OIDC_ROLE_MAP entry "${pair}" is not "<claim value>=<role>" with a role of ${ROLES.join(', ')}.`);
    }
    map[claim] = role as UserRole;
  }
  return map;
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${value}".`);
  return n;
}

/** An absolute http(s) URL without a trailing slash; a typo is a start-up error, not a broken client. */
function parseBaseUrl(value: string | undefined, fallback: string): string {
  const text = value || fallback;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PUBLIC_BASE_URL must be an absolute http(s) URL, not "${text}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_BASE_URL must be an http(s) URL, not "${text}".`);
  if (url.search || url.hash) throw new Error(`PUBLIC_BASE_URL takes no query or fragment ("${text}").`);
  return text.replace(/\/+$/, '');
}

function nonNegativeInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2_147_483_647) throw new Error(`${name} must be a whole number of milliseconds (0 turns it off), not "${value}".`);
  return n;
}

function parseTrustProxy(value: string | undefined): AppConfig['trustProxy'] {
  if (!value) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // e.g. "loopback" or "10.0.0.0/8"
}

/**
 * Checked first thing at start-up. Refuses a configuration that would run with a missing or
 * development secret, or verify tokens meant for someone else. Throws one error naming every problem.
 */
export function assertProductionConfig(env: NodeJS.ProcessEnv = process.env): void {
  const problems: string[] = [];
  if (env.OIDC_ISSUER && !env.OIDC_AUDIENCE) {
    problems.push('OIDC_ISSUER is set without OIDC_AUDIENCE: tokens the issuer made for any other client would be accepted. Set OIDC_AUDIENCE to this API\'s client id.');
  }
  if (env.NODE_ENV === 'production') {
    if (!env.DATABASE_URL) problems.push('DATABASE_URL is not set; the embedded database is for development only.');
    problems.push(...auditKeyProblems(env));
    if (env.OIDC_ISSUER && !/^https:\/\//.test(env.OIDC_ISSUER)) problems.push(`OIDC_ISSUER must be an https URL in production (found "${env.OIDC_ISSUER}").`);
  }
  if (problems.length) throw new Error(`Refusing to start:\n- ${problems.join('\n- ')}`);
}

/** Where development keeps its generated secrets (the embedded database, the dev audit key); never a production secret. */
const DEV_SECRET_DIR = resolve('.data');
/** Where development generates its audit key (src/audit/signing.ts DEFAULT_KEY_FILE). */
const DEV_KEY_FILE = resolve(DEV_SECRET_DIR, 'audit-signing-key.pem');

function auditKeyProblems(env: NodeJS.ProcessEnv): string[] {
  const pem = env.AUDIT_SIGNING_KEY?.replace(/\\n/g, '\n');
  const file = env.AUDIT_KEY_FILE;
  if (!pem && !file) return ['No audit signing key: set AUDIT_SIGNING_KEY (an Ed25519 private key, PKCS#8 PEM) or AUDIT_KEY_FILE (a file holding one).'];
  if (!pem && file) {
    if ((resolve(file) + sep).startsWith(DEV_SECRET_DIR + sep)) return [`AUDIT_KEY_FILE points into .data/, where development generates its throw-away key (${file}). Use a key made for production.`];
    if (!existsSync(file)) return [`AUDIT_KEY_FILE ${file} does not exist.`];
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem || readFileSync(file!, 'utf8')); // an empty AUDIT_SIGNING_KEY (common in env files) means "use the file"
  } catch (error) {
    return [`The audit signing key is not a readable private key: ${(error as Error).message}`];
  }
  if (key.asymmetricKeyType !== 'ed25519') return [`The audit signing key is a ${key.asymmetricKeyType ?? 'unknown'} key; it must be Ed25519.`];
  // the key itself, wherever it came from: development keys carry a mark, and an older unmarked one is still in .data/
  if (isDevelopmentSigningKey(key) || sameKeyAsFile(key, DEV_KEY_FILE)) {
    return ['The audit signing key is a development key (generated by `npm start` into .data/). Generate one for production: openssl genpkey -algorithm ed25519.'];
  }
  return [];
}

/** Settings of the audit log tree, its checkpoints and witnesses (docs/security.md, "Audit log"). Read where used. */
export interface AuditLogConfig {
  /** First line of every checkpoint, followed by `/<tenant>`; also the log's key name. */
  origin: string;
  /** Each checkpoint is also written here as a file, outside the database's reach. */
  checkpointDir: string | undefined;
  /** An RFC 3161 timestamp authority; each checkpoint gets a timestamp token when set. */
  tsaUrl: string | undefined;
  /** PEM file of the certificate(s) the TSA's tokens must be signed with; unset: the token's own certificate. */
  tsaCertFile: string | undefined;
  /** Witness verifier keys (C2SP vkeys, signature type 0x04), separated by commas or spaces. */
  witnesses: string[];
  /** Cosignatures the latest checkpoint needs for `verify` to pass. */
  requiredWitnesses: number;
}

export function readAuditLogConfig(env: NodeJS.ProcessEnv = process.env): AuditLogConfig {
  const required = env.AUDIT_REQUIRED_WITNESSES ? Number(env.AUDIT_REQUIRED_WITNESSES) : 0;
  if (!Number.isInteger(required) || required < 0) throw new Error(`AUDIT_REQUIRED_WITNESSES must be a whole number, not "${env.AUDIT_REQUIRED_WITNESSES}".`);
  return {
    origin: (env.AUDIT_LOG_ORIGIN || 'beschlussweg.local/audit').replace(/\/+$/, ''),
    checkpointDir: env.AUDIT_CHECKPOINT_DIR || undefined,
    tsaUrl: env.AUDIT_TSA_URL || undefined,
    tsaCertFile: env.AUDIT_TSA_CERT || undefined,
    witnesses: (env.AUDIT_WITNESS_KEYS ?? '').split(/[\s,]+/).filter(Boolean),
    requiredWitnesses: required,
  };
}

/** True when `file` holds the same private key (compared by public key). */
function sameKeyAsFile(key: KeyObject, file: string): boolean {
  try {
    if (!existsSync(file)) return false;
    return createPublicKey(createPrivateKey(readFileSync(file, 'utf8'))).equals(createPublicKey(key));
  } catch {
    return false;
  }
}
