import type { EventObject, SnapshotFrom } from 'xstate';
import { defineWorkflow, type Step, type Violation } from '../definition';
import { selectionMachine } from './machine';
import { deadlinePassedAt, setupProblems, setupViolation, weightsProblem } from './rules';
import { selectionRules } from './specs';
import type { SelectionContext, SelectionInput } from './types';

export * from './types';
export { DEADLINE_TIMER, SELECTION_STATES, initialContext, selectionMachine, type SelectionMachine, type SelectionState, type TimerParams } from './machine';
export {
  admittedDeclarations,
  coverage,
  formatHundredths,
  passedOver,
  ranking,
  scoringGaps,
  selectedProviders,
  staffingOverview,
  type CoverageEntry,
  type CriterionResult,
  type ProviderStaffing,
  type RankingRow,
  type ScoringGap,
  type SelectedProvider,
} from './queries';
export { SELECTION_CODES, type SelectionCode } from './rules';

export type SelectionSnapshot = SnapshotFrom<typeof selectionMachine>;

/** Why the current state refused `event` (the rules kit, from the guard table in specs.ts). */
export const explain = (snapshot: SelectionSnapshot, event: EventObject): Violation[] => selectionRules.explain(snapshot, event);

/** The steps the current state offers at `at`, judged by the rules that need no payload. */
export const steps = (snapshot: SelectionSnapshot, at: string): Step[] => selectionRules.steps(snapshot, at);

/**
 * True when the call is still open although `at` is at or after the deadline (the deadline timer
 * has not fired yet): the next command closes it first, within its own transition.
 */
export function isCloseDue(snapshot: SelectionSnapshot, at: string): boolean {
  return snapshot.status === 'active' && snapshot.value === 'receiving' && deadlinePassedAt(snapshot.context, at);
}

/** The selection is decided (and stays so): what the grant workflow's contracts may rely on. */
export function isDecided(context: SelectionContext): boolean {
  return context.selection !== null;
}

/**
 * Check a setup before creating a procedure (the machine refuses a malformed one with
 * WORKFLOW.INVALID_INPUT). Weights that do not add up to 100 % are reported too; they may stay
 * so in the draft but block PUBLISH.
 */
export function validateSetup(input: SelectionInput): Violation[] {
  const found = setupViolation(setupProblems(input)) ?? weightsProblem(input.criteria);
  return found ? [found] : [];
}

export const selectionWorkflow = defineWorkflow({
  type: 'selection',
  version: 1,
  title: 'Provider selection (Interessenbekundungsverfahren) for a funding module',
  machine: selectionMachine,
  explain,
  steps,
});
