import { __unsafe_getAllOwnEventDescriptors, type EventObject, type SnapshotFrom } from 'xstate';
import type { Violation } from '../definition';
import type { motionMachine } from './machine';
import {
  addProposalRules,
  addTaskRules,
  approveUrgentRules,
  closeRules,
  completeImplementationRules,
  cosignRules,
  editProposalRules,
  recordOutcomeRules,
  refuseCosignRules,
  releaseRules,
  removeProposalRules,
  revokeUrgentRules,
  scheduleCurrentStepRules,
  scheduleKenntnisnahmeRules,
  scheduleTarget,
  sequenceRules,
  submitRules,
  unscheduleRules,
  updateTaskRules,
  urgentDecisionRules,
  violations,
  withdrawRules,
} from './rules';
import type { MotionEvent } from './types';

export type MotionSnapshot = SnapshotFrom<typeof motionMachine>;

/** Event types the current state handles, guards aside: the engine's "allowed now" (src/engine/registry.ts). */
export const handledEvents = (snapshot: MotionSnapshot): string[] =>
  snapshot.status === 'active'
    ? (__unsafe_getAllOwnEventDescriptors(snapshot) as string[]).filter((t) => !t.startsWith('xstate.') && t !== '*')
    : [];

/**
 * Why the machine refused an event its state handles: the same rule sets the guards run.
 * Events the state does not handle at all get [] (the engine reports "not allowed now").
 */
export function explainMotion(snapshot: MotionSnapshot, event: EventObject): Violation[] {
  if (!handledEvents(snapshot).includes(event.type)) return [];
  const c = snapshot.context;
  const e = event as MotionEvent;
  switch (e.type) {
    case 'ADD_PROPOSAL':
      return violations(addProposalRules, c, e);
    case 'EDIT_PROPOSAL':
      return violations(editProposalRules, c, e);
    case 'REMOVE_PROPOSAL':
      return violations(removeProposalRules, c, e);
    case 'SET_CONSULTATION_SEQUENCE':
      return violations(sequenceRules, c, e);
    case 'SUBMIT_FOR_COSIGNING':
      return violations(submitRules, c, e);
    case 'COSIGN':
      return violations(cosignRules, c, e);
    case 'REFUSE_COSIGN':
      return violations(refuseCosignRules, c, e);
    case 'RELEASE':
      return violations(releaseRules, c, e);
    case 'WITHDRAW':
      return violations(withdrawRules, c, e);
    case 'SCHEDULE': {
      // The current step is scheduled from inConsultation; Kenntnisnahme steps from any released state.
      const target = scheduleTarget(c, e);
      const forKenntnisnahme = target !== null && c.steps[target]?.role === 'kenntnisnahme';
      const inConsultation = snapshot.matches({ released: 'inConsultation' });
      return violations(!forKenntnisnahme && inConsultation ? scheduleCurrentStepRules : scheduleKenntnisnahmeRules, c, e);
    }
    case 'UNSCHEDULE':
      return violations(unscheduleRules, c, e);
    case 'RECORD_OUTCOME':
      return violations(recordOutcomeRules, c, e);
    case 'URGENT_DECISION':
      return violations(urgentDecisionRules, c, e);
    case 'APPROVE_URGENT_DECISION':
      return violations(approveUrgentRules, c, e);
    case 'REVOKE_URGENT_DECISION':
      return violations(revokeUrgentRules, c, e);
    case 'ADD_TASK':
      return violations(addTaskRules, c, e);
    case 'UPDATE_TASK':
      return violations(updateTaskRules, c, e);
    case 'COMPLETE_IMPLEMENTATION':
      return violations(completeImplementationRules, c, e);
    case 'CLOSE':
      return violations(closeRules, c, e);
    case 'EDIT_MOTION':
    case 'REVISE':
    case 'TASK_DUE':
      return [];
  }
}
