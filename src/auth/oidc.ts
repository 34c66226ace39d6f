import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { Clock } from '../common/clock';
import { DomainError } from '../common/problem';
import { readConfig, type OidcConfig } from '../config';
import { ROLES, type UserRole } from './roles';

/** Who a verified token (API key or OIDC) says the caller is. The guard picks the role a route allows. */
export interface Principal {
  tenant: string;
  userId: string;
  roles: readonly UserRole[];
  keyId?: string;
}

/** Asymmetric algorithms only: a JWKS holds public keys, so HS256 would mean an attacker chose the algorithm. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** jose errors that mean "this token is not valid here" (401), as opposed to "the issuer cannot be asked" (503). */
const TOKEN_ERRORS = new Set([
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

/**
 * OpenID Connect bearer tokens (Keycloak, AD FS, Entra ID): verified against the issuer's JWKS with
 * `jose`, which caches the keys and refetches on an unknown key id (key rotation). Active only when
 * OIDC_ISSUER is set. Token times are checked against the injected clock, like API key expiry.
 */
@Injectable()
export class OidcVerifier {
  private readonly config: OidcConfig | undefined = readConfig().oidc;
  private keys: Promise<JWTVerifyGetKey> | undefined;

  constructor(private readonly clock: Clock) {}

  get enabled(): boolean {
    return this.config !== undefined;
  }

  /** The principal, or undefined when the token is not one of our issuer's (→ 401). */
  async verify(token: string): Promise<Principal | undefined> {
    const config = this.config;
    if (!config) return undefined;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(config), {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ALGORITHMS,
        currentDate: this.clock.now(),
        clockTolerance: 30,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && TOKEN_ERRORS.has(error.code)) return undefined;
      this.keys = undefined; // ask the issuer again next time
      throw new DomainError(503, 'AUTH.ISSUER_UNAVAILABLE', `The identity provider's signing keys cannot be loaded right now: ${(error as Error).message}`);
    }
    const tenant = claim(payload, config.tenantClaim);
    if (typeof tenant !== 'string' || !tenant) {
      throw new DomainError(403, 'AUTH.NO_TENANT', `The token names no Körperschaft (claim "${config.tenantClaim}").`);
    }
    const user = claim(payload, config.userClaim);
    return { tenant, userId: typeof user === 'string' && user ? user : payload.sub!, roles: mapRoles(claim(payload, config.roleClaim), config.roleMap) };
  }

  private keySet(config: OidcConfig): Promise<JWTVerifyGetKey> {
    this.keys ??= (async () => createRemoteJWKSet(new URL(config.jwksUrl ?? (await discoverJwksUri(config.issuer)))))();
    return this.keys;
  }
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const doc = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (doc.issuer !== issuer) throw new Error(`discovery names issuer ${String(doc.issuer)}, not ${issuer}`);
  if (typeof doc.jwks_uri !== 'string') throw new Error('discovery names no jwks_uri');
  return doc.jwks_uri;
}

/** A claim by dot path, e.g. Keycloak's `realm_access.roles`. */
function claim(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** Claim values to our roles, in our order. Without a map, values that are our role names count as themselves. */
export function mapRoles(value: unknown, roleMap: Record<string, UserRole>): UserRole[] {
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const mapped = new Set(values.map((v) => (Object.keys(roleMap).length ? (Object.hasOwn(roleMap, v) ? roleMap[v] : undefined) : ROLES.find((r) => r === v))));
  return ROLES.filter((r) => mapped.has(r));
}
