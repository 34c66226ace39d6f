import { defineWorkflow } from '../definition';
import { explainMotion } from './explain';
import { motionMachine } from './machine';

export { motionMachine, timerName } from './machine';
export { explainMotion, handledEvents, type MotionSnapshot } from './explain';
export {
  currentStep,
  implementationSummary,
  kenntnisnahmeStatus,
  nextSteps,
  overdueTasks,
  statusOf,
  taskState,
  type MotionCommand,
  type MotionStatus,
  type NextStep,
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

export const motionWorkflow = defineWorkflow({
  type: 'motion',
  version: 1,
  title: 'Sitzungsvorlage: from draft through the Beratungsfolge to the decision and its implementation',
  machine: motionMachine,
  explain: explainMotion,
});
