import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { OidcVerifier } from './oidc';
import { rateLimitGuard, RateLimitModule } from './rate-limit.module';

@Global()
@Module({
  imports: [RateLimitModule],
  controllers: [AuthController],
  // order matters: the rate limit runs before authentication
  providers: [AuthRepository, AuthService, OidcVerifier, rateLimitGuard, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, AuthRepository],
})
export class AuthModule {}
