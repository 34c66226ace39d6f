/**
 * A withdrawn motion's subject submitted again (issue 13, point 6). In Kreistag practice a withdrawn
 * Vorlage is not revived: the administration introduces a new Vorlage, numbered as a follow-up of
 * the old one (SV-9-1600 → SV-9-1600/1 → SV-9-1600/2 …), and the two are linked so the record shows
 * why the subject came back. The withdrawn motion keeps its reference for ever (references are
 * unique); the follow-up gets the next free one.
 *
 * `checkFollowUp` runs before the new motion's machine is started, on facts the motions module looks
 * up in the creating transaction: the motion named as predecessor and the references already taken.
 */
import type { Violation } from '../definition';
import type { MotionStatus } from './queries';

/** The withdrawn motion a follow-up re-introduces, as the follow-up records it. */
export interface Predecessor {
  id: string;
  reference: string;
}

/** The motion named as predecessor, as the motions module finds it in the Körperschaft. */
export interface PredecessorFact extends Predecessor {
  status: MotionStatus;
  /** Its follow-up, when one was already created. */
  successor: Predecessor | null;
}

export const FollowUpViolation = {
  PREDECESSOR_NOT_WITHDRAWN: 'MOTION.PREDECESSOR_NOT_WITHDRAWN',
  FOLLOW_UP_EXISTS: 'MOTION.FOLLOW_UP_EXISTS',
  FOLLOW_UP_REFERENCE: 'MOTION.FOLLOW_UP_REFERENCE',
} as const;

const FOLLOW_UP = /^(.*)\/(\d+)$/;

/** The reference the follow-up numbers continue from: `SV-9-1600/2` → `SV-9-1600`. */
export function baseReference(reference: string): string {
  return FOLLOW_UP.exec(reference)?.[1] ?? reference;
}

/** The next free follow-up reference of `reference`'s base, given the references already taken. */
export function nextFollowUpReference(reference: string, taken: readonly string[]): string {
  const base = baseReference(reference);
  const used = taken.flatMap((r) => {
    const m = FOLLOW_UP.exec(r);
    return m && m[1] === base ? [Number(m[2])] : [];
  });
  return `${base}/${Math.max(0, ...used) + 1}`;
}

const STATUS_WORDS: Record<MotionStatus, string> = {
  draft: 'still a draft',
  cosigning: 'in co-signing',
  awaitingSchedule: 'in consultation',
  scheduled: 'on an agenda',
  referredBack: 'referred back',
  urgentDecided: 'decided urgently',
  decided: 'decided',
  implementation: 'decided and being implemented',
  done: 'decided and closed',
  withdrawn: 'withdrawn',
};

const DECIDED: readonly MotionStatus[] = ['urgentDecided', 'decided', 'implementation', 'done'];

export type FollowUpCheck = { reference: string; predecessor: Predecessor; violations: [] } | { violations: Violation[] };

/**
 * May a new motion follow up `predecessor`, and under which reference? Only a withdrawn motion is
 * followed up, and only once (a withdrawn follow-up is followed up in turn); the reference is the
 * next free follow-up number. A `requested` reference must be that one.
 */
export function checkFollowUp(predecessor: PredecessorFact, taken: readonly string[], requested?: string): FollowUpCheck {
  const { reference } = predecessor;
  if (predecessor.status !== 'withdrawn') {
    const instead = DECIDED.includes(predecessor.status)
      ? `A decided motion is not submitted again: to change what was decided, create a new motion without followUpOf.`
      : `Continue with ${reference} itself, or withdraw it first (WITHDRAW) to start its subject over.`;
    return {
      violations: [
        {
          code: FollowUpViolation.PREDECESSOR_NOT_WITHDRAWN,
          message: `${reference} is ${STATUS_WORDS[predecessor.status]}, not withdrawn; only a withdrawn motion's subject is submitted again as a follow-up. ${instead}`,
        },
      ],
    };
  }
  if (predecessor.successor) {
    const next = predecessor.successor.reference;
    return {
      violations: [
        {
          code: FollowUpViolation.FOLLOW_UP_EXISTS,
          message: `${reference} was already submitted again as ${next}; a withdrawn motion has one follow-up. Work on ${next}, or if it was withdrawn too, follow up ${next} instead.`,
        },
      ],
    };
  }
  const next = nextFollowUpReference(reference, [...taken, reference]);
  if (requested !== undefined && requested !== next) {
    return {
      violations: [
        {
          code: FollowUpViolation.FOLLOW_UP_REFERENCE,
          message: `The follow-up of ${reference} takes the next free follow-up reference, ${next}, not ${requested}. Leave the reference out or send ${next}.`,
        },
      ],
    };
  }
  return { reference: next, predecessor: { id: predecessor.id, reference }, violations: [] };
}
