/**
 * The Kreis Coesfeld case (Durchstarten in Ausbildung und Arbeit, 2020) as grant input and
 * events, plus given/when helpers that fold events through the pure `transition()`.
 * Shared by the specs; the seeds and e2e tests may reuse the payloads.
 */
import { initialTransition, transition } from 'xstate';
import { accepts } from '../shared/rules-kit';
import { grantMachine, type GrantSnapshot } from './machine';
import { grantRules } from './specs';
import type { Actor, BudgetDecisionFacts, GrantEvent, GrantInput, GrantPayload, SelectionFacts } from './types';

export const managingOffice: Actor = { id: 'ki-coesfeld', role: 'managingOffice' };
export const system: Actor = { id: 'timer', role: 'system' };

export const euros = (amount: number): number => amount * 100;

/** Noon in Berlin (10:00 UTC in summer, 11:00 in winter — both the same calendar day). */
export const on = (date: string): string => `${date}T10:00:00.000Z`;

export const event = <P extends GrantPayload>(payload: P, at: string, actor: Actor = managingOffice): P & GrantEvent =>
  ({ ...payload, at, actor }) as P & GrantEvent;

const integrationspauschale = {
  key: 'integrationspauschale',
  name: 'Integrationspauschale (§ 14c TIntG)',
  spendBy: '2021-11-30',
};

/** Own share 13.500 EUR (2020) + 102.900 EUR (2021) = 116.400 EUR = exactly 20 % of 582.000 EUR. */
export const coesfeldInput: GrantInput = {
  programme: 'Durchstarten in Ausbildung und Arbeit / Gemeinsam klappt’s',
  modules: ['I', 'II', 'III', 'IV', 'VI'],
  grantingAuthority: 'Bezirksregierung Arnsberg',
  eligibleCostCents: euros(582_000),
  requestedCents: euros(465_600),
  fundingPeriod: { from: '2020-05-01', to: '2021-12-31' },
  financing: [
    {
      year: 2020,
      totalCostCents: euros(67_500),
      stateShareCents: euros(54_000),
      ownShareCents: euros(13_500),
      source: integrationspauschale,
      conditional: false,
    },
    {
      year: 2021,
      totalCostCents: euros(514_500),
      stateShareCents: euros(411_600),
      ownShareCents: euros(102_900),
      source: integrationspauschale,
      conditional: true,
    },
  ],
  proofOfUseDue: '2022-06-30',
};

/** Baustein V (Innovationsfonds): supported application, not considered. */
export const baustein5Input: GrantInput = {
  programme: 'Durchstarten in Ausbildung und Arbeit – Innovationsfonds',
  modules: ['V'],
  grantingAuthority: 'Bezirksregierung Arnsberg',
  eligibleCostCents: euros(50_000),
  requestedCents: euros(40_000),
  fundingPeriod: { from: '2020-07-01', to: '2021-06-30' },
  financing: [
    {
      year: 2020,
      totalCostCents: euros(50_000),
      stateShareCents: euros(40_000),
      ownShareCents: euros(10_000),
      source: integrationspauschale,
      conditional: false,
    },
  ],
};

export const providers = {
  vhs: { providerId: 'vhs-luedinghausen', providerName: 'VHS Lüdinghausen' },
  caritas: { providerId: 'caritas-coesfeld', providerName: 'Caritasverband für den Kreis Coesfeld e.V.' },
  coachingA: { providerId: 'traeger-a', providerName: 'Träger A' },
  coachingB: { providerId: 'traeger-b', providerName: 'Träger B' },
  sprache: { providerId: 'traeger-c', providerName: 'Träger C' },
  kurse: { providerId: 'traeger-d', providerName: 'Träger D' },
} as const;

/** What the selection workflow answers per module once decided. */
export const selections: Record<string, SelectionFacts> = {
  I: { decided: true, selectedProviderIds: ['traeger-a', 'traeger-b'] },
  II: { decided: true, selectedProviderIds: ['traeger-c'] },
  III: { decided: true, selectedProviderIds: ['vhs-luedinghausen'] },
  IV: { decided: true, selectedProviderIds: ['vhs-luedinghausen', 'traeger-d'] },
  VI: { decided: true, selectedProviderIds: ['caritas-coesfeld'] },
};

export const submit = event({ type: 'SUBMIT' }, on('2020-06-15'));

/** Early start for VHS Lüdinghausen's preparatory course (Baustein IV, preparing Baustein III). */
export const earlyStartVhs = event(
  {
    type: 'APPROVE_EARLY_START',
    date: '2020-08-17',
    scope: {
      modules: ['IV'],
      providerIds: ['vhs-luedinghausen'],
      description: 'Vorbereitungskurs für den Hauptschulabschlusskurs (Baustein III), 17.08.2020 bis zu den Weihnachtsferien',
    },
  },
  on('2020-08-10'),
);

export const approvalNotice = event(
  {
    type: 'APPROVAL_NOTICE',
    date: '2020-10-01',
    fileNumber: '36.08.01-DuA-2020/017',
    approvedCents: euros(465_600),
    period: { from: '2020-08-17', to: '2021-12-31' },
    conditions: ['ANBest-G', 'Weiterleitung nach Nr. 12 VV zu § 44 LHO'],
  },
  on('2020-10-05'),
);

export const contract = (
  contractId: string,
  provider: { providerId: string; providerName: string },
  module: string,
  amountEuros: number,
  at: string,
) =>
  event(
    {
      type: 'CONCLUDE_CONTRACT',
      contractId,
      ...provider,
      module,
      amountCents: euros(amountEuros),
      period: { from: '2020-08-17', to: '2021-12-31' },
      selection: selections[module] ?? { decided: false, selectedProviderIds: [] },
    },
    at,
  );

/** Contracts for the whole approved 465.600 EUR. The first is covered by the early start. */
export const contracts = {
  vhsIV: contract('WV-IV-1', providers.vhs, 'IV', 25_000, on('2020-08-17')),
  kurseIV: contract('WV-IV-2', providers.kurse, 'IV', 20_000, on('2020-10-12')),
  vhsIII: contract('WV-III-1', providers.vhs, 'III', 60_000, on('2020-10-12')),
  coachingA: contract('WV-I-1', providers.coachingA, 'I', 120_000, on('2020-10-12')),
  coachingB: contract('WV-I-2', providers.coachingB, 'I', 80_000, on('2020-10-12')),
  sprache: contract('WV-II-1', providers.sprache, 'II', 40_000, on('2020-10-12')),
  caritas: contract('WV-VI-1', providers.caritas, 'VI', 120_600, on('2020-10-12')),
};

export const spend = (year: number, amountEuros: number, at: string, budgetDecision?: BudgetDecisionFacts) =>
  event({ type: 'SPEND_OWN_SHARE', year, amountCents: euros(amountEuros), budgetDecision }, at);

export const budgetAdoption2021 = event(
  { type: 'RECORD_BUDGET_ADOPTION', year: 2021, source: 'budget', ref: 'Haushaltssatzung 2021, Kreistag 16.12.2020', adopted: true },
  on('2020-12-17'),
);

export const callFunds = (callId: string, amountEuros: number, date: string) =>
  event({ type: 'CALL_FUNDS', callId, amountCents: euros(amountEuros), date }, on(date));

export const proofOfUse = event(
  { type: 'SUBMIT_PROOF_OF_USE', date: '2022-05-31', documentRef: 'VN-2022-017' },
  on('2022-05-31'),
);

export const close = event({ type: 'CLOSE' }, on('2022-09-01'));

export const deadlineReached = (deadline: string, at: string) => event({ type: 'DEADLINE_REACHED', deadline }, at, system);

// ---------------------------------------------------------------- given / when

export class Refused extends Error {}

/** Folds events from the initial state; throws if any is refused, so a `given` cannot silently skip. */
export function given(input: GrantInput, ...events: GrantEvent[]): GrantSnapshot {
  let [snapshot] = initialTransition(grantMachine, input);
  for (const e of events) {
    if (!accepts(snapshot, e))
      throw new Refused(`${e.type} refused in ${String(snapshot.value)}: ${JSON.stringify(grantRules.explain(snapshot, e))}`);
    [snapshot] = transition(grantMachine, snapshot, e);
  }
  return snapshot;
}

/** One step: the next snapshot and the actions the engine would execute after commit. */
export function when(snapshot: GrantSnapshot, e: GrantEvent) {
  const [next, actions] = transition(grantMachine, snapshot, e);
  return { next, refused: !accepts(snapshot, e), actions: actions.map((a) => ({ type: a.type, params: a.params })) };
}

/** The case up to the approval notice: submitted, early start, VHS contract for Baustein IV. */
export const caseUntilApproval = (): GrantEvent[] => [submit, earlyStartVhs, contracts.vhsIV];
