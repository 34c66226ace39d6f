import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DECIMAL_PATTERN } from '../decimal';
import { DATE_MESSAGE, DATE_PATTERN, DECIMAL_MESSAGE, INSTANT_MESSAGE, INSTANT_PATTERN, NON_BLANK } from '../../common/patterns';

/**
 * Bodies of the procedure commands. Shape only: the rules (deadline, scoring complete, FTE exact,
 * coverage, ranking) are the machine's and answer 422 with SELECTION.* codes.
 */

const ID = /^[\x21-\x7e]{1,128}$/;
const ID_MESSAGE = (field: string) => `${field} is 1-128 visible ASCII characters`;

export class DeclarationInputDto {
  @ApiProperty({ description: 'A registered provider; its name is taken from the register' })
  @IsUUID('all', { message: 'providerId must be a UUID' })
  providerId!: string;

  @ApiProperty({ example: 'Teilhabemanagement in allen elf Kommunen, zwei Fachkräfte, Sprechstunden vor Ort.' })
  @IsString()
  @MaxLength(20000)
  @Matches(NON_BLANK, { message: 'concept must not be empty' })
  concept!: string;

  @ApiProperty({ example: '2020-03-20T11:00:00+01:00', description: 'When the declaration arrived' })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('receivedAt') })
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('receivedAt') })
  receivedAt!: string;

  @ApiProperty({ example: ['Coesfeld', 'Dülmen'], description: 'Municipalities the provider offers to cover' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique({ message: 'municipalities must not repeat' })
  @IsString({ each: true })
  @Matches(NON_BLANK, { each: true, message: 'a municipality must not be empty' })
  municipalities!: string[];
}

export class ConflictInputDto {
  @ApiProperty({ example: 'eval-jobcenter' })
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('evaluatorId') })
  evaluatorId!: string;

  @ApiProperty({ example: 'Anna Beispiel', description: 'Who declares the conflict, by name: the record and refusals name the person' })
  @IsString()
  @MaxLength(200)
  @Matches(NON_BLANK, { message: 'evaluatorName must not be empty' })
  evaluatorName!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'providerId must be a UUID' })
  providerId!: string;

  @ApiPropertyOptional({ example: 'Ehrenamtlich im Vorstand des Trägers' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ScoreInputDto {
  @ApiProperty()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('declarationId') })
  declarationId!: string;

  @ApiProperty({ example: 'concept' })
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('criterionKey') })
  criterionKey!: string;

  @ApiProperty({ example: 'eval-ki' })
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('evaluatorId') })
  evaluatorId!: string;

  @ApiProperty({ example: 4, description: 'Whole points from 0 to the scale maximum' })
  @IsInt({ message: 'points must be a whole number' })
  @Min(0)
  @Max(100)
  points!: number;

  @ApiProperty({ example: 'Schlüssiges Konzept, Erfahrung mit der Zielgruppe belegt.' })
  @IsString()
  @MaxLength(5000)
  comment!: string;
}

export class TalkInputDto {
  @ApiProperty()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE('declarationId') })
  declarationId!: string;

  @ApiProperty({ example: '2020-04-15' })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('date') })
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE('date') })
  date!: string;

  @ApiProperty({ example: ['Kommunales Integrationszentrum', 'Jobcenter', 'Caritasverband'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(NON_BLANK, { each: true, message: 'a participant must not be empty' })
  participants!: string[];

  @ApiProperty({ example: 'Konzept erläutert; Personalplanung besprochen.' })
  @IsString()
  @MaxLength(20000)
  resultNote!: string;
}

export class AllocationInputDto {
  @ApiProperty()
  @IsUUID('all', { message: 'providerId must be a UUID' })
  providerId!: string;

  @ApiProperty({ example: 'Coesfeld' })
  @IsString()
  @Matches(NON_BLANK, { message: 'municipality must not be empty' })
  municipality!: string;

  @ApiProperty({ example: '0.50', description: 'FTE share of this provider in this municipality' })
  @IsString()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE('fte', '0.50') })
  fte!: string;
}

export class DecisionInputDto {
  @ApiProperty({ type: [String], description: 'The providers selected' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'a provider is selected twice' })
  @IsUUID('all', { each: true, message: 'each selected provider is a provider UUID' })
  selectedProviderIds!: string[];

  @ApiProperty({
    type: [AllocationInputDto],
    description: 'FTE shares per provider and municipality; together exactly the FTE available, or in a pilot phase at most that (the rest stays unallocated until the roll-out)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => AllocationInputDto)
  allocation!: AllocationInputDto[];

  @ApiPropertyOptional({ description: 'Required when the selection passes over a higher-ranked provider, or leaves out one tied on the weighted total with a selected one' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  deviationReason?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Dülmen'],
    description: 'A pilot phase covering only these municipalities, with part of the FTE; the roll-out (POST …/roll-out) covers the whole area later',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique({ message: 'pilot municipalities must not repeat' })
  @IsString({ each: true })
  @Matches(NON_BLANK, { each: true, message: 'a pilot municipality must not be empty' })
  pilotMunicipalities?: string[];
}

export class RollOutInputDto {
  @ApiProperty({
    type: [AllocationInputDto],
    description: 'After a pilot phase: FTE shares of the selected providers over every municipality of the area; together exactly the FTE available',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => AllocationInputDto)
  allocation!: AllocationInputDto[];
}

export class StaffingInputDto {
  @ApiProperty()
  @IsUUID('all', { message: 'providerId must be a UUID' })
  providerId!: string;

  @ApiProperty({ example: '0.50' })
  @IsString()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE('fte', '0.50') })
  fte!: string;

  @ApiProperty({ example: '2020-05-01', description: 'Staffed from, or recruiting since' })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('from') })
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE('from') })
  from!: string;

  @ApiProperty({ enum: ['staffed', 'recruiting'] })
  @IsIn(['staffed', 'recruiting'])
  status!: 'staffed' | 'recruiting';
}

export class InformCommitteeInputDto {
  @ApiProperty({ description: 'The committee (a body of the council) that was informed' })
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId!: string;

  @ApiPropertyOptional({ description: "The meeting of that body at which it was informed" })
  @IsOptional()
  @IsUUID('all', { message: 'meetingId must be a UUID' })
  meetingId?: string;

  @ApiProperty({ example: '2020-05-27' })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('date') })
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE('date') })
  date!: string;
}

export class ReasonInputDto {
  @ApiProperty({ example: 'Fördermittel wurden nicht bewilligt.' })
  @IsString()
  @MaxLength(20000)
  @Matches(NON_BLANK, { message: 'reason must not be empty' })
  reason!: string;
}

