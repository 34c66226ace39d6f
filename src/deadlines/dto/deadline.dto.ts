import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class DeadlinesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 30, description: 'Look this many days ahead of now (the server clock)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1)
  @Max(366)
  days = 30;
}

export class DeadlineRowDto {
  @ApiProperty({ enum: ['grant', 'selection', 'motion', 'meeting'] }) workflowType!: string;
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty({ description: 'What the deadline belongs to: programme, selection title, motion reference, body and meeting start', example: 'Durchstarten in Ausbildung und Arbeit' }) subject!: string;
  @ApiProperty({ example: 'spendBy:integrationspauschale', description: 'The timer’s name within its instance' }) name!: string;
  @ApiProperty({ example: 'Integrationspauschale (§ 14c TIntG): zu verwenden bis' }) label!: string;
  @ApiProperty({ example: '2021-12-01T00:00:00.000+01:00', description: 'When the timer fires, Europe/Berlin' }) dueAt!: string;
}
