import { guardsFor, rulesKit } from '../shared/rules-kit';
import * as r from './rules';
import type { MotionContext, MotionEvent, MotionPreviewFacts, Outcome, RecordOutcome } from './types';

/**
 * Every named guard of the motion machine, as the rules behind it (stages: see
 * shared/rules-kit.ts). The machine's guards, `explain` and `steps` all come from this one table.
 * Rules on the meeting an event concerns (MEETING.*) come first: they answered first when the
 * service checked them itself.
 */
const guard = guardsFor<MotionContext, MotionEvent, MotionPreviewFacts>();

/** Is the open consultation at the event's meeting a Kenntnisnahme (beside the sequence) or the current step? */
const consultationKind = (c: MotionContext, meetingId: string): 'kenntnisnahme' | 'urgent' | 'sequence' | undefined => {
  const open = r.openConsultationAt(c, meetingId);
  if (!open) return undefined;
  return open.role === 'kenntnisnahme' ? 'kenntnisnahme' : r.isUrgentItem(open) ? 'urgent' : 'sequence';
};
const atSequence = (c: MotionContext, e: { meetingId: string }) => consultationKind(c, e.meetingId) === 'sequence';
const atKenntnisnahme = (c: MotionContext, e: { meetingId: string }) => consultationKind(c, e.meetingId) === 'kenntnisnahme';
const atUrgentItem = (c: MotionContext, e: { meetingId: string }) => consultationKind(c, e.meetingId) === 'urgent';
const forKenntnisnahmeStep = (c: MotionContext, e: Parameters<typeof r.scheduleTarget>[1]) => {
  const target = r.scheduleTarget(c, e);
  return target !== null && c.steps[target]?.role === 'kenntnisnahme';
};
const atDecidingStep = (c: MotionContext) => c.currentStepIndex !== null && c.steps[c.currentStepIndex]?.role === 'entscheidung';
const uniformly = (outcome: Outcome) => (_c: MotionContext, e: RecordOutcome) => r.uniformOutcome(e, outcome);

// The item comes first: an outcome for an item of the urgent procedure (or none) gets that one reason.
const outcome = { pre: [r.outcomeItemOpen], shape: r.outcomeItemRules, rules: [r.meetingOutcomesRecordable, ...r.recordOutcomeRules] };
const unschedule = { pre: [r.onSomeOpenAgenda], rules: [r.meetingItemRemovable, ...r.unscheduleRules] };
const kreistagVote = [r.meetingOutcomesRecordable, r.meetingAttendanceRecorded] as const;

export const motionRules = rulesKit(
  {
    addProposalAllowed: guard(['ADD_PROPOSAL'], { rules: r.addProposalRules }),
    editProposalAllowed: guard(['EDIT_PROPOSAL'], { pre: [r.proposalsToChange], rules: r.editProposalRules }),
    removeProposalAllowed: guard(['REMOVE_PROPOSAL'], { pre: [r.proposalsToChange], rules: r.removeProposalRules }),
    sequenceWellFormed: guard(['SET_CONSULTATION_SEQUENCE'], { shape: r.sequenceRules }),
    readyForCosigning: guard(['SUBMIT_FOR_COSIGNING'], { pre: r.submitRules }),
    cosignAllowed: guard(['COSIGN'], { pre: [r.cosignaturePending], rules: r.cosignRules }),
    refuseCosignAllowed: guard(['REFUSE_COSIGN'], { pre: [r.cosignaturePending], rules: r.refuseCosignRules }),
    /** The clerk's way back from co-signing (e.g. after RELEASE was refused): the co-signatures are voided. */
    returnToDraftAllowed: guard(['RETURN_TO_DRAFT'], { shape: r.withdrawRules }),
    releaseAllowed: guard(['RELEASE'], { pre: [r.allCosigned, ...r.submitRules, r.competentIfKnown], shape: [r.competencesGiven] }),
    withdrawAllowed: guard(['WITHDRAW'], { shape: r.withdrawRules }),
    scheduleCurrentStepAllowed: guard(
      ['SCHEDULE'],
      { rules: [r.meetingAgendaOpen, ...r.scheduleCurrentStepRules] },
      { event: (c, e) => !forKenntnisnahmeStep(c, e) },
    ),
    scheduleKenntnisnahmeAllowed: guard(
      ['SCHEDULE'],
      { pre: [r.kenntnisnahmeSchedulable], rules: [r.meetingAgendaOpen, ...r.scheduleKenntnisnahmeRules] },
      { event: forKenntnisnahmeStep },
    ),
    unscheduleCurrentStepAllowed: guard(['UNSCHEDULE'], unschedule, { event: atSequence }),
    unscheduleKenntnisnahmeAllowed: guard(['UNSCHEDULE'], unschedule, { event: atKenntnisnahme }),
    /** A Dringlichkeitsvorlage or a Genehmigung comes off an agenda like any item. */
    unscheduleUrgentItemAllowed: guard(['UNSCHEDULE'], unschedule, { event: atUrgentItem }),
    /** § 50 Abs. 3 KrO NRW: onto a Kreisausschuss meeting out of the step order, urgent invitation period, reason on record. */
    scheduleUrgentAllowed: guard(['SCHEDULE_URGENT'], { pre: [r.urgentDecisionApplicable], shape: [r.urgentScheduleReason], rules: r.scheduleUrgentRules }),
    /** While the urgent decision awaits the Kreistag: its approval onto the Kreistag's agenda. */
    scheduleApprovalAllowed: guard(
      ['SCHEDULE'],
      { rules: [r.meetingAgendaOpen, ...r.scheduleCurrentStepRules] },
      { event: (c, e) => !forKenntnisnahmeStep(c, e) },
    ),
    urgentDecisionByLandratAllowed: guard(['URGENT_DECISION_BY_LANDRAT'], { pre: [r.urgentDecisionApplicable], rules: r.landratRules }),
    kenntnisnahmeOutcomeValid: guard(['RECORD_OUTCOME'], outcome, { event: atKenntnisnahme }),
    /** The current step's outcome, routed by what it says: postponed, referred back, the decision, or on to the next step. */
    outcomePostponed: guard(['RECORD_OUTCOME'], outcome, { event: (c, e) => atSequence(c, e) && uniformly('postponed')(c, e) }),
    outcomeReferredBack: guard(['RECORD_OUTCOME'], outcome, { event: (c, e) => atSequence(c, e) && uniformly('referredBack')(c, e) }),
    outcomeDecides: guard(['RECORD_OUTCOME'], outcome, { event: (c, e) => atSequence(c, e) && atDecidingStep(c) }),
    outcomeOfCurrentStepValid: guard(['RECORD_OUTCOME'], outcome, { event: atSequence }),
    urgentDecisionAllowed: guard(['URGENT_DECISION'], {
      pre: [r.urgentDecisionApplicable],
      rules: [
        r.meetingOutcomesRecordable,
        r.meetingAttendanceRecorded,
        r.urgentDecisionOnAgenda,
        ...r.urgentDecisionRules.filter((rule) => rule !== r.urgentDecisionApplicable),
      ],
    }),
    approveUrgentAllowed: guard(['APPROVE_URGENT_DECISION'], { rules: [...kreistagVote, ...r.approveUrgentRules] }),
    revokeUrgentAllowed: guard(['REVOKE_URGENT_DECISION'], { rules: [...kreistagVote, ...r.revokeUrgentRules] }),
    addTaskAllowed: guard(['ADD_TASK'], { rules: r.addTaskRules }),
    updateTaskAllowed: guard(['UPDATE_TASK'], { pre: [r.someTaskOpen], rules: r.updateTaskRules }),
    implementationComplete: guard(['COMPLETE_IMPLEMENTATION'], { pre: r.completeImplementationRules }),
    closeAllowed: guard(['CLOSE'], { pre: r.closeRules }),
  },
  {
    system: ['TASK_DUE'],
    // Withdrawal ends at the decision: say so, rather than only "not possible in this state".
    // Approving or revoking an urgent decision that is not pending: there is nothing to approve.
    unhandled: (snapshot, event) => {
      const context = snapshot.context as MotionContext;
      const found =
        event.type === 'WITHDRAW'
          ? r.withdrawalEnded(context)
          : event.type === 'APPROVE_URGENT_DECISION' || event.type === 'REVOKE_URGENT_DECISION'
            ? r.noUrgentDecisionPending(context, event.type)
            : undefined;
      return found ? [found] : [];
    },
  },
);
