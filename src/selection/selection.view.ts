import { Injectable } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import {
  allocationPhases,
  DEADLINE_TIMER,
  coverage,
  currentAllocation,
  formatHundredths,
  isCloseDue,
  ranking,
  staffingOverview,
  type Allocation,
  type SelectedProvider,
  type SelectionContext,
  type SelectionSnapshot,
} from '../../workflows/selection';
import { toBerlinIso } from '../common/berlin-time';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import type { CommandView, NextStep } from '../engine/commands';
import { EngineService } from '../engine/engine.service';
import { WorkflowRegistry } from '../engine/registry';
import type { InstanceRecord, RequestContext } from '../engine/types';
import type { ListProceduresQueryDto } from './dto/procedure-input.dto';
import type { ClosingDto, ProcedureDto, ProcedurePageDto } from './dto/procedure.dto';
import type { CoverageDto, MunicipalityCoverageDto, RankingDto, SelectedProvidersDto } from './dto/queries.dto';
import { ProgrammeDto, ProviderDto, type ProviderPageDto } from './dto/registry.dto';
import { DATE_PATTERN } from '../common/patterns';
import { SelectionRepository } from './selection.repository';

/** How the call deadline of a procedure reads on GET /deadlines (from the procedure list's read model). */
export function selectionDeadlineText(procedure: { title: string; module: string } | undefined, timer: { name: string }): { subject: string; label: string } {
  if (!procedure) return { subject: 'Interessenbekundungsverfahren', label: timer.name };
  return { subject: procedure.title, label: timer.name === DEADLINE_TIMER ? `Frist für Interessenbekundungen (Baustein ${procedure.module})` : timer.name };
}

/** The procedure as a snapshot of its machine version (for the machine's queries). */
export function procedureSnapshot(workflows: WorkflowRegistry, instance: InstanceRecord): SelectionSnapshot {
  const { machine } = workflows.get(instance.workflowType, instance.machineVersion);
  return machine.resolveState({ value: instance.state, context: instance.context }) as AnyMachineSnapshot as SelectionSnapshot;
}

/** A stored instant shown in Europe/Berlin; a calendar date stays as it is. */
function berlin(value: string): string;
function berlin(value: string | null): string | null;
function berlin(value: string | null): string | null {
  if (value === null || DATE_PATTERN.test(value)) return value;
  return toBerlinIso(new Date(value));
}

const fte = formatHundredths;
const sumFteOf = (rows: readonly { readonly fteHundredths: number }[]): number => rows.reduce((sum, r) => sum + r.fteHundredths, 0);
const closing = (c: SelectionContext['cancellation']): ClosingDto | null => (c ? { reason: c.reason, at: berlin(c.at), by: c.by } : null);

/** Provider names as the register gave them when the declaration was recorded. */
function providerNames(context: SelectionContext): (providerId: string) => string {
  const names = new Map(context.declarations.map((d) => [d.providerId, d.providerName]));
  return (providerId) => names.get(providerId) ?? providerId;
}

/**
 * How selection shows its procedures: the machine context as exact decimals and Berlin times, the same
 * view for GET and every command's answer, plus the read-only queries (ranking, coverage, lists).
 */
@Injectable()
export class SelectionView implements CommandView<ProcedureDto> {
  constructor(
    private readonly engine: EngineService,
    private readonly workflows: WorkflowRegistry,
    private readonly repository: SelectionRepository,
    private readonly clock: Clock,
  ) {}

  view(_: RequestContext, instance: InstanceRecord, nextSteps: NextStep[]): Promise<ProcedureDto> {
    return Promise.resolve(this.procedure(instance, nextSteps));
  }

  async list(ctx: RequestContext, q: ListProceduresQueryDto): Promise<ProcedurePageDto> {
    const page = await this.repository.listProcedures(ctx, q);
    return {
      ...page,
      items: page.items.map((row) => ({
        id: row.id,
        programme: row.programme,
        module: row.module,
        title: row.title,
        state: row.state,
        deadline: toBerlinIso(row.deadline),
        createdAt: toBerlinIso(row.createdAt),
        updatedAt: toBerlinIso(row.updatedAt),
      })),
    };
  }

  /** Weighted totals computed from the scores, per-criterion means, ties shown as ties. */
  async ranking(ctx: RequestContext, id: string): Promise<RankingDto> {
    const c = (await this.load(ctx, id)).context as SelectionContext;
    return {
      procedureId: id,
      module: c.module,
      scaleMax: c.scaleMax,
      requiredEvaluators: c.requiredEvaluators,
      criteria: c.criteria.map((k) => ({ key: k.key, name: k.name, weight: fte(k.weightBp) })),
      rows: ranking(c).map((r) => ({
        rank: r.rank,
        tied: r.tied,
        complete: r.complete,
        declarationId: r.declarationId,
        providerId: r.providerId,
        providerName: r.providerName,
        total: fte(r.totalHundredths),
        perCriterion: r.perCriterion.map((k) => ({
          criterionKey: k.criterionKey,
          name: k.name,
          weight: fte(k.weightBp),
          evaluations: k.evaluations,
          pointsSum: k.pointsSum,
          mean: k.meanHundredths === null ? null : fte(k.meanHundredths),
          weighted: fte(k.weightedHundredths),
          scores: k.scores.map((s) => ({ ...s })),
        })),
      })),
    };
  }

  /** The allocation in force as a map (municipality → providers and FTE), and every phase decided (pilot, roll-out). */
  async coverage(ctx: RequestContext, id: string): Promise<CoverageDto> {
    const c = (await this.load(ctx, id)).context as SelectionContext;
    const nameOf = providerNames(c);
    const map = (allocation: readonly Allocation[]): MunicipalityCoverageDto[] =>
      Object.entries(coverage(c, allocation)).map(([municipality, shares]) => ({
        municipality,
        covered: shares.length > 0,
        fte: fte(sumFteOf(shares)),
        providers: shares.map((s) => ({ providerId: s.providerId, providerName: nameOf(s.providerId), fte: fte(s.fteHundredths) })),
      }));
    const inForce = currentAllocation(c);
    return {
      procedureId: id,
      decided: c.selection !== null,
      fteAvailable: fte(c.fteAvailableHundredths),
      fteAllocated: fte(sumFteOf(inForce)),
      fteUnallocated: fte(c.selection ? Math.max(0, c.fteAvailableHundredths - sumFteOf(inForce)) : 0),
      pilotMunicipalities: c.selection?.pilot ? [...c.selection.pilot.municipalities] : null,
      municipalities: map(inForce),
      phases: allocationPhases(c).map((p) => ({
        phase: p.phase,
        current: p.current,
        fteAllocated: fte(p.allocatedHundredths),
        fteUnallocated: fte(p.unallocatedHundredths),
        coveredMunicipalities: [...p.municipalities],
        decidedAt: berlin(p.decidedAt),
        decidedBy: p.decidedBy,
        municipalities: map(p.allocation),
      })),
    };
  }

  selected(module: string, fact: { selectionInstanceId: string | null; decided: boolean; providers: SelectedProvider[] }): SelectedProvidersDto {
    return {
      module,
      decided: fact.decided,
      procedureId: fact.selectionInstanceId,
      providers: fact.providers.map((p) => ({ providerId: p.providerId, providerName: p.providerName, fte: fte(p.fteHundredths) })),
    };
  }

  async programmes(ctx: RequestContext): Promise<ProgrammeDto[]> {
    return (await this.repository.listProgrammes(ctx)).map((p) => ProgrammeDto.from(p.programme, p.modules));
  }

  async providers(ctx: RequestContext, page: number, pageSize: number): Promise<ProviderPageDto> {
    const found = await this.repository.listProviders(ctx, page, pageSize);
    return { ...found, items: found.items.map((p) => ProviderDto.from(p)) };
  }

  /** The procedure of the Körperschaft; 404 for anything else. */
  private async load(ctx: RequestContext, id: string): Promise<InstanceRecord> {
    const instance = await this.engine.get(ctx, id).catch((error: unknown) => {
      throw error instanceof DomainError && error.status === 404 ? notFound('Selection procedure', id) : error;
    });
    if (instance.workflowType !== 'selection') throw notFound('Selection procedure', id);
    return instance;
  }

  private procedure(instance: InstanceRecord, nextSteps: NextStep[]): ProcedureDto {
    const snapshot = procedureSnapshot(this.workflows, instance);
    const c = snapshot.context;
    const at = this.clock.now().toISOString();
    const nameOf = providerNames(c);
    const s = c.selection;
    return {
      id: instance.id,
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
      state: String(snapshot.value),
      status: snapshot.status,
      version: instance.version,
      closeDue: isCloseDue(snapshot, at),
      publishedAt: berlin(c.publishedAt),
      closedAt: berlin(c.closedAt),
      closedBy: c.closedBy,
      evaluationStartedAt: berlin(c.evaluationStartedAt),
      talksStartedAt: berlin(c.talksStartedAt),
      declarations: c.declarations.map((d) => ({ ...d, municipalities: [...d.municipalities], receivedAt: berlin(d.receivedAt), recordedAt: berlin(d.recordedAt) })),
      conflicts: c.conflicts.map((x) => ({ ...x, evaluatorName: x.evaluatorName ?? null, declaredAt: berlin(x.declaredAt) })),
      scores: c.scores.map((x) => ({ ...x, scoredAt: berlin(x.scoredAt) })),
      talks: c.talks.map((t) => ({ ...t, date: berlin(t.date), participants: [...t.participants], recordedAt: berlin(t.recordedAt) })),
      selection: s && {
        selected: s.selected.map(({ providerId }) => ({ providerId, providerName: nameOf(providerId) })),
        deviates: s.deviates,
        tieBroken: s.tieBroken ?? false,
        deviationReason: s.deviationReason,
        allocation: s.allocation.map((a) => ({ providerId: a.providerId, providerName: nameOf(a.providerId), municipality: a.municipality, fte: fte(a.fteHundredths) })),
        pilotMunicipalities: s.pilot ? [...s.pilot.municipalities] : null,
        fteUnallocated: fte(Math.max(0, c.fteAvailableHundredths - sumFteOf(currentAllocation(c)))),
        decidedAt: berlin(s.decidedAt),
        decidedBy: s.decidedBy,
        rollOut: s.rollOut
          ? {
              allocation: s.rollOut.allocation.map((a) => ({ providerId: a.providerId, providerName: nameOf(a.providerId), municipality: a.municipality, fte: fte(a.fteHundredths) })),
              decidedAt: berlin(s.rollOut.decidedAt),
              decidedBy: s.rollOut.decidedBy,
            }
          : null,
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
      nextSteps,
      createdBy: instance.createdBy,
      createdAt: toBerlinIso(instance.createdAt),
      updatedAt: toBerlinIso(instance.updatedAt),
    };
  }
}
