import type { EventObject } from 'xstate';
import { defineWorkflow, type Violation } from '../definition';
import { grantMachine, type GrantSnapshot } from './machine';
import { violations } from './rules';
import type { GrantEvent } from './types';

/**
 * Why the current state refused `event`: the violated rules (codes `GRANT.*`).
 * [] when the current state does not handle the event at all.
 */
function explain(snapshot: GrantSnapshot, event: EventObject): Violation[] {
  const handled = snapshot.status === 'active' && snapshot._nodes.some((node) => (node.ownEvents as string[]).includes(event.type));
  return handled ? violations(snapshot.context, event as GrantEvent) : [];
}

export const grantWorkflow = defineWorkflow({
  type: 'grant',
  version: 1,
  title: 'Zuwendung (Bewilligung, Weiterleitungsverträge, Eigenanteil, Verwendungsnachweis)',
  machine: grantMachine,
  explain,
});

export { grantMachine, initialContext, PROOF_OF_USE_DEADLINE, spendByDeadline } from './machine';
export type { GrantMachine, GrantSnapshot, GrantStateValue } from './machine';
export { GrantViolation, violations } from './rules';
export type { GrantViolationCode } from './rules';
export { allowedSteps, contractsByProvider, deadlines, financingTable, isEndangered } from './queries';
export type { AllowedStep, ClerkStep, DeadlineView, FinancingRow, ProviderContracts } from './queries';
export { berlinDate, endOfBerlinDay } from '../shared/calendar';
export type * from './types';
