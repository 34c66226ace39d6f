import { createActor, type AnyStateMachine } from 'xstate';
import type { MeetingSnapshot } from './index';
import { e, given, times, when } from './fixtures';
import { meetingMachine } from './machine';
import type { MeetingEvent } from './types';

/** What the engine stores: the persisted snapshot as JSON text. */
const store = (s: MeetingSnapshot): string => JSON.stringify(meetingMachine.getPersistedSnapshot(s));
/** As the engine restores it (`restoreSnapshot` in src/engine/registry.ts). */
const restore = (json: string): MeetingSnapshot =>
  createActor(meetingMachine as AnyStateMachine, { snapshot: JSON.parse(json) as never }).getSnapshot() as MeetingSnapshot;

const fold = (s: MeetingSnapshot, events: MeetingEvent[]): MeetingSnapshot => events.reduce((acc, ev) => when(acc, ev).snapshot, s);

describe('meeting snapshot persistence', () => {
  // given a meeting whose regular invitation is overdue, invited urgently, with attendance recorded
  const midway: MeetingEvent[] = [e.invitationDue(), e.invite(times.fourDaysAhead, 'Landesfrist'), e.attendance(11, times.during, 9)];
  const rest: MeetingEvent[] = [e.held(), e.attendance(12), e.approveMinutes()];

  it('given a stored snapshot, when it is restored from JSON, then it is the same and continues identically', () => {
    const original = given(midway);
    const json = store(original);
    const restored = restore(json);

    expect(restored.value).toBe(original.value);
    expect(restored.context).toEqual(original.context);
    expect(store(restored)).toBe(json);

    const a = fold(original, rest);
    const b = fold(restored, rest);
    expect(b.value).toBe('minutesApproved');
    expect(store(b)).toBe(store(a));
  });

  it('given the event log, when it is replayed from the start, then it rebuilds the same record', () => {
    expect(store(given([...midway, ...rest]))).toBe(store(fold(restore(store(given(midway))), rest)));
  });

  it('given a restored snapshot, then restoring runs no entry action again (no second timer)', () => {
    const restored = restore(store(given()));
    const then = when(restored, e.invite());
    expect(then.actions.map((a) => a.type)).toEqual(['cancelTimer']);
  });

  it('keeps the context plain JSON in every state', () => {
    for (const events of [[], midway, [...midway, ...rest], [e.cancel()]]) {
      const s = given(events);
      expect(JSON.parse(JSON.stringify(s.context))).toEqual(s.context);
    }
  });
});
