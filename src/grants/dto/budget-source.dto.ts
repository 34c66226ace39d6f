import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { toBerlinIso } from '../../common/berlin-time';
import type { BudgetSourceWithUsage } from '../budget-sources.service';
import { toDecimal } from '../money';
import { IsCalendarDate, IsEuroAmount } from './validators';

export class BudgetSourceYearInputDto {
  @ApiProperty({ example: 2021 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: '150000.00' }) @IsEuroAmount() amount!: string;
  @ApiProperty({ description: 'The year’s amount is subject to the adopted budget (vorbehaltlich der Haushaltsberatungen)' }) @IsBoolean() conditional!: boolean;
}

export class CreateBudgetSourceDto {
  @ApiProperty({ example: 'integrationspauschale' })
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'key is lower-case letters, digits and dashes, e.g. integrationspauschale' })
  key!: string;

  @ApiProperty({ example: 'Integrationspauschale (§ 14c TIntG)' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ example: '§ 14c TIntG' }) @IsOptional() @IsString() @MaxLength(200) legalBasis?: string;
  @ApiProperty({ example: '2021-11-30', description: 'Last day on which the money may be spent' }) @IsCalendarDate() spendBy!: string;

  @ApiProperty({ type: [BudgetSourceYearInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BudgetSourceYearInputDto)
  years!: BudgetSourceYearInputDto[];
}

export class BudgetSourceYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ example: '150000.00' }) amount!: string;
  @ApiProperty() conditional!: boolean;
  @ApiProperty({ example: '13500.00', description: 'Own shares planned on this year by grant procedures not rejected or withdrawn' }) earmarked!: string;
  @ApiProperty({ example: '136500.00', description: 'amount − earmarked' }) available!: string;
  @ApiProperty({ example: '13500.00', description: 'Own shares spent from this year' }) spent!: string;
}

export class BudgetSourceDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) legalBasis!: string | null;
  @ApiProperty({ example: '2021-11-30' }) spendBy!: string;
  @ApiProperty({ type: [BudgetSourceYearDto] }) years!: BudgetSourceYearDto[];
  @ApiProperty() createdAt!: string;

  static from(s: BudgetSourceWithUsage): BudgetSourceDto {
    return {
      key: s.key,
      name: s.name,
      legalBasis: s.legalBasis,
      spendBy: s.spendBy,
      years: s.years.map((y) => ({
        year: y.year,
        amount: toDecimal(y.amountCents),
        conditional: y.conditional,
        earmarked: toDecimal(y.earmarkedCents),
        available: toDecimal(y.amountCents - y.earmarkedCents),
        spent: toDecimal(y.spentCents),
      })),
      createdAt: toBerlinIso(s.createdAt),
    };
  }
}
