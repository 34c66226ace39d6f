import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from '../common/clock';
import { DomainError } from '../common/problem';
import type { RequestContext } from '../engine/types';
import { AuthRepository } from './auth.repository';
import { ROLES, type UserRole } from './policy';

const TOKEN = /^bw_([a-z0-9-]{4,40})_([A-Za-z0-9_-]{16,128})$/;
const CACHE_MS = 30_000;

export interface IssuedKey {
  id: string;
  token: string;
  prefix: string;
  userId: string;
  role: UserRole;
  expiresAt: Date | null;
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

/** API keys: issued once, stored hashed, found by prefix, expiring and revocable. */
@Injectable()
export class AuthService {
  /** Short cache so a hot path does not hit the key table on every request; revocation takes effect within CACHE_MS. */
  private readonly cache = new Map<string, { ctx: RequestContext & { keyId: string }; hash: Buffer; expiresAt: number | null; until: number }>();

  constructor(
    private readonly repository: AuthRepository,
    private readonly clock: Clock,
  ) {}

  async issue(tenant: string, userId: string, role: UserRole, name: string, expiresAt: Date | null, fixed?: { prefix: string; secret: string }): Promise<IssuedKey> {
    if (!ROLES.includes(role)) throw new DomainError(422, 'AUTH.UNKNOWN_ROLE', `Role "${role}" does not exist. Roles: ${ROLES.join(', ')}.`);
    const prefix = fixed?.prefix ?? randomBytes(6).toString('hex');
    const secret = fixed?.secret ?? randomBytes(24).toString('base64url');
    const saved = await this.repository.insertKey({ tenant, prefix, secretHash: hashSecret(secret).toString('hex'), userId, role, name, expiresAt });
    return { id: saved.id, token: `bw_${prefix}_${secret}`, prefix, userId, role, expiresAt };
  }

  async revoke(tenant: string, id: string): Promise<void> {
    if (!(await this.repository.revokeKey(tenant, id, this.clock.now()))) throw new DomainError(404, 'NOT_FOUND', `API key ${id} does not exist.`);
    for (const [k, v] of this.cache) if (v.ctx.keyId === id) this.cache.delete(k);
  }

  async authenticate(token: string): Promise<(RequestContext & { keyId: string }) | undefined> {
    const match = TOKEN.exec(token);
    if (!match) return undefined;
    const [, prefix, secret] = match as unknown as [string, string, string];
    const now = this.clock.now().getTime();
    const cached = this.cache.get(prefix);
    if (cached && cached.until > now) {
      if ((cached.expiresAt !== null && cached.expiresAt <= now) || !timingSafeEqual(cached.hash, hashSecret(secret))) return undefined;
      return cached.ctx;
    }
    const key = await this.repository.keyByPrefix(prefix);
    if (!key || key.revokedAt) return undefined;
    const stored = Buffer.from(key.secretHash, 'hex');
    if (!timingSafeEqual(stored, hashSecret(secret))) return undefined;
    if (key.expiresAt && key.expiresAt.getTime() <= now) return undefined;
    const ctx = { tenant: key.tenant, actor: { id: key.userId, role: key.role }, keyId: key.id };
    this.cache.set(prefix, { ctx, hash: stored, expiresAt: key.expiresAt?.getTime() ?? null, until: now + CACHE_MS });
    return ctx;
  }
}
