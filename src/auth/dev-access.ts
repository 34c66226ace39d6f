import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
