import { Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { readConfig } from '../config';

/**
 * A per-client-IP request budget (RATE_LIMIT_PER_MINUTE) on every route. Over budget: 429, which
 * the problem filter answers as REQUEST.RATE_LIMITED. Behind a reverse proxy set TRUST_PROXY,
 * or every caller shares the proxy's budget. In-memory: each app process counts on its own.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      useFactory: () => ({
        throttlers: [{ ttl: 60_000, limit: readConfig().rateLimitPerMinute }],
        errorMessage: 'Too many requests from this client. Wait a minute and try again.',
      }),
    }),
  ],
})
export class RateLimitModule {}

/**
 * The global guard that applies the budget. Nest runs APP_GUARDs in the order they are registered,
 * so AuthModule lists this before the auth guard: refused tokens count against the budget too.
 */
export const rateLimitGuard: Provider = { provide: APP_GUARD, useClass: ThrottlerGuard };
