import { ApiProperty } from '@nestjs/swagger';
import { allowedSteps, formatHundredths, isCloseDue, staffingOverview, type SelectionContext, type SelectionSnapshot } from '../../workflows/selection';
import { toBerlinIso } from '../common/berlin-time';
import { COMMAND_PATHS, type CommandRoute } from './commands';
import type { ProcedureProjectionEntity } from './entities';
import { DATE_PATTERN } from './patterns';

/** Response DTOs for a procedure: the machine context mapped to exact decimals and Berlin times. */

/** A stored instant shown in Europe/Berlin; a calendar date stays as it is. */
export function berlin(value: string): string;
export function berlin(value: string | null): string | null;
export function berlin(value: string | null): string | null {
  if (value === null || DATE_PATTERN.test(value)) return value;
  return toBerlinIso(new Date(value));
}

export class ViolationDto {
  @ApiProperty({ example: 'SELECTION.SCORING_INCOMPLETE' }) code!: string;
  @ApiProperty() message!: string;
}

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
  @ApiProperty({ nullable: true, type: String }) deviationReason!: string | null;
  @ApiProperty({ type: [AllocationDto] }) allocation!: AllocationDto[];
  @ApiProperty({ nullable: true, type: [String], description: 'Pilot municipalities; null when the whole area is covered' }) pilotMunicipalities!: string[] | null;
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

export class StepDto {
  @ApiProperty({ example: 'START_TALKS' }) type!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/selection/procedures/{id}/start-talks' }) endpoint!: string;
  @ApiProperty({ description: 'Possible now (given a valid body when needsInput)' }) allowed!: boolean;
  @ApiProperty() needsInput!: boolean;
  @ApiProperty({ type: [ViolationDto], description: 'Why it is blocked; empty when allowed' }) reasons!: ViolationDto[];
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
  @ApiProperty({ type: [StepDto], description: 'What the office can do next, with the reasons a step is blocked' }) allowedSteps!: StepDto[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

/** A procedure as the engine stores it: the instance row's facts and its restored snapshot. */
export interface LoadedProcedure {
  id: string;
  version: number;
  snapshot: SelectionSnapshot;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const fte = formatHundredths;
const closing = (c: SelectionContext['cancellation']): ClosingDto | null => (c ? { reason: c.reason, at: berlin(c.at), by: c.by } : null);

/** Provider names as the register gave them when the declaration was recorded. */
export function providerNames(context: SelectionContext): (providerId: string) => string {
  const names = new Map(context.declarations.map((d) => [d.providerId, d.providerName]));
  return (providerId) => names.get(providerId) ?? providerId;
}

export function toProcedureDto(p: LoadedProcedure, now: Date): ProcedureDto {
  const c = p.snapshot.context;
  const at = now.toISOString();
  const nameOf = providerNames(c);
  const s = c.selection;
  return {
    id: p.id,
    programme: c.programme,
    module: c.module,
    title: c.title,
    callText: c.callText,
    deadline: berlin(c.deadline),
    criteria: c.criteria.map((k) => ({ key: k.key, name: k.name, weight: fte(k.weightBp) })),
    scaleMax: c.scaleMax,
    requiredEvaluators: c.requiredEvaluators,
    fteAvailable: fte(c.fteAvailableHundredths),
    municipalities: [...c.municipalities],
    state: String(p.snapshot.value),
    status: p.snapshot.status,
    version: p.version,
    closeDue: isCloseDue(p.snapshot, at),
    publishedAt: berlin(c.publishedAt),
    closedAt: berlin(c.closedAt),
    closedBy: c.closedBy,
    evaluationStartedAt: berlin(c.evaluationStartedAt),
    talksStartedAt: berlin(c.talksStartedAt),
    declarations: c.declarations.map((d) => ({ ...d, municipalities: [...d.municipalities], receivedAt: berlin(d.receivedAt), recordedAt: berlin(d.recordedAt) })),
    conflicts: c.conflicts.map((x) => ({ ...x, declaredAt: berlin(x.declaredAt) })),
    scores: c.scores.map((x) => ({ ...x, scoredAt: berlin(x.scoredAt) })),
    talks: c.talks.map((t) => ({ ...t, date: berlin(t.date), participants: [...t.participants], recordedAt: berlin(t.recordedAt) })),
    selection: s && {
      selected: s.selected.map(({ providerId }) => ({ providerId, providerName: nameOf(providerId) })),
      deviates: s.deviates,
      deviationReason: s.deviationReason,
      allocation: s.allocation.map((a) => ({ providerId: a.providerId, providerName: nameOf(a.providerId), municipality: a.municipality, fte: fte(a.fteHundredths) })),
      pilotMunicipalities: s.pilot ? [...s.pilot.municipalities] : null,
      decidedAt: berlin(s.decidedAt),
      decidedBy: s.decidedBy,
    },
    committee: c.committee && { ...c.committee, date: berlin(c.committee.date), recordedAt: berlin(c.committee.recordedAt) },
    staffing: staffingOverview(c).map((x) => ({
      providerId: x.providerId,
      providerName: x.providerName,
      fte: fte(x.fteHundredths),
      staffed: fte(x.staffedHundredths),
      open: fte(x.openHundredths),
      entries: x.entries.map((e) => ({ providerId: e.providerId, fte: fte(e.fteHundredths), from: berlin(e.from), status: e.status, recordedAt: berlin(e.recordedAt) })),
    })),
    cancellation: closing(c.cancellation),
    noSuitableDeclaration: closing(c.noSuitableDeclaration),
    completedAt: berlin(c.completedAt),
    allowedSteps: allowedSteps(p.snapshot, at).flatMap((step) => {
      const route: CommandRoute | null = COMMAND_PATHS[step.type];
      if (!route) return [];
      return [
        {
          type: step.type,
          method: route.method,
          endpoint: `/selection/procedures/${p.id}${route.path ? `/${route.path}` : ''}`,
          allowed: step.allowed,
          needsInput: step.needsInput,
          reasons: step.reasons.map((r) => ({ code: r.code, message: r.message })),
        },
      ];
    }),
    createdBy: p.createdBy,
    createdAt: toBerlinIso(p.createdAt),
    updatedAt: toBerlinIso(p.updatedAt),
  };
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

  static from(row: ProcedureProjectionEntity): ProcedureSummaryDto {
    return {
      id: row.id,
      programme: row.programme,
      module: row.module,
      title: row.title,
      state: row.state,
      deadline: toBerlinIso(row.deadline),
      createdAt: toBerlinIso(row.createdAt),
      updatedAt: toBerlinIso(row.updatedAt),
    };
  }
}

export class ProcedurePageDto {
  @ApiProperty({ type: [ProcedureSummaryDto] }) items!: ProcedureSummaryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class RecordedEventDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ example: 'RECEIVE_DECLARATION' }) type!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: Object, description: 'The facts recorded, as the machine received them' }) payload!: Record<string, unknown>;
}

export class StepResultDto {
  @ApiProperty({ type: RecordedEventDto, description: 'The event this command wrote' }) event!: RecordedEventDto;
  @ApiProperty({ description: 'The deadline had passed while the call was open: a CLOSE event was written first, in the same transaction' })
  closedAtDeadlineFirst!: boolean;
  @ApiProperty({ type: ProcedureDto, description: 'The procedure after the command' }) procedure!: ProcedureDto;
}
