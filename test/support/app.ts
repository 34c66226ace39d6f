import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApp } from '../../src/app.factory';
import { ensureDevAccess } from '../../src/auth/dev-access';
import { DEV_USERS, devToken } from '../../src/auth/dev-users';
import type { UserRole } from '../../src/auth/policy';
import { SettableClock } from '../../src/common/clock';
import { OutboxDispatcher } from '../../src/engine/outbox.dispatcher';
import { createTestDatabase, type TestDatabase } from './db';

/** The routes Fastify registered for each test app (its onRoute hook), for test/security/policy.e2e-spec.ts. */
export const servedRoutes = new WeakMap<object, string[]>();

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  clock: SettableClock;
  http: ReturnType<typeof request>;
  /** `Authorization` header value for a demo user of the given role. */
  auth(role: UserRole): string;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** The real app on its own test database, with demo users and a clock the test sets. */
export async function startTestApp(options: { clock?: SettableClock; db?: TestDatabase } = {}): Promise<TestApp> {
  process.env.OUTBOX_POLL ??= 'off';
  process.env.TIMERS ??= 'off';
  process.env.CHECKPOINT_INTERVAL_MINUTES ??= '0';
  const db = options.db ?? (await createTestDatabase());
  const clock = options.clock ?? new SettableClock(new Date('2020-08-01T08:00:00Z'));
  const app = await createApp({ databaseUrl: db.url, clock, logger: false });
  const fastify = app.getHttpAdapter().getInstance();
  const routes: string[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method.toLowerCase()} ${route.url}`);
  });
  servedRoutes.set(app, routes);
  await app.init();
  await fastify.ready();
  await ensureDevAccess(app);
  const server = app.getHttpServer() as App;
  return {
    app,
    db,
    clock,
    http: request(server),
    auth: (role) => `Bearer ${devToken(DEV_USERS.find((u) => u.role === role)!)}`,
    close: async ({ keepDatabase } = {}) => {
      await app.get(OutboxDispatcher).onApplicationShutdown();
      await app.close();
      if (!keepDatabase) await db.drop();
    },
  };
}
