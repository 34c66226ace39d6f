import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  kenntnisnahmeStatus,
  statusOf,
  taskState,
  type Consultation,
  type ImplementationTask,
  type MotionContext,
  type ProposalVersion,
} from '../../../workflows/motion';
import { toBerlinIso } from '../../common/berlin-time';
import type { NextStep } from '../../engine/commands';
import type { InstanceRecord } from '../../engine/types';
import { NextStepDto } from '../../common/openapi';
import { OUTLINE_SECTIONS, type OutlineSection, type OutlineView } from '../visibility';
import { DATE_PATTERN } from '../../common/patterns';

/** Response DTOs for motions: the machine context mapped to Berlin times and plain lists. */

/** A stored instant shown in Europe/Berlin; a calendar date stays as it is. */
export function berlin(value: string): string;
export function berlin(value: string | null): string | null;
export function berlin(value: string | null): string | null {
  if (value === null || DATE_PATTERN.test(value)) return value;
  return toBerlinIso(new Date(value));
}

const WITHHELD = 'null when the section is non-public and withheld from you (then `hidden` is true)';

export class OutlineViewDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: WITHHELD }) problemAndSolution?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: WITHHELD }) alternatives?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: WITHHELD }) impacts?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: WITHHELD }) competence?: string | null;
  @ApiProperty({ enum: OUTLINE_SECTIONS, isArray: true, description: 'Sections in the nichtöffentlicher Teil' }) nonPublicSections!: OutlineSection[];
  @ApiProperty({ description: 'true: the texts of the non-public sections are withheld from your role' }) hidden!: boolean;
}

export class LegalBasisDto {
  @ApiProperty() citation!: string;
  @ApiProperty({ type: [String], nullable: true, description: 'Set when only bodies of these kinds may decide' }) competentBodyKinds!: string[] | null;
  @ApiProperty({ example: 'simple' }) majority!: string;
}

export class VersionOriginDto {
  @ApiProperty({ enum: ['administration', 'body'] }) by!: string;
  @ApiPropertyOptional() consultationNo?: number;
  @ApiPropertyOptional() bodyId?: string;
  @ApiPropertyOptional() bodyName?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) meetingId?: string | null;
}

export class ProposalVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ type: VersionOriginDto }) origin!: VersionOriginDto;
  @ApiProperty({ nullable: true, type: String }) at!: string | null;
  @ApiProperty({ description: 'Put before a body; never changed, only followed by new versions' }) released!: boolean;
}

export class ProposalDto {
  @ApiProperty() key!: string;
  @ApiProperty({ type: LegalBasisDto }) legalBasis!: LegalBasisDto;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ description: 'The current version’s text' }) text!: string;
  @ApiProperty({ type: [ProposalVersionDto], description: 'Every version, oldest first' }) versions!: ProposalVersionDto[];
}

// selection has a StepDto too: one schema name each, or the OpenAPI document keeps only one of them
@ApiSchema({ name: 'MotionStepDto' })
export class StepDto {
  @ApiProperty() index!: number;
  @ApiProperty() bodyId!: string;
  @ApiProperty() bodyName!: string;
  @ApiProperty() bodyKind!: string;
  @ApiProperty({ enum: ['vorberatung', 'entscheidung', 'kenntnisnahme', 'anhoerung'] }) role!: string;
  @ApiProperty({ description: 'The step the motion is at' }) current!: boolean;
}

export class VoteCountDto {
  @ApiProperty() ja!: number;
  @ApiProperty() nein!: number;
  @ApiProperty() enthaltung!: number;
  @ApiProperty() befangen!: number;
}

export class AttendanceFactDto {
  @ApiProperty() present!: number;
  @ApiProperty() statutoryMembers!: number;
}

export class ProposalResultDto {
  @ApiProperty() proposalKey!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: VoteCountDto, nullable: true }) votes!: VoteCountDto | null;
  @ApiProperty({ description: 'The version the body deliberated on' }) deliberatedVersion!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The version an amendment created' }) newVersion!: number | null;
}

export class NamedPersonDto {
  @ApiProperty() personId!: string;
  @ApiProperty() name!: string;
}

export class ConsultationDto {
  @ApiProperty() no!: number;
  @ApiProperty() stepIndex!: number;
  @ApiProperty() bodyId!: string;
  @ApiProperty() bodyName!: string;
  @ApiProperty() bodyKind!: string;
  @ApiProperty({ description: 'Step role, or dringlichkeitsentscheidung / genehmigung / aufhebung' }) role!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when the item is non-public and withheld from you' }) meetingId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The agenda item’s position; null without an item or when withheld from you' }) agendaPosition!: number | null;
  @ApiProperty({ description: 'The agenda item is nichtöffentlich: roles that may not see such items get no meeting, position or votes' }) nonPublic!: boolean;
  @ApiProperty({ nullable: true, type: String }) meetingStart!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The Berlin day the invitation carrying this item went out; null until the meeting’s invitation is sent' })
  invitationDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) urgentInvitationReason!: string | null;
  @ApiProperty({ enum: ['scheduled', 'held', 'removed'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) scheduledAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) heldAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) removedReason!: string | null;
  @ApiProperty({ type: AttendanceFactDto, nullable: true }) attendance!: AttendanceFactDto | null;
  @ApiProperty({ type: [ProposalResultDto] }) results!: ProposalResultDto[];
  @ApiProperty({ type: VoteCountDto, nullable: true, description: 'A single vote on the whole item (Genehmigung, Aufhebung)' }) vote!: VoteCountDto | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: [NamedPersonDto], nullable: true, description: 'An urgent decision outside a meeting: the Landrat and the member of the Kreisausschuss' })
  decidedBy!: NamedPersonDto[] | null;
}

@ApiSchema({ name: 'MotionCosignatureDto' })
export class CosignatureDto {
  @ApiProperty() department!: string;
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiPropertyOptional() reason?: string;
}

export class DecisionOutcomeDto {
  @ApiProperty() proposalKey!: string;
  @ApiProperty({ enum: ['adopted', 'adoptedWithAmendment', 'rejected'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The proposal version the decision adopted (after an amendment: the amended one); null when rejected' })
  adoptedVersion!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'The adopted version’s text; null when rejected' }) adoptedText!: string | null;
}

export class DecisionDto {
  @ApiProperty() consultationNo!: number;
  @ApiProperty() bodyId!: string;
  @ApiProperty() bodyName!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ description: 'Dringlichkeitsentscheidung (§ 50 Abs. 3 KrO NRW)' }) urgent!: boolean;
  @ApiProperty({ type: [DecisionOutcomeDto] }) outcomes!: DecisionOutcomeDto[];
  @ApiProperty({ nullable: true, type: Number }) approvalConsultationNo!: number | null;
  @ApiProperty({ type: [NamedPersonDto], nullable: true, description: 'The Landrat’s urgent decision: who decided' }) decidedBy!: NamedPersonDto[] | null;
}

export class TaskReportDto {
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) text!: string | null;
}

export class TaskDto {
  @ApiProperty() taskId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() owner!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ nullable: true, type: String }) proposalKey!: string | null;
  @ApiProperty({ enum: ['open', 'inProgress', 'done', 'cancelled'] }) status!: string;
  @ApiProperty({ enum: ['onTrack', 'overdue', 'done', 'cancelled'], description: 'By the clock now' }) state!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) overdueSince!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: [TaskReportDto] }) reports!: TaskReportDto[];

  static from(t: ImplementationTask, now: Date): TaskDto {
    return {
      taskId: t.taskId,
      title: t.title,
      owner: t.owner,
      dueDate: t.dueDate,
      proposalKey: t.proposalKey,
      status: t.status,
      state: taskState(t, now.toISOString()),
      createdAt: berlin(t.createdAt),
      overdueSince: berlin(t.overdueSince),
      completedAt: berlin(t.completedAt),
      reports: t.reports.map((r) => ({ at: berlin(r.at), by: r.by, status: r.status, text: r.text })),
    };
  }
}

export class DraftReturnDto {
  @ApiProperty() reason!: string;
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ type: [String], description: 'Departments whose co-signatures the return voided' }) voidedCosignatures!: string[];
}

export class NoteDto {
  @ApiProperty() reason!: string;
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
}

export class KenntnisnahmeDto {
  @ApiProperty() stepIndex!: number;
  @ApiProperty() bodyId!: string;
  @ApiProperty() bodyName!: string;
  @ApiProperty() noted!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The meeting it is on now' }) meetingId!: string | null;
}

/** Another motion, named by id and reference. */
export class MotionLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SV-9-1600' }) reference!: string;
}

export class MotionDto {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ type: MotionLinkDto, nullable: true, description: 'The withdrawn motion whose subject this one submits again (a follow-up); null for a new subject' })
  predecessor!: MotionLinkDto | null;
  @ApiProperty({ type: MotionLinkDto, nullable: true, description: 'For a withdrawn motion: the follow-up that submits its subject again, once there is one' })
  successor!: MotionLinkDto | null;
  @ApiProperty() title!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ type: [String] }) requiredCosigners!: string[];
  @ApiProperty({ type: OutlineViewDto }) outline!: OutlineViewDto;
  @ApiProperty({ description: 'Machine state value' }) state!: unknown;
  @ApiProperty({ example: 'awaitingSchedule', description: 'The state in one word' }) status!: string;
  @ApiProperty({ description: 'Events applied so far' }) version!: number;
  @ApiProperty({ type: [ProposalDto] }) proposals!: ProposalDto[];
  @ApiProperty({ type: [StepDto], description: 'The Beratungsfolge' }) steps!: StepDto[];
  @ApiProperty({ type: [CosignatureDto] }) cosignatures!: CosignatureDto[];
  @ApiProperty({ type: [CosignatureDto] }) cosignRefusals!: CosignatureDto[];
  @ApiProperty({ type: [DraftReturnDto], description: 'Returns from co-signing to draft' }) draftReturns!: DraftReturnDto[];
  @ApiProperty({ nullable: true, type: String }) releasedAt!: string | null;
  @ApiProperty({ type: [ConsultationDto], description: 'The consultation record, in order' }) consultations!: ConsultationDto[];
  @ApiProperty({ type: [KenntnisnahmeDto] }) kenntnisnahme!: KenntnisnahmeDto[];
  @ApiProperty({ type: DecisionDto, nullable: true }) decision!: DecisionDto | null;
  @ApiProperty({ type: [TaskDto] }) tasks!: TaskDto[];
  @ApiProperty({ type: NoteDto, nullable: true }) withdrawal!: NoteDto | null;
  @ApiProperty({ type: NoteDto, nullable: true }) closing!: NoteDto | null;
  @ApiProperty({ type: [NextStepDto], description: 'What the state allows, each allowed or blocked with a reason' }) nextSteps!: NextStepDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  /** `outline` comes from visibility.ts, shaped for the caller's role. */
  static from(instance: InstanceRecord, nextSteps: NextStep[], now: Date, outline: OutlineView, successor: MotionLinkDto | null = null): MotionDto {
    const c = instance.context as MotionContext;
    const note = (n: { reason: string; at: string; by: string } | null): NoteDto | null => n && { reason: n.reason, at: berlin(n.at), by: n.by };
    return {
      id: instance.id,
      reference: c.reference,
      predecessor: c.predecessor ? { id: c.predecessor.id, reference: c.predecessor.reference } : null,
      successor,
      title: c.title,
      department: c.department,
      requiredCosigners: c.requiredCosigners,
      outline,
      state: instance.state,
      status: statusOf(instance.state),
      version: instance.version,
      proposals: c.proposals.map((p) => ({
        key: p.key,
        legalBasis: { citation: p.legalBasis.citation, competentBodyKinds: p.legalBasis.competentBodyKinds ?? null, majority: p.legalBasis.majority ?? 'simple' },
        currentVersion: p.versions[p.versions.length - 1]?.version ?? 0,
        text: p.versions[p.versions.length - 1]?.text ?? '',
        versions: p.versions.map(versionDto),
      })),
      steps: c.steps.map((s, index) => ({ index, ...s, current: index === c.currentStepIndex })),
      cosignatures: c.cosignatures.map((s) => ({ department: s.department, at: berlin(s.at), by: s.by })),
      cosignRefusals: c.cosignRefusals.map((s) => ({ department: s.department, at: berlin(s.at), by: s.by, reason: s.reason })),
      draftReturns: (c.draftReturns ?? []).map((r) => ({ ...r, at: berlin(r.at) })),
      releasedAt: berlin(c.releasedAt),
      consultations: c.consultations.map(consultationDto),
      kenntnisnahme: kenntnisnahmeStatus(c),
      decision: c.decision && {
        consultationNo: c.decision.consultationNo,
        bodyId: c.decision.bodyId,
        bodyName: c.decision.bodyName,
        at: berlin(c.decision.at),
        urgent: c.decision.urgent,
        outcomes: Object.entries(c.decision.outcomes).map(([proposalKey, outcome]) => {
          // decisions logged before the adopted texts were recorded have none
          const adopted = c.decision!.adopted?.[proposalKey];
          return { proposalKey, outcome, adoptedVersion: adopted?.version ?? null, adoptedText: adopted?.text ?? null };
        }),
        approvalConsultationNo: c.decision.approvalConsultationNo,
        decidedBy: c.decision.decidedBy ?? null,
      },
      tasks: c.tasks.map((t) => TaskDto.from(t, now)),
      withdrawal: note(c.withdrawal),
      closing: note(c.closing),
      nextSteps,
      createdAt: toBerlinIso(instance.createdAt),
      updatedAt: toBerlinIso(instance.updatedAt),
    };
  }
}

function versionDto(v: ProposalVersion): ProposalVersionDto {
  return { version: v.version, text: v.text, origin: v.origin, at: berlin(v.at), released: v.released };
}

function consultationDto(x: Consultation): ConsultationDto {
  return {
    no: x.no,
    stepIndex: x.stepIndex,
    bodyId: x.bodyId,
    bodyName: x.bodyName,
    bodyKind: x.bodyKind,
    role: x.role,
    meetingId: x.meetingId,
    agendaPosition: null,
    nonPublic: false,
    meetingStart: berlin(x.meetingStart),
    invitationDate: x.invitationDate,
    urgentInvitationReason: x.urgentInvitationReason,
    status: x.status,
    scheduledAt: berlin(x.scheduledAt),
    heldAt: berlin(x.heldAt),
    removedReason: x.removedReason,
    attendance: x.attendance,
    results: Object.entries(x.results ?? {}).map(([proposalKey, r]) => ({ proposalKey, ...r })),
    vote: x.vote,
    reason: x.reason,
    decidedBy: x.decidedBy ?? null,
  };
}

export class MotionSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() department!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) decidingBodyId!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidingBodyName!: string | null;
  @ApiProperty({ nullable: true, type: String }) currentBodyId!: string | null;
  @ApiProperty({ nullable: true, type: String }) currentBodyName!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class MotionPageDto {
  @ApiProperty({ type: [MotionSummaryDto] }) items!: MotionSummaryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class OverdueTaskDto {
  @ApiProperty() motionId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) decidingBodyId!: string | null;
  @ApiProperty({ type: TaskDto }) task!: TaskDto;
}

export class ImplementationReportDto {
  @ApiProperty() bodyId!: string;
  @ApiProperty() bodyName!: string;
  @ApiProperty({ description: 'Decided motions with implementation tasks' }) motions!: number;
  @ApiProperty() onTrack!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() done!: number;
  @ApiProperty() cancelled!: number;
}
