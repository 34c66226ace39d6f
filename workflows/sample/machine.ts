import { assign, setup } from 'xstate';
import type { Violation } from '../definition';
import { guardsFor, rulesKit } from '../shared/rules-kit';

/**
 * The sample: a purchase request reviewed in parallel by the legal office and the treasury.
 * Small on purpose; it shows guards, a parallel state, final states and an outbox action.
 */
export interface SampleInput {
  title: string;
  amountCents: number;
}

export interface SampleContext extends SampleInput {
  /** Requests above this amount need the treasury's explicit sign-off with a budget line. */
  approvalLimitCents: number;
  budgetLine: string | null;
  notes: string[];
}

interface Actor {
  id: string;
  role: string;
}
type Meta = { at: string; actor: Actor };

export type SampleEvent =
  | ({ type: 'EDIT'; title?: string; amountCents?: number } & Meta)
  | ({ type: 'SUBMIT' } & Meta)
  | ({ type: 'LEGAL_APPROVE'; note?: string } & Meta)
  | ({ type: 'TREASURY_APPROVE'; budgetLine?: string } & Meta)
  | ({ type: 'REJECT'; reason: string } & Meta)
  | ({ type: 'WITHDRAW' } & Meta);

export const APPROVAL_LIMIT_CENTS = 500_000;

export const sampleRules = {
  // the generic API creates samples from any input, so a title may be missing altogether
  hasTitle: (c: Partial<SampleContext>): Violation | undefined =>
    (c.title ?? '').trim() === '' ? { code: 'SAMPLE.TITLE_MISSING', message: 'A request needs a title before it can be submitted.' } : undefined,
  budgetLineGiven: (c: SampleContext, e: { budgetLine?: string }): Violation | undefined =>
    c.amountCents > c.approvalLimitCents && !e.budgetLine
      ? { code: 'SAMPLE.BUDGET_LINE_REQUIRED', message: `Amounts above ${c.approvalLimitCents / 100} EUR need the budget line they are paid from.` }
      : undefined,
  reasonGiven: (_c: SampleContext, e: { reason?: string }): Violation | undefined =>
    !e.reason?.trim() ? { code: 'SAMPLE.REASON_REQUIRED', message: 'A rejection needs a reason.' } : undefined,
};

const guard = guardsFor<SampleContext, SampleEvent>();

/** The sample's guards, `explain` and `steps`, from one table (shared/rules-kit.ts). */
export const sampleKit = rulesKit({
  hasTitle: guard(['SUBMIT'], { pre: [sampleRules.hasTitle] }),
  budgetLineGiven: guard(['TREASURY_APPROVE'], { rules: [sampleRules.budgetLineGiven] }),
  reasonGiven: guard(['REJECT'], { shape: [sampleRules.reasonGiven] }),
});

export const sampleMachine = setup({
  types: {
    input: {} as SampleInput,
    context: {} as SampleContext,
    events: {} as SampleEvent,
  },
  guards: sampleKit.guards,
  actions: {
    /** Run by the engine after commit, through the outbox. */
    notifyRequester: (_, _params: { outcome: 'approved' | 'rejected' }) => undefined,
  },
}).createMachine({
  id: 'sample',
  initial: 'draft',
  context: ({ input }) => ({ ...input, approvalLimitCents: APPROVAL_LIMIT_CENTS, budgetLine: null, notes: [] }),
  states: {
    draft: {
      on: {
        EDIT: {
          actions: assign(({ context, event }) => ({
            title: event.title ?? context.title,
            amountCents: event.amountCents ?? context.amountCents,
          })),
        },
        SUBMIT: { guard: 'hasTitle', target: 'review' },
        WITHDRAW: 'withdrawn',
      },
    },
    review: {
      type: 'parallel',
      states: {
        legal: {
          initial: 'pending',
          states: {
            pending: {
              on: {
                LEGAL_APPROVE: {
                  target: 'approved',
                  actions: assign({ notes: ({ context, event }) => (event.note ? [...context.notes, event.note] : context.notes) }),
                },
              },
            },
            approved: { type: 'final' },
          },
        },
        treasury: {
          initial: 'pending',
          states: {
            pending: {
              on: {
                TREASURY_APPROVE: {
                  guard: 'budgetLineGiven',
                  target: 'approved',
                  actions: assign({ budgetLine: ({ event }) => event.budgetLine ?? null }),
                },
              },
            },
            approved: { type: 'final' },
          },
        },
      },
      on: {
        REJECT: { guard: 'reasonGiven', target: 'rejected', actions: { type: 'notifyRequester', params: { outcome: 'rejected' } } },
      },
      onDone: { target: 'approved', actions: { type: 'notifyRequester', params: { outcome: 'approved' } } },
    },
    approved: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
