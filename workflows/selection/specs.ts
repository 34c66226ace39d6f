import { guardsFor, rulesKit, type Rule as KitRule } from '../shared/rules-kit';
import * as rules from './rules';
import type { SelectionContext, SelectionEvent } from './types';

/**
 * Every named guard of the selection machine, as the rules behind it (stages: see
 * shared/rules-kit.ts). The machine's guards, `explain` and `steps` all come from this one table.
 */
const guard = guardsFor<SelectionContext, SelectionEvent>();

const reasonStage = { shape: [rules.reasonGiven] } as const;

/**
 * The call as it stands once closed by the event at hand (what `recordClosure` assigns): the
 * rules of the closed call judge an event that arrives at or after the deadline while the call is
 * still open, which the machine then closes first within the same transition.
 */
const closedBy = (context: SelectionContext, at: string): SelectionContext => ({ ...context, closedAt: at, closedBy: 'command' });
const onceClosed =
  <E>(rule: KitRule<SelectionContext, E>): KitRule<SelectionContext, E & rules.Timed> =>
  (context, event) =>
    rule(closedBy(context, event.at), event);
const dueNow = { time: (context: SelectionContext, at: string): boolean => rules.deadlinePassedAt(context, at) };
const notDue = { time: (context: SelectionContext, at: string): boolean => !rules.deadlinePassedAt(context, at) };

const declaration = {
  shape: [rules.declarationWellFormed],
  rules: [rules.offeredMunicipalitiesInArea, rules.declarationOnTime, rules.declarationIdUnused, rules.providerNotYetAdmitted],
};
const lateDeclaration = {
  shape: [rules.declarationWellFormed],
  rules: [rules.offeredMunicipalitiesInArea, rules.declarationLate, rules.declarationIdUnused],
};
const conflict = { shape: [rules.conflictWellFormed], rules: [rules.conflictNew] };
const score = {
  pre: [rules.scoringOpen],
  shape: [rules.scoreWellFormed],
  rules: [rules.declarationAdmitted, rules.criterionKnown, rules.pointsInRange, rules.evaluatorWithoutConflict],
};
const unevaluated = { pre: [rules.noAdmittedDeclaration], ...reasonStage };

export const selectionRules = rulesKit(
  {
    canEdit: guard(['EDIT'], { shape: [rules.editWellFormed] }),
    canPublish: guard(['PUBLISH'], { pre: [rules.setupComplete, rules.weightsSumTo100, rules.deadlineAhead] }),
    canReceiveDeclaration: guard(['RECEIVE_DECLARATION'], declaration),
    canRecordLateDeclaration: guard(['RECORD_LATE_DECLARATION'], lateDeclaration),
    deadlineReached: guard(['CLOSE', 'DEADLINE_REACHED'], { pre: [rules.deadlineReached] }),
    canDeclareConflict: guard(['DECLARE_CONFLICT'], conflict),
    canStartEvaluation: guard(['START_EVALUATION'], { pre: [rules.hasAdmittedDeclaration] }),
    canScore: guard(['SCORE'], score),
    canStartTalks: guard(['START_TALKS'], { pre: [rules.scoringComplete] }),
    canRecordTalk: guard(['RECORD_TALK'], { shape: [rules.talkWellFormed], rules: [rules.declarationAdmitted] }),
    canDecideSelection: guard(['DECIDE_SELECTION'], {
      shape: [rules.decisionWellFormed, rules.somethingSelected],
      rules: [
        rules.selectedAdmitted,
        rules.allocationInArea,
        rules.allocationMatchesSelection,
        rules.municipalitiesOffered,
        rules.fteFits,
        rules.areaCovered,
        rules.pilotMatchesCoverage,
        rules.followsRankingOrReason,
        rules.tieBrokenWithReason,
      ],
    }),
    canRollOut: guard(['ROLL_OUT'], {
      pre: [rules.pilotPhaseOpen],
      shape: [rules.rollOutWellFormed],
      rules: [rules.allocationInArea, rules.allocationMatchesSelection, rules.municipalitiesOffered, rules.fteFits, rules.areaCovered].map(rules.asRollOut),
    }),
    canComplete: guard(['COMPLETE'], { pre: [rules.noRollOutPending] }),
    canInformCommittee: guard(['INFORM_COMMITTEE'], { shape: [rules.committeeWellFormed] }),
    canRecordStaffing: guard(['RECORD_STAFFING'], {
      shape: [rules.staffingWellFormed],
      rules: [rules.providerSelected, rules.staffingWithinAllocation],
    }),
    canCancel: guard(['CANCEL'], reasonStage),
    canEndWithoutSelection: guard(['NO_SUITABLE_DECLARATION'], reasonStage),
    /** From `closed`: only when no declaration arrived on time; otherwise evaluate first. */
    canEndUnevaluated: guard(['NO_SUITABLE_DECLARATION'], unevaluated),

    // ---- the open call, before its deadline (the events `receiving` handles itself)
    openReceiveDeclaration: guard(['RECEIVE_DECLARATION'], declaration, notDue),
    openDeclareConflict: guard(['DECLARE_CONFLICT'], conflict, notDue),
    openScore: guard(['SCORE'], score, notDue),
    openCancel: guard(['CANCEL'], reasonStage, notDue),

    // ---- the open call at or after its deadline: closed first, then the event as `closed` takes it
    dueReceiveDeclaration: guard(['RECEIVE_DECLARATION'], closingFirst(declaration), dueNow),
    dueRecordLateDeclaration: guard(['RECORD_LATE_DECLARATION'], closingFirst(lateDeclaration), dueNow),
    dueDeclareConflict: guard(['DECLARE_CONFLICT'], closingFirst(conflict), dueNow),
    dueStartEvaluation: guard(['START_EVALUATION'], closingFirst({ pre: [rules.hasAdmittedDeclaration] }), dueNow),
    dueScore: guard(['SCORE'], closingFirst(score), dueNow),
    dueEndUnevaluated: guard(['NO_SUITABLE_DECLARATION'], closingFirst(unevaluated), dueNow),
    dueCancel: guard(['CANCEL'], closingFirst(reasonStage), dueNow),
  },
  { system: ['DEADLINE_REACHED'] },
);

/** The stages of a `closed`-state guard, judged on the call closed now, behind "the deadline has passed". */
function closingFirst<E>(stages: {
  readonly pre?: readonly KitRule<SelectionContext, rules.Timed>[];
  readonly shape?: readonly KitRule<SelectionContext, E>[];
  readonly rules?: readonly KitRule<SelectionContext, E>[];
}) {
  return {
    pre: [rules.deadlineReached, ...(stages.pre ?? []).map(onceClosed)],
    shape: (stages.shape ?? []).map(onceClosed),
    rules: (stages.rules ?? []).map(onceClosed),
  };
}

export type GuardName = keyof typeof selectionRules.specs;
