/**
 * The grant rules. Each is a small function `(context, event) => Violation | undefined`;
 * the machine's named guards and `explain` both run `violations()`, so they cannot disagree.
 */
import type { Violation } from '../definition';
import { berlinDate, isIsoDate } from '../shared/calendar';
import {
  calledTotal,
  contractedTotal,
  coveringEarlyStart,
  euro,
  financingYear,
  fundingCeiling,
  ownShareTotal,
  spentInYear,
  yearBlocked,
} from './derive';
import type { Timed } from '../shared/rules-kit';
import type { BudgetDecisionFacts, Coverage, GrantContext, GrantEventOf, GrantEventType } from './types';

export const GrantViolation = {
  APPLICATION_INCOMPLETE: 'GRANT.APPLICATION_INCOMPLETE',
  INVALID_AMOUNT: 'GRANT.INVALID_AMOUNT',
  INVALID_DATE: 'GRANT.INVALID_DATE',
  FINANCING_UNBALANCED: 'GRANT.FINANCING_UNBALANCED',
  OWN_SHARE_TOO_HIGH: 'GRANT.OWN_SHARE_TOO_HIGH',
  SOURCE_EXPIRED: 'GRANT.SOURCE_EXPIRED',
  MODULE_NOT_IN_GRANT: 'GRANT.MODULE_NOT_IN_GRANT',
  NO_APPROVAL_NOTICE: 'GRANT.NO_APPROVAL_NOTICE',
  PROVIDER_NOT_SELECTED: 'GRANT.PROVIDER_NOT_SELECTED',
  CONTRACTS_EXCEED_APPROVAL: 'GRANT.CONTRACTS_EXCEED_APPROVAL',
  DUPLICATE_CONTRACT: 'GRANT.DUPLICATE_CONTRACT',
  CONTRACTS_CONCLUDED: 'GRANT.CONTRACTS_CONCLUDED',
  UNKNOWN_YEAR: 'GRANT.UNKNOWN_YEAR',
  BUDGET_NOT_ADOPTED: 'GRANT.BUDGET_NOT_ADOPTED',
  NO_BUDGET_CONDITION: 'GRANT.NO_BUDGET_CONDITION',
  OWN_SHARE_EXCEEDED: 'GRANT.OWN_SHARE_EXCEEDED',
  FUND_CALLS_EXCEED_APPROVAL: 'GRANT.FUND_CALLS_EXCEED_APPROVAL',
  DUPLICATE_FUND_CALL: 'GRANT.DUPLICATE_FUND_CALL',
  UNKNOWN_DEADLINE: 'GRANT.UNKNOWN_DEADLINE',
  MOTION_NOT_DECIDED: 'GRANT.MOTION_NOT_DECIDED',
  FINANCING_YEAR_TWICE: 'GRANT.FINANCING_YEAR_TWICE',
  UNKNOWN_BUDGET_SOURCE: 'GRANT.UNKNOWN_BUDGET_SOURCE',
  SOURCE_YEAR_MISSING: 'GRANT.SOURCE_YEAR_MISSING',
  OWN_SHARE_NOT_COVERED: 'GRANT.OWN_SHARE_NOT_COVERED',
  /** A flag recorded in `endangerments`, never a refusal. */
  MEASURE_ENDANGERS_GRANT: 'GRANT.MEASURE_ENDANGERS_GRANT',
} as const;
export type GrantViolationCode = (typeof GrantViolation)[keyof typeof GrantViolation];

export type Rule<T extends GrantEventType> = (context: GrantContext, event: GrantEventOf<T>) => Violation | undefined;

const violation = (code: GrantViolationCode, message: string): Violation => ({ code, message });

const isCents = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function positiveCents(amount: number, what: string): Violation | undefined {
  return isCents(amount) && amount > 0
    ? undefined
    : violation(GrantViolation.INVALID_AMOUNT, `${what} must be a positive whole number of cents, got ${String(amount)}.`);
}

/** The Europe/Berlin calendar day of the event; the engine's clock is the only source of "today". */
function eventDate(event: Timed): string {
  return berlinDate(event.at) ?? event.at;
}

// ---------------------------------------------------------------- application (SUBMIT)

export const applicationComplete = ({ application: a }: GrantContext): Violation | undefined => {
  const missing = [
    a.programme.trim() === '' && 'programme',
    a.grantingAuthority.trim() === '' && 'granting authority',
    a.modules.length === 0 && 'modules (Bausteine)',
    a.financing.length === 0 && 'financing plan',
  ].filter((m): m is string => typeof m === 'string');
  return missing.length === 0
    ? undefined
    : violation(GrantViolation.APPLICATION_INCOMPLETE, `The application lacks: ${missing.join(', ')}.`);
};

export const applicationAmountsValid = ({ application: a }: GrantContext): Violation | undefined => {
  const amounts = [a.eligibleCostCents, a.requestedCents].concat(
    a.financing.flatMap((y) => [y.totalCostCents, y.stateShareCents, y.ownShareCents]),
  );
  return amounts.every(isCents)
    ? undefined
    : violation(GrantViolation.INVALID_AMOUNT, 'All amounts of the application must be whole, non-negative cents.');
};

export const applicationDatesValid = ({ application: a }: GrantContext): Violation | undefined => {
  const dates = [a.fundingPeriod.from, a.fundingPeriod.to, ...a.financing.map((y) => y.source.spendBy)];
  if (a.proofOfUseDue !== null) dates.push(a.proofOfUseDue);
  const bad = dates.filter((d) => !isIsoDate(d));
  return bad.length === 0
    ? undefined
    : violation(GrantViolation.INVALID_DATE, `Not calendar dates (YYYY-MM-DD): ${bad.join(', ')}.`);
};

/** Each year's total cost is exactly the state share plus the own share. */
export const financingBalanced = ({ application: a }: GrantContext): Violation | undefined => {
  const off = a.financing.find((y) => y.stateShareCents + y.ownShareCents !== y.totalCostCents);
  return off === undefined
    ? undefined
    : violation(
        GrantViolation.FINANCING_UNBALANCED,
        `Financing ${off.year}: state share ${euro(off.stateShareCents)} plus own share ${euro(off.ownShareCents)} ` +
          `is not the total cost ${euro(off.totalCostCents)}.`,
      );
};

/** Eigenanteil at most 20 % of the eligible cost, exactly: own × 5 ≤ eligible. */
export const ownShareWithinLimit = (context: GrantContext): Violation | undefined => {
  const own = ownShareTotal(context);
  const eligible = context.application.eligibleCostCents;
  return own * 5 <= eligible
    ? undefined
    : violation(
        GrantViolation.OWN_SHARE_TOO_HIGH,
        `The own contribution ${euro(own)} is more than 20 % of the eligible cost ${euro(eligible)} ` +
          `(at most ${euro(Math.floor(eligible / 5))}).`,
      );
};

/** The own contribution must be covered by sources not past their spend-by date. */
export const sourcesAvailable = (context: GrantContext, event: Timed): Violation | undefined => {
  const today = eventDate(event);
  const expired = context.application.financing.find((y) => y.source.spendBy < today);
  return expired === undefined
    ? undefined
    : violation(
        GrantViolation.SOURCE_EXPIRED,
        `${expired.source.name} had to be spent by ${expired.source.spendBy}; it cannot cover the own share for ${expired.year}.`,
      );
};

// ---------------------------------------------------------------- early start, measure start, notice

export const earlyStartScopeInGrant: Rule<'APPROVE_EARLY_START'> = (context, event) => {
  if (!isIsoDate(event.date)) return violation(GrantViolation.INVALID_DATE, `Not a calendar date: ${String(event.date)}.`);
  const outside = event.scope.modules.filter((m) => !context.application.modules.includes(m));
  if (event.scope.modules.length > 0 && outside.length === 0) return undefined;
  return violation(
    GrantViolation.MODULE_NOT_IN_GRANT,
    event.scope.modules.length === 0
      ? 'An early-start approval must name at least one module (Baustein).'
      : `Module(s) ${outside.join(', ')} are not part of this grant (${context.application.modules.join(', ')}).`,
  );
};

export const measureModuleInGrant: Rule<'RECORD_MEASURE_START'> = (context, event) => {
  if (!isIsoDate(event.startedAt)) return violation(GrantViolation.INVALID_DATE, `Not a calendar date: ${String(event.startedAt)}.`);
  return moduleInGrant(context, event.module);
};

function moduleInGrant(context: GrantContext, module: string): Violation | undefined {
  return context.application.modules.includes(module)
    ? undefined
    : violation(
        GrantViolation.MODULE_NOT_IN_GRANT,
        `Module ${module} is not part of this grant (${context.application.modules.join(', ')}).`,
      );
}

export const approvalNoticeValid: Rule<'APPROVAL_NOTICE'> = (_context, event) => {
  const dates = [event.date, event.period.from, event.period.to];
  if (event.proofOfUseDue != null) dates.push(event.proofOfUseDue);
  const bad = dates.filter((d) => !isIsoDate(d));
  if (bad.length > 0) return violation(GrantViolation.INVALID_DATE, `Not calendar dates (YYYY-MM-DD): ${bad.join(', ')}.`);
  return positiveCents(event.approvedCents, 'The approved amount');
};

export const noContractsConcluded = (context: GrantContext): Violation | undefined =>
  context.contracts.length === 0
    ? undefined
    : violation(
        GrantViolation.CONTRACTS_CONCLUDED,
        `${context.contracts.length} forwarding contract(s) are concluded; the application can no longer be withdrawn.`,
      );

// ---------------------------------------------------------------- forwarding contracts

/** What allows concluding the contract now: the approval notice, or an early start covering it. */
export function contractBasis(context: GrantContext, event: GrantEventOf<'CONCLUDE_CONTRACT'>): Coverage | null {
  if (context.approval) return 'approval';
  return coveringEarlyStart(context, event.module, event.providerId, eventDate(event)) ? 'earlyStart' : null;
}

export const contractAmountValid: Rule<'CONCLUDE_CONTRACT'> = (_context, event) =>
  positiveCents(event.amountCents, 'The contract amount');

export const contractIdUnique: Rule<'CONCLUDE_CONTRACT'> = (context, event) =>
  context.contracts.some((c) => c.contractId === event.contractId)
    ? violation(GrantViolation.DUPLICATE_CONTRACT, `Contract ${event.contractId} is already recorded.`)
    : undefined;

export const contractModuleInGrant: Rule<'CONCLUDE_CONTRACT'> = (context, event) => moduleInGrant(context, event.module);

/** No Weiterleitungsvertrag before the Bewilligungsbescheid, unless an early start covers it. */
export const contractHasBasis: Rule<'CONCLUDE_CONTRACT'> = (context, event) =>
  contractBasis(context, event) !== null
    ? undefined
    : violation(
        GrantViolation.NO_APPROVAL_NOTICE,
        `No approval notice (Bewilligungsbescheid) yet, and no early-start approval (vorzeitiger Maßnahmebeginn) ` +
          `covers module ${event.module} for ${event.providerName} on ${eventDate(event)}.`,
      );

/** Only a provider selected in a decided selection procedure for the module. */
export const providerSelected: Rule<'CONCLUDE_CONTRACT'> = (_context, event) => {
  if (!event.selection.decided)
    return violation(
      GrantViolation.PROVIDER_NOT_SELECTED,
      `The selection procedure for module ${event.module} is not decided; no provider is selected yet.`,
    );
  return event.selection.selectedProviderIds.includes(event.providerId)
    ? undefined
    : violation(
        GrantViolation.PROVIDER_NOT_SELECTED,
        `${event.providerName} was not selected in the selection procedure for module ${event.module}.`,
      );
};

export const contractsWithinApproval: Rule<'CONCLUDE_CONTRACT'> = (context, event) => {
  const ceiling = fundingCeiling(context);
  const total = contractedTotal(context) + event.amountCents;
  return total <= ceiling
    ? undefined
    : violation(
        GrantViolation.CONTRACTS_EXCEED_APPROVAL,
        `Contracts would total ${euro(total)}, more than the ${context.approval ? 'approved' : 'requested'} ` +
          `amount ${euro(ceiling)} (${euro(ceiling - contractedTotal(context))} left).`,
      );
};

// ---------------------------------------------------------------- own share (Eigenanteil)

export const spendingAmountValid: Rule<'SPEND_OWN_SHARE'> = (_context, event) =>
  positiveCents(event.amountCents, 'The amount spent');

/** For SPEND_OWN_SHARE and RECORD_BUDGET_ADOPTION. */
export const financingYearExists = (context: GrantContext, event: { year: number }): Violation | undefined =>
  financingYear(context, event.year)
    ? undefined
    : violation(GrantViolation.UNKNOWN_YEAR, `The financing plan has no year ${event.year}.`);

/** Not after the source's spend-by date (Berlin calendar day of the event). */
export const sourceNotExpired: Rule<'SPEND_OWN_SHARE'> = (context, event) => {
  const year = financingYear(context, event.year);
  if (!year) return undefined;
  const today = berlinDate(event.at);
  if (today === undefined) return violation(GrantViolation.INVALID_DATE, `Not an ISO instant: ${event.at}.`);
  return today <= year.source.spendBy
    ? undefined
    : violation(
        GrantViolation.SOURCE_EXPIRED,
        `${year.source.name} had to be spent by ${year.source.spendBy}; today is ${today}.`,
      );
};

/** A conditional year's own share waits for the budget decision (event fact or recorded adoption). */
export const budgetAdoptedForYear: Rule<'SPEND_OWN_SHARE'> = (context, event) => {
  const year = financingYear(context, event.year);
  if (!year || !yearBlocked(context, year) || event.budgetDecision?.recorded === true) return undefined;
  return violation(
    GrantViolation.BUDGET_NOT_ADOPTED,
    `The own share for ${year.year} is subject to the budget deliberations (vorbehaltlich der Haushaltsberatungen); ` +
      `record the budget decision first.`,
  );
};

export const ownShareAvailable: Rule<'SPEND_OWN_SHARE'> = (context, event) => {
  const year = financingYear(context, event.year);
  if (!year) return undefined;
  const left = year.ownShareCents - spentInYear(context, year.year);
  return event.amountCents <= left
    ? undefined
    : violation(
        GrantViolation.OWN_SHARE_EXCEEDED,
        `Only ${euro(left)} of the own share for ${year.year} (${euro(year.ownShareCents)}) is left.`,
      );
};

export const budgetConditionOpen: Rule<'RECORD_BUDGET_ADOPTION'> = (context, event) => {
  const year = financingYear(context, event.year);
  if (!year || yearBlocked(context, year)) return undefined;
  return violation(
    GrantViolation.NO_BUDGET_CONDITION,
    year.conditional
      ? `The budget decision for ${year.year} is already recorded.`
      : `The own share for ${year.year} is not subject to a budget decision.`,
  );
};

// ---------------------------------------------------------------- fund calls, deadlines

export const fundCallAmountValid: Rule<'CALL_FUNDS'> = (_context, event) =>
  positiveCents(event.amountCents, 'The amount called') ??
  (isIsoDate(event.date) ? undefined : violation(GrantViolation.INVALID_DATE, `Not a calendar date: ${String(event.date)}.`));

export const fundCallIdUnique: Rule<'CALL_FUNDS'> = (context, event) =>
  context.fundCalls.some((c) => c.callId === event.callId)
    ? violation(GrantViolation.DUPLICATE_FUND_CALL, `Fund call ${event.callId} is already recorded.`)
    : undefined;

export const fundCallsWithinApproval: Rule<'CALL_FUNDS'> = (context, event) => {
  const ceiling = fundingCeiling(context);
  const total = calledTotal(context) + event.amountCents;
  return total <= ceiling
    ? undefined
    : violation(
        GrantViolation.FUND_CALLS_EXCEED_APPROVAL,
        `Fund calls would total ${euro(total)}, more than the approved ${euro(ceiling)}.`,
      );
};

export const deadlinePending: Rule<'DEADLINE_REACHED'> = (context, event) =>
  context.deadlines.some((d) => d.name === event.deadline && d.status === 'pending')
    ? undefined
    : violation(GrantViolation.UNKNOWN_DEADLINE, `No pending deadline '${event.deadline}'.`);

// ---------------------------------------------------------------- budget decisions (facts from the motion workflow)

function decisionAdopted(decision: Pick<BudgetDecisionFacts, 'source' | 'ref' | 'reference' | 'adopted'>): Violation | undefined {
  if (decision.adopted === true) return undefined;
  // a motion by its reference (SV-10-0042), as the facts pass it; its id only in events from before they did
  const what =
    decision.source === 'motion'
      ? `Motion ${decision.reference ?? decision.ref} has no decision that adopted a proposal`
      : `Budget decision ${decision.ref} was not adopted`;
  return violation(GrantViolation.MOTION_NOT_DECIDED, `${what}; it cannot release a conditional budget year.`);
}

/** The budget decision named as the fact adopted something (GRANT.MOTION_NOT_DECIDED otherwise). */
export const budgetDecisionAdopted: Rule<'RECORD_BUDGET_ADOPTION'> = (_context, event) => decisionAdopted(event);

/** A budget decision passed with a spending must have adopted something too. */
export const spendingDecisionAdopted: Rule<'SPEND_OWN_SHARE'> = (_context, event) =>
  event.budgetDecision ? decisionAdopted(event.budgetDecision) : undefined;

// ---------------------------------------------------------------- what the procedure as it stands rules out (pre rules)

export const withinContractCeiling = (context: GrantContext): Violation | undefined =>
  fundingCeiling(context) - contractedTotal(context) > 0
    ? undefined
    : violation(GrantViolation.CONTRACTS_EXCEED_APPROVAL, `The ${context.approval ? 'approved' : 'requested'} amount is fully contracted.`);

export const contractBasisPossible = (context: GrantContext): Violation | undefined =>
  context.approval !== null || context.earlyStarts.length > 0
    ? undefined
    : violation(GrantViolation.NO_APPROVAL_NOTICE, 'No approval notice (Bewilligungsbescheid) yet, and no early-start approval (vorzeitiger Maßnahmebeginn): a contract would start the measure.');

export const ownShareLeft = (context: GrantContext): Violation | undefined =>
  context.application.financing.some((y) => y.ownShareCents - spentInYear(context, y.year) > 0)
    ? undefined
    : violation(GrantViolation.OWN_SHARE_EXCEEDED, 'The whole own share is spent.');

export const budgetDecisionAwaited = (context: GrantContext): Violation | undefined =>
  context.application.financing.some((y) => yearBlocked(context, y))
    ? undefined
    : violation(GrantViolation.NO_BUDGET_CONDITION, 'No financing year awaits a budget decision.');

export const withinFundCallCeiling = (context: GrantContext): Violation | undefined =>
  fundingCeiling(context) - calledTotal(context) > 0
    ? undefined
    : violation(GrantViolation.FUND_CALLS_EXCEED_APPROVAL, 'The approved amount is fully called.');

/** What SUBMIT checks: the application as drafted, on the day of the event. */
export const submitRules = [applicationComplete, applicationAmountsValid, applicationDatesValid, financingBalanced, ownShareWithinLimit, sourcesAvailable] as const;
