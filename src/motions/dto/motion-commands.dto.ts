import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { MotionStatus, Outcome, StepRole, TaskStatus } from '../../../workflows/motion';
import { PageQueryDto } from '../../engine/dto';
import { OUTLINE_SECTIONS, type OutlineSection } from '../visibility';
import { NON_BLANK, PROPOSAL_KEY_PATTERN, REFERENCE_PATTERN, STEP_ROLES } from '../../common/patterns';
import { IsCalendarDate } from '../../common/validators';

/** Text that says something, up to `max` characters (each element's, with `each`). */
const Text = (field: string, max: number, each = false) =>
  applyDecorators(IsString({ each }), MaxLength(max, { each }), Matches(NON_BLANK, { each, message: `${field} must not be empty` }));

export const OUTCOMES: readonly Outcome[] = [
  'recommended',
  'recommendedWithAmendment',
  'notRecommended',
  'adopted',
  'adoptedWithAmendment',
  'rejected',
  'postponed',
  'referredBack',
  'takenNote',
];
export const MOTION_STATUSES: readonly MotionStatus[] = [
  'draft',
  'cosigning',
  'awaitingSchedule',
  'scheduled',
  'referredBack',
  'urgentDecided',
  'decided',
  'implementation',
  'done',
  'withdrawn',
];
const TASK_STATUSES: readonly TaskStatus[] = ['open', 'inProgress', 'done', 'cancelled'];

export class OutlineDto {
  @ApiPropertyOptional({ description: 'I. Problem / Lösung' })
  @IsOptional()
  @Text('problemAndSolution', 100_000)
  problemAndSolution?: string;

  @ApiPropertyOptional({ description: 'II. Alternativen', example: 'keine' })
  @IsOptional()
  @Text('alternatives', 20_000)
  alternatives?: string;

  @ApiPropertyOptional({ description: 'III. Auswirkungen / Zusammenhänge (Finanzen, Personal, IT)' })
  @IsOptional()
  @Text('impacts', 20_000)
  impacts?: string;

  @ApiPropertyOptional({ description: 'IV. Zuständigkeit für die Entscheidung' })
  @IsOptional()
  @Text('competence', 20_000)
  competence?: string;

  @ApiPropertyOptional({
    enum: OUTLINE_SECTIONS,
    isArray: true,
    example: ['impacts'],
    description: 'Sections in the nichtöffentlicher Teil: their text is withheld from roles that may not see non-public content. When given, replaces the list',
  })
  @IsOptional()
  @IsArray()
  @IsIn(OUTLINE_SECTIONS, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(OUTLINE_SECTIONS.length)
  nonPublicSections?: OutlineSection[];
}

export class ProposalInputDto {
  @ApiProperty({ example: '1' })
  @Matches(PROPOSAL_KEY_PATTERN, { message: 'key is 1-16 letters, digits, dots, dashes or underscores, e.g. 1' })
  key!: string;

  @ApiProperty({ example: 'Die Verwaltung wird beauftragt, …' })
  @Text('text', 20_000)
  text!: string;

  @ApiProperty({ example: '§ 26 Abs. 1 lit. s) KrO NRW', description: 'A citation from the competence catalogue; it decides which body may decide' })
  @Text('legalBasis', 200)
  legalBasis!: string;
}

export class StepInputDto {
  @ApiProperty()
  @IsUUID('all', { message: 'bodyId must be the id of a body' })
  bodyId!: string;

  @ApiProperty({ enum: STEP_ROLES })
  @IsIn(STEP_ROLES)
  role!: StepRole;
}

export class CreateMotionDto {
  @ApiPropertyOptional({
    example: 'SV-9-1600/1',
    description: 'Unique in your Körperschaft. Required, except for a follow-up (`followUpOf`), which takes the next free follow-up reference (when given, it must be that one)',
  })
  @ValidateIf((o: CreateMotionDto) => o.followUpOf === undefined || o.reference !== undefined)
  @Matches(REFERENCE_PATTERN, { message: 'reference is 1-40 letters, digits, dots, slashes or dashes, e.g. SV-9-1600' })
  reference?: string;

  @ApiPropertyOptional({
    example: 'SV-9-1600',
    description:
      'Submit the subject of a withdrawn motion again: its reference or id. The new motion gets the next free follow-up reference (SV-9-1600/1, /2 …) and is linked to it (`predecessor`; the withdrawn one shows it as `successor`). Refused unless that motion is withdrawn and not yet followed up',
  })
  @IsOptional()
  @Matches(REFERENCE_PATTERN, { message: 'followUpOf is the reference or id of the withdrawn motion, e.g. SV-9-1600' })
  followUpOf?: string;

  @ApiProperty({ example: 'Umsetzung der Landesinitiativen Durchstarten in Ausbildung und Arbeit und Gemeinsam klappt’s' })
  @Text('title', 500)
  title!: string;

  @ApiProperty({ example: 'Kommunales Integrationszentrum', description: 'Federführung' })
  @Text('department', 200)
  department!: string;

  @ApiPropertyOptional({ type: [String], example: ['Jobcenter', 'Kämmerei'], description: 'Departments that must co-sign (Mitzeichnung)' })
  @IsOptional()
  @Text('requiredCosigners', 200, true)
  @ArrayUnique()
  @ArrayMaxSize(20)
  requiredCosigners?: string[];

  @ApiPropertyOptional({ type: OutlineDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OutlineDto)
  outline?: OutlineDto;

  @ApiPropertyOptional({ type: [ProposalInputDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProposalInputDto)
  @ArrayMaxSize(50)
  @ArrayUnique((p: ProposalInputDto) => p.key, { message: 'proposal keys must be unique' })
  proposals?: ProposalInputDto[];

  @ApiPropertyOptional({ type: [StepInputDto], description: 'The Beratungsfolge, in order' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => StepInputDto)
  @ArrayMaxSize(20)
  steps?: StepInputDto[];
}

export class EditMotionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Text('title', 500)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text('department', 200)
  department?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Text('requiredCosigners', 200, true)
  @ArrayUnique()
  @ArrayMaxSize(20)
  requiredCosigners?: string[];

  @ApiPropertyOptional({ type: OutlineDto, description: 'Sections given replace those sections; others stay' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OutlineDto)
  outline?: OutlineDto;
}

export class EditProposalDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Text('text', 20_000)
  text?: string;

  @ApiPropertyOptional({ example: '§ 26 Abs. 1 lit. s) KrO NRW' })
  @IsOptional()
  @Text('legalBasis', 200)
  legalBasis?: string;
}

export class SequenceDto {
  @ApiProperty({ type: [StepInputDto] })
  @ValidateNested({ each: true })
  @Type(() => StepInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  steps!: StepInputDto[];
}

export class CosignDto {
  @ApiProperty({ example: 'Jobcenter' })
  @Text('department', 200)
  department!: string;
}

export class RefuseCosignDto extends CosignDto {
  @ApiProperty({ example: 'Finanzierung 2021 ungeklärt' })
  @Text('reason', 2000)
  reason!: string;
}

export class ScheduleDto {
  @ApiProperty({ description: 'A meeting of the body whose step is due (or of a Kenntnisnahme body)' })
  @IsUUID('all', { message: 'meetingId must be the id of a meeting' })
  meetingId!: string;

  @ApiPropertyOptional({ default: true, description: 'false puts the item in the nichtöffentlicher Teil' })
  @IsOptional()
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional({ description: 'Needed when only the shorter urgent invitation period is met; goes on record' })
  @IsOptional()
  @Text('urgentReason', 2000)
  urgentReason?: string;

  @ApiPropertyOptional({ description: 'Step of the Beratungsfolge (0-based); defaults to the current step or an open Kenntnisnahme step of the body' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(19)
  stepIndex?: number;
}

export class ScheduleUrgentDto {
  @ApiProperty({ description: 'A meeting of the Kreisausschuss (often a special meeting)' })
  @IsUUID('all', { message: 'meetingId must be the id of a meeting' })
  meetingId!: string;

  @ApiProperty({ example: 'Die Antragsfrist des Landes endet vor der nächsten Kreistagssitzung', description: 'Why the Kreistag cannot decide in time; also the reason for the shorter invitation period' })
  @Text('urgentReason', 2000)
  urgentReason!: string;

  @ApiPropertyOptional({ default: true, description: 'false puts the item in the nichtöffentlicher Teil' })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

export class UnscheduleDto {
  @ApiProperty()
  @IsUUID('all', { message: 'meetingId must be the id of a meeting' })
  meetingId!: string;

  @ApiProperty({ example: 'Beratungsbedarf in der Fraktion' })
  @Text('reason', 2000)
  reason!: string;
}

export class VotesDto {
  @ApiProperty({ example: 12 }) @IsInt() @Min(0) @Max(1000) ja!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(0) @Max(1000) nein!: number;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) @Max(1000) enthaltung!: number;
  @ApiProperty({ example: 0, description: 'Members excluded for bias; they do not vote' }) @IsInt() @Min(0) @Max(1000) befangen!: number;
}

export class ProposalOutcomeDto {
  @ApiProperty({ example: '1' })
  @Matches(PROPOSAL_KEY_PATTERN, { message: 'proposalKey is a proposal key such as 1' })
  proposalKey!: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @ApiPropertyOptional({ type: VotesDto, description: 'Required for recommendations and decisions' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VotesDto)
  votes?: VotesDto;

  @ApiPropertyOptional({ description: 'The changed text, for …WithAmendment outcomes; becomes a new version' })
  @IsOptional()
  @Text('amendedText', 20_000)
  amendedText?: string;
}

export class RecordOutcomeDto {
  @ApiProperty({ description: 'The held meeting; attendance is taken from its record' })
  @IsUUID('all', { message: 'meetingId must be the id of a meeting' })
  meetingId!: string;

  @ApiProperty({ type: [ProposalOutcomeDto], description: 'One entry per proposal' })
  @ValidateNested({ each: true })
  @Type(() => ProposalOutcomeDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique((o: ProposalOutcomeDto) => o.proposalKey, { message: 'each proposal gets one outcome' })
  outcomes!: ProposalOutcomeDto[];
}

export class UrgentDecisionDto extends RecordOutcomeDto {
  @ApiProperty({ example: 'Frist des Landes endet vor der nächsten Kreistagssitzung', description: 'Why the Kreistag could not be convened in time' })
  @Text('reason', 2000)
  reason!: string;
}

export class UrgentDecisionByLandratDto {
  @ApiProperty({ description: 'The Landrat (person id)' })
  @IsUUID('all', { message: 'landratPersonId must be the id of a person' })
  landratPersonId!: string;

  @ApiProperty({ description: 'The one member of the Kreisausschuss who decides with the Landrat (person id)' })
  @IsUUID('all', { message: 'memberPersonId must be the id of a person' })
  memberPersonId!: string;

  @ApiProperty({ example: 'Der Kreisausschuss kann vor Ablauf der Antragsfrist nicht einberufen werden; der Förderanspruch entfiele.', description: 'Why even the Kreisausschuss cannot be convened in time and what harm delay would cause' })
  @Text('reason', 2000)
  reason!: string;

  @ApiProperty({ type: [ProposalOutcomeDto], description: 'One entry per proposal: adopted, adoptedWithAmendment or rejected (no votes: two persons decide)' })
  @ValidateNested({ each: true })
  @Type(() => ProposalOutcomeDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique((o: ProposalOutcomeDto) => o.proposalKey, { message: 'each proposal gets one outcome' })
  outcomes!: ProposalOutcomeDto[];
}

export class ApproveUrgentDecisionDto {
  @ApiProperty({ description: 'The held Kreistag meeting' })
  @IsUUID('all', { message: 'meetingId must be the id of a meeting' })
  meetingId!: string;

  @ApiProperty({ type: VotesDto })
  @ValidateNested()
  @Type(() => VotesDto)
  votes!: VotesDto;
}

export class RevokeUrgentDecisionDto extends ApproveUrgentDecisionDto {
  @ApiProperty()
  @Text('reason', 2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Carrying the decision out created rights of others (§ 50 Abs. 3 KrO NRW): revocation is then barred' })
  @IsOptional()
  @IsBoolean()
  thirdPartyRightsArisen?: boolean;
}

export class ReasonDto {
  @ApiProperty({ example: 'Landesprogramm eingestellt' })
  @Text('reason', 2000)
  reason!: string;
}

export class CloseDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Text('reason', 2000)
  reason?: string;
}

export class AddTaskDto {
  @ApiPropertyOptional({ example: 'T-1', description: 'Your id for the task; generated when omitted' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'taskId is 1-64 letters, digits, dots, dashes or underscores' })
  taskId?: string;

  @ApiProperty({ example: 'Weiterleitungsverträge mit den Trägern schließen' })
  @Text('title', 500)
  title!: string;

  @ApiProperty({ example: 'Kommunales Integrationszentrum' })
  @Text('owner', 200)
  owner!: string;

  @ApiProperty({ example: '2020-12-31' })
  @IsCalendarDate('dueDate')
  dueDate!: string;

  @ApiPropertyOptional({ example: '1', description: 'The adopted proposal the task implements' })
  @IsOptional()
  @Matches(PROPOSAL_KEY_PATTERN, { message: 'proposalKey is a proposal key such as 1' })
  proposalKey?: string;
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ description: 'Sachstandsbericht' })
  @IsOptional()
  @Text('report', 20_000)
  report?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text('owner', 200)
  owner?: string;

  @ApiPropertyOptional({ example: '2021-03-31' })
  @IsOptional()
  @IsCalendarDate('dueDate')
  dueDate?: string;
}


/** `status=awaitingSchedule,scheduled` and `status=a&status=b` both work. */
const list = ({ value }: { value: unknown }): unknown =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter((v) => v !== '');

export class MotionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Motions whose Beratungsfolge includes this body' })
  @IsOptional()
  @IsUUID('all', { message: 'bodyId must be the id of a body' })
  bodyId?: string;

  @ApiPropertyOptional({ description: 'Motions this body decides' })
  @IsOptional()
  @IsUUID('all', { message: 'decidingBodyId must be the id of a body' })
  decidingBodyId?: string;

  @ApiPropertyOptional({ enum: MOTION_STATUSES, isArray: true, description: 'One or more, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(MOTION_STATUSES, { each: true })
  status?: MotionStatus[];

  @ApiPropertyOptional({ description: 'Text in the reference or title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ImplementationQueryDto {
  @ApiPropertyOptional({ description: 'Only motions decided by this body' })
  @IsOptional()
  @IsUUID('all', { message: 'bodyId must be the id of a body' })
  bodyId?: string;
}
