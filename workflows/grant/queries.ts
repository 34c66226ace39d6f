/** Pure read models for the service layer: financing table, contracts per provider, deadlines, next steps. */
import { budgetAdopted, calledTotal, contractedTotal, euro, fundingCeiling, spentInYear, yearBlocked } from './derive';
import { grantMachine, type GrantSnapshot } from './machine';
import {
  applicationAmountsValid,
  applicationComplete,
  applicationDatesValid,
  financingBalanced,
  ownShareWithinLimit,
} from './rules';
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

export interface AllowedStep {
  event: ClerkStep;
  label: string;
  /** False when the context alone already rules the step out; payload rules are checked on sending. */
  allowed: boolean;
  reason: string;
}

const labels: Record<ClerkStep, string> = {
  EDIT_APPLICATION: 'Antrag bearbeiten',
  SUBMIT: 'Antrag einreichen',
  APPROVE_EARLY_START: 'Vorzeitigen Maßnahmebeginn erfassen',
  RECORD_MEASURE_START: 'Maßnahmebeginn erfassen',
  APPROVAL_NOTICE: 'Bewilligungsbescheid erfassen',
  REJECT: 'Ablehnung erfassen',
  WITHDRAW: 'Antrag zurückziehen',
  CONCLUDE_CONTRACT: 'Weiterleitungsvertrag schließen',
  SPEND_OWN_SHARE: 'Eigenanteil verausgaben',
  RECORD_BUDGET_ADOPTION: 'Haushaltsbeschluss erfassen',
  CALL_FUNDS: 'Mittel abrufen',
  SUBMIT_PROOF_OF_USE: 'Verwendungsnachweis einreichen',
  CLOSE: 'Verfahren abschließen',
};

const step = (event: ClerkStep, allowed: boolean, reason: string): AllowedStep => ({
  event,
  label: labels[event],
  allowed,
  reason,
});

/** Event types with a transition in the current state (own or inherited from the root). */
function acceptedEvents(snapshot: GrantSnapshot): GrantEventType[] {
  if (snapshot.status !== 'active') return [];
  const own = grantMachine.states[snapshot.value]?.ownEvents ?? [];
  return [...own, ...grantMachine.root.ownEvents] as GrantEventType[];
}

/** What a clerk can do next, with a plain reason for each step (context-only checks). */
export function allowedSteps(snapshot: GrantSnapshot): AllowedStep[] {
  const c = snapshot.context;
  return acceptedEvents(snapshot)
    .filter((e): e is ClerkStep => e !== 'DEADLINE_REACHED')
    .map((event) => explainStep(event, c));
}

function explainStep(event: ClerkStep, c: GrantContext): AllowedStep {
  switch (event) {
    case 'EDIT_APPLICATION':
      return step(event, true, 'The application can be changed until it is submitted.');
    case 'SUBMIT': {
      const checks = [applicationComplete, applicationAmountsValid, applicationDatesValid, financingBalanced, ownShareWithinLimit];
      const problems = checks.flatMap((rule) => rule(c) ?? []);
      return problems.length === 0
        ? step(event, true, `Own contribution and financing plan are within the rules; submit to the ${c.application.grantingAuthority}.`)
        : step(event, false, problems.map((p) => p.message).join(' '));
    }
    case 'APPROVE_EARLY_START':
      return step(event, true, 'Record an early-start approval (vorzeitiger Maßnahmebeginn) and its scope.');
    case 'RECORD_MEASURE_START':
      return step(
        event,
        true,
        'Starts not covered by the approval notice or an early-start approval are flagged as endangering the grant.',
      );
    case 'APPROVAL_NOTICE':
      return step(event, true, 'Record the Bewilligungsbescheid; this schedules the proof-of-use and spend-by deadlines.');
    case 'REJECT':
      return step(event, true, 'Record the rejection (or that the application was not considered); this ends the procedure.');
    case 'WITHDRAW':
      return c.contracts.length === 0
        ? step(event, true, 'No forwarding contract is concluded yet.')
        : step(event, false, 'Forwarding contracts are concluded; the application can no longer be withdrawn.');
    case 'CONCLUDE_CONTRACT': {
      const left = fundingCeiling(c) - contractedTotal(c);
      if (left <= 0) return step(event, false, `The ${c.approval ? 'approved' : 'requested'} amount is fully contracted.`);
      if (c.approval) return step(event, true, `${euro(left)} of the approved amount is not yet contracted.`);
      if (c.earlyStarts.length === 0)
        return step(event, false, 'No approval notice yet, and no early-start approval: contracts would start the measure.');
      const scopes = c.earlyStarts.map((e) => `module ${e.scope.modules.join('/')} from ${e.date}`).join('; ');
      return step(event, true, `Only within the early-start approval (${scopes}).`);
    }
    case 'SPEND_OWN_SHARE': {
      const rows = financingTable(c);
      const open = rows.filter((r) => !r.blocked && r.remainingCents > 0);
      const blocked = rows.filter((r) => r.blocked).map((r) => r.year);
      const note = blocked.length > 0 ? ` ${blocked.join(', ')} await(s) the budget decision.` : '';
      return open.length > 0
        ? step(event, true, `Own share open: ${open.map((r) => `${r.year} ${euro(r.remainingCents)} (spend by ${r.spendBy})`).join(', ')}.${note}`)
        : step(event, false, `No own share can be spent now.${note}`);
    }
    case 'RECORD_BUDGET_ADOPTION': {
      const waiting = c.application.financing.filter((y) => y.conditional && !budgetAdopted(c, y.year)).map((y) => y.year);
      return waiting.length > 0
        ? step(event, true, `The own share for ${waiting.join(', ')} is subject to the budget decision.`)
        : step(event, false, 'No financing year awaits a budget decision.');
    }
    case 'CALL_FUNDS': {
      const left = fundingCeiling(c) - calledTotal(c);
      return left > 0
        ? step(event, true, `${euro(left)} of the approved amount can still be called.`)
        : step(event, false, 'The approved amount is fully called.');
    }
    case 'SUBMIT_PROOF_OF_USE':
      return step(event, true, 'Submit the Verwendungsnachweis to the granting authority.');
    case 'CLOSE':
      return step(event, true, 'Close the procedure once the proof of use is accepted.');
  }
}
