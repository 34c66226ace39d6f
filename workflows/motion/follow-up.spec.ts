/**
 * A withdrawn motion's subject submitted again under a follow-up reference, linked to the withdrawn
 * one (issue 13, point 6, second half).
 */
import { createActor, type AnyStateMachine } from 'xstate';
import { coesfeldInput, e, given, path } from './fixtures';
import { baseReference, checkFollowUp, nextFollowUpReference, type PredecessorFact } from './follow-up';
import { motionMachine } from './machine';
import { statusOf, type MotionSnapshot } from './queries';

const withdrawn = (patch: Partial<PredecessorFact> = {}): PredecessorFact => ({
  id: 'motion-1600',
  reference: 'SV-9-1600',
  status: 'withdrawn',
  successor: null,
  ...patch,
});

describe('follow-up references', () => {
  it.each([
    ['SV-9-1600', [], 'SV-9-1600/1'],
    ['SV-9-1600', ['SV-9-1600/1'], 'SV-9-1600/2'],
    // the follow-up of a follow-up continues the numbers of the original
    ['SV-9-1600/1', ['SV-9-1600/1'], 'SV-9-1600/2'],
    ['SV-9-1600/2', ['SV-9-1600/1', 'SV-9-1600/2', 'SV-9-1600/7'], 'SV-9-1600/8'],
    // other motions' numbers do not count
    ['SV-9-1600', ['SV-9-16000/1', 'SV-9-1600/1a', 'SV-9-160/3'], 'SV-9-1600/1'],
  ])('given %s withdrawn and %j taken, the follow-up is %s', (reference, taken, next) => {
    expect(nextFollowUpReference(reference, taken)).toBe(next);
  });

  it('strips only a trailing follow-up number', () => {
    expect(baseReference('SV-9-1600/12')).toBe('SV-9-1600');
    expect(baseReference('SV-9-1600')).toBe('SV-9-1600');
  });
});

describe('checkFollowUp', () => {
  it('given a withdrawn motion without follow-up, then the next free reference and the link to it', () => {
    expect(checkFollowUp(withdrawn(), ['SV-9-1600/1'])).toEqual({
      reference: 'SV-9-1600/2',
      predecessor: { id: 'motion-1600', reference: 'SV-9-1600' },
      violations: [],
    });
    expect(checkFollowUp(withdrawn(), [], 'SV-9-1600/1')).toMatchObject({ reference: 'SV-9-1600/1', violations: [] });
  });

  it('given a motion still in consultation, then MOTION.PREDECESSOR_NOT_WITHDRAWN, saying to continue with it or withdraw it', () => {
    const { violations } = checkFollowUp(withdrawn({ status: 'awaitingSchedule' }), []);
    expect(violations).toEqual([
      {
        code: 'MOTION.PREDECESSOR_NOT_WITHDRAWN',
        message:
          "SV-9-1600 is in consultation, not withdrawn; only a withdrawn motion's subject is submitted again as a follow-up. Continue with SV-9-1600 itself, or withdraw it first (WITHDRAW) to start its subject over.",
      },
    ]);
  });

  it('given a decided motion, then MOTION.PREDECESSOR_NOT_WITHDRAWN, saying a decided motion is not submitted again', () => {
    const { violations } = checkFollowUp(withdrawn({ status: 'implementation' }), []);
    expect(violations.map((v) => v.code)).toEqual(['MOTION.PREDECESSOR_NOT_WITHDRAWN']);
    expect(violations[0]!.message).toMatch(/^SV-9-1600 is decided and being implemented, not withdrawn; .* create a new motion without followUpOf\.$/);
  });

  it('given a withdrawn motion already followed up, then MOTION.FOLLOW_UP_EXISTS naming the follow-up', () => {
    const { violations } = checkFollowUp(withdrawn({ successor: { id: 'motion-1600-1', reference: 'SV-9-1600/1' } }), ['SV-9-1600/1']);
    expect(violations).toEqual([
      {
        code: 'MOTION.FOLLOW_UP_EXISTS',
        message: 'SV-9-1600 was already submitted again as SV-9-1600/1; a withdrawn motion has one follow-up. Work on SV-9-1600/1, or if it was withdrawn too, follow up SV-9-1600/1 instead.',
      },
    ]);
  });

  it('given a reference other than the next free one, then MOTION.FOLLOW_UP_REFERENCE naming the right one', () => {
    const { violations } = checkFollowUp(withdrawn(), ['SV-9-1600/1'], 'SV-9-1600/1');
    expect(violations).toEqual([
      {
        code: 'MOTION.FOLLOW_UP_REFERENCE',
        message: 'The follow-up of SV-9-1600 takes the next free follow-up reference, SV-9-1600/2, not SV-9-1600/1. Leave the reference out or send SV-9-1600/2.',
      },
    ]);
  });
});

describe('the follow-up motion records its predecessor', () => {
  const store = (s: MotionSnapshot): string => JSON.stringify(motionMachine.getPersistedSnapshot(s));
  const restore = (json: string): MotionSnapshot =>
    createActor(motionMachine as AnyStateMachine, { snapshot: JSON.parse(json) as never }).getSnapshot() as MotionSnapshot;

  it('given SV-9-1600 withdrawn in co-signing, when its subject is created again, then SV-9-1600/1 names it as predecessor, through a JSON round trip', () => {
    const old = given([...path.cosigning(), e.withdraw()], coesfeldInput({ reference: 'SV-9-1600' }));
    expect(statusOf(old.value)).toBe('withdrawn');

    const check = checkFollowUp({ id: 'motion-1600', reference: old.context.reference, status: statusOf(old.value), successor: null }, []);
    if (!('reference' in check)) throw new Error(JSON.stringify(check.violations));
    const follow = given([], coesfeldInput({ reference: check.reference, predecessor: check.predecessor }));

    expect(follow.context).toMatchObject({ reference: 'SV-9-1600/1', predecessor: { id: 'motion-1600', reference: 'SV-9-1600' } });
    expect(statusOf(follow.value)).toBe('draft');
    expect(restore(store(follow)).context.predecessor).toEqual({ id: 'motion-1600', reference: 'SV-9-1600' });
  });

  it('given a new subject, then it has no predecessor', () => {
    expect(given().context.predecessor).toBeNull();
  });
});
