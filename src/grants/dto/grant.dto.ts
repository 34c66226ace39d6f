import { ApiProperty } from '@nestjs/swagger';
import { contractsByProvider, deadlines, financingTable, isEndangered, type ForwardingContract, type GrantContext, type GrantStateValue } from '../../../workflows/grant';
import { toBerlinIso } from '../../common/berlin-time';
import { NextStepDto } from '../../common/openapi';
import type { NextStep } from '../../engine/commands';
import type { InstanceRecord } from '../../engine/types';
import { toDecimal } from '../money';
import { PeriodDto } from './create-grant.dto';

/** Responses of the grants API: money as decimal strings, instants in Europe/Berlin, dates YYYY-MM-DD. */

const berlin = (iso: string): string => toBerlinIso(new Date(iso));
const berlinOrNull = (iso: string | null): string | null => (iso === null ? null : berlin(iso));

export class FinancingRowDto {
  @ApiProperty() year!: number;
  @ApiProperty({ example: '514500.00' }) totalCost!: string;
  @ApiProperty({ example: '411600.00' }) stateShare!: string;
  @ApiProperty({ example: '102900.00' }) ownShare!: string;
  @ApiProperty() sourceKey!: string;
  @ApiProperty() sourceName!: string;
  @ApiProperty({ example: '2021-11-30' }) spendBy!: string;
  @ApiProperty({ description: 'Planned subject to the budget (vorbehaltlich der Haushaltsberatungen)' }) conditional!: boolean;
  @ApiProperty({ description: 'Conditional and no budget decision recorded: the own share cannot be spent yet' }) blocked!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'motion or budget, once recorded' }) budgetDecisionSource!: string | null;
  @ApiProperty({ nullable: true, type: String }) budgetDecisionRef!: string | null;
  @ApiProperty({ example: '13500.00' }) spent!: string;
  @ApiProperty({ example: '0.00' }) remaining!: string;

  static list(c: GrantContext): FinancingRowDto[] {
    return financingTable(c).map((r) => ({
      year: r.year,
      totalCost: toDecimal(r.totalCostCents),
      stateShare: toDecimal(r.stateShareCents),
      ownShare: toDecimal(r.ownShareCents),
      sourceKey: r.sourceKey,
      sourceName: r.sourceName,
      spendBy: r.spendBy,
      conditional: r.conditional,
      blocked: r.blocked,
      budgetDecisionSource: r.budgetAdoption?.source ?? null,
      budgetDecisionRef: r.budgetAdoption?.ref ?? null,
      spent: toDecimal(r.spentCents),
      remaining: toDecimal(r.remainingCents),
    }));
  }
}

export class ContractViewDto {
  @ApiProperty() contractId!: string;
  @ApiProperty() providerId!: string;
  @ApiProperty() providerName!: string;
  @ApiProperty() module!: string;
  @ApiProperty({ example: '25000.00' }) amount!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: [String], description: 'The approval notice’s conditions, then the contract’s own' }) conditions!: string[];
  @ApiProperty({ enum: ['approval', 'earlyStart'], description: 'What allowed concluding it' }) basis!: string;
  @ApiProperty({ example: '2020-08-17' }) concludedOn!: string;

  static from(c: ForwardingContract): ContractViewDto {
    const { contractId, providerId, providerName, module, period, conditions, basis, concludedOn } = c;
    return { contractId, providerId, providerName, module, amount: toDecimal(c.amountCents), period, conditions, basis, concludedOn };
  }
}

export class ProviderContractsDto {
  @ApiProperty() providerId!: string;
  @ApiProperty() providerName!: string;
  @ApiProperty({ example: '85000.00' }) total!: string;
  @ApiProperty({ type: [ContractViewDto] }) contracts!: ContractViewDto[];

  static list(c: GrantContext): ProviderContractsDto[] {
    return contractsByProvider(c).map((p) => ({ providerId: p.providerId, providerName: p.providerName, total: toDecimal(p.totalCents), contracts: p.contracts.map((x) => ContractViewDto.from(x)) }));
  }
}

export class EarlyStartViewDto {
  @ApiProperty({ example: '2020-08-17' }) date!: string;
  @ApiProperty({ type: [String] }) modules!: string[];
  @ApiProperty({ type: [String], nullable: true, description: 'null: every provider of the modules' }) providerIds!: string[] | null;
  @ApiProperty() description!: string;
  @ApiProperty() recordedAt!: string;
}

export class MeasureStartViewDto {
  @ApiProperty() providerId!: string;
  @ApiProperty() module!: string;
  @ApiProperty({ example: '2020-08-17' }) startedAt!: string;
  @ApiProperty({ nullable: true, enum: ['approval', 'earlyStart'], description: 'null: nothing allowed the start (the grant is endangered)' }) coveredBy!: string | null;
  @ApiProperty() recordedAt!: string;
}

export class EndangermentDto {
  @ApiProperty({ example: 'GRANT.MEASURE_ENDANGERS_GRANT' }) code!: string;
  @ApiProperty() providerId!: string;
  @ApiProperty() module!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() recordedAt!: string;
}

export class ApprovalViewDto {
  @ApiProperty({ example: '2020-10-01' }) date!: string;
  @ApiProperty() fileNumber!: string;
  @ApiProperty({ example: '465600.00' }) approvedAmount!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: [String] }) conditions!: string[];
  @ApiProperty({ nullable: true, type: String }) proofOfUseDue!: string | null;
  @ApiProperty() recordedAt!: string;
}

export class NoteViewDto {
  @ApiProperty({ nullable: true, type: String, description: 'Date of the notice (rejections)' }) date!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty() recordedAt!: string;
}

export class BudgetAdoptionViewDto {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['motion', 'budget'] }) source!: string;
  @ApiProperty() ref!: string;
  @ApiProperty() recordedAt!: string;
}

export class SpendingViewDto {
  @ApiProperty() year!: number;
  @ApiProperty({ example: '13500.00' }) amount!: string;
  @ApiProperty({ example: '2020-12-15' }) spentOn!: string;
  @ApiProperty() recordedAt!: string;
}

export class FundCallViewDto {
  @ApiProperty() callId!: string;
  @ApiProperty({ example: '150000.00' }) amount!: string;
  @ApiProperty({ example: '2020-11-02' }) date!: string;
  @ApiProperty() recordedAt!: string;
}

export class ProofOfUseViewDto {
  @ApiProperty({ example: '2022-05-31' }) date!: string;
  @ApiProperty() documentRef!: string;
  @ApiProperty() recordedAt!: string;
}

export class GrantDeadlineDto {
  @ApiProperty({ example: 'spendBy:integrationspauschale' }) name!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ example: '2021-11-30' }) dueDate!: string;
  @ApiProperty({ example: '2021-12-01T00:00:00.000+01:00', description: 'When the deadline is reached (end of the due day), Europe/Berlin' }) dueAt!: string;
  @ApiProperty({ enum: ['pending', 'reached', 'cancelled'] }) status!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

/** Endpoint (below /grants/{id}/) of each step; EDIT_APPLICATION has none yet (the application is fixed at creation). */
export class GrantDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['drafted', 'submitted', 'approved', 'contracting', 'fundsCalled', 'proofSubmitted', 'closed', 'rejected', 'withdrawn'] }) state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) status!: string;
  @ApiProperty({ description: 'Number of events applied' }) version!: number;
  @ApiProperty() programme!: string;
  @ApiProperty({ type: [String] }) modules!: string[];
  @ApiProperty() grantingAuthority!: string;
  @ApiProperty({ example: '582000.00' }) eligibleCost!: string;
  @ApiProperty({ example: '465600.00' }) requested!: string;
  @ApiProperty({ type: PeriodDto }) fundingPeriod!: PeriodDto;
  @ApiProperty({ nullable: true, type: String }) proofOfUseDue!: string | null;
  @ApiProperty({ type: [FinancingRowDto] }) financing!: FinancingRowDto[];
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ type: [EarlyStartViewDto] }) earlyStarts!: EarlyStartViewDto[];
  @ApiProperty({ type: [MeasureStartViewDto] }) measureStarts!: MeasureStartViewDto[];
  @ApiProperty({ description: 'A measure started without approval or early-start approval' }) endangered!: boolean;
  @ApiProperty({ type: [EndangermentDto] }) endangerments!: EndangermentDto[];
  @ApiProperty({ type: ApprovalViewDto, nullable: true }) approval!: ApprovalViewDto | null;
  @ApiProperty({ type: NoteViewDto, nullable: true }) rejection!: NoteViewDto | null;
  @ApiProperty({ type: NoteViewDto, nullable: true }) withdrawal!: NoteViewDto | null;
  @ApiProperty({ type: [ContractViewDto] }) contracts!: ContractViewDto[];
  @ApiProperty({ example: '465600.00' }) contracted!: string;
  @ApiProperty({ type: [BudgetAdoptionViewDto] }) budgetAdoptions!: BudgetAdoptionViewDto[];
  @ApiProperty({ type: [SpendingViewDto] }) ownShareSpendings!: SpendingViewDto[];
  @ApiProperty({ type: [FundCallViewDto] }) fundCalls!: FundCallViewDto[];
  @ApiProperty({ type: ProofOfUseViewDto, nullable: true }) proofOfUse!: ProofOfUseViewDto | null;
  @ApiProperty({ type: [GrantDeadlineDto] }) deadlines!: GrantDeadlineDto[];
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: [NextStepDto], description: 'What can be done next, each allowed or blocked with its reason' }) nextSteps!: NextStepDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(instance: InstanceRecord, nextSteps: NextStep[]): GrantDto {
    const c = instance.context as GrantContext;
    const a = c.application;
    return {
      id: instance.id,
      state: instance.state as GrantStateValue,
      status: instance.status,
      version: instance.version,
      programme: a.programme,
      modules: a.modules,
      grantingAuthority: a.grantingAuthority,
      eligibleCost: toDecimal(a.eligibleCostCents),
      requested: toDecimal(a.requestedCents),
      fundingPeriod: a.fundingPeriod,
      proofOfUseDue: a.proofOfUseDue,
      financing: FinancingRowDto.list(c),
      submittedAt: berlinOrNull(c.submittedAt),
      earlyStarts: c.earlyStarts.map((e) => ({ date: e.date, ...e.scope, recordedAt: berlin(e.recordedAt) })),
      measureStarts: c.measureStarts.map((m) => ({ ...m, recordedAt: berlin(m.recordedAt) })),
      endangered: isEndangered(c),
      endangerments: c.endangerments.map((e) => ({ ...e, recordedAt: berlin(e.recordedAt) })),
      approval: c.approval && {
        date: c.approval.date,
        fileNumber: c.approval.fileNumber,
        approvedAmount: toDecimal(c.approval.approvedCents),
        period: c.approval.period,
        conditions: c.approval.conditions,
        proofOfUseDue: c.approval.proofOfUseDue,
        recordedAt: berlin(c.approval.recordedAt),
      },
      rejection: c.rejection && { ...c.rejection, recordedAt: berlin(c.rejection.recordedAt) },
      withdrawal: c.withdrawal && { date: null, reason: c.withdrawal.reason, recordedAt: berlin(c.withdrawal.recordedAt) },
      contracts: c.contracts.map((x) => ContractViewDto.from(x)),
      contracted: toDecimal(c.contracts.reduce((sum, x) => sum + x.amountCents, 0)),
      budgetAdoptions: c.budgetAdoptions.map((b) => ({ ...b, recordedAt: berlin(b.recordedAt) })),
      ownShareSpendings: c.ownShareSpendings.map((s) => ({ year: s.year, amount: toDecimal(s.amountCents), spentOn: s.spentOn, recordedAt: berlin(s.recordedAt) })),
      fundCalls: c.fundCalls.map((f) => ({ callId: f.callId, amount: toDecimal(f.amountCents), date: f.date, recordedAt: berlin(f.recordedAt) })),
      proofOfUse: c.proofOfUse && { ...c.proofOfUse, recordedAt: berlin(c.proofOfUse.recordedAt) },
      deadlines: deadlines(c).map((d) => ({ ...d, dueAt: berlin(d.dueAt) })),
      closedAt: berlinOrNull(c.closedAt),
      nextSteps,
      createdAt: toBerlinIso(instance.createdAt),
      updatedAt: toBerlinIso(instance.updatedAt),
    };
  }
}

export class GrantSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() programme!: string;
  @ApiProperty({ type: [String] }) modules!: string[];
  @ApiProperty() grantingAuthority!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ example: '465600.00' }) requested!: string;
  @ApiProperty({ nullable: true, type: String, example: '465600.00' }) approved!: string | null;
  @ApiProperty({ example: '465600.00' }) contracted!: string;
  @ApiProperty() endangered!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class GrantPageDto {
  @ApiProperty({ type: [GrantSummaryDto] }) items!: GrantSummaryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
