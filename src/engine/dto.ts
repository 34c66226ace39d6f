import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { toBerlinIso } from '../common/berlin-time';
import type { Applied, EventRecord, InstanceRecord } from './types';

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100_000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(100_000, { message: 'page must not be greater than 100000' })
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export class ListInstancesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'motion' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{0,40}$/, { message: 'type is a workflow type such as motion' })
  type?: string;

  @ApiPropertyOptional({ enum: ['active', 'done'] })
  @IsOptional()
  @IsIn(['active', 'done'])
  status?: string;
}

export class CreateInstanceDto {
  @ApiProperty({ description: "The machine's input", example: { title: 'Laptops für den Sitzungsdienst', amountCents: 240000 } })
  @IsObject({ message: 'input must be a JSON object' })
  input!: Record<string, unknown>;
}

export class SendEventDto {
  @ApiProperty({ example: 'SUBMIT', description: 'Event type, as listed in allowedEvents' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, { message: 'type is an event name in capitals, e.g. SUBMIT' })
  type!: string;

  @ApiPropertyOptional({ description: 'Event facts', example: {} })
  @IsOptional()
  @IsObject({ message: 'payload must be a JSON object' })
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Send the same key again to get the first response back without a second event', example: 'submit-2020-08-01-1' })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,128}$/, { message: 'idempotencyKey is 1-128 visible ASCII characters' })
  idempotencyKey?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 2_147_483_647, description: 'Refuse unless the instance is still at this version' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647) // a PostgreSQL integer
  expectedVersion?: number;
}

export class LinkDto {
  @ApiProperty({ format: 'uuid', description: 'The instance this one relates to', example: '6f1c2a4e-8d3b-4c55-9a0e-3f1d2b7c9e41' })
  @IsUUID('all', { message: 'to must be the id of a workflow instance' })
  to!: string;

  @ApiProperty({ example: 'authorises', description: 'How they relate, e.g. a motion authorises a selection or funds a grant' })
  @IsString()
  @Matches(/^[a-z][a-zA-Z]{1,39}$/, { message: 'relation is a word such as authorises or funds' })
  relation!: string;
}

const TIME = { format: 'date-time', description: 'Europe/Berlin, ISO 8601 with offset' } as const;
/** An XState state value: a state name, or an object of region → state value for nested and parallel states. */
const STATE_VALUE: ApiPropertyOptions = {
  oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }],
  example: { released: { inConsultation: 'scheduled' } },
};
const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;

export class ActorDto {
  @ApiProperty() id!: string;
  @ApiProperty() role!: string;
}

export class EventDto {
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Position in the instance history, from 1' }) seq!: number;
  @ApiProperty({ example: 'SUBMIT' }) type!: string;
  @ApiProperty({ ...JSON_OBJECT, description: 'The event facts as stored' }) payload!: Record<string, unknown>;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty(TIME) at!: string;
  @ApiProperty({ nullable: true, type: String }) idempotencyKey!: string | null;
  @ApiProperty({ ...STATE_VALUE, description: 'State value before' }) stateBefore!: unknown;
  @ApiProperty({ ...STATE_VALUE, description: 'State value after' }) stateAfter!: unknown;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;

  static from(e: EventRecord): EventDto {
    return { ...e, at: toBerlinIso(e.at) };
  }
}

export class InstanceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'motion' }) workflowType!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) machineVersion!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ ...STATE_VALUE, description: 'State value (a string, or an object for nested and parallel states)' }) state!: unknown;
  @ApiProperty({ enum: ['active', 'done'] }) status!: string;
  @ApiProperty({ ...JSON_OBJECT, description: "The machine's context" }) context!: unknown;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Grows with every event; the ETag and If-Match value of domain commands' }) version!: number;
  @ApiProperty({ type: [String], description: 'Event types the current state handles' }) allowedEvents!: string[];
  @ApiProperty() headHash!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty(TIME) createdAt!: string;
  @ApiProperty(TIME) updatedAt!: string;

  static from(i: InstanceRecord): InstanceDto {
    return {
      id: i.id,
      workflowType: i.workflowType,
      machineVersion: i.machineVersion,
      title: i.title,
      state: i.state,
      status: i.status,
      context: i.context,
      version: i.version,
      allowedEvents: i.allowedEvents,
      headHash: i.headHash,
      createdBy: i.createdBy,
      createdAt: toBerlinIso(i.createdAt),
      updatedAt: toBerlinIso(i.updatedAt),
    };
  }
}

export class AppliedEventDto {
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: EventDto }) event!: EventDto;
  @ApiProperty({ ...STATE_VALUE, description: 'State value after the event' }) state!: unknown;
  @ApiProperty({ type: 'integer', minimum: 0 }) version!: number;
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiProperty({ description: 'True when this is the stored first response to a repeated idempotency key' }) replayed!: boolean;

  static from(a: Applied): AppliedEventDto {
    const i = a.instance;
    return { instanceId: i.id, event: EventDto.from(a.event), state: i.state, version: i.version, allowedEvents: i.allowedEvents, replayed: a.replayed };
  }
}

export class InstancePageDto {
  @ApiProperty({ type: [InstanceDto] }) items!: InstanceDto[];
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) pageSize!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
}

export class EventPageDto {
  @ApiProperty({ type: [EventDto] }) items!: EventDto[];
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) pageSize!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
}

export class StateNodeDto {
  @ApiProperty() id!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ nullable: true, type: String }) parent!: string | null;
  @ApiProperty({ enum: ['atomic', 'compound', 'parallel', 'final', 'history'] }) type!: string;
  @ApiProperty({ nullable: true, type: String }) initial!: string | null;
}

export class TransitionDto {
  @ApiProperty() source!: string;
  @ApiProperty() event!: string;
  @ApiProperty({ type: [String] }) targets!: string[];
  @ApiProperty({ nullable: true, type: String }) guard!: string | null;
}

export class WorkflowDefinitionDto {
  @ApiProperty({ example: 'motion' }) type!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'New instances start on this version' }) latest!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Endpoint to use when a domain module owns the events' }) domainApi!: string | null;
  @ApiProperty({ type: [StateNodeDto] }) states!: StateNodeDto[];
  @ApiProperty({ type: [String] }) events!: string[];
  @ApiProperty({ type: [TransitionDto] }) transitions!: TransitionDto[];
}

