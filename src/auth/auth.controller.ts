import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../engine/types';
import { toBerlinIso } from '../common/berlin-time';
import { AuthService } from './auth.service';
import { ApiKeyEntity } from './entities';
import { Allow, AnyRole, Ctx } from './policy';
import { ApiKeyDto, CreateApiKeyDto, IssuedKeyDto, WhoAmIDto } from './dto';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('me')
  @AnyRole()
  me(@Ctx() ctx: RequestContext): WhoAmIDto {
    return { tenant: ctx.tenant, userId: ctx.actor.id, role: ctx.actor.role };
  }

  /** Issues a key. The token is shown in this response only; afterwards just its prefix is known. */
  @Post('keys')
  @Allow('admin')
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateApiKeyDto): Promise<IssuedKeyDto> {
    const key = await this.auth.issue(ctx.tenant, body.userId, body.role, body.name, body.expiresAt ? new Date(body.expiresAt) : null);
    return { ...key, expiresAt: key.expiresAt ? toBerlinIso(key.expiresAt) : null };
  }

  @Get('keys')
  @Allow('admin')
  async list(@Ctx() ctx: RequestContext): Promise<ApiKeyDto[]> {
    const keys = await this.dataSource.getRepository(ApiKeyEntity).find({ where: { tenant: ctx.tenant }, order: { createdAt: 'ASC' } });
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

  @Delete('keys/:id')
  @HttpCode(204)
  @Allow('admin')
  async revoke(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.auth.revoke(ctx.tenant, id);
  }
}
