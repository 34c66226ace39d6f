/**
 * The motion (Sitzungsvorlage) lifecycle:
 *
 *   draft → cosigning → released.inConsultation (awaitingSchedule ⇄ scheduled, step by step)
 *         → released.decided → released.implementation → done
 *
 * - A refused co-signature returns the motion to draft with the reason on record.
 * - A referral back (zurückverwiesen) parks it in released.referredBack; REVISE reopens the draft,
 *   and after a new release the Beratungsfolge starts again from its first step.
 * - Postponed (vertagt): the step waits for a new agenda slot; the next slot is a new consultation.
 * - A not-recommended proposal still proceeds: the next body deliberates on it (as in reality).
 * - Kenntnisnahme steps never block: they can be scheduled and noted whenever the motion is released
 *   (handled on `released` itself), or never.
 * - Urgent decision (§ 50 Abs. 3 KrO NRW): when the Kreistag decides, the Kreisausschuss may decide in
 *   its place (released.urgentDecided); the Kreistag approves it (→ decided) or revokes it, which
 *   returns the motion to the Kreistag's own Entscheidung step (awaitingSchedule).
 * - Withdrawal is possible until a decision exists (draft, cosigning, inConsultation, referredBack).
 */
import { assertEvent, assign, setup } from 'xstate';
import { endOfBerlinDay, instantMs } from '../shared/calendar';
import { documentEvents } from '../shared/documents';
import {
  currentVersion,
  decidingStep,
  findTask,
  firstSequenceStep,
  invitationPlan,
  isClosedTask,
  nextSequenceStep,
  openConsultationAt,
  scheduleTarget,
} from './rules';
import { motionRules } from './specs';
import type {
  AdoptedText,
  Consultation,
  DecisionOutcome,
  MotionContext,
  MotionDecision,
  MotionEvent,
  MotionEventOf,
  MeetingFact,
  MotionInput,
  Proposal,
  ProposalOutcomeInput,
  ProposalResult,
  VersionOrigin,
} from './types';

export const timerName = (taskId: string): string => `task-due:${taskId}`;

/** Closes the given open consultations as removed from their agenda. */
function removeOpen(context: MotionContext, which: (c: Consultation) => boolean, reason: string): Consultation[] {
  return context.consultations.map((c) => (c.status === 'scheduled' && which(c) ? { ...c, status: 'removed' as const, removedReason: reason } : c));
}

/** Applies a body's outcomes: a result per proposal, and a new version for every amendment. */
function applyOutcomes(
  context: MotionContext,
  outcomes: Record<string, ProposalOutcomeInput>,
  origin: Extract<VersionOrigin, { by: 'body' }>,
  at: string,
): { proposals: Proposal[]; results: Record<string, ProposalResult> } {
  const results: Record<string, ProposalResult> = {};
  const proposals = context.proposals.map((p) => {
    const input = outcomes[p.key];
    const current = currentVersion(p);
    if (!input) return p;
    const amended = input.amendedText !== undefined && (input.outcome === 'recommendedWithAmendment' || input.outcome === 'adoptedWithAmendment');
    const newVersion = amended ? current.version + 1 : null;
    results[p.key] = { outcome: input.outcome, votes: input.votes ?? null, deliberatedVersion: current.version, newVersion };
    return amended
      ? { ...p, versions: [...p.versions, { version: current.version + 1, text: input.amendedText!, origin, at, released: true }] }
      : p;
  });
  return { proposals, results };
}

/**
 * What the meeting's own record says about a consultation held at it: when it was held, and when
 * its invitation went out (unless the item came on a later supplementary invitation).
 */
function heldFacts(c: Pick<Consultation, 'invitationDate' | 'meetingStart'>, meeting: MeetingFact | undefined) {
  return {
    heldAt: meeting?.heldAt ?? null,
    invitationDate: c.invitationDate ?? meeting?.invitationDate ?? null,
    meetingStart: c.meetingStart ?? meeting?.start ?? null,
  };
}

/** Per adopted proposal: the version the decision adopted (after its amendment, if any) and its text. */
function adoptedTexts(proposals: readonly Proposal[], outcomes: Record<string, ProposalOutcomeInput>): Record<string, AdoptedText> {
  return Object.fromEntries(
    proposals.flatMap((p) => {
      const o = outcomes[p.key]?.outcome;
      if (o !== 'adopted' && o !== 'adoptedWithAmendment') return [];
      const { version, text } = currentVersion(p);
      return [[p.key, { version, text }]];
    }),
  );
}

/** A new open consultation: the motion on a meeting's agenda in `role`. */
function agendaSlot(
  context: MotionContext,
  event: MotionEventOf<'SCHEDULE'> | MotionEventOf<'SCHEDULE_URGENT'>,
  slot: Pick<Consultation, 'stepIndex' | 'bodyId' | 'bodyName' | 'bodyKind' | 'role'>,
): Consultation {
  const plan = invitationPlan(event)!;
  return {
    no: context.consultations.length + 1,
    stepIndex: slot.stepIndex,
    bodyId: slot.bodyId,
    bodyName: slot.bodyName,
    bodyKind: slot.bodyKind,
    role: slot.role,
    meetingId: event.meetingId,
    meetingStart: event.meetingStart,
    // the meeting's invitation is still to go out: its day comes with the outcome
    invitationDate: event.invitationDate === undefined ? null : plan.sendDay,
    urgentInvitationReason: plan.urgent ? event.urgentReason!.trim() : null,
    status: 'scheduled',
    scheduledAt: event.at,
    heldAt: null,
    removedReason: null,
    attendance: null,
    results: null,
    vote: null,
    reason: null,
  };
}

const decisionOutcomes = (outcomes: Record<string, ProposalOutcomeInput>): Record<string, DecisionOutcome> =>
  Object.fromEntries(Object.entries(outcomes).map(([key, o]) => [key, o.outcome as DecisionOutcome]));

const motionSetup = setup({
  types: {
    input: {} as MotionInput,
    context: {} as MotionContext,
    events: {} as MotionEvent,
  },
  guards: motionRules.guards,
  actions: {
    /** Run by the engine after commit: later send `params.event` at `params.fireAt`. */
    scheduleTimer: (_, _params: { name: string; fireAt: string; event: { type: 'TASK_DUE'; taskId: string } }) => undefined,
    cancelTimer: (_, _params: { name: string }) => undefined,

    editMotion: assign(({ context, event }) => {
      assertEvent(event, 'EDIT_MOTION');
      return {
        title: event.title ?? context.title,
        department: event.department ?? context.department,
        requiredCosigners: event.requiredCosigners ?? context.requiredCosigners,
        outline: event.outline ? { ...context.outline, ...event.outline } : context.outline,
      };
    }),
    addProposal: assign(({ context, event }) => {
      assertEvent(event, 'ADD_PROPOSAL');
      const proposal: Proposal = {
        key: event.key,
        legalBasis: event.legalBasis,
        versions: [{ version: 1, text: event.text, origin: { by: 'administration' }, at: event.at, released: false }],
      };
      return { proposals: [...context.proposals, proposal] };
    }),
    editProposal: assign(({ context, event }) => {
      assertEvent(event, 'EDIT_PROPOSAL');
      return {
        proposals: context.proposals.map((p) => {
          if (p.key !== event.key) return p;
          const current = currentVersion(p);
          const text = event.text;
          // A text no body has seen may be corrected in place; a released text is kept and followed.
          const versions =
            text === undefined || text === current.text
              ? p.versions
              : current.released
                ? [...p.versions, { version: current.version + 1, text, origin: { by: 'administration' } as const, at: event.at, released: false }]
                : [...p.versions.slice(0, -1), { ...current, text, at: event.at }];
          return { ...p, legalBasis: event.legalBasis ?? p.legalBasis, versions };
        }),
      };
    }),
    removeProposal: assign(({ context, event }) => {
      assertEvent(event, 'REMOVE_PROPOSAL');
      return { proposals: context.proposals.filter((p) => p.key !== event.key) };
    }),
    setSequence: assign(({ event }) => {
      assertEvent(event, 'SET_CONSULTATION_SEQUENCE');
      return { steps: event.steps.map((s) => ({ bodyId: s.bodyId, bodyName: s.bodyName, bodyKind: s.bodyKind, role: s.role })) };
    }),
    startCosigning: assign({ cosignatures: () => [] }),
    reopenDraft: assign({ currentStepIndex: () => null }),
    returnToDraft: assign(({ context, event }) => {
      assertEvent(event, 'RETURN_TO_DRAFT');
      const back = { reason: event.reason.trim(), at: event.at, by: event.actor.id, voidedCosignatures: context.cosignatures.map((c) => c.department) };
      return { cosignatures: [], draftReturns: [...(context.draftReturns ?? []), back] };
    }),
    cosign: assign(({ context, event }) => {
      assertEvent(event, 'COSIGN');
      return { cosignatures: [...context.cosignatures, { department: event.department, at: event.at, by: event.actor.id }] };
    }),
    refuseCosign: assign(({ context, event }) => {
      assertEvent(event, 'REFUSE_COSIGN');
      return {
        cosignRefusals: [...context.cosignRefusals, { department: event.department, reason: event.reason, at: event.at, by: event.actor.id }],
      };
    }),
    release: assign(({ context, event }) => {
      assertEvent(event, 'RELEASE');
      return {
        releasedAt: event.at,
        currentStepIndex: firstSequenceStep(context.steps),
        proposals: context.proposals.map((p) => ({ ...p, versions: p.versions.map((v) => ({ ...v, released: true })) })),
      };
    }),
    schedule: assign(({ context, event }) => {
      assertEvent(event, 'SCHEDULE');
      const stepIndex = scheduleTarget(context, event)!;
      const step = context.steps[stepIndex]!;
      return { consultations: [...context.consultations, agendaSlot(context, event, { ...step, stepIndex, role: step.role })] };
    }),
    /** While an urgent decision awaits approval, the deciding step's slot is the Genehmigung. */
    scheduleApproval: assign(({ context, event }) => {
      assertEvent(event, 'SCHEDULE');
      const stepIndex = scheduleTarget(context, event)!;
      const step = context.steps[stepIndex]!;
      return { consultations: [...context.consultations, agendaSlot(context, event, { ...step, stepIndex, role: 'genehmigung' })] };
    }),
    /** A Dringlichkeitsvorlage on a Kreisausschuss meeting, out of the step order; the reason is on record. */
    scheduleUrgent: assign(({ context, event }) => {
      assertEvent(event, 'SCHEDULE_URGENT');
      const slot = agendaSlot(context, event, { ...event, stepIndex: decidingStep(context)!.index, role: 'dringlichkeitsentscheidung' });
      return { consultations: [...context.consultations, { ...slot, urgentInvitationReason: event.urgentReason.trim() }] };
    }),
    unschedule: assign(({ context, event }) => {
      assertEvent(event, 'UNSCHEDULE');
      return { consultations: removeOpen(context, (c) => c.meetingId === event.meetingId, event.reason) };
    }),
    recordOutcome: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_OUTCOME');
      const consultation = openConsultationAt(context, event.meetingId)!;
      const { proposals, results } = applyOutcomes(
        context,
        event.outcomes,
        { by: 'body', consultationNo: consultation.no, bodyId: consultation.bodyId, bodyName: consultation.bodyName, meetingId: consultation.meetingId },
        event.at,
      );
      return {
        proposals,
        consultations: context.consultations.map((c) =>
          c.no === consultation.no ? { ...c, ...heldFacts(c, event.meeting), status: 'held' as const, attendance: event.attendance ?? null, results } : c,
        ),
      };
    }),
    advanceStep: assign(({ context }) => ({
      currentStepIndex: context.currentStepIndex === null ? null : nextSequenceStep(context.steps, context.currentStepIndex),
    })),
    recordDecision: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_OUTCOME');
      const held = context.consultations.findLast((c) => c.meetingId === event.meetingId && c.status === 'held')!;
      return {
        decision: {
          consultationNo: held.no,
          bodyId: held.bodyId,
          bodyName: held.bodyName,
          at: event.at,
          urgent: false,
          outcomes: decisionOutcomes(event.outcomes),
          adopted: adoptedTexts(context.proposals, event.outcomes),
          approvalConsultationNo: null,
        },
      };
    }),
    /** The agenda item at the meeting becomes the Dringlichkeitsentscheidung; the motion's other open slots come off. */
    decideUrgently: assign(({ context, event }) => {
      assertEvent(event, 'URGENT_DECISION');
      const slot = openConsultationAt(context, event.meetingId!)!;
      const open = removeOpen(context, (c) => c.no !== slot.no && c.role !== 'kenntnisnahme', 'Dringlichkeitsentscheidung des Kreisausschusses');
      const origin = { by: 'body' as const, consultationNo: slot.no, bodyId: event.bodyId, bodyName: event.bodyName, meetingId: slot.meetingId };
      const { proposals, results } = applyOutcomes(context, event.outcomes, origin, event.at);
      const held: Partial<Consultation> = {
        ...heldFacts(slot, event.meeting),
        stepIndex: decidingStep(context)!.index,
        role: 'dringlichkeitsentscheidung',
        status: 'held',
        attendance: event.attendance ?? null,
        results,
        reason: event.reason.trim(),
      };
      return {
        proposals,
        consultations: open.map((c) => (c.no === slot.no ? { ...c, ...held } : c)),
        ...urgentDecision(context, { no: slot.no, bodyId: event.bodyId, bodyName: event.bodyName, at: event.at }, proposals, event.outcomes),
      };
    }),
    /** § 50 Abs. 3 Satz 2 KrO NRW: the Landrat and one member decide outside a meeting. */
    decideByLandrat: assign(({ context, event }) => {
      assertEvent(event, 'URGENT_DECISION_BY_LANDRAT');
      const open = removeOpen(context, (c) => c.role !== 'kenntnisnahme', 'Dringlichkeitsentscheidung des Landrats');
      const no = open.length + 1;
      const origin = { by: 'body' as const, consultationNo: no, bodyId: event.bodyId, bodyName: event.bodyName, meetingId: null };
      const { proposals, results } = applyOutcomes(context, event.outcomes, origin, event.at);
      const decidedBy = [{ personId: event.landrat.personId, name: event.landrat.name }, { personId: event.member.personId, name: event.member.name }];
      const record: Consultation = {
        no,
        stepIndex: decidingStep(context)!.index,
        bodyId: event.bodyId,
        bodyName: event.bodyName,
        bodyKind: 'kreisausschuss',
        role: 'dringlichkeitsentscheidung',
        meetingId: null,
        meetingStart: null,
        invitationDate: null,
        urgentInvitationReason: null,
        status: 'held',
        scheduledAt: null,
        // decided outside a meeting: when the two decided
        heldAt: event.at,
        removedReason: null,
        attendance: null,
        results,
        vote: null,
        reason: event.reason.trim(),
        decidedBy,
      };
      const decision = urgentDecision(context, { no, bodyId: event.bodyId, bodyName: event.bodyName, at: event.at }, proposals, event.outcomes);
      return { proposals, consultations: [...open, record], ...decision, decision: { ...decision.decision, decidedBy } };
    }),
    /** The Genehmigung on the Kreistag's agenda is held: approved. */
    approveUrgentDecision: assign(({ context, event }) => {
      assertEvent(event, 'APPROVE_URGENT_DECISION');
      const no = openConsultationAt(context, event.meetingId)!.no;
      return {
        consultations: kreistagVote(context, event, 'genehmigung', null),
        decision: context.decision && { ...context.decision, approvalConsultationNo: no },
      };
    }),
    /** … or revoked: the item is recorded as Aufhebung and the motion returns to its decision step. */
    revokeUrgentDecision: assign(({ context, event }) => {
      assertEvent(event, 'REVOKE_URGENT_DECISION');
      return {
        consultations: kreistagVote(context, event, 'aufhebung', event.reason.trim()),
        decision: null,
        currentStepIndex: decidingStep(context)?.index ?? context.currentStepIndex,
      };
    }),
    withdraw: assign(({ context, event }) => {
      assertEvent(event, 'WITHDRAW');
      return {
        withdrawal: { reason: event.reason.trim(), at: event.at, by: event.actor.id },
        consultations: removeOpen(context, () => true, `Zurückgezogen: ${event.reason.trim()}`),
      };
    }),
    addTask: assign(({ context, event }) => {
      assertEvent(event, 'ADD_TASK');
      return {
        tasks: [
          ...context.tasks,
          {
            taskId: event.taskId,
            title: event.title,
            owner: event.owner,
            dueDate: event.dueDate,
            proposalKey: event.proposalKey ?? null,
            status: 'open' as const,
            createdAt: event.at,
            overdueSince: null,
            completedAt: null,
            reports: [],
          },
        ],
      };
    }),
    updateTask: assign(({ context, event }) => {
      assertEvent(event, 'UPDATE_TASK');
      return {
        tasks: context.tasks.map((t) => {
          if (t.taskId !== event.taskId) return t;
          const status = event.status ?? t.status;
          const dueDate = event.dueDate ?? t.dueDate;
          return {
            ...t,
            status,
            dueDate,
            owner: event.owner?.trim() || t.owner,
            // a new due date lifts the overdue mark; the rescheduled timer checks again
            overdueSince: dueDate !== t.dueDate ? null : t.overdueSince,
            completedAt: isClosedTask({ status }) ? event.at : null,
            reports: [...t.reports, { at: event.at, by: event.actor.id, status, text: event.report?.trim() || null }],
          };
        }),
      };
    }),
    markOverdue: assign(({ context, event }) => {
      assertEvent(event, 'TASK_DUE');
      return {
        tasks: context.tasks.map((t) =>
          // a stale timer (task closed or due date moved later) changes nothing
          t.taskId === event.taskId && !isClosedTask(t) && t.overdueSince === null && instantMs(endOfBerlinDay(t.dueDate))! <= instantMs(event.at)!
            ? { ...t, overdueSince: event.at }
            : t,
        ),
      };
    }),
    close: assign(({ event }) => {
      assertEvent(event, ['CLOSE', 'COMPLETE_IMPLEMENTATION']);
      const reason =
        event.type === 'COMPLETE_IMPLEMENTATION' ? 'Umsetzung abgeschlossen' : event.reason?.trim() || 'Nichts beschlossen, nichts umzusetzen';
      return { closing: { reason, at: event.at, by: event.actor.id } };
    }),
  },
});

/** Asks the engine to send TASK_DUE once the task's Berlin due day has passed. */
const dueTimerParams = (taskId: string, dueDate: string) => ({
  name: timerName(taskId),
  fireAt: endOfBerlinDay(dueDate),
  event: { type: 'TASK_DUE' as const, taskId },
});

/** On ADD_TASK. */
const dueTimer = motionSetup.enqueueActions(({ event, enqueue }) => {
  assertEvent(event, 'ADD_TASK');
  enqueue({ type: 'scheduleTimer', params: dueTimerParams(event.taskId, event.dueDate) });
});

/** On UPDATE_TASK (before it applies): a closed task needs no timer, a moved due date a new one. */
const retimeTask = motionSetup.enqueueActions(({ context, event, enqueue }) => {
  assertEvent(event, 'UPDATE_TASK');
  const task = findTask(context, event.taskId);
  if (!task) return;
  if (event.status !== undefined && isClosedTask({ status: event.status })) {
    enqueue({ type: 'cancelTimer', params: { name: timerName(task.taskId) } });
  } else if (event.dueDate !== undefined && event.dueDate !== task.dueDate) {
    enqueue({ type: 'cancelTimer', params: { name: timerName(task.taskId) } });
    enqueue({ type: 'scheduleTimer', params: dueTimerParams(task.taskId, event.dueDate) });
  }
});

export const motionMachine = motionSetup.createMachine({
  id: 'motion',
  initial: 'draft',
  on: documentEvents<MotionContext, MotionEvent>(),
  context: ({ input }) => ({
    reference: input.reference,
    predecessor: input.predecessor ? { id: input.predecessor.id, reference: input.predecessor.reference } : null,
    title: input.title,
    department: input.department,
    requiredCosigners: input.requiredCosigners ?? [],
    outline: input.outline ?? {},
    proposals: (input.proposals ?? []).map((p) => ({
      key: p.key,
      legalBasis: p.legalBasis,
      versions: [{ version: 1, text: p.text, origin: { by: 'administration' as const }, at: input.createdAt ?? null, released: false }],
    })),
    steps: input.steps ?? [],
    cosignatures: [],
    cosignRefusals: [],
    draftReturns: [],
    releasedAt: null,
    currentStepIndex: null,
    consultations: [],
    decision: null,
    tasks: [],
    withdrawal: null,
    closing: null,
  }),
  states: {
    draft: {
      on: {
        EDIT_MOTION: { actions: 'editMotion' },
        ADD_PROPOSAL: { guard: 'addProposalAllowed', actions: 'addProposal' },
        EDIT_PROPOSAL: { guard: 'editProposalAllowed', actions: 'editProposal' },
        REMOVE_PROPOSAL: { guard: 'removeProposalAllowed', actions: 'removeProposal' },
        SET_CONSULTATION_SEQUENCE: { guard: 'sequenceWellFormed', actions: 'setSequence' },
        SUBMIT_FOR_COSIGNING: { guard: 'readyForCosigning', target: 'cosigning', actions: 'startCosigning' },
        WITHDRAW: { guard: 'withdrawAllowed', target: 'withdrawn', actions: 'withdraw' },
      },
    },
    cosigning: {
      on: {
        COSIGN: { guard: 'cosignAllowed', actions: 'cosign' },
        REFUSE_COSIGN: { guard: 'refuseCosignAllowed', target: 'draft', actions: 'refuseCosign' },
        RETURN_TO_DRAFT: { guard: 'returnToDraftAllowed', target: 'draft', actions: 'returnToDraft' },
        RELEASE: { guard: 'releaseAllowed', target: 'released', actions: 'release' },
        WITHDRAW: { guard: 'withdrawAllowed', target: 'withdrawn', actions: 'withdraw' },
      },
    },
    released: {
      initial: 'inConsultation',
      // Kenntnisnahme runs beside everything else: whenever the motion is released.
      on: {
        SCHEDULE: { guard: 'scheduleKenntnisnahmeAllowed', actions: 'schedule' },
        UNSCHEDULE: [
          { guard: 'unscheduleKenntnisnahmeAllowed', actions: 'unschedule' },
          { guard: 'unscheduleUrgentItemAllowed', actions: 'unschedule' },
        ],
        RECORD_OUTCOME: { guard: 'kenntnisnahmeOutcomeValid', actions: 'recordOutcome' },
      },
      states: {
        inConsultation: {
          initial: 'awaitingSchedule',
          on: {
            SCHEDULE_URGENT: { guard: 'scheduleUrgentAllowed', actions: 'scheduleUrgent' },
            URGENT_DECISION: { guard: 'urgentDecisionAllowed', target: 'urgentDecided', actions: 'decideUrgently' },
            URGENT_DECISION_BY_LANDRAT: { guard: 'urgentDecisionByLandratAllowed', target: 'urgentDecided', actions: 'decideByLandrat' },
            WITHDRAW: { guard: 'withdrawAllowed', target: '#motion.withdrawn', actions: 'withdraw' },
          },
          states: {
            awaitingSchedule: {
              on: {
                SCHEDULE: { guard: 'scheduleCurrentStepAllowed', target: 'scheduled', actions: 'schedule' },
              },
            },
            scheduled: {
              on: {
                UNSCHEDULE: { guard: 'unscheduleCurrentStepAllowed', target: 'awaitingSchedule', actions: 'unschedule' },
                RECORD_OUTCOME: [
                  { guard: 'outcomePostponed', target: 'awaitingSchedule', actions: 'recordOutcome' },
                  { guard: 'outcomeReferredBack', target: '#motion.released.referredBack', actions: 'recordOutcome' },
                  { guard: 'outcomeDecides', target: '#motion.released.decided', actions: ['recordOutcome', 'recordDecision'] },
                  { guard: 'outcomeOfCurrentStepValid', target: 'awaitingSchedule', actions: ['recordOutcome', 'advanceStep'] },
                ],
              },
            },
          },
        },
        referredBack: {
          on: {
            REVISE: { target: '#motion.draft', actions: 'reopenDraft' },
            WITHDRAW: { guard: 'withdrawAllowed', target: '#motion.withdrawn', actions: 'withdraw' },
          },
        },
        urgentDecided: {
          on: {
            SCHEDULE: { guard: 'scheduleApprovalAllowed', actions: 'scheduleApproval' },
            APPROVE_URGENT_DECISION: { guard: 'approveUrgentAllowed', target: 'decided', actions: 'approveUrgentDecision' },
            REVOKE_URGENT_DECISION: { guard: 'revokeUrgentAllowed', target: 'inConsultation', actions: 'revokeUrgentDecision' },
          },
        },
        decided: {
          on: {
            ADD_TASK: { guard: 'addTaskAllowed', target: 'implementation', actions: ['addTask', dueTimer] },
            CLOSE: { guard: 'closeAllowed', target: '#motion.done', actions: 'close' },
          },
        },
        implementation: {
          on: {
            ADD_TASK: { guard: 'addTaskAllowed', actions: ['addTask', dueTimer] },
            UPDATE_TASK: { guard: 'updateTaskAllowed', actions: [retimeTask, 'updateTask'] },
            TASK_DUE: { actions: 'markOverdue' },
            COMPLETE_IMPLEMENTATION: { guard: 'implementationComplete', target: '#motion.done', actions: 'close' },
          },
        },
      },
    },
    done: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

/** The Genehmigung item at the Kreistag's meeting, held: approved or revoked, with the vote. */
function kreistagVote(
  context: MotionContext,
  event: MotionEventOf<'APPROVE_URGENT_DECISION'> | MotionEventOf<'REVOKE_URGENT_DECISION'>,
  role: 'genehmigung' | 'aufhebung',
  reason: string | null,
): Consultation[] {
  const slot = openConsultationAt(context, event.meetingId)!;
  return context.consultations.map((c) =>
    c.no === slot.no ? { ...c, ...heldFacts(c, event.meeting), role, status: 'held' as const, attendance: event.attendance ?? null, vote: event.votes, reason } : c,
  );
}

/** The decision an urgent decision stands for, until the Kreistag approves or revokes it. */
function urgentDecision(
  context: MotionContext,
  by: { no: number; bodyId: string; bodyName: string; at: string },
  proposals: Proposal[],
  outcomes: Record<string, ProposalOutcomeInput>,
): { currentStepIndex: number; decision: MotionDecision } {
  return {
    currentStepIndex: decidingStep(context)!.index,
    decision: {
      consultationNo: by.no,
      bodyId: by.bodyId,
      bodyName: by.bodyName,
      at: by.at,
      urgent: true,
      outcomes: decisionOutcomes(outcomes),
      adopted: adoptedTexts(proposals, outcomes),
      approvalConsultationNo: null,
    },
  };
}
