import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../engine/types';
import { ROLES, type UserRole } from './roles';

export { ROLES, type UserRole } from './roles';

export const POLICY_KEY = 'bw:policy';

/** Who may call a route. Every route declares one, next to it; a route without one is refused. */
export type RoutePolicy = { public: true } | { roles: readonly UserRole[] };

export const Public = () => SetMetadata(POLICY_KEY, { public: true } satisfies RoutePolicy);
export const Allow = (...roles: UserRole[]) => SetMetadata(POLICY_KEY, { roles } satisfies RoutePolicy);
/** Reading is open to every role of the tenant (auditors read everything). */
export const AnyRole = () => Allow(...ROLES);

export interface AuthenticatedRequest extends FastifyRequest {
  auth?: RequestContext & { keyId?: string };
}

/** The caller's tenant and identity, as established by the auth guard. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.auth) throw new Error('Ctx used on a route without authentication');
  return { tenant: req.auth.tenant, actor: req.auth.actor };
});
