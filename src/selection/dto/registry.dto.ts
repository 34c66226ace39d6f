import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { toBerlinIso } from '../../common/berlin-time';
import { MODULE_CODE, NON_BLANK } from '../../common/patterns';
import type { FundingModuleEntity, FundingProgrammeEntity, ProviderEntity } from '../entities';

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Durchstarten in Ausbildung und Arbeit' })
  @IsString()
  @MaxLength(200)
  @Matches(NON_BLANK, { message: 'name must not be empty' })
  name!: string;
}

export class CreateModuleDto {
  @ApiProperty({ example: 'VI', description: 'The Baustein code, unique in your Körperschaft; procedures and queries name the module by it' })
  @IsString()
  @Matches(MODULE_CODE, { message: 'code is 1-32 letters, digits, dots, dashes or underscores, e.g. VI' })
  code!: string;

  @ApiProperty({ example: 'Gemeinsam klappt’s – Teilhabemanagement' })
  @IsString()
  @MaxLength(300)
  @Matches(NON_BLANK, { message: 'title must not be empty' })
  title!: string;
}

export class CreateProviderDto {
  @ApiProperty({ example: 'Caritasverband für den Kreis Coesfeld e.V.' })
  @IsString()
  @MaxLength(300)
  @Matches(NON_BLANK, { message: 'name must not be empty' })
  name!: string;

  @ApiProperty({ example: 'eingetragener Verein (e.V.)' })
  @IsString()
  @MaxLength(200)
  @Matches(NON_BLANK, { message: 'legalForm must not be empty' })
  legalForm!: string;
}

export class ModuleDto {
  @ApiProperty() id!: string;
  @ApiProperty() programmeId!: string;
  @ApiProperty({ example: 'VI' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() createdAt!: string;

  static from(m: FundingModuleEntity): ModuleDto {
    return { id: m.id, programmeId: m.programmeId, code: m.code, title: m.title, createdAt: toBerlinIso(m.createdAt) };
  }
}

export class ProgrammeDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [ModuleDto] }) modules!: ModuleDto[];
  @ApiProperty() createdAt!: string;

  static from(p: FundingProgrammeEntity, modules: FundingModuleEntity[]): ProgrammeDto {
    return { id: p.id, name: p.name, modules: modules.map((m) => ModuleDto.from(m)), createdAt: toBerlinIso(p.createdAt) };
  }
}

export class ProviderDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() legalForm!: string;
  @ApiProperty() createdAt!: string;

  static from(p: ProviderEntity): ProviderDto {
    return { id: p.id, name: p.name, legalForm: p.legalForm, createdAt: toBerlinIso(p.createdAt) };
  }
}

export class ProviderPageDto {
  @ApiProperty({ type: [ProviderDto] }) items!: ProviderDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
