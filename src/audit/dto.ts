import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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

export class WitnessedDto {
  @ApiProperty() checkpointId!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ type: [String], description: 'Names of the witnesses whose cosignature verifies' }) witnesses!: string[];
}

export class LatestCheckpointDto {
  @ApiProperty() id!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'Europe/Berlin' }) createdAt!: string;
  @ApiProperty({ type: [String] }) witnesses!: string[];
}

export class LogVerifyDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'Leaves (events) in the log tree' }) treeSize!: number;
  @ApiProperty({ description: 'Signed checkpoints (database and checkpoint directory) checked against the tree' }) checkpointsChecked!: number;
  @ApiProperty({ type: LatestCheckpointDto, nullable: true }) latest!: LatestCheckpointDto | null;
  @ApiProperty({ type: [WitnessedDto] }) witnessed!: WitnessedDto[];
  @ApiProperty() requiredWitnesses!: number;
  @ApiProperty({ type: [String], description: 'Deleted, replaced or unsigned checkpoints, missing witnesses' }) problems!: string[];
  @ApiProperty({ type: BreakDto, nullable: true, description: 'The first covered event that is missing or changed' }) firstBreak!: BreakDto | null;
  @ApiProperty({ description: 'Covered events missing or changed' }) breaks!: number;
}

export class VerifyResultDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() instances!: number;
  @ApiProperty() events!: number;
  @ApiProperty({ type: BreakDto, nullable: true }) firstBreak!: BreakDto | null;
  @ApiPropertyOptional({ type: LogVerifyDto, description: 'The database against the signed checkpoints (verify of a Körperschaft only)' }) log?: LogVerifyDto;

  static from(v: VerifyResult): VerifyResultDto {
    const { log, ...rest } = v;
    if (!log) return rest;
    return { ...rest, log: { ...log, latest: log.latest ? { ...log.latest, createdAt: toBerlinIso(log.latest.createdAt) } : null } };
  }
}

export class CheckpointDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenant!: string;
  @ApiProperty() root!: string;
  @ApiProperty({ description: 'Tree size: events in the log tree' }) leafCount!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The C2SP signed note (tlog-checkpoint); null on checkpoints from before the log tree' }) note!: string | null;
  @ApiProperty({ description: 'Whether an RFC 3161 timestamp token is stored with it' }) timestamped!: boolean;
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
      note: c.note,
      timestamped: c.timestampToken !== null,
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
  @ApiProperty({ description: "C2SP verifier key of your Körperschaft's log: give it to monitors and witnesses" }) verifierKey!: string;
}

export class BundleQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Also include a consistency proof from this tree size (of a checkpoint you kept)', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'from must be a whole number' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  from?: number;
}

export class ConsistencyQueryDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @Type(() => Number)
  @IsInt({ message: 'from must be a whole number' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  from!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @Type(() => Number)
  @IsInt({ message: 'to must be a whole number' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  to!: number;
}

export class ConsistencyProofDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency proof, base64 hashes' }) proof!: string[];
}

export class InclusionProofDto {
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 inclusion proof, base64 hashes; the leaf is SHA-256(0x00 || event hash)' }) proof!: string[];
  @ApiProperty({ description: 'The signed checkpoint note the proof leads to' }) checkpoint!: string;
}

export class CosignatureDto {
  @ApiProperty({ description: 'The checkpoint note with the witness cosignature line(s) (C2SP cosignature/v1)' })
  @IsString()
  @MaxLength(16_384)
  note!: string;
}

export class CosignedDto {
  @ApiProperty() checkpointId!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ type: [String] }) witnesses!: string[];
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
