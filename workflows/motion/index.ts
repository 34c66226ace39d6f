import type { EventObject } from 'xstate';
import { defineWorkflow, type Step, type Violation } from '../definition';
import { motionMachine } from './machine';
import { motionHint, type MotionSnapshot } from './queries';
import { motionRules } from './specs';
import type { MotionPreviewFacts } from './types';

/** Why the machine refused the event (the rules kit, from the guard table in specs.ts). */
export const explainMotion = (snapshot: MotionSnapshot, event: EventObject): Violation[] => motionRules.explain(snapshot, event);

/** The steps the current state offers, judged by the rules that need no payload; `facts` previews RELEASE's competence check. */
export const motionSteps = (snapshot: MotionSnapshot, at: string, facts?: Partial<MotionPreviewFacts>): Step[] => motionRules.steps(snapshot, at, facts);

export { motionMachine, timerName } from './machine';
export { handledEvents } from '../shared/rules-kit';
export {
  currentStep,
  hasAdoptedDecision,
  implementationSummary,
  isDecided,
  kenntnisnahmeStatus,
  motionHint,
  overdueTasks,
  statusOf,
  taskState,
  type MotionSnapshot,
  type MotionStatus,
  type TaskState,
} from './queries';
export {
  adoptedKeys,
  currentVersion,
  decidingStep,
  describeStep,
  hasQuorum,
  MotionViolation,
  OUTCOMES_BY_ROLE,
  pendingCosigners,
  type MotionViolationCode,
} from './rules';
export type * from './types';
export { baseReference, checkFollowUp, FollowUpViolation, nextFollowUpReference, type FollowUpCheck, type Predecessor, type PredecessorFact } from './follow-up';

export const motionWorkflow = defineWorkflow({
  type: 'motion',
  version: 1,
  title: 'Sitzungsvorlage: from draft through the Beratungsfolge to the decision and its implementation',
  machine: motionMachine,
  explain: explainMotion,
  steps: motionSteps,
  hint: motionHint,
});
