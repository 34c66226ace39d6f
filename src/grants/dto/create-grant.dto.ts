import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../engine/dto';
import { IsCalendarDate, IsEuroAmount } from './validators';

export const MODULE = /^[A-Za-z0-9.-]{1,16}$/;
export const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const KEY = /^[a-z][a-z0-9-]{0,63}$/;

export class PeriodDto {
  @ApiProperty({ example: '2020-08-17' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2021-12-31' }) @IsCalendarDate() to!: string;
}

export class FinancingYearInputDto {
  @ApiProperty({ example: 2021 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: '514500.00' }) @IsEuroAmount() totalCost!: string;
  @ApiProperty({ example: '411600.00', description: 'Landesanteil' }) @IsEuroAmount() stateShare!: string;
  @ApiProperty({ example: '102900.00', description: 'Eigenanteil' }) @IsEuroAmount() ownShare!: string;

  @ApiProperty({ example: 'integrationspauschale', description: 'Key of a budget source (GET /budget-sources); its name, spend-by date and the year’s conditional flag are taken from there' })
  @Matches(KEY, { message: 'sourceKey is a budget source key such as integrationspauschale' })
  sourceKey!: string;
}

export class CreateGrantDto {
  @ApiProperty({ example: 'Durchstarten in Ausbildung und Arbeit' }) @IsString() @MinLength(1) @MaxLength(300) programme!: string;

  @ApiProperty({ example: ['I', 'II', 'III', 'IV', 'VI'], description: 'Bausteine covered by this procedure' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(MODULE, { each: true, message: 'each module is a short name such as VI' })
  modules!: string[];

  @ApiProperty({ example: 'Bezirksregierung Arnsberg' }) @IsString() @MinLength(1) @MaxLength(200) grantingAuthority!: string;
  @ApiProperty({ example: '582000.00', description: 'Zuwendungsfähige Ausgaben' }) @IsEuroAmount() eligibleCost!: string;
  @ApiProperty({ example: '465600.00' }) @IsEuroAmount() requested!: string;
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) fundingPeriod!: PeriodDto;

  @ApiProperty({ type: [FinancingYearInputDto], description: 'Finanzierungsplan, one entry per year' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FinancingYearInputDto)
  financing!: FinancingYearInputDto[];

  @ApiPropertyOptional({ example: '2022-06-30', description: 'Due date of the Verwendungsnachweis, if known; the approval notice may set it' })
  @IsOptional()
  @IsCalendarDate()
  proofOfUseDue?: string;

  @ApiPropertyOptional({ description: 'The motion (Sitzungsvorlage) whose decision provides the funds; linked as "funds"' })
  @IsOptional()
  @IsUUID('all', { message: 'motionInstanceId must be the id of a motion instance' })
  motionInstanceId?: string;
}

export const GRANT_STATES = ['drafted', 'submitted', 'approved', 'contracting', 'fundsCalled', 'proofSubmitted', 'closed', 'rejected', 'withdrawn'] as const;

export class ListGrantsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'VI', description: 'Only procedures covering this Baustein' })
  @IsOptional()
  @Matches(MODULE, { message: 'module is a short name such as VI' })
  module?: string;

  @ApiPropertyOptional({ enum: GRANT_STATES })
  @IsOptional()
  @IsIn(GRANT_STATES)
  state?: string;
}
