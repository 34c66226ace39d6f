import type { Violation } from '../definition';
import * as rules from './rules';
import type { Rule } from './rules';
import type { SelectionContext, SelectionEvent, SelectionEventOf, SelectionEventType } from './types';

/**
 * Every named guard of the machine, as the list of rules behind it. The machine's guards,
 * `explain` and `allowedSteps` all read this one table, so they cannot disagree.
 *
 * Rules run in three stages; the first stage with a violation answers:
 *   pre   – the context and the event's time only (allowedSteps runs these without a payload);
 *   shape – the payload is well formed (so the domain rules may rely on it);
 *   rules – the domain rules, all reported together.
 */
export interface GuardSpec {
  readonly events: readonly SelectionEventType[];
  readonly pre: readonly Rule[];
  violations(context: SelectionContext, event: SelectionEvent): Violation[];
}

interface Stages<E> {
  readonly pre?: readonly Rule[];
  readonly shape?: readonly Rule<E>[];
  readonly rules?: readonly Rule<E>[];
}

function guard<T extends SelectionEventType>(events: readonly T[], stages: Stages<SelectionEventOf<T>>): GuardSpec {
  const handles = (event: SelectionEvent): event is SelectionEventOf<T> => (events as readonly string[]).includes(event.type);
  const pre = stages.pre ?? [];
  return {
    events,
    pre,
    violations(context, event) {
      if (!handles(event)) return [{ code: 'SELECTION.INVALID_INPUT', message: `This rule set is for ${events.join(', ')}, not ${event.type}.` }];
      for (const stage of [pre, stages.shape ?? [], stages.rules ?? []] as const) {
        const found = stage.map((rule) => rule(context, event)).filter((v): v is Violation => v !== undefined);
        if (found.length) return found;
      }
      return [];
    },
  };
}

const reasonStage = { shape: [rules.reasonGiven] } as const;

export const guardSpecs = {
  canEdit: guard(['EDIT'], { shape: [rules.editWellFormed] }),
  canPublish: guard(['PUBLISH'], { pre: [rules.setupComplete, rules.weightsSumTo100, rules.deadlineAhead] }),
  canReceiveDeclaration: guard(['RECEIVE_DECLARATION'], {
    shape: [rules.declarationWellFormed],
    rules: [rules.offeredMunicipalitiesInArea, rules.declarationOnTime, rules.declarationIdUnused, rules.providerNotYetAdmitted],
  }),
  canRecordLateDeclaration: guard(['RECORD_LATE_DECLARATION'], {
    shape: [rules.declarationWellFormed],
    rules: [rules.offeredMunicipalitiesInArea, rules.declarationLate, rules.declarationIdUnused],
  }),
  deadlineReached: guard(['CLOSE', 'DEADLINE_REACHED'], { pre: [rules.deadlineReached] }),
  canDeclareConflict: guard(['DECLARE_CONFLICT'], { shape: [rules.conflictWellFormed], rules: [rules.conflictNew] }),
  canStartEvaluation: guard(['START_EVALUATION'], { pre: [rules.hasAdmittedDeclaration] }),
  canScore: guard(['SCORE'], {
    pre: [rules.scoringOpen],
    shape: [rules.scoreWellFormed],
    rules: [rules.declarationAdmitted, rules.criterionKnown, rules.pointsInRange, rules.evaluatorWithoutConflict],
  }),
  canStartTalks: guard(['START_TALKS'], { pre: [rules.scoringComplete] }),
  canRecordTalk: guard(['RECORD_TALK'], { shape: [rules.talkWellFormed], rules: [rules.declarationAdmitted] }),
  canDecideSelection: guard(['DECIDE_SELECTION'], {
    shape: [rules.decisionWellFormed, rules.somethingSelected],
    rules: [
      rules.selectedAdmitted,
      rules.allocationInArea,
      rules.allocationMatchesSelection,
      rules.municipalitiesOffered,
      rules.fteExact,
      rules.areaCovered,
      rules.pilotMatchesCoverage,
      rules.followsRankingOrReason,
    ],
  }),
  canInformCommittee: guard(['INFORM_COMMITTEE'], { shape: [rules.committeeWellFormed] }),
  canRecordStaffing: guard(['RECORD_STAFFING'], {
    shape: [rules.staffingWellFormed],
    rules: [rules.providerSelected, rules.staffingWithinAllocation],
  }),
  canCancel: guard(['CANCEL'], reasonStage),
  canEndWithoutSelection: guard(['NO_SUITABLE_DECLARATION'], reasonStage),
  /** From `closed`: only when no declaration arrived on time; otherwise evaluate first. */
  canEndUnevaluated: guard(['NO_SUITABLE_DECLARATION'], { pre: [rules.noAdmittedDeclaration], ...reasonStage }),
} satisfies Record<string, GuardSpec>;

export type GuardName = keyof typeof guardSpecs;

export function isGuardName(name: unknown): name is GuardName {
  return typeof name === 'string' && Object.hasOwn(guardSpecs, name);
}

/** A named guard for `setup({ guards })`: passes when its rules find nothing. */
export function holds(name: GuardName) {
  return ({ context, event }: { context: SelectionContext; event: SelectionEvent }): boolean =>
    guardSpecs[name].violations(context, event).length === 0;
}
