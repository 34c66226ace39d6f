import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DEV_TENANT, DEV_USERS, devToken } from '../auth/dev-users';
import { Public } from '../auth/policy';
import { ROLES } from '../auth/roles';
import { ApiProblems } from '../common/openapi';
import { readConfig } from '../config';

export const CONSOLE_OPTIONS = Symbol('CONSOLE_OPTIONS');

export interface ConsoleOptions {
  /** The built console (web/dist); unset or missing: not served. */
  root?: string;
  /** Embedded development database only: offer the demo users for one-click sign-in. */
  demoUsers?: boolean;
}

export class DemoUserDto {
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ example: 'Sitzungsdienst (demo)' }) name!: string;
  @ApiProperty({ example: 'Kreis Coesfeld' }) tenantName!: string;
  @ApiProperty({ description: 'The demo API key (printed in the README too)' }) token!: string;
}

export class OidcClientDto {
  @ApiProperty({ example: 'https://login.example.de/realms/kreis' }) issuer!: string;
  @ApiProperty({ description: "The console's public client at the issuer (authorization code + PKCE)" }) clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scope!: string;
}

export class SignInOptionsDto {
  @ApiProperty({ type: [DemoUserDto], description: 'Embedded development database only; empty otherwise' }) demoUsers!: DemoUserDto[];
  @ApiProperty({ type: OidcClientDto, nullable: true, description: 'Set when OIDC_ISSUER and OIDC_CONSOLE_CLIENT_ID are configured' }) oidc!: OidcClientDto | null;
}

@ApiTags('console')
@Controller('auth/sign-in-options')
export class SignInOptionsController {
  constructor(@Inject(CONSOLE_OPTIONS) private readonly options: ConsoleOptions) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'How the web console signs in here: OpenID Connect, or the demo users on the embedded database', security: [] })
  @ApiOkResponse({ type: SignInOptionsDto })
  @ApiProblems(429)
  get(): SignInOptionsDto {
    const config = readConfig();
    const demoUsers = this.options.demoUsers && !config.production ? DEV_USERS.map((u) => ({ role: u.role, name: u.name, tenantName: DEV_TENANT.name, token: devToken(u) })) : [];
    const oidc = config.oidc?.consoleClientId ? { issuer: config.oidc.issuer, clientId: config.oidc.consoleClientId, scope: config.oidc.consoleScope } : null;
    return { demoUsers, oidc };
  }
}
