import { assertEvent, assign, setup, type EventObject } from 'xstate';
import { passedOver, tiedOut } from './queries';
import { SETUP_FIELDS, setupProblems } from './rules';
import { selectionRules } from './specs';
import type { Declaration, SelectionContext, SelectionEvent, SelectionInput, SelectionSetup } from './types';

/**
 * One provider selection procedure (Interessenbekundungsverfahren) for one funding module:
 *
 *   draft → receiving → closed → evaluation → talks → selected → committeeInformed → done
 *   (a selection may start as a pilot phase: ROLL_OUT in `selected`/`committeeInformed` then
 *   covers the whole area, and COMPLETE waits for it)
 *   cancelled (any time before the decision) · noSuitableDeclaration (closed without on-time
 *   declarations, evaluation, talks)
 *
 * `receiving` is the published call. It closes at the deadline: the durable timer scheduled at
 * PUBLISH sends DEADLINE_REACHED, or CLOSE is sent, or any command `closed` takes arrives at or
 * after the deadline: the machine then closes the call and handles the command as `closed` would,
 * in one transition (and refuses both together, so a refusal writes nothing).
 *
 * SCORE is handled from the draft on with the full scoring guard, so that scoring too early is
 * refused with its reason (SELECTION.CALL_NOT_CLOSED, SELECTION.EVALUATION_NOT_STARTED) rather
 * than as an unknown event.
 */

/** Name of the durable deadline timer (scheduled at PUBLISH, cancelled when closed otherwise). */
export const DEADLINE_TIMER = 'callDeadline';

/** Closing the call by a command: record it and cancel the deadline timer, which has nothing left to do. */
const CLOSE_FIRST = ['recordClosure', { type: 'cancelTimer', params: { name: DEADLINE_TIMER } }] as const;

export interface TimerParams {
  readonly name: string;
  readonly fireAt: string;
  readonly event: EventObject;
}

/** The setup becomes the context; it must be well formed (the engine answers WORKFLOW.INVALID_INPUT otherwise). */
export function initialContext(input: SelectionInput): SelectionContext {
  const problems = setupProblems(input ?? {});
  if (problems.length) throw new Error(`SELECTION.SETUP_INVALID: ${problems.join('; ')}`);
  return {
    programme: input.programme,
    module: input.module,
    title: input.title,
    callText: input.callText,
    deadline: input.deadline,
    criteria: input.criteria.map(({ key, name, weightBp }) => ({ key, name, weightBp })),
    scaleMax: input.scaleMax,
    requiredEvaluators: input.requiredEvaluators,
    fteAvailableHundredths: input.fteAvailableHundredths,
    municipalities: [...input.municipalities],
    publishedAt: null,
    closedAt: null,
    closedBy: null,
    evaluationStartedAt: null,
    talksStartedAt: null,
    declarations: [],
    conflicts: [],
    scores: [],
    talks: [],
    selection: null,
    committee: null,
    staffing: [],
    cancellation: null,
    noSuitableDeclaration: null,
    completedAt: null,
  };
}

export const selectionMachine = setup({
  types: {
    input: {} as SelectionInput,
    context: {} as SelectionContext,
    events: {} as SelectionEvent,
  },
  guards: selectionRules.guards,
  actions: {
    /** Run by the engine after commit: a durable timer that later sends `event`. */
    scheduleTimer: (_, _params: TimerParams) => undefined,
    cancelTimer: (_, _params: { readonly name: string }) => undefined,

    applyEdit: assign(({ context, event }) => {
      assertEvent(event, 'EDIT');
      const changes: Partial<Record<keyof SelectionSetup, unknown>> = {};
      for (const field of SETUP_FIELDS) if (event[field] !== undefined) changes[field] = event[field];
      return { ...context, ...(changes as Partial<SelectionSetup>) };
    }),
    recordPublication: assign({ publishedAt: ({ event }) => event.at }),
    recordClosure: assign({
      closedAt: ({ event }) => event.at,
      closedBy: ({ event }) => (event.type === 'DEADLINE_REACHED' ? 'timer' : 'command'),
    }),
    recordDeclaration: assign({
      declarations: ({ context, event }) => {
        assertEvent(event, ['RECEIVE_DECLARATION', 'RECORD_LATE_DECLARATION']);
        const late = event.type === 'RECORD_LATE_DECLARATION';
        const declaration: Declaration = {
          declarationId: event.declarationId,
          providerId: event.providerId,
          providerName: event.providerName,
          concept: event.concept,
          receivedAt: event.receivedAt,
          municipalities: [...event.municipalities],
          late,
          admitted: !late,
          recordedAt: event.at,
        };
        return [...context.declarations, declaration];
      },
    }),
    /** A conflict withdraws the scores the evaluator already gave that provider. */
    recordConflict: assign(({ context, event }) => {
      assertEvent(event, 'DECLARE_CONFLICT');
      const ofProvider = context.declarations.filter((d) => d.providerId === event.providerId).map((d) => d.declarationId);
      const withdrawn = (s: { evaluatorId: string; declarationId: string }) => s.evaluatorId === event.evaluatorId && ofProvider.includes(s.declarationId);
      return {
        conflicts: [
          ...context.conflicts,
          {
            evaluatorId: event.evaluatorId,
            evaluatorName: event.evaluatorName?.trim() || null,
            providerId: event.providerId,
            note: event.note ?? null,
            declaredAt: event.at,
            withdrawnScores: context.scores.filter(withdrawn).length,
          },
        ],
        scores: context.scores.filter((s) => !withdrawn(s)),
      };
    }),
    recordEvaluationStart: assign({ evaluationStartedAt: ({ event }) => event.at }),
    /** A second score by the same evaluator for the same declaration and criterion replaces the first. */
    recordScore: assign({
      scores: ({ context, event }) => {
        assertEvent(event, 'SCORE');
        const score = {
          declarationId: event.declarationId,
          criterionKey: event.criterionKey,
          evaluatorId: event.evaluatorId,
          points: event.points,
          comment: event.comment,
          scoredAt: event.at,
        };
        const same = (s: typeof score) =>
          s.declarationId === score.declarationId && s.criterionKey === score.criterionKey && s.evaluatorId === score.evaluatorId;
        return context.scores.some(same) ? context.scores.map((s) => (same(s) ? score : s)) : [...context.scores, score];
      },
    }),
    recordTalksStart: assign({ talksStartedAt: ({ event }) => event.at }),
    recordTalk: assign({
      talks: ({ context, event }) => {
        assertEvent(event, 'RECORD_TALK');
        const declaration = context.declarations.find((d) => d.declarationId === event.declarationId);
        return [
          ...context.talks,
          {
            declarationId: event.declarationId,
            providerId: declaration?.providerId ?? '',
            date: event.date,
            participants: [...event.participants],
            resultNote: event.resultNote,
            recordedAt: event.at,
          },
        ];
      },
    }),
    recordSelection: assign({
      selection: ({ context, event }) => {
        assertEvent(event, 'DECIDE_SELECTION');
        const selected = event.selected.map(({ providerId }) => ({ providerId }));
        return {
          selected,
          deviates: passedOver(context, selected.map((s) => s.providerId)).length > 0,
          tieBroken: tiedOut(context, selected.map((s) => s.providerId)).length > 0,
          deviationReason: event.deviationReason?.trim() || null,
          allocation: event.allocation.map(({ providerId, municipality, fteHundredths }) => ({ providerId, municipality, fteHundredths })),
          pilot: event.pilot ? { municipalities: [...event.pilot.municipalities] } : null,
          decidedAt: event.at,
          decidedBy: event.actor.id,
          rollOut: null,
        };
      },
    }),
    recordRollOut: assign({
      selection: ({ context, event }) => {
        assertEvent(event, 'ROLL_OUT');
        if (!context.selection) return null;
        const allocation = event.allocation.map(({ providerId, municipality, fteHundredths }) => ({ providerId, municipality, fteHundredths }));
        return { ...context.selection, rollOut: { allocation, decidedAt: event.at, decidedBy: event.actor.id } };
      },
    }),
    recordCommittee: assign({
      committee: ({ event }) => {
        assertEvent(event, 'INFORM_COMMITTEE');
        return { bodyId: event.bodyId, meetingId: event.meetingId ?? null, date: event.date, recordedAt: event.at };
      },
    }),
    recordStaffing: assign({
      staffing: ({ context, event }) => {
        assertEvent(event, 'RECORD_STAFFING');
        const { providerId, fteHundredths, from, status, at } = event;
        return [...context.staffing, { providerId, fteHundredths, from, status, recordedAt: at }];
      },
    }),
    recordCompletion: assign({ completedAt: ({ event }) => event.at }),
    recordCancellation: assign({
      cancellation: ({ event }) => {
        assertEvent(event, 'CANCEL');
        return { reason: event.reason.trim(), at: event.at, by: event.actor.id };
      },
    }),
    recordNoSuitableDeclaration: assign({
      noSuitableDeclaration: ({ event }) => {
        assertEvent(event, 'NO_SUITABLE_DECLARATION');
        return { reason: event.reason.trim(), at: event.at, by: event.actor.id };
      },
    }),
  },
}).createMachine({
  id: 'selection',
  initial: 'draft',
  context: ({ input }) => initialContext(input),
  states: {
    draft: {
      on: {
        EDIT: { guard: 'canEdit', actions: 'applyEdit' },
        PUBLISH: {
          guard: 'canPublish',
          target: 'receiving',
          actions: [
            'recordPublication',
            {
              type: 'scheduleTimer',
              params: ({ context }) => ({
                name: DEADLINE_TIMER,
                fireAt: context.deadline,
                event: { type: 'DEADLINE_REACHED', deadline: DEADLINE_TIMER },
              }),
            },
          ],
        },
        SCORE: { guard: 'canScore', actions: 'recordScore' },
        CANCEL: { guard: 'canCancel', target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    /** The call is published and declarations come in. */
    receiving: {
      on: {
        RECEIVE_DECLARATION: [
          { guard: 'dueReceiveDeclaration', target: 'closed', actions: [...CLOSE_FIRST, 'recordDeclaration'] },
          { guard: 'openReceiveDeclaration', actions: 'recordDeclaration' },
        ],
        RECORD_LATE_DECLARATION: { guard: 'dueRecordLateDeclaration', target: 'closed', actions: [...CLOSE_FIRST, 'recordDeclaration'] },
        DECLARE_CONFLICT: [
          { guard: 'dueDeclareConflict', target: 'closed', actions: [...CLOSE_FIRST, 'recordConflict'] },
          { guard: 'openDeclareConflict', actions: 'recordConflict' },
        ],
        CLOSE: { guard: 'deadlineReached', target: 'closed', actions: [...CLOSE_FIRST] },
        DEADLINE_REACHED: { guard: 'deadlineReached', target: 'closed', actions: 'recordClosure' },
        START_EVALUATION: { guard: 'dueStartEvaluation', target: 'evaluation', actions: [...CLOSE_FIRST, 'recordEvaluationStart'] },
        SCORE: [
          { guard: 'dueScore', target: 'closed', actions: [...CLOSE_FIRST, 'recordScore'] },
          { guard: 'openScore', actions: 'recordScore' },
        ],
        NO_SUITABLE_DECLARATION: { guard: 'dueEndUnevaluated', target: 'noSuitableDeclaration', actions: [...CLOSE_FIRST, 'recordNoSuitableDeclaration'] },
        CANCEL: [
          { guard: 'dueCancel', target: 'cancelled', actions: [...CLOSE_FIRST, 'recordCancellation'] },
          { guard: 'openCancel', target: 'cancelled', actions: ['recordCancellation', { type: 'cancelTimer', params: { name: DEADLINE_TIMER } }] },
        ],
      },
    },
    /** Deadline passed. On-time declarations entered late and late ones can still be recorded. */
    closed: {
      on: {
        RECEIVE_DECLARATION: { guard: 'canReceiveDeclaration', actions: 'recordDeclaration' },
        RECORD_LATE_DECLARATION: { guard: 'canRecordLateDeclaration', actions: 'recordDeclaration' },
        DECLARE_CONFLICT: { guard: 'canDeclareConflict', actions: 'recordConflict' },
        START_EVALUATION: { guard: 'canStartEvaluation', target: 'evaluation', actions: 'recordEvaluationStart' },
        SCORE: { guard: 'canScore', actions: 'recordScore' },
        NO_SUITABLE_DECLARATION: { guard: 'canEndUnevaluated', target: 'noSuitableDeclaration', actions: 'recordNoSuitableDeclaration' },
        CANCEL: { guard: 'canCancel', target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    evaluation: {
      on: {
        SCORE: { guard: 'canScore', actions: 'recordScore' },
        DECLARE_CONFLICT: { guard: 'canDeclareConflict', actions: 'recordConflict' },
        RECORD_LATE_DECLARATION: { guard: 'canRecordLateDeclaration', actions: 'recordDeclaration' },
        START_TALKS: { guard: 'canStartTalks', target: 'talks', actions: 'recordTalksStart' },
        NO_SUITABLE_DECLARATION: { guard: 'canEndWithoutSelection', target: 'noSuitableDeclaration', actions: 'recordNoSuitableDeclaration' },
        CANCEL: { guard: 'canCancel', target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    /** Provider talks (Trägergespräche); scores may still be revised in their light. */
    talks: {
      on: {
        RECORD_TALK: { guard: 'canRecordTalk', actions: 'recordTalk' },
        SCORE: { guard: 'canScore', actions: 'recordScore' },
        RECORD_LATE_DECLARATION: { guard: 'canRecordLateDeclaration', actions: 'recordDeclaration' },
        DECIDE_SELECTION: { guard: 'canDecideSelection', target: 'selected', actions: 'recordSelection' },
        NO_SUITABLE_DECLARATION: { guard: 'canEndWithoutSelection', target: 'noSuitableDeclaration', actions: 'recordNoSuitableDeclaration' },
        CANCEL: { guard: 'canCancel', target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    /** Decided. After a pilot phase, the roll-out to the whole area (ROLL_OUT) follows here or once the committee knows. */
    selected: {
      on: {
        ROLL_OUT: { guard: 'canRollOut', actions: 'recordRollOut' },
        RECORD_STAFFING: { guard: 'canRecordStaffing', actions: 'recordStaffing' },
        INFORM_COMMITTEE: { guard: 'canInformCommittee', target: 'committeeInformed', actions: 'recordCommittee' },
      },
    },
    committeeInformed: {
      on: {
        ROLL_OUT: { guard: 'canRollOut', actions: 'recordRollOut' },
        RECORD_STAFFING: { guard: 'canRecordStaffing', actions: 'recordStaffing' },
        COMPLETE: { guard: 'canComplete', target: 'done', actions: 'recordCompletion' },
      },
    },
    done: { type: 'final' },
    cancelled: { type: 'final' },
    noSuitableDeclaration: { type: 'final' },
  },
});

export type SelectionMachine = typeof selectionMachine;
/** Every state, in lifecycle order (the graph test reaches each). */
export const SELECTION_STATES = [
  'draft',
  'receiving',
  'closed',
  'evaluation',
  'talks',
  'selected',
  'committeeInformed',
  'done',
  'cancelled',
  'noSuitableDeclaration',
] as const;

export type SelectionState = (typeof SELECTION_STATES)[number];
