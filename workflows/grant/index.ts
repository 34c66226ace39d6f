import type { EventObject } from 'xstate';
import { defineWorkflow, type Step, type Violation } from '../definition';
import { grantMachine, type GrantSnapshot } from './machine';
import { grantHint } from './queries';
import { grantRules } from './specs';

/** Why the current state refused `event`: the violated rules (codes `GRANT.*`), from the table in specs.ts. */
export const explainGrant = (snapshot: GrantSnapshot, event: EventObject): Violation[] => grantRules.explain(snapshot, event);

/** The steps the current state offers at `at`, judged by the rules that need no payload. */
export const grantSteps = (snapshot: GrantSnapshot, at: string): Step[] => grantRules.steps(snapshot, at);

export const grantWorkflow = defineWorkflow({
  type: 'grant',
  version: 1,
  title: 'Zuwendung (Bewilligung, Weiterleitungsverträge, Eigenanteil, Verwendungsnachweis)',
  machine: grantMachine,
  explain: explainGrant,
  steps: grantSteps,
  hint: grantHint,
});

export { grantMachine, initialContext, PROOF_OF_USE_DEADLINE, spendByDeadline } from './machine';
export type { GrantMachine, GrantSnapshot, GrantStateValue } from './machine';
export { GrantViolation } from './rules';
export { checkApplication, type ApplicationCheck, type ApplicationDraft, type BudgetSourceFacts, type FinancingYearDraft } from './application';
export type { GrantViolationCode } from './rules';
export { grantHint, contractsByProvider, deadlines, financingTable, isEndangered, ownShareUsage } from './queries';
export type { ClerkStep, DeadlineView, FinancingRow, GrantFinancing, ProviderContracts } from './queries';
export { berlinDate, endOfBerlinDay } from '../shared/calendar';
export type * from './types';
