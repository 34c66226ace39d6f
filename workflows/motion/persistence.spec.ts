import { createActor, type AnyStateMachine } from 'xstate';
import { afterMeeting, e, given, path, votes, when } from './fixtures';
import { motionMachine } from './machine';
import type { MotionSnapshot } from './index';
import type { MotionEvent } from './types';

/** What the engine stores: the persisted snapshot as JSON text. */
const store = (s: MotionSnapshot): string => JSON.stringify(motionMachine.getPersistedSnapshot(s));
/** As the engine restores it (`restoreSnapshot` in src/engine/registry.ts). */
const restore = (json: string): MotionSnapshot =>
  createActor(motionMachine as AnyStateMachine, { snapshot: JSON.parse(json) as never }).getSnapshot() as MotionSnapshot;

const fold = (s: MotionSnapshot, events: MotionEvent[]): MotionSnapshot => events.reduce((acc, ev) => when(acc, ev).snapshot, s);

describe('motion snapshot persistence', () => {
  // given a motion mid-way: an amendment, a Kenntnisnahme on an agenda, the Kreisausschuss scheduled
  const midway: MotionEvent[] = [
    ...path.released(),
    e.schedule('ia'),
    e.outcome('ia', 'recommended', {
      outcomes: { '1': { outcome: 'recommended', votes: votes(13) }, '2': { outcome: 'recommendedWithAmendment', votes: votes(9, 4), amendedText: 'Geänderte Fassung.' } },
    }),
    e.schedule('asg', {}, afterMeeting('ia')),
    e.schedule('ka', {}, afterMeeting('ia')),
  ];
  const rest: MotionEvent[] = [
    e.outcome('asg', 'takenNote'),
    e.outcome('ka', 'recommended'),
    e.schedule('kt', {}, afterMeeting('ka')),
    e.outcome('kt', 'adopted'),
  ];

  it('round-trips through JSON and continues identically', () => {
    const original = given(midway);
    const json = store(original);
    const restored = restore(json);

    // then the restored snapshot is the same state with the same context
    expect(restored.value).toEqual(original.value);
    expect(restored.context).toEqual(original.context);
    expect(store(restored)).toBe(json);

    // and both continue to the same decision
    const a = fold(original, rest);
    const b = fold(restored, rest);
    expect(b.value).toEqual({ released: 'decided' });
    expect(store(b)).toBe(store(a));
  });

  it('is rebuilt exactly by replaying the event log from the start', () => {
    const replayed = given([...midway, ...rest]);
    const resumed = fold(restore(store(given(midway))), rest);
    expect(store(replayed)).toBe(store(resumed));
  });

  it('keeps the context plain JSON in every milestone', () => {
    for (const events of [[], path.cosigning(), path.released(), path.kreistagScheduled(), path.decided()]) {
      const s = given(events);
      expect(JSON.parse(JSON.stringify(s.context))).toEqual(s.context);
    }
  });
});
