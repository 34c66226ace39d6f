import type { Allocation, Declaration, SelectionContext, StaffingEntry } from './types';

/**
 * Pure read models over the decision record: the ranking table, the coverage map,
 * the selected providers (for the grant workflow) and the staffing picture.
 *
 * How the total is computed (never typed in):
 *   for each criterion c: mean_c = (sum of the points the evaluators gave) / (number of evaluators)
 *   total = Σ_c (mean_c / scaleMax) × weight_c, out of 100.00 points (weights sum to 100 %).
 * In hundredths of a point with weights in basis points this is exactly
 *   totalHundredths = Σ_c pointsSum_c × weightBp_c / (evaluations_c × scaleMax),
 * kept as an exact fraction (BigInt) and rounded half-up to a whole hundredth only at the end.
 * A criterion nobody scored yet contributes 0 and the row is not `complete`.
 * Ranks compare the rounded totals, so rows that show the same total share a rank
 * (standard competition ranking: 1, 1, 3) and are marked `tied`.
 */

export interface CriterionResult {
  readonly criterionKey: string;
  readonly name: string;
  readonly weightBp: number;
  /** How many evaluators scored this criterion. */
  readonly evaluations: number;
  readonly pointsSum: number;
  /** Mean points in hundredths of a point (half-up), null when nobody scored. */
  readonly meanHundredths: number | null;
  /** This criterion's share of the total, in hundredths of a point (half-up, for display). */
  readonly weightedHundredths: number;
  readonly scores: readonly { readonly evaluatorId: string; readonly points: number; readonly comment: string }[];
}

export interface RankingRow {
  readonly declarationId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly rank: number;
  /** Weighted total out of 10000 (= 100.00 points). */
  readonly totalHundredths: number;
  readonly tied: boolean;
  /** Every criterion scored by at least the required number of evaluators. */
  readonly complete: boolean;
  readonly perCriterion: readonly CriterionResult[];
}

/** A fraction of BigInts, always reduced, denominator positive. */
interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function fraction(num: bigint, den: bigint): Fraction {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** Rounds a non-negative fraction half-up to an integer. */
function roundHalfUp(f: Fraction): number {
  return Number((2n * f.num + f.den) / (2n * f.den));
}

/** Declarations that take part in evaluation and selection. */
export function admittedDeclarations(context: SelectionContext): Declaration[] {
  return context.declarations.filter((d) => d.admitted);
}

export function ranking(context: SelectionContext): RankingRow[] {
  const scale = BigInt(context.scaleMax);
  const unranked = admittedDeclarations(context).map((declaration) => {
    let total: Fraction = { num: 0n, den: 1n };
    let complete = true;
    const perCriterion = context.criteria.map((criterion): CriterionResult => {
      const scores = context.scores.filter((s) => s.declarationId === declaration.declarationId && s.criterionKey === criterion.key);
      const pointsSum = scores.reduce((sum, s) => sum + s.points, 0);
      const n = BigInt(scores.length);
      if (scores.length < context.requiredEvaluators) complete = false;
      const weighted = scores.length === 0 ? fraction(0n, 1n) : fraction(BigInt(pointsSum) * BigInt(criterion.weightBp), n * scale);
      total = add(total, weighted);
      return {
        criterionKey: criterion.key,
        name: criterion.name,
        weightBp: criterion.weightBp,
        evaluations: scores.length,
        pointsSum,
        meanHundredths: scores.length === 0 ? null : roundHalfUp(fraction(BigInt(pointsSum) * 100n, n)),
        weightedHundredths: roundHalfUp(weighted),
        scores: scores.map((s) => ({ evaluatorId: s.evaluatorId, points: s.points, comment: s.comment })),
      };
    });
    return { declaration, totalHundredths: roundHalfUp(total), complete, perCriterion };
  });
  return unranked
    .map((row) => ({
      declarationId: row.declaration.declarationId,
      providerId: row.declaration.providerId,
      providerName: row.declaration.providerName,
      rank: 1 + unranked.filter((other) => other.totalHundredths > row.totalHundredths).length,
      totalHundredths: row.totalHundredths,
      tied: unranked.some((other) => other !== row && other.totalHundredths === row.totalHundredths),
      complete: row.complete,
      perCriterion: row.perCriterion,
    }))
    .sort((a, b) => a.rank - b.rank || byCodeUnits(a.providerName, b.providerName) || byCodeUnits(a.declarationId, b.declarationId));
}

/** Locale-independent string order, so the table is the same on every machine. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ScoringGap {
  readonly declarationId: string;
  readonly providerName: string;
  readonly criterionKey: string;
  readonly evaluations: number;
  readonly required: number;
}

/** Admitted declaration × criterion pairs scored by fewer evaluators than required. */
export function scoringGaps(context: SelectionContext): ScoringGap[] {
  return admittedDeclarations(context).flatMap((d) =>
    context.criteria
      .map((c) => ({
        declarationId: d.declarationId,
        providerName: d.providerName,
        criterionKey: c.key,
        evaluations: context.scores.filter((s) => s.declarationId === d.declarationId && s.criterionKey === c.key).length,
        required: context.requiredEvaluators,
      }))
      .filter((gap) => gap.evaluations < gap.required),
  );
}

/**
 * Admitted providers passed over by a selection: not selected, yet ranked strictly above
 * the lowest-ranked selected provider. Empty means the selection follows the ranking
 * (choosing among tied providers at the boundary is a tie-break: see `tiedOut`).
 */
export function passedOver(context: SelectionContext, selectedProviderIds: readonly string[]): RankingRow[] {
  const rows = ranking(context);
  const chosen = rows.filter((r) => selectedProviderIds.includes(r.providerId));
  if (chosen.length === 0) return [];
  const lowest = Math.min(...chosen.map((r) => r.totalHundredths));
  return rows.filter((r) => !selectedProviderIds.includes(r.providerId) && r.totalHundredths > lowest);
}

/**
 * Admitted providers left out by a tie-break: not selected, with the same weighted total as the
 * lowest-ranked selected provider. The ranking cannot decide between them, so the selection does.
 */
export function tiedOut(context: SelectionContext, selectedProviderIds: readonly string[]): RankingRow[] {
  const rows = ranking(context);
  const chosen = rows.filter((r) => selectedProviderIds.includes(r.providerId));
  if (chosen.length === 0) return [];
  const lowest = Math.min(...chosen.map((r) => r.totalHundredths));
  return rows.filter((r) => !selectedProviderIds.includes(r.providerId) && r.totalHundredths === lowest);
}

export interface CoverageEntry {
  readonly providerId: string;
  readonly fteHundredths: number;
}

/**
 * Municipality → providers serving it with their FTE share, for every municipality of the area
 * (an empty list means uncovered). Without `allocation`, the decided one (empty before the decision);
 * pass a proposed allocation to preview it.
 */
export function coverage(context: SelectionContext, allocation: readonly Allocation[] = currentAllocation(context)): Record<string, CoverageEntry[]> {
  const map: Record<string, CoverageEntry[]> = {};
  for (const municipality of context.municipalities) map[municipality] = [];
  for (const row of allocation) {
    (map[row.municipality] ??= []).push({ providerId: row.providerId, fteHundredths: row.fteHundredths });
  }
  return map;
}

/** The allocation in force: the roll-out's once decided, else the one decided with the selection (pilot or whole area). */
export function currentAllocation(context: SelectionContext): readonly Allocation[] {
  return context.selection?.rollOut?.allocation ?? context.selection?.allocation ?? [];
}

export type PhaseKind = 'pilot' | 'rollOut' | 'whole';

/** One phase of the allocation: the pilot, the roll-out after it, or the whole area decided at once. */
export interface AllocationPhase {
  readonly phase: PhaseKind;
  readonly allocation: readonly Allocation[];
  /** The municipalities this phase serves, in the order of the call. */
  readonly municipalities: readonly string[];
  readonly allocatedHundredths: number;
  /** FTE available but not allocated in this phase (only a pilot leaves any). */
  readonly unallocatedHundredths: number;
  readonly decidedAt: string;
  readonly decidedBy: string;
  /** The phase in force now (the last one decided). */
  readonly current: boolean;
}

/** The phases decided so far, oldest first: [] before the decision; [whole]; or [pilot] then [pilot, rollOut]. */
export function allocationPhases(context: SelectionContext): AllocationPhase[] {
  const s = context.selection;
  if (!s) return [];
  const phase = (kind: PhaseKind, allocation: readonly Allocation[], decidedAt: string, decidedBy: string, current: boolean): AllocationPhase => {
    const allocatedHundredths = sumFte(allocation);
    return {
      phase: kind,
      allocation,
      municipalities: context.municipalities.filter((m) => allocation.some((a) => a.municipality === m)),
      allocatedHundredths,
      unallocatedHundredths: Math.max(0, context.fteAvailableHundredths - allocatedHundredths),
      decidedAt,
      decidedBy,
      current,
    };
  };
  const rollOut = s.rollOut ?? null;
  if (!s.pilot) return [phase('whole', s.allocation, s.decidedAt, s.decidedBy, true)];
  const pilot = phase('pilot', s.allocation, s.decidedAt, s.decidedBy, rollOut === null);
  return rollOut ? [pilot, phase('rollOut', rollOut.allocation, rollOut.decidedAt, rollOut.decidedBy, true)] : [pilot];
}

/** A pilot phase is decided and its roll-out is not yet. */
export function rollOutPending(context: SelectionContext): boolean {
  return !!context.selection?.pilot && !context.selection.rollOut;
}

export interface SelectedProvider {
  readonly providerId: string;
  readonly providerName: string;
  /** The provider's total FTE share over all municipalities, in the allocation in force. */
  readonly fteHundredths: number;
}

/**
 * Which providers are selected for this module, with what FTE: what the grant workflow's
 * forwarding contracts (Weiterleitungsverträge) need. Empty until the selection is decided;
 * a decided selection is never undone (cancel and "no suitable declaration" end before it).
 */
export function selectedProviders(context: SelectionContext): SelectedProvider[] {
  const selection = context.selection;
  if (!selection) return [];
  return selection.selected.map(({ providerId }) => ({
    providerId,
    providerName: context.declarations.find((d) => d.admitted && d.providerId === providerId)?.providerName ?? providerId,
    fteHundredths: sumFte(currentAllocation(context).filter((a) => a.providerId === providerId)),
  }));
}

export interface ProviderStaffing extends SelectedProvider {
  /** Sum of `staffed` reports. */
  readonly staffedHundredths: number;
  /** Allocated but not (yet) staffed. */
  readonly openHundredths: number;
  readonly entries: readonly StaffingEntry[];
}

/** Per selected provider: allocated, staffed and open FTE, with the staffing reports. */
export function staffingOverview(context: SelectionContext): ProviderStaffing[] {
  return selectedProviders(context).map((p) => {
    const entries = context.staffing.filter((s) => s.providerId === p.providerId);
    const staffedHundredths = sumFte(entries.filter((s) => s.status === 'staffed'));
    return { ...p, staffedHundredths, openHundredths: p.fteHundredths - staffedHundredths, entries };
  });
}

export function sumFte(rows: readonly { readonly fteHundredths: number }[]): number {
  return rows.reduce((sum, r) => sum + r.fteHundredths, 0);
}

/** 150 → "1.50", 10000 → "100.00", -5 → "-0.05": exact, for messages and the API. */
export function formatHundredths(value: number): string {
  const abs = Math.abs(value);
  return `${value < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
