import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class CreateSampleDto {
  @ApiProperty({ example: 'Laptops für den Sitzungsdienst', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: 240000, description: 'Amount in euro cents', minimum: 0, maximum: 1_000_000_000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  amountCents!: number;
}

export class EditSampleDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  amountCents?: number;
}

export class LegalApprovalDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class TreasuryApprovalDto {
  @ApiPropertyOptional({ example: '00.02', description: 'The budget line; required above the approval limit', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  budgetLine?: string;
}

export class RejectSampleDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
