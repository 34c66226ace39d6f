import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/problem';
import { AuthService } from './auth.service';
import { OidcVerifier, type Principal } from './oidc';
import { POLICY_KEY, ROLES, type AuthenticatedRequest, type RoutePolicy } from './policy';

/**
 * Global guard: every route must declare a policy; everything but public routes needs a valid
 * bearer token: an API key (`bw_…`) or, when OIDC_ISSUER is set, a JWT from that issuer.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly oidc: OidcVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new DomainError(403, 'AUTH.NO_POLICY', 'This route declares no access policy, so nobody may call it.');
    if ('public' in policy) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new DomainError(401, 'AUTH.UNAUTHENTICATED', 'Send an API key or an OpenID Connect token as "Authorization: Bearer <token>".');
    const principal = await this.identify(token);
    if (!principal) throw new DomainError(401, 'AUTH.INVALID_TOKEN', 'The token is unknown, expired, revoked or not issued for this API.');
    // A person may hold several roles (OIDC); the event log records the one this route was allowed under.
    const role = ROLES.find((r) => principal.roles.includes(r) && policy.roles.includes(r));
    if (!role) {
      const held = principal.roles.length ? principal.roles.join(', ') : 'no role known here';
      throw new DomainError(403, 'AUTH.FORBIDDEN', `Your role (${held}) may not do this. Allowed: ${policy.roles.join(', ')}.`);
    }
    req.auth = { tenant: principal.tenant, actor: { id: principal.userId, role }, keyId: principal.keyId };
    return true;
  }

  private async identify(token: string): Promise<Principal | undefined> {
    if (token.startsWith('bw_')) {
      const key = await this.auth.authenticate(token);
      return key && { tenant: key.tenant, userId: key.actor.id, roles: ROLES.filter((r) => r === key.actor.role), keyId: key.keyId };
    }
    return this.oidc.verify(token);
  }
}
