import type { AnyStateMachine, EventObject, InputFrom, SnapshotFrom } from 'xstate';

/**
 * A rule that a guard enforces, in words a clerk understands.
 * `code` is stable (e.g. `MOTION.NOT_COMPETENT`): clients and tests match on it.
 */
export interface Violation {
  readonly code: string;
  readonly message: string;
}

/**
 * One step the current state offers: possible now (judged by the rules that need no payload), or
 * blocked with the violations that say why. The payload's own rules answer when the event is sent.
 */
export interface Step {
  readonly event: string;
  readonly allowed: boolean;
  /** Empty when allowed. */
  readonly violations: readonly Violation[];
}

/**
 * What the engine needs to run a machine. Definitions are pure data plus pure
 * functions: no clock, randomness, I/O or framework imports (see README "Architecture").
 */
export interface WorkflowDefinition<M extends AnyStateMachine = AnyStateMachine> {
  /** Stable workflow type, e.g. `motion`. */
  readonly type: string;
  /** Machine version; an instance stays on the version it started with. */
  readonly version: number;
  readonly title: string;
  readonly machine: M;
  /**
   * Why an event that the current state handles was refused by its guards: the same rules the
   * guards run (workflows/shared/rules-kit.ts), so the two cannot disagree. For an event the state
   * does not handle at all it may say why in domain words (the engine then answers 409 with that
   * code); [] when nothing specific can be said.
   */
  explain(snapshot: SnapshotFrom<M>, event: EventObject): Violation[];
  /**
   * Every event the current state offers (timer events aside) at time `at`, allowed or blocked by
   * the rules that need no payload. `facts` are optional preview facts a rule may use when given
   * (e.g. the motion's competences for RELEASE).
   */
  steps(snapshot: SnapshotFrom<M>, at: string, facts?: Readonly<Record<string, unknown>>): Step[];
  /**
   * Why this input cannot start an instance at time `at` (e.g. a meeting that does not lie in the
   * future); [] or absent when it can. The engine refuses creation with these violations (422), so
   * rules about the start live with the machine like every other rule.
   */
  admit?(input: InputFrom<M>, at: string): Violation[];
  /** What an allowed step would do now, when there is something useful to say (e.g. who still has to co-sign). */
  hint?(snapshot: SnapshotFrom<M>, event: string): string | undefined;
}

export function defineWorkflow<M extends AnyStateMachine>(definition: WorkflowDefinition<M>): WorkflowDefinition<M> {
  return definition;
}
