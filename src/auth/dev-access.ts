import type { INestApplication } from '@nestjs/common';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { DEV_TENANT, DEV_USERS, devToken } from './dev-users';

/** Creates the demo tenant and demo keys if missing. Called only on the embedded database, never in production. */
export async function ensureDevAccess(app: INestApplication): Promise<{ role: string; token: string }[]> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo users are never created in production');
  const repository = app.get(AuthRepository);
  const auth = app.get(AuthService);
  await repository.ensureTenant(DEV_TENANT.id, DEV_TENANT.name);
  for (const u of DEV_USERS) {
    if (!(await repository.keyExists(u.prefix))) await auth.issue(DEV_TENANT.id, u.userId, u.role, u.name, null, u);
  }
  return DEV_USERS.map((u) => ({ role: u.role, token: devToken(u) }));
}

/**
 * Production refuses to start on a database that still holds a usable demo key (say, one copied
 * from a development machine): their secrets are printed in the README.
 */
export async function assertNoDemoKeys(app: INestApplication): Promise<void> {
  const keys = await app.get(AuthRepository).usableKeys(DEV_USERS.map((u) => u.prefix));
  if (keys.length) {
    throw new Error(`Refusing to start: this database holds usable demo API keys (${keys.map((k) => k.prefix).join(', ')}). Revoke them: UPDATE api_keys SET revoked_at = now() WHERE prefix LIKE 'dev-%';`);
  }
}
