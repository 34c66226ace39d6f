import type { EventObject, SnapshotFrom } from 'xstate';
import { defineWorkflow, type Violation } from '../definition';
import { guardSpecs, isGuardName } from './guards';
import { selectionMachine } from './machine';
import { deadlinePassedAt, setupProblems, setupViolation, weightsProblem } from './rules';
import type { SelectionContext, SelectionEvent, SelectionEventType, SelectionInput } from './types';

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

type TransitionLike = { readonly guard?: unknown };

/** The transitions the current state has for an event type (no parallel states: the value is a string). */
function transitionsFor(snapshot: SelectionSnapshot, type: string): readonly TransitionLike[] {
  if (snapshot.status !== 'active') return [];
  const node = selectionMachine.root.states[String(snapshot.value)];
  const on: Partial<Record<string, readonly TransitionLike[]>> = node?.on ?? {};
  return on[type] ?? [];
}

/**
 * Why the current state refused `event`: the violations of the guard(s) on its transitions
 * for that event type. [] when the state does not handle the event or a transition would pass.
 */
export function explain(snapshot: SelectionSnapshot, event: EventObject): Violation[] {
  const found: Violation[] = [];
  for (const transition of transitionsFor(snapshot, event.type)) {
    if (!isGuardName(transition.guard)) return [];
    const violations = guardSpecs[transition.guard].violations(snapshot.context, event as SelectionEvent);
    if (violations.length === 0) return [];
    found.push(...violations);
  }
  return found;
}

export interface AllowedStep {
  readonly type: SelectionEventType;
  /** Possible now (given a valid payload, when `needsInput`). */
  readonly allowed: boolean;
  /** The event carries a payload the office has to fill in. */
  readonly needsInput: boolean;
  /** Why it is blocked, in plain words; empty when allowed. */
  readonly reasons: readonly Violation[];
}

const WITHOUT_INPUT: readonly SelectionEventType[] = ['PUBLISH', 'CLOSE', 'START_EVALUATION', 'START_TALKS', 'COMPLETE'];
/** Sent by the durable timer, not offered to users. */
const SYSTEM_EVENTS: readonly string[] = ['DEADLINE_REACHED'];

/**
 * The steps the current state offers at time `at`, each allowed or blocked with reasons.
 * Only rules that need no payload are evaluated (e.g. scoring complete before talks, the deadline
 * reached before closing); rules on the payload answer when the event is sent.
 */
export function allowedSteps(snapshot: SelectionSnapshot, at: string): AllowedStep[] {
  if (snapshot.status !== 'active') return [];
  const node = selectionMachine.root.states[String(snapshot.value)];
  if (!node) return [];
  return node.ownEvents
    .filter((type) => !SYSTEM_EVENTS.includes(type))
    .map((type) => {
      const perTransition = transitionsFor(snapshot, type).map((t) =>
        isGuardName(t.guard) ? guardSpecs[t.guard].pre.map((rule) => rule(snapshot.context, { at })).filter((v): v is Violation => v !== undefined) : [],
      );
      const allowed = perTransition.some((violations) => violations.length === 0);
      return {
        type: type as SelectionEventType,
        allowed,
        needsInput: !WITHOUT_INPUT.includes(type as SelectionEventType),
        reasons: allowed ? [] : perTransition.flat(),
      };
    });
}

/**
 * True when the call is still open although `at` is at or after the deadline: the service sends
 * CLOSE before the command it is handling (the deadline timer may not have fired yet).
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
});
