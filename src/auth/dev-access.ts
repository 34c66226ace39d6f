import type { INestApplication } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { AuthService } from './auth.service';
import { DEV_TENANT, DEV_USERS, devToken } from './dev-users';
import { ApiKeyEntity, TenantEntity } from './entities';

/** Creates the demo tenant and demo keys if missing. Called only on the embedded database, never in production. */
export async function ensureDevAccess(app: INestApplication): Promise<{ role: string; token: string }[]> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo users are never created in production');
  const ds = app.get(DataSource);
  const auth = app.get(AuthService);
  await ds.getRepository(TenantEntity).upsert({ id: DEV_TENANT.id, name: DEV_TENANT.name }, ['id']);
  for (const u of DEV_USERS) {
    const exists = await ds.getRepository(ApiKeyEntity).existsBy({ prefix: u.prefix });
    if (!exists) await auth.issue(DEV_TENANT.id, u.userId, u.role, u.name, null, u);
  }
  return DEV_USERS.map((u) => ({ role: u.role, token: devToken(u) }));
}

/**
 * Production refuses to start on a database that still holds a usable demo key (say, one copied
 * from a development machine): their secrets are printed in the README.
 */
export async function assertNoDemoKeys(app: INestApplication): Promise<void> {
  const keys = await app.get(DataSource).getRepository(ApiKeyEntity).findBy({ prefix: In(DEV_USERS.map((u) => u.prefix)), revokedAt: IsNull() });
  if (keys.length) {
    throw new Error(`Refusing to start: this database holds usable demo API keys (${keys.map((k) => k.prefix).join(', ')}). Revoke them: UPDATE api_keys SET revoked_at = now() WHERE prefix LIKE 'dev-%';`);
  }
}
