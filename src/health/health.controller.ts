import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import { DomainError } from '../common/problem';
import { Database } from '../engine/database';

export class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: string;
  @ApiProperty({ example: 'PostgreSQL 18.4' }) database!: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  @Get()
  @Public()
  // `security: []`: no bearer token needed (the document's other operations each name theirs)
  @ApiOperation({ summary: 'Liveness and database check', security: [] })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems(429, 503)
  async check(): Promise<HealthDto> {
    try {
      return { status: 'ok', database: `PostgreSQL ${await this.db.serverVersion()}` };
    } catch {
      throw new DomainError(503, 'DATABASE.UNAVAILABLE', 'The database does not answer.');
    }
  }
}
