import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/problem';
import { AuthService } from './auth.service';
import { POLICY_KEY, type AuthenticatedRequest, type RoutePolicy } from './policy';

/** Global guard: every route must declare a policy; everything but public routes needs a valid key. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new DomainError(403, 'AUTH.NO_POLICY', 'This route declares no access policy, so nobody may call it.');
    if ('public' in policy) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new DomainError(401, 'AUTH.UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>".');
    const ctx = await this.auth.authenticate(token);
    if (!ctx) throw new DomainError(401, 'AUTH.INVALID_TOKEN', 'The API key is unknown, expired or revoked.');
    if (!policy.roles.includes(ctx.actor.role as never)) {
      throw new DomainError(403, 'AUTH.FORBIDDEN', `Your role "${ctx.actor.role}" may not do this. Allowed: ${policy.roles.join(', ')}.`);
    }
    req.auth = ctx;
    return true;
  }
}
