/** Figures derived from the context, shared by rules, actions and queries. */
import type { Coverage, EarlyStartApproval, FinancingYear, GrantContext, IsoDate } from './types';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export const ownShareTotal = (context: GrantContext): number =>
  sum(context.application.financing.map((y) => y.ownShareCents));

export const financingYear = (context: GrantContext, year: number): FinancingYear | undefined =>
  context.application.financing.find((y) => y.year === year);

export const spentInYear = (context: GrantContext, year: number): number =>
  sum(context.ownShareSpendings.filter((s) => s.year === year).map((s) => s.amountCents));

export const budgetAdopted = (context: GrantContext, year: number): boolean =>
  context.budgetAdoptions.some((a) => a.year === year);

/** A conditional year whose budget decision is not recorded yet. */
export const yearBlocked = (context: GrantContext, year: FinancingYear): boolean =>
  year.conditional && !budgetAdopted(context, year.year);

export const contractedTotal = (context: GrantContext): number => sum(context.contracts.map((c) => c.amountCents));

export const calledTotal = (context: GrantContext): number => sum(context.fundCalls.map((c) => c.amountCents));

/** Contracts and fund calls are bounded by the approved amount, before approval by the requested one. */
export const fundingCeiling = (context: GrantContext): number =>
  context.approval?.approvedCents ?? context.application.requestedCents;

/** The early-start approval that lets `providerId` start `module` on `onDate`, if any. */
export function coveringEarlyStart(
  context: GrantContext,
  module: string,
  providerId: string,
  onDate: IsoDate,
): EarlyStartApproval | undefined {
  return context.earlyStarts.find(
    (e) =>
      e.scope.modules.includes(module) &&
      (e.scope.providerIds === null || e.scope.providerIds.includes(providerId)) &&
      e.date <= onDate,
  );
}

/** Whether a start on `onDate` is allowed by the approval notice or an early-start approval. */
export function coverageOf(context: GrantContext, module: string, providerId: string, onDate: IsoDate): Coverage | null {
  if (context.approval && context.approval.date <= onDate) return 'approval';
  if (coveringEarlyStart(context, module, providerId, onDate)) return 'earlyStart';
  return null;
}

/** '13.500,00 EUR' — for messages a clerk reads. */
export function euro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')} EUR`;
}
