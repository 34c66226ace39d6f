/** Pure read models for the service layer: financing table, contracts per provider, deadlines, next steps. */
import { budgetAdopted, calledTotal, contractedTotal, euro, fundingCeiling, spentInYear, yearBlocked } from './derive';
import type { GrantSnapshot } from './machine';
import type {
  BudgetAdoption,
  DeadlineStatus,
  ForwardingContract,
  GrantContext,
  GrantEventType,
  IsoDate,
} from './types';

export interface FinancingRow {
  year: number;
  totalCostCents: number;
  stateShareCents: number;
  ownShareCents: number;
  sourceKey: string;
  sourceName: string;
  spendBy: IsoDate;
  /** Planned as subject to the budget ('vorbehaltlich der Haushaltsberatungen'). */
  conditional: boolean;
  /** Conditional and no budget decision recorded yet: the own share cannot be spent. */
  blocked: boolean;
  budgetAdoption: Pick<BudgetAdoption, 'source' | 'ref' | 'recordedAt'> | null;
  spentCents: number;
  remainingCents: number;
}

/** Per year: total cost, state share, own share, source, spend-by, conditional/blocked, spent. */
export function financingTable(context: GrantContext): FinancingRow[] {
  return context.application.financing.map((y) => {
    const spentCents = spentInYear(context, y.year);
    const adoption = context.budgetAdoptions.find((a) => a.year === y.year);
    return {
      year: y.year,
      totalCostCents: y.totalCostCents,
      stateShareCents: y.stateShareCents,
      ownShareCents: y.ownShareCents,
      sourceKey: y.source.key,
      sourceName: y.source.name,
      spendBy: y.source.spendBy,
      conditional: y.conditional,
      blocked: yearBlocked(context, y),
      budgetAdoption: adoption ? { source: adoption.source, ref: adoption.ref, recordedAt: adoption.recordedAt } : null,
      spentCents,
      remainingCents: y.ownShareCents - spentCents,
    };
  });
}

export interface ProviderContracts {
  providerId: string;
  providerName: string;
  totalCents: number;
  contracts: ForwardingContract[];
}

/** Forwarding contracts grouped by provider, in the order providers first got a contract. */
export function contractsByProvider(context: GrantContext): ProviderContracts[] {
  const groups: ProviderContracts[] = [];
  for (const c of context.contracts) {
    let group = groups.find((g) => g.providerId === c.providerId);
    if (!group) {
      group = { providerId: c.providerId, providerName: c.providerName, totalCents: 0, contracts: [] };
      groups.push(group);
    }
    group.totalCents += c.amountCents;
    group.contracts.push(c);
  }
  return groups;
}

export interface DeadlineView {
  name: string;
  label: string;
  dueDate: IsoDate;
  /** When the deadline is reached (UTC instant); the timer fires then. */
  dueAt: string;
  status: DeadlineStatus;
  overdue: boolean;
  note: string | null;
}

/** The grant's deadlines (proof of use, spend-by dates), sorted by due time. Filter on `status: 'pending'` for upcoming ones. */
export function deadlines(context: GrantContext): DeadlineView[] {
  return context.deadlines
    .map(({ name, label, dueDate, fireAt, status, overdue, note }) => ({ name, label, dueDate, dueAt: fireAt, status, overdue, note }))
    .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
}

/** Whether the measure of a grant is flagged as endangering it (GRANT.MEASURE_ENDANGERS_GRANT). */
export const isEndangered = (context: GrantContext): boolean => context.endangerments.length > 0;

export type ClerkStep = Exclude<GrantEventType, 'DEADLINE_REACHED'>;

const CLERK_STEPS: ReadonlySet<string> = new Set<ClerkStep>([
  'EDIT_APPLICATION',
  'SUBMIT',
  'APPROVE_EARLY_START',
  'RECORD_MEASURE_START',
  'APPROVAL_NOTICE',
  'REJECT',
  'WITHDRAW',
  'CONCLUDE_CONTRACT',
  'SPEND_OWN_SHARE',
  'RECORD_BUDGET_ADOPTION',
  'CALL_FUNDS',
  'SUBMIT_PROOF_OF_USE',
  'CLOSE',
]);

/** What an allowed step would do now (the definition's `hint`; whether it is allowed is `grantRules.steps`). */
export function grantHint(snapshot: GrantSnapshot, event: string): string | undefined {
  return CLERK_STEPS.has(event) ? hint(event as ClerkStep, snapshot.context) : undefined;
}

function hint(event: ClerkStep, c: GrantContext): string {
  switch (event) {
    case 'EDIT_APPLICATION':
      return 'The application can be changed until it is submitted.';
    case 'SUBMIT':
      return `Own contribution and financing plan are within the rules; submit to the ${c.application.grantingAuthority}.`;
    case 'APPROVE_EARLY_START':
      return 'Record an early-start approval (vorzeitiger Maßnahmebeginn) and its scope.';
    case 'RECORD_MEASURE_START':
      return 'Starts not covered by the approval notice or an early-start approval are flagged as endangering the grant.';
    case 'APPROVAL_NOTICE':
      return 'Record the Bewilligungsbescheid; this schedules the proof-of-use and spend-by deadlines.';
    case 'REJECT':
      return 'Record the rejection (or that the application was not considered); this ends the procedure.';
    case 'WITHDRAW':
      return 'No forwarding contract is concluded yet.';
    case 'CONCLUDE_CONTRACT': {
      const left = fundingCeiling(c) - contractedTotal(c);
      if (c.approval) return `${euro(left)} of the approved amount is not yet contracted.`;
      const scopes = c.earlyStarts.map((e) => `module ${e.scope.modules.join('/')} from ${e.date}`).join('; ');
      return `Only within the early-start approval (${scopes}).`;
    }
    case 'SPEND_OWN_SHARE': {
      const rows = financingTable(c);
      const open = rows.filter((r) => !r.blocked && r.remainingCents > 0);
      const blocked = rows.filter((r) => r.blocked).map((r) => r.year);
      const note = blocked.length > 0 ? ` ${blocked.join(', ')} await(s) the budget decision.` : '';
      return open.length > 0
        ? `Own share open: ${open.map((r) => `${r.year} ${euro(r.remainingCents)} (spend by ${r.spendBy})`).join(', ')}.${note}`
        : `Only with the budget decision passed along.${note}`;
    }
    case 'RECORD_BUDGET_ADOPTION': {
      const waiting = c.application.financing.filter((y) => y.conditional && !budgetAdopted(c, y.year)).map((y) => y.year);
      return `The own share for ${waiting.join(', ')} is subject to the budget decision.`;
    }
    case 'CALL_FUNDS':
      return `${euro(fundingCeiling(c) - calledTotal(c))} of the approved amount can still be called.`;
    case 'SUBMIT_PROOF_OF_USE':
      return 'Submit the Verwendungsnachweis to the granting authority.';
    case 'CLOSE':
      return 'Close the procedure once the proof of use is accepted.';
  }
}

/** What one grant procedure plans and spends of the budget sources: its state, financing plan and own-share spendings. */
export interface GrantFinancing {
  state: string;
  financing: readonly { year: number; ownShareCents: number; source: { key: string } }[];
  spendings: readonly { year: number; amountCents: number }[];
}

/** Procedures in these states no longer hold their planned own share. */
const RELEASED_STATES: readonly string[] = ['rejected', 'withdrawn'];

/**
 * Earmarked and spent own shares per budget source and year (key `source@year`), summed over grant
 * procedures: a live procedure earmarks its planned own share; spendings count against the source of
 * the year they are booked in.
 */
export function ownShareUsage(grants: readonly GrantFinancing[]): Map<string, { earmarkedCents: number; spentCents: number }> {
  const used = new Map<string, { earmarkedCents: number; spentCents: number }>();
  const entry = (key: string, year: number) => {
    const id = `${key}@${year}`;
    const found = used.get(id) ?? { earmarkedCents: 0, spentCents: 0 };
    used.set(id, found);
    return found;
  };
  for (const grant of grants) {
    for (const y of grant.financing) {
      if (!RELEASED_STATES.includes(grant.state)) entry(y.source.key, y.year).earmarkedCents += y.ownShareCents;
    }
    for (const s of grant.spendings) {
      const planned = grant.financing.find((y) => y.year === s.year);
      if (planned) entry(planned.source.key, s.year).spentCents += s.amountCents;
    }
  }
  return used;
}
