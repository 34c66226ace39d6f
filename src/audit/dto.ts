import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { toBerlinIso } from '../common/berlin-time';
import { ActorDto } from '../engine/dto';
import type { HistoryStep, StateAsOf, VerifyResult } from './audit.service';
import type { CheckpointEntity } from './entities';

export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'A point in time (ISO 8601; without offset it is read as UTC)', example: '2020-08-19T23:59:59+02:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date or time, e.g. 2020-08-19T23:59:59+02:00' })
  at?: string;

  @ApiPropertyOptional({ description: 'A sequence number', minimum: 0, maximum: 2_147_483_647 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'seq must be a whole number' })
  @Min(0)
  @Max(2_147_483_647) // seq is a PostgreSQL integer; larger numbers failed in the query (500)
  seq?: number;
}

export class HistoryStepDto {
  @ApiProperty() seq!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ description: 'Europe/Berlin' }) at!: string;
  @ApiProperty({ type: Object, description: 'The facts passed in with the event' }) facts!: Record<string, unknown>;
  @ApiProperty() stateBefore!: unknown;
  @ApiProperty() stateAfter!: unknown;
  @ApiProperty({ type: Object }) contextBefore!: unknown;
  @ApiProperty({ type: Object }) contextAfter!: unknown;
  @ApiProperty() hash!: string;

  static from(s: HistoryStep): HistoryStepDto {
    return { ...s, at: toBerlinIso(s.at) };
  }
}

export class HistoryDto {
  @ApiProperty() instanceId!: string;
  @ApiProperty() workflowType!: string;
  @ApiProperty() machineVersion!: number;
  @ApiProperty({ type: Object }) input!: unknown;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [HistoryStepDto] }) steps!: HistoryStepDto[];
}

export class StateAsOfDto {
  @ApiProperty() instanceId!: string;
  @ApiProperty() workflowType!: string;
  @ApiProperty({ nullable: true, type: String }) asOfTime!: string | null;
  @ApiProperty({ nullable: true, type: Number }) asOfSeq!: number | null;
  @ApiProperty({ description: 'The last event applied at that point' }) seq!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Time of that event' }) at!: string | null;
  @ApiProperty() state!: unknown;
  @ApiProperty() status!: string;
  @ApiProperty({ type: Object }) context!: unknown;

  static from(s: StateAsOf): StateAsOfDto {
    return {
      instanceId: s.instanceId,
      workflowType: s.workflowType,
      asOfTime: s.asOf.at ? toBerlinIso(s.asOf.at) : null,
      asOfSeq: s.asOf.seq,
      seq: s.seq,
      at: s.at ? toBerlinIso(s.at) : null,
      state: s.state,
      status: s.status,
      context: s.context,
    };
  }
}

export class BreakDto {
  @ApiProperty() instanceId!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() reason!: string;
}

export class VerifyResultDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() instances!: number;
  @ApiProperty() events!: number;
  @ApiProperty({ type: BreakDto, nullable: true }) firstBreak!: BreakDto | null;

  static from(v: VerifyResult): VerifyResultDto {
    return v;
  }
}

export class CheckpointDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenant!: string;
  @ApiProperty() root!: string;
  @ApiProperty() leafCount!: number;
  @ApiProperty({ nullable: true, type: String }) previousRoot!: string | null;
  @ApiProperty({ type: [Object], description: 'Histories that no longer contain what an earlier checkpoint signed' }) conflicts!: unknown[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'UTC instant as signed (ISO 8601)' }) signedCreatedAt!: string;
  @ApiProperty() signature!: string;
  @ApiProperty() publicKey!: string;
  @ApiProperty() keyFingerprint!: string;

  static from(c: CheckpointEntity): CheckpointDto {
    return {
      id: c.id,
      tenant: c.tenant,
      root: c.root,
      leafCount: c.leafCount,
      previousRoot: c.previousRoot,
      conflicts: c.conflicts,
      createdAt: toBerlinIso(c.createdAt),
      signedCreatedAt: c.createdAt.toISOString(),
      signature: c.signature,
      publicKey: c.publicKey,
      keyFingerprint: c.keyFingerprint,
    };
  }
}

export class CheckpointPageDto {
  @ApiProperty({ type: [CheckpointDto] }) items!: CheckpointDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class PublicKeyDto {
  @ApiProperty() publicKey!: string;
  @ApiProperty() fingerprint!: string;
}

export class DecisionRecordEntryDto extends HistoryStepDto {
  @ApiProperty() instanceId!: string;
  @ApiProperty() workflowType!: string;
}

export class DecisionRecordDto {
  @ApiProperty() subject!: string;
  @ApiProperty({ type: [Object], description: 'The instances in the record and how they relate to the subject' }) instances!: { instanceId: string; workflowType: string; relation: string }[];
  @ApiProperty({ type: [DecisionRecordEntryDto], description: 'All steps of all instances, in time order' }) steps!: DecisionRecordEntryDto[];
}
