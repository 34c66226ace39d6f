/**
 * API keys from the command line, for the first admin of a production installation (which has no
 * demo users) and for service accounts.
 *   npm run keys -- issue --tenant kreis-coesfeld --tenant-name "Kreis Coesfeld" --user m.mustermann --role admin [--name "…"] [--expires 2027-12-31]
 *   npm run keys -- revoke --tenant kreis-coesfeld --id <key id>
 * The token is printed once; only its hash is stored.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { AuthService } from '../src/auth/auth.service';
import { TenantEntity } from '../src/auth/entities';
import { ROLES, type UserRole } from '../src/auth/policy';
import { migrate } from '../src/database/data-source';
import { resolveDatabase } from './db-url';

const USAGE = 'usage: keys issue --tenant T [--tenant-name N] --user U --role clerk|office|auditor|admin [--name N] [--expires YYYY-MM-DD] | keys revoke --tenant T --id KEY_ID';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { tenant: { type: 'string' }, 'tenant-name': { type: 'string' }, user: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' }, id: { type: 'string' } },
  });
  const command = positionals[0] ?? '';
  if (!values.tenant || !['issue', 'revoke'].includes(command)) throw new Error(USAGE);
  Object.assign(process.env, { OUTBOX_POLL: 'off', TIMERS: 'off', CHECKPOINT_INTERVAL_MINUTES: '0' });
  const database = await resolveDatabase();
  try {
    await migrate(database.url);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: database.url }), { logger: ['error'] });
    try {
      const auth = app.get(AuthService);
      if (command === 'revoke') {
        if (!values.id) throw new Error(USAGE);
        await auth.revoke(values.tenant, values.id);
        console.log(`revoked ${values.id}`);
        return;
      }
      if (!values.user || !ROLES.includes(values.role as UserRole)) throw new Error(USAGE);
      await app.get(DataSource).getRepository(TenantEntity).upsert({ id: values.tenant, name: values['tenant-name'] ?? values.tenant }, ['id']);
      const expires = values.expires ? new Date(`${values.expires}T23:59:59Z`) : null;
      const key = await auth.issue(values.tenant, values.user, values.role as UserRole, values.name ?? `${values.role} key for ${values.user}`, expires);
      console.log(`key ${key.id} (prefix ${key.prefix}) for ${key.userId} as ${key.role} in ${values.tenant}${expires ? `, expires ${values.expires}` : ''}`);
      console.log(`token (shown once): ${key.token}`);
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(2);
});
