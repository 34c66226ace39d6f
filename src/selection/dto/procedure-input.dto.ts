import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SELECTION_STATES } from '../../../workflows/selection';
import { PageQueryDto } from '../../engine/dto';
import { DECIMAL_PATTERN } from '../decimal';
import { DECIMAL_MESSAGE, INSTANT_MESSAGE, INSTANT_PATTERN, MODULE_CODE, NON_BLANK } from '../../common/patterns';

export class CriterionInputDto {
  @ApiProperty({ example: 'concept', description: 'Stable key that scores refer to' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{0,39}$/, { message: 'key is 1-40 lower-case letters, digits, dashes or underscores, starting with a letter' })
  key!: string;

  @ApiProperty({ example: 'Konzept und Methodik' })
  @IsString()
  @MaxLength(200)
  @Matches(NON_BLANK, { message: 'name must not be empty' })
  name!: string;

  @ApiProperty({ example: '40.00', description: 'Share of the 100 points in percent; all criteria together make "100.00"' })
  @IsString()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE('weight', '40.00') })
  weight!: string;
}

export class CreateProcedureDto {
  @ApiProperty({ example: 'VI', description: 'Code of a registered funding module' })
  @IsString()
  @Matches(MODULE_CODE, { message: 'module is a module code such as VI' })
  module!: string;

  @ApiPropertyOptional({ example: 'Gemeinsam klappt’s – Teilhabemanagement', description: "Defaults to the module's title" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(NON_BLANK, { message: 'title must not be empty' })
  title?: string;

  @ApiProperty({ example: 'Interessenbekundungsverfahren für das kommunale Teilhabemanagement (1,5 Vollzeitstellen) im Kreis Coesfeld.' })
  @IsString()
  @MaxLength(20000)
  @Matches(NON_BLANK, { message: 'callText must not be empty' })
  callText!: string;

  @ApiProperty({ example: '2020-03-31T23:59:59+02:00', description: 'The call closes at this instant' })
  @IsString()
  @Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE('deadline') })
  deadline!: string;

  @ApiProperty({ type: [CriterionInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CriterionInputDto)
  criteria!: CriterionInputDto[];

  @ApiProperty({ example: 5, description: 'Points run from 0 to scaleMax (whole points)' })
  @IsInt()
  @Min(1)
  @Max(100)
  scaleMax!: number;

  @ApiProperty({ example: 2, description: 'Evaluators who must score every admitted declaration on every criterion' })
  @IsInt()
  @Min(1)
  @Max(50)
  requiredEvaluators!: number;

  @ApiProperty({ example: '1.50', description: 'Positions (FTE) to allocate' })
  @IsString()
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE('fte', '1.50') })
  fte!: string;

  @ApiProperty({ example: ['Ascheberg', 'Billerbeck', 'Coesfeld'], description: 'The area to cover' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique({ message: 'municipalities must not repeat' })
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Matches(NON_BLANK, { each: true, message: 'a municipality must not be empty' })
  municipalities!: string[];

  @ApiPropertyOptional({ description: 'The motion instance that authorises this procedure; linked for the decision record' })
  @IsOptional()
  @IsUUID('all', { message: 'motionInstanceId must be a UUID' })
  motionInstanceId?: string;
}

/** Changes to a draft; only the fields given change. */
export class EditProcedureDto extends PartialType(OmitType(CreateProcedureDto, ['module', 'motionInstanceId'] as const)) {}

export class ListProceduresQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'VI' })
  @IsOptional()
  @IsString()
  @Matches(MODULE_CODE, { message: 'module is a module code such as VI' })
  module?: string;

  @ApiPropertyOptional({ enum: SELECTION_STATES })
  @IsOptional()
  @IsIn(SELECTION_STATES)
  state?: string;
}

export class ModuleCodeParamDto {
  @ApiProperty({ example: 'VI' })
  @IsString()
  @Matches(MODULE_CODE, { message: 'module is a module code such as VI' })
  module!: string;
}
