import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '../engine/types';
import { toBerlinIso } from '../common/berlin-time';
import { AuthService } from './auth.service';
import { AuthRepository } from './auth.repository';
import { Ctx } from './policy';
import { ApiKeyDto, CreateApiKeyDto, IssuedKeyDto, WhoAmIDto } from './dto';
import { Endpoint } from '../common/endpoint';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly repository: AuthRepository,
  ) {}

  @Endpoint('GET', 'me', { summary: 'Who the bearer token belongs to: Körperschaft (id and name), user and role', type: WhoAmIDto, problems: [401] })
  async me(@Ctx() ctx: RequestContext): Promise<WhoAmIDto> {
    return { tenant: ctx.tenant, tenantName: await this.repository.tenantName(ctx.tenant), userId: ctx.actor.id, role: ctx.actor.role };
  }

  /** Issues a key. The token is shown in this response only; afterwards just its prefix is known. */
  @Endpoint('POST', 'keys', { summary: 'Issue an API key for a user and role; the token is shown in this response only', roles: ['admin'], type: IssuedKeyDto, problems: [400, 401, 403] })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateApiKeyDto): Promise<IssuedKeyDto> {
    const key = await this.auth.issue(ctx.tenant, body.userId, body.role, body.name, body.expiresAt ? new Date(body.expiresAt) : null);
    return { ...key, expiresAt: key.expiresAt ? toBerlinIso(key.expiresAt) : null };
  }

  @Endpoint('GET', 'keys', { summary: 'API keys of your Körperschaft (prefixes only, never tokens), oldest first', roles: ['admin'], type: [ApiKeyDto], problems: [401, 403] })
  async list(@Ctx() ctx: RequestContext): Promise<ApiKeyDto[]> {
    const keys = await this.repository.keysOf(ctx.tenant);
    return keys.map((k) => ({
      id: k.id,
      prefix: k.prefix,
      userId: k.userId,
      role: k.role,
      name: k.name,
      expiresAt: k.expiresAt ? toBerlinIso(k.expiresAt) : null,
      revokedAt: k.revokedAt ? toBerlinIso(k.revokedAt) : null,
      createdAt: toBerlinIso(k.createdAt),
    }));
  }

  @Endpoint('DELETE', 'keys/:id', { summary: 'Revoke an API key; requests with it are refused from now on', roles: ['admin'], status: 204, description: 'Revoked', problems: [400, 401, 403, 404] })
  async revoke(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.auth.revoke(ctx.tenant, id);
  }
}
