/**
 * Grant procedure (Zuwendung) from the Bezirksregierung:
 * drafted → submitted (→ early start) → approved | rejected → contracting → fundsCalled
 * → proofSubmitted → closed; withdrawn from drafted, submitted or approved before any contract.
 *
 * Pure: the time is the event's `at`; facts from other workflows (selection, budget decision)
 * arrive in the payload. Deadlines are `scheduleTimer` actions the engine runs after commit.
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import { berlinDate, endOfBerlinDay } from '../shared/calendar';
import { coverageOf, euro, financingYear, spentInYear, yearBlocked } from './derive';
import { contractBasis, GrantViolation } from './rules';
import { grantRules } from './specs';
import type {
  CancelTimerParams,
  Deadline,
  GrantApplication,
  GrantContext,
  GrantEvent,
  GrantInput,
  IsoDate,
  ScheduleTimerParams,
} from './types';

export const PROOF_OF_USE_DEADLINE = 'proofOfUseDue';
export const spendByDeadline = (sourceKey: string): string => `spendBy:${sourceKey}`;

const dayOf = (at: string): IsoDate => berlinDate(at) ?? at;

function deadline(name: string, label: string, dueDate: IsoDate): Deadline {
  return { name, label, dueDate, fireAt: endOfBerlinDay(dueDate), status: 'pending', reachedAt: null, overdue: false, note: null };
}

/** The deadlines an approval notice starts: proof of use and each source's spend-by date. */
function deadlinesOnApproval(application: GrantApplication, proofOfUseDue: IsoDate | null): Deadline[] {
  const list: Deadline[] = [];
  if (proofOfUseDue !== null) list.push(deadline(PROOF_OF_USE_DEADLINE, 'Verwendungsnachweis fällig', proofOfUseDue));
  for (const { source } of application.financing) {
    const name = spendByDeadline(source.key);
    if (!list.some((d) => d.name === name)) list.push(deadline(name, `${source.name}: zu verwenden bis`, source.spendBy));
  }
  return list;
}

/** Whether a reached deadline was missed, and why. */
function missed(context: GrantContext, name: string): { overdue: boolean; note: string | null } {
  if (name === PROOF_OF_USE_DEADLINE)
    return context.proofOfUse
      ? { overdue: false, note: null }
      : { overdue: true, note: 'Verwendungsnachweis not submitted by its due date.' };
  const unspent = context.application.financing
    .filter((y) => spendByDeadline(y.source.key) === name)
    .reduce((left, y) => left + y.ownShareCents - spentInYear(context, y.year), 0);
  return unspent > 0
    ? { overdue: true, note: `${euro(unspent)} of the own share were not spent by the spend-by date.` }
    : { overdue: false, note: null };
}

export function initialContext(input: GrantInput): GrantContext {
  return {
    application: { ...input, proofOfUseDue: input.proofOfUseDue ?? null },
    submittedAt: null,
    earlyStarts: [],
    measureStarts: [],
    endangerments: [],
    approval: null,
    rejection: null,
    withdrawal: null,
    contracts: [],
    budgetAdoptions: [],
    ownShareSpendings: [],
    fundCalls: [],
    proofOfUse: null,
    deadlines: [],
    closedAt: null,
  };
}

const grantSetup = setup({
  types: {
    context: {} as GrantContext,
    events: {} as GrantEvent,
    input: {} as GrantInput,
  },
  guards: grantRules.guards,
  actions: {
    /** Executed by the engine after commit: a durable timer that later sends `params.event`. */
    scheduleTimer: (_, _params: ScheduleTimerParams) => {},
    cancelTimer: (_, _params: CancelTimerParams) => {},

    editApplication: assign(({ context, event }) => {
      assertEvent(event, 'EDIT_APPLICATION');
      const { type: _type, at: _at, actor: _actor, ...changes } = event;
      return { application: { ...context.application, ...changes } };
    }),
    recordSubmission: assign(({ event }) => ({ submittedAt: event.at })),
    recordEarlyStart: assign(({ context, event }) => {
      assertEvent(event, 'APPROVE_EARLY_START');
      const scope = { ...event.scope, providerIds: event.scope.providerIds ?? null };
      return { earlyStarts: [...context.earlyStarts, { date: event.date, scope, recordedAt: event.at }] };
    }),
    recordMeasureStart: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_MEASURE_START');
      const { providerId, providerName, module, startedAt, at } = event;
      const coveredBy = coverageOf(context, module, providerId, startedAt);
      const start = { providerId, module, startedAt, coveredBy, recordedAt: at };
      if (coveredBy !== null) return { measureStarts: [...context.measureStarts, start] };
      const reason =
        `Measure of module ${module} by ${providerName ?? providerId} started on ${startedAt} without an approval notice ` +
        `(Bewilligungsbescheid) or an early-start approval (vorzeitiger Maßnahmebeginn) covering it: the grant is endangered.`;
      const flag = { code: GrantViolation.MEASURE_ENDANGERS_GRANT, providerId, module, startedAt, reason, recordedAt: at };
      return { measureStarts: [...context.measureStarts, start], endangerments: [...context.endangerments, flag] };
    }),
    recordApproval: assign(({ context, event }) => {
      assertEvent(event, 'APPROVAL_NOTICE');
      const proofOfUseDue = event.proofOfUseDue ?? context.application.proofOfUseDue;
      const { date, fileNumber, approvedCents, period, conditions, at } = event;
      return {
        approval: { date, fileNumber, approvedCents, period, conditions, proofOfUseDue, recordedAt: at },
        deadlines: deadlinesOnApproval(context.application, proofOfUseDue),
      };
    }),
    recordRejection: assign(({ event }) => {
      assertEvent(event, 'REJECT');
      return { rejection: { date: event.date, reason: event.reason, recordedAt: event.at } };
    }),
    recordWithdrawal: assign(({ event }) => {
      assertEvent(event, 'WITHDRAW');
      return { withdrawal: { reason: event.reason, recordedAt: event.at } };
    }),
    recordContract: assign(({ context, event }) => {
      assertEvent(event, 'CONCLUDE_CONTRACT');
      const basis = contractBasis(context, event) ?? 'approval';
      const passedOn = context.approval?.conditions ?? [];
      const conditions = [...passedOn, ...(event.conditions ?? []).filter((c) => !passedOn.includes(c))];
      const { contractId, providerId, providerName, module, amountCents, period, at } = event;
      const contract = { contractId, providerId, providerName, module, amountCents, period, conditions, basis };
      return { contracts: [...context.contracts, { ...contract, concludedOn: dayOf(at), recordedAt: at }] };
    }),
    recordSpending: assign(({ context, event }) => {
      assertEvent(event, 'SPEND_OWN_SHARE');
      const { year, amountCents, budgetDecision, at } = event;
      const planned = financingYear(context, year);
      // A budget decision passed in as a fact lifts the year's condition for good.
      const adopts = planned !== undefined && yearBlocked(context, planned) && budgetDecision?.recorded === true;
      return {
        ownShareSpendings: [...context.ownShareSpendings, { year, amountCents, spentOn: dayOf(at), recordedAt: at }],
        budgetAdoptions: adopts
          ? [...context.budgetAdoptions, { year, source: budgetDecision.source, ref: budgetDecision.ref, recordedAt: at }]
          : context.budgetAdoptions,
      };
    }),
    recordBudgetAdoption: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_BUDGET_ADOPTION');
      const { year, source, ref, at } = event;
      return { budgetAdoptions: [...context.budgetAdoptions, { year, source, ref, recordedAt: at }] };
    }),
    recordFundCall: assign(({ context, event }) => {
      assertEvent(event, 'CALL_FUNDS');
      const { callId, amountCents, date, at } = event;
      return { fundCalls: [...context.fundCalls, { callId, amountCents, date, recordedAt: at }] };
    }),
    recordProofOfUse: assign(({ event }) => {
      assertEvent(event, 'SUBMIT_PROOF_OF_USE');
      return { proofOfUse: { date: event.date, documentRef: event.documentRef, recordedAt: event.at } };
    }),
    recordDeadlineReached: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINE_REACHED');
      const outcome = missed(context, event.deadline);
      return {
        deadlines: context.deadlines.map((d) =>
          d.name === event.deadline && d.status === 'pending'
            ? { ...d, status: 'reached' as const, reachedAt: event.at, ...outcome }
            : d,
        ),
      };
    }),
    recordClosing: assign(({ event }) => ({ closedAt: event.at })),
  },
});

export const grantMachine = grantSetup
  // A second step, so that these can enqueue the timer actions declared above by name.
  .extend({
    actions: {
      schedulePendingDeadlines: grantSetup.enqueueActions(({ context, enqueue }) => {
        for (const d of context.deadlines.filter((x) => x.status === 'pending'))
          enqueue({
            type: 'scheduleTimer',
            params: { name: d.name, fireAt: d.fireAt, event: { type: 'DEADLINE_REACHED', deadline: d.name } },
          });
      }),
      cancelPendingDeadlines: grantSetup.enqueueActions(({ context, enqueue }) => {
        const pending = context.deadlines.filter((d) => d.status === 'pending');
        for (const d of pending) enqueue({ type: 'cancelTimer', params: { name: d.name } });
        enqueue.assign({
          deadlines: context.deadlines.map((d) => (d.status === 'pending' ? { ...d, status: 'cancelled' as const } : d)),
        });
      }),
      cancelProofOfUseDeadline: grantSetup.enqueueActions(({ context, enqueue }) => {
        const due = context.deadlines.find((d) => d.name === PROOF_OF_USE_DEADLINE && d.status === 'pending');
        if (!due) return;
        enqueue({ type: 'cancelTimer', params: { name: due.name } });
        enqueue.assign({
          deadlines: context.deadlines.map((d) => (d === due ? { ...d, status: 'cancelled' as const } : d)),
        });
      }),
    },
  })
  .createMachine({
    id: 'grant',
    initial: 'drafted',
    context: ({ input }) => initialContext(input),
    on: {
      RECORD_BUDGET_ADOPTION: { guard: 'budgetConditionOpen', actions: 'recordBudgetAdoption' },
      DEADLINE_REACHED: { guard: 'deadlinePending', actions: 'recordDeadlineReached' },
    },
    states: {
      /** Antrag in Vorbereitung. */
      drafted: {
        on: {
          EDIT_APPLICATION: { actions: 'editApplication' },
          RECORD_MEASURE_START: { guard: 'measureInGrant', actions: 'recordMeasureStart' },
          SUBMIT: { guard: 'applicationReady', target: 'submitted', actions: 'recordSubmission' },
          WITHDRAW: { guard: 'withdrawable', target: 'withdrawn', actions: 'recordWithdrawal' },
        },
      },
      /** Antrag gestellt; waiting for the Bewilligungsbescheid. */
      submitted: {
        on: {
          APPROVE_EARLY_START: { guard: 'earlyStartInScope', actions: 'recordEarlyStart' },
          RECORD_MEASURE_START: { guard: 'measureInGrant', actions: 'recordMeasureStart' },
          CONCLUDE_CONTRACT: { guard: 'contractAllowed', actions: 'recordContract' },
          SPEND_OWN_SHARE: { guard: 'ownShareSpendable', actions: 'recordSpending' },
          APPROVAL_NOTICE: [
            {
              guard: 'approvalAfterEarlyContracts',
              target: 'contracting',
              actions: ['recordApproval', 'schedulePendingDeadlines'],
            },
            { guard: 'approvalNoticeValid', target: 'approved', actions: ['recordApproval', 'schedulePendingDeadlines'] },
          ],
          REJECT: { target: 'rejected', actions: 'recordRejection' },
          WITHDRAW: { guard: 'withdrawable', target: 'withdrawn', actions: 'recordWithdrawal' },
        },
      },
      /** Bewilligungsbescheid received; no forwarding contract yet. */
      approved: {
        on: {
          RECORD_MEASURE_START: { guard: 'measureInGrant', actions: 'recordMeasureStart' },
          CONCLUDE_CONTRACT: { guard: 'contractAllowed', target: 'contracting', actions: 'recordContract' },
          SPEND_OWN_SHARE: { guard: 'ownShareSpendable', actions: 'recordSpending' },
          WITHDRAW: { guard: 'withdrawable', target: 'withdrawn', actions: ['recordWithdrawal', 'cancelPendingDeadlines'] },
        },
      },
      /** Weiterleitungsverträge being concluded with the selected providers. */
      contracting: {
        on: {
          RECORD_MEASURE_START: { guard: 'measureInGrant', actions: 'recordMeasureStart' },
          CONCLUDE_CONTRACT: { guard: 'contractAllowed', actions: 'recordContract' },
          SPEND_OWN_SHARE: { guard: 'ownShareSpendable', actions: 'recordSpending' },
          CALL_FUNDS: { guard: 'fundCallAllowed', target: 'fundsCalled', actions: 'recordFundCall' },
        },
      },
      /** Mittelabruf under way; later contracts for other modules are still possible. */
      fundsCalled: {
        on: {
          RECORD_MEASURE_START: { guard: 'measureInGrant', actions: 'recordMeasureStart' },
          CONCLUDE_CONTRACT: { guard: 'contractAllowed', actions: 'recordContract' },
          SPEND_OWN_SHARE: { guard: 'ownShareSpendable', actions: 'recordSpending' },
          CALL_FUNDS: { guard: 'fundCallAllowed', actions: 'recordFundCall' },
          SUBMIT_PROOF_OF_USE: {
            target: 'proofSubmitted',
            actions: ['recordProofOfUse', 'cancelProofOfUseDeadline'],
          },
        },
      },
      /** Verwendungsnachweis submitted; awaiting its review. */
      proofSubmitted: {
        on: {
          CLOSE: { target: 'closed', actions: ['recordClosing', 'cancelPendingDeadlines'] },
        },
      },
      closed: { type: 'final' },
      /** Abgelehnt, or not considered (Baustein V). */
      rejected: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  });

export type GrantMachine = typeof grantMachine;
export type GrantSnapshot = SnapshotFrom<GrantMachine>;
/** 'drafted' | 'submitted' | 'approved' | 'contracting' | 'fundsCalled' | 'proofSubmitted' | 'closed' | 'rejected' | 'withdrawn' */
export type GrantStateValue = GrantSnapshot['value'];
