import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
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
import type { BodyKind, Majority } from '../../../workflows/motion';
import { toBerlinIso } from '../../common/berlin-time';
import type { BodyEntity, CompetenceEntity, MembershipEntity, PersonEntity } from '../entities';
import { BODY_KINDS, MAJORITIES, NON_BLANK } from '../../common/patterns';
import { IsCalendarDate } from '../../common/validators';

export class CreateBodyDto {
  @ApiProperty({ example: 'Integrationsausschuss' })
  @IsString()
  @MaxLength(200)
  @Matches(NON_BLANK, { message: 'name must not be empty' })
  name!: string;

  @ApiProperty({ enum: BODY_KINDS })
  @IsIn(BODY_KINDS)
  kind!: BodyKind;

  @ApiProperty({ example: 15, description: 'Gesetzliche Mitgliederzahl; quorum is more than half of it' })
  @IsInt()
  @Min(1)
  @Max(500)
  statutoryMembers!: number;

  @ApiProperty({ example: 6, description: 'Ladungsfrist in calendar days (standing orders)' })
  @IsInt()
  @Min(0)
  @Max(60)
  invitationPeriodDays!: number;

  @ApiProperty({ example: 3, description: 'The shorter period allowed in urgent cases, with a recorded reason' })
  @IsInt()
  @Min(0)
  @Max(60)
  urgentInvitationPeriodDays!: number;
}

export class CreateCompetenceDto {
  @ApiProperty({ example: '§ 26 Abs. 1 lit. s) KrO NRW' })
  @IsString()
  @MaxLength(200)
  @Matches(NON_BLANK, { message: 'citation must not be empty' })
  citation!: string;

  @ApiProperty({ example: 'Der Kreistag ist ausschließlich zuständig für …' })
  @IsString()
  @MaxLength(5000)
  @Matches(NON_BLANK, { message: 'text must not be empty' })
  text!: string;

  @ApiProperty({ description: 'Whether the text was checked against the official source' })
  @IsBoolean()
  verified!: boolean;

  @ApiProperty({ enum: BODY_KINDS, isArray: true, description: 'Body kinds that hold this competence by law (may be empty for a purely delegated one)' })
  @IsIn(BODY_KINDS, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(3)
  holderKinds!: BodyKind[];

  @ApiProperty({ description: 'Only bodies of the holder kinds may decide; it cannot be delegated (e.g. § 26 Abs. 1 KrO NRW)' })
  @IsBoolean()
  reserved!: boolean;

  @ApiPropertyOptional({ enum: MAJORITIES, description: 'The majority a decision needs; default simple' })
  @IsOptional()
  @IsIn(MAJORITIES)
  majority?: Majority;
}

export class GrantCompetenceDto {
  @ApiProperty({ description: 'A competence catalogue entry' })
  @IsUUID('all', { message: 'competenceId must be the id of a competence catalogue entry' })
  competenceId!: string;

  @ApiProperty({ example: 'Zuständigkeitsordnung § 4 Abs. 2', description: 'Where the transfer is written' })
  @IsString()
  @MaxLength(300)
  @Matches(NON_BLANK, { message: 'basis must not be empty' })
  basis!: string;
}

export class NewMemberDto {
  @ApiPropertyOptional({ description: 'An existing person (e.g. one who already sits on another body)' })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be the id of a person' })
  personId?: string;

  @ApiPropertyOptional({ example: 'Maria Musterfrau', description: 'Creates the person when no personId is given' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NON_BLANK, { message: 'name must not be empty' })
  name?: string;

  @ApiProperty({ example: '2014-06-01' })
  @IsCalendarDate('start')
  start!: string;

  @ApiPropertyOptional({ example: '2020-10-31', description: 'Last day of the seat; omit while it lasts' })
  @IsOptional()
  @IsCalendarDate('end')
  end?: string;

  @ApiProperty({ description: 'Members without voting right attend but do not count for quorum' })
  @IsBoolean()
  votingRight!: boolean;
}

export class AddMembersDto {
  @ApiProperty({ type: [NewMemberDto] })
  @ValidateNested({ each: true })
  @Type(() => NewMemberDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  members!: NewMemberDto[];
}

export class MembershipQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2020-08-19', description: 'Only seats held on this day' })
  @IsOptional()
  @IsCalendarDate('at')
  at?: string;
}

// ---- responses ----------------------------------------------------------------------------

const TIME = { format: 'date-time', description: 'Europe/Berlin, ISO 8601 with offset' } as const;
const DAY = { format: 'date', example: '2020-08-19' } as const;

export class BodyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: BODY_KINDS }) kind!: string;
  @ApiProperty({ type: 'integer', description: 'Gesetzliche Mitgliederzahl' }) statutoryMembers!: number;
  @ApiProperty({ type: 'integer', description: 'Ladungsfrist in calendar days' }) invitationPeriodDays!: number;
  @ApiProperty({ type: 'integer' }) urgentInvitationPeriodDays!: number;
  @ApiProperty(TIME) createdAt!: string;

  static from(b: BodyEntity): BodyDto {
    return {
      id: b.id,
      name: b.name,
      kind: b.kind,
      statutoryMembers: b.statutoryMembers,
      invitationPeriodDays: b.invitationPeriodDays,
      urgentInvitationPeriodDays: b.urgentInvitationPeriodDays,
      createdAt: toBerlinIso(b.createdAt),
    };
  }
}

export class CompetenceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() citation!: string;
  @ApiProperty() text!: string;
  @ApiProperty() verified!: boolean;
  @ApiProperty({ enum: BODY_KINDS, isArray: true }) holderKinds!: string[];
  @ApiProperty() reserved!: boolean;
  @ApiProperty({ enum: MAJORITIES }) majority!: string;
  @ApiProperty(TIME) createdAt!: string;

  static from(c: CompetenceEntity): CompetenceDto {
    return {
      id: c.id,
      citation: c.citation,
      text: c.text,
      verified: c.verified,
      holderKinds: c.holderKinds,
      reserved: c.reserved,
      majority: c.majority ?? 'simple',
      createdAt: toBerlinIso(c.createdAt),
    };
  }
}

export class HeldCompetenceDto extends CompetenceDto {
  @ApiProperty({ enum: ['law', 'delegated'], description: 'Held by the body kind by law, or transferred to this body' })
  source!: 'law' | 'delegated';

  @ApiProperty({ nullable: true, type: String, description: 'Where a transfer is written' })
  basis!: string | null;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) bodyId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ ...DAY, description: 'First day of the seat' }) start!: string;
  @ApiProperty({ ...DAY, nullable: true, type: String, description: 'Last day of the seat; null while it lasts' }) end!: string | null;
  @ApiProperty() votingRight!: boolean;

  static from(m: MembershipEntity, person: PersonEntity): MembershipDto {
    return { id: m.id, bodyId: m.bodyId, personId: m.personId, name: person.name, start: m.start, end: m.end, votingRight: m.votingRight };
  }
}

export class BodyDetailDto extends BodyDto {
  @ApiProperty({ type: [HeldCompetenceDto] }) competences!: HeldCompetenceDto[];
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;

  static from(p: PersonEntity): PersonDto {
    return { id: p.id, name: p.name };
  }
}

export function heldCompetenceDto(h: { competence: CompetenceEntity; source: 'law' | 'delegated'; basis: string | null }): HeldCompetenceDto {
  return { ...CompetenceDto.from(h.competence), source: h.source, basis: h.basis };
}
