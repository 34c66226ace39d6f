import { ApiProperty } from '@nestjs/swagger';
import { NextStepDto } from '../../common/openapi';

/** Response DTOs for a procedure: the machine context as exact decimals and Berlin times (selection.view.ts maps them). */

export class CriterionDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '40.00', description: 'Percent of the 100 points' }) weight!: string;
}

export class DeclarationDto {
  @ApiProperty({ example: 'D-1' }) declarationId!: string;
  @ApiProperty() providerId!: string;
  @ApiProperty() providerName!: string;
  @ApiProperty() concept!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ type: [String] }) municipalities!: string[];
  @ApiProperty({ description: 'Received after the deadline' }) late!: boolean;
  @ApiProperty({ description: 'Takes part in evaluation and selection' }) admitted!: boolean;
  @ApiProperty() recordedAt!: string;
}

export class ConflictDto {
  @ApiProperty() evaluatorId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who declared it; null in records from before the name was asked' }) evaluatorName!: string | null;
  @ApiProperty() providerId!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() declaredAt!: string;
  @ApiProperty({ description: 'Scores of this evaluator for the provider that were withdrawn' }) withdrawnScores!: number;
}

export class ScoreDto {
  @ApiProperty() declarationId!: string;
  @ApiProperty() criterionKey!: string;
  @ApiProperty() evaluatorId!: string;
  @ApiProperty() points!: number;
  @ApiProperty() comment!: string;
  @ApiProperty() scoredAt!: string;
}

export class TalkDto {
  @ApiProperty() declarationId!: string;
  @ApiProperty() providerId!: string;
  @ApiProperty() date!: string;
  @ApiProperty({ type: [String] }) participants!: string[];
  @ApiProperty() resultNote!: string;
  @ApiProperty() recordedAt!: string;
}

export class ProviderRefDto {
  @ApiProperty() providerId!: string;
  @ApiProperty() providerName!: string;
}

export class AllocationDto extends ProviderRefDto {
  @ApiProperty() municipality!: string;
  @ApiProperty({ example: '0.50' }) fte!: string;
}

export class SelectionDecisionDto {
  @ApiProperty({ type: [ProviderRefDto] }) selected!: ProviderRefDto[];
  @ApiProperty({ description: 'The selection does not follow the computed ranking' }) deviates!: boolean;
  @ApiProperty({ description: 'A provider tied on the weighted total with a selected one was left out (tie-break)' }) tieBroken!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why the selection deviates from the ranking or breaks a tie' }) deviationReason!: string | null;
  @ApiProperty({ type: [AllocationDto] }) allocation!: AllocationDto[];
  @ApiProperty({ nullable: true, type: [String], description: 'Pilot municipalities; null when the whole area is covered' }) pilotMunicipalities!: string[] | null;
  @ApiProperty({ example: '1.00', description: 'FTE available but not allocated in the allocation in force (a pilot phase before its roll-out)' }) fteUnallocated!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ nullable: true, type: () => RollOutDto, description: 'After a pilot phase: the roll-out to the whole area; null before it or without a pilot' })
  rollOut!: RollOutDto | null;
}

export class RollOutDto {
  @ApiProperty({ type: [AllocationDto] }) allocation!: AllocationDto[];
  @ApiProperty() decidedAt!: string;
  @ApiProperty() decidedBy!: string;
}

export class CommitteeDto {
  @ApiProperty() bodyId!: string;
  @ApiProperty({ nullable: true, type: String }) meetingId!: string | null;
  @ApiProperty() date!: string;
  @ApiProperty() recordedAt!: string;
}

export class StaffingEntryDto {
  @ApiProperty() providerId!: string;
  @ApiProperty({ example: '0.50' }) fte!: string;
  @ApiProperty({ example: '2020-05-01' }) from!: string;
  @ApiProperty({ enum: ['staffed', 'recruiting'] }) status!: string;
  @ApiProperty() recordedAt!: string;
}

export class ProviderStaffingDto extends ProviderRefDto {
  @ApiProperty({ example: '1.50', description: 'Allocated FTE' }) fte!: string;
  @ApiProperty({ example: '0.50' }) staffed!: string;
  @ApiProperty({ example: '1.00', description: 'Allocated but not yet staffed' }) open!: string;
  @ApiProperty({ type: [StaffingEntryDto] }) entries!: StaffingEntryDto[];
}

export class ClosingDto {
  @ApiProperty() reason!: string;
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
}

export class ProcedureDto {
  @ApiProperty() id!: string;
  @ApiProperty() programme!: string;
  @ApiProperty({ example: 'VI' }) module!: string;
  @ApiProperty() title!: string;
  @ApiProperty() callText!: string;
  @ApiProperty() deadline!: string;
  @ApiProperty({ type: [CriterionDto] }) criteria!: CriterionDto[];
  @ApiProperty() scaleMax!: number;
  @ApiProperty() requiredEvaluators!: number;
  @ApiProperty({ example: '1.50' }) fteAvailable!: string;
  @ApiProperty({ type: [String] }) municipalities!: string[];
  @ApiProperty({ example: 'evaluation' }) state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) status!: string;
  @ApiProperty({ description: 'Events applied so far' }) version!: number;
  @ApiProperty({ description: 'The deadline has passed while the call is open: the next command closes it first' }) closeDue!: boolean;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ nullable: true, enum: ['timer', 'command'] }) closedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) evaluationStartedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) talksStartedAt!: string | null;
  @ApiProperty({ type: [DeclarationDto] }) declarations!: DeclarationDto[];
  @ApiProperty({ type: [ConflictDto] }) conflicts!: ConflictDto[];
  @ApiProperty({ type: [ScoreDto] }) scores!: ScoreDto[];
  @ApiProperty({ type: [TalkDto] }) talks!: TalkDto[];
  @ApiProperty({ nullable: true, type: SelectionDecisionDto }) selection!: SelectionDecisionDto | null;
  @ApiProperty({ nullable: true, type: CommitteeDto }) committee!: CommitteeDto | null;
  @ApiProperty({ type: [ProviderStaffingDto], description: 'Per selected provider: allocated, staffed, open' }) staffing!: ProviderStaffingDto[];
  @ApiProperty({ nullable: true, type: ClosingDto }) cancellation!: ClosingDto | null;
  @ApiProperty({ nullable: true, type: ClosingDto }) noSuitableDeclaration!: ClosingDto | null;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: [NextStepDto], description: 'What the office can do next, each allowed or blocked with its reason' }) nextSteps!: NextStepDto[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ProcedureSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() programme!: string;
  @ApiProperty({ example: 'VI' }) module!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'receiving' }) state!: string;
  @ApiProperty() deadline!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ProcedurePageDto {
  @ApiProperty({ type: [ProcedureSummaryDto] }) items!: ProcedureSummaryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
