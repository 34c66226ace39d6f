import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MODULE, PeriodDto, REFERENCE } from './create-grant.dto';
import { IsCalendarDate, IsEuroAmount } from './validators';

/**
 * Bodies of the grant commands. Facts from other workflows (which providers are selected, whether a
 * motion decided the budget) are never accepted here: the service looks them up.
 */

export class EarlyStartDto {
  @ApiProperty({ example: '2020-08-17', description: 'Measures in scope may start from this day' }) @IsCalendarDate() date!: string;

  @ApiProperty({ example: ['IV'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(MODULE, { each: true, message: 'each module is a short name such as IV' })
  modules!: string[];

  @ApiPropertyOptional({ example: ['vhs-luedinghausen'], description: 'Only these providers; omit for every provider of the modules' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(REFERENCE, { each: true, message: 'each provider id is a short identifier' })
  providerIds?: string[];

  @ApiProperty({ example: 'Vorbereitungskurs für den Hauptschulabschlusskurs' }) @IsString() @MinLength(1) @MaxLength(1000) description!: string;
}

export class MeasureStartDto {
  @ApiProperty({ example: 'vhs-luedinghausen' }) @Matches(REFERENCE, { message: 'providerId is a short identifier' }) providerId!: string;
  @ApiProperty({ example: 'IV' }) @Matches(MODULE, { message: 'module is a short name such as IV' }) module!: string;
  @ApiProperty({ example: '2020-08-17' }) @IsCalendarDate() startedAt!: string;
}

export class ApprovalNoticeDto {
  @ApiProperty({ example: '2020-10-01', description: 'Date of the Bewilligungsbescheid' }) @IsCalendarDate() date!: string;
  @ApiProperty({ example: '36.08.01-DuA-2020/017' }) @IsString() @MinLength(1) @MaxLength(100) fileNumber!: string;
  @ApiProperty({ example: '465600.00' }) @IsEuroAmount() approvedAmount!: string;
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;

  @ApiProperty({ example: ['ANBest-G'], description: 'Nebenbestimmungen; passed on to every forwarding contract' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  conditions!: string[];

  @ApiPropertyOptional({ example: '2022-06-30' }) @IsOptional() @IsCalendarDate() proofOfUseDue?: string;
}

export class RejectDto {
  @ApiProperty({ example: '2020-06-30' }) @IsCalendarDate() date!: string;
  @ApiProperty({ example: 'Im Wettbewerb nicht berücksichtigt' }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class WithdrawDto {
  @ApiProperty({ example: 'Maßnahme entfällt' }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class ContractDto {
  @ApiProperty({ example: 'WV-IV-1', description: 'The contract’s reference; unique within the procedure' })
  @Matches(REFERENCE, { message: 'contractId is a short reference such as WV-IV-1' })
  contractId!: string;

  @ApiProperty({ example: 'vhs-luedinghausen', description: 'Must be selected in the decided selection procedure of the module' })
  @Matches(REFERENCE, { message: 'providerId is a short identifier' })
  providerId!: string;

  @ApiProperty({ example: 'IV' }) @Matches(MODULE, { message: 'module is a short name such as IV' }) module!: string;
  @ApiProperty({ example: '25000.00' }) @IsEuroAmount() amount!: string;
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;

  @ApiPropertyOptional({ description: 'Conditions beyond those of the approval notice, which are always passed on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  conditions?: string[];
}

const DECISION_SOURCES = ['motion', 'budget'] as const;

export class BudgetDecisionDto {
  @ApiProperty({ enum: DECISION_SOURCES, description: 'motion: a decided motion instance (ref is its id); budget: the adopted budget statute (ref names it)' })
  @IsIn(DECISION_SOURCES)
  source!: 'motion' | 'budget';

  @ApiProperty({ example: 'Haushaltssatzung 2021, Kreistag 16.12.2020' }) @IsString() @MinLength(1) @MaxLength(300) ref!: string;
}

export class OwnShareSpendingDto {
  @ApiProperty({ example: 2021 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: '102900.00' }) @IsEuroAmount() amount!: string;

  @ApiPropertyOptional({ type: BudgetDecisionDto, description: 'The budget decision that lifts a conditional year, verified by the service' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BudgetDecisionDto)
  budgetDecision?: BudgetDecisionDto;
}

export class BudgetAdoptionDto extends BudgetDecisionDto {
  @ApiProperty({ example: 2021 }) @IsInt() @Min(2000) @Max(2100) year!: number;
}

export class FundCallDto {
  @ApiProperty({ example: 'MA-2020-1' }) @Matches(REFERENCE, { message: 'callId is a short reference such as MA-2020-1' }) callId!: string;
  @ApiProperty({ example: '150000.00' }) @IsEuroAmount() amount!: string;
  @ApiProperty({ example: '2020-11-02' }) @IsCalendarDate() date!: string;
}

export class ProofOfUseDto {
  @ApiProperty({ example: '2022-05-31' }) @IsCalendarDate() date!: string;
  @ApiProperty({ example: 'VN-2022-017' }) @IsString() @MinLength(1) @MaxLength(200) documentRef!: string;
}
