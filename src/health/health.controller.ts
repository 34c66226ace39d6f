import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/policy';
import { DomainError } from '../common/problem';

export class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: string;
  @ApiProperty({ example: 'PostgreSQL 18.4' }) database!: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database check' })
  async check(): Promise<HealthDto> {
    try {
      const rows = await this.dataSource.query<{ server_version: string }[]>('SHOW server_version');
      return { status: 'ok', database: `PostgreSQL ${rows[0]?.server_version ?? '?'}` };
    } catch {
      throw new DomainError(503, 'DATABASE.UNAVAILABLE', 'The database does not answer.');
    }
  }
}
