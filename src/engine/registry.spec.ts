import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { e, path, coesfeldInput } from '../../workflows/motion/fixtures';
import { motionMachine } from '../../workflows/motion';
import { sampleMachine } from '../../workflows/sample/machine';
import { acceptedEvents, pureTransition, restoreSnapshot } from './registry';

/** The engine's step must be XState's `transition()` exactly, only cheaper: same snapshot, same actions, same refusals. */
function expectSameStep(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot {
  const [expected, expectedActions] = transition(machine, snapshot as never, event as never) as [AnyMachineSnapshot, { type: string; params?: unknown }[]];
  const [actual, actions] = pureTransition(machine, snapshot, event);
  expect(actual === snapshot).toBe(expected === snapshot); // a refusal is the same snapshot back
  expect({ value: actual.value, context: actual.context, status: actual.status }).toEqual({ value: expected.value, context: expected.context, status: expected.status });
  expect(machine.getPersistedSnapshot(actual)).toEqual(machine.getPersistedSnapshot(expected));
  expect(actions.map((a) => [a.type, a.params])).toEqual(expectedActions.map((a) => [a.type, a.params]));
  expect(acceptedEvents(actual)).toEqual(acceptedEvents(expected));
  return expected;
}

describe('the engine step (pureTransition) against XState transition()', () => {
  const meta = { at: '2020-08-01T08:00:00.000Z', actor: { id: 'tester', role: 'clerk' } };
  const sampleEvents: EventObject[] = [
    { type: 'EDIT', title: 'Server' },
    { type: 'EDIT', title: ' ' },
    { type: 'SUBMIT' },
    { type: 'LEGAL_APPROVE', note: 'ok' },
    { type: 'TREASURY_APPROVE' },
    { type: 'TREASURY_APPROVE', budgetLine: '00.02' },
    { type: 'REJECT', reason: '' },
    { type: 'REJECT', reason: 'no budget' },
    { type: 'WITHDRAW' },
  ].map((x) => ({ ...meta, ...x }));

  it('agrees on every sequence of four sample events, refusals and outbox actions included', () => {
    let frontier = [initialTransition(sampleMachine, { title: 'Laptops', amountCents: 900_000 })[0] as AnyMachineSnapshot];
    let steps = 0;
    for (let depth = 0; depth < 4; depth++) {
      frontier = frontier.flatMap((s) => sampleEvents.map((event) => expectSameStep(sampleMachine, s, event)));
      steps += frontier.length;
    }
    expect(steps).toBeGreaterThan(6000);
  });

  it('agrees along the Coesfeld motion from draft to decision, and on events refused on the way', () => {
    let snapshot = initialTransition(motionMachine, coesfeldInput())[0] as AnyMachineSnapshot;
    for (const event of path.decided()) {
      expectSameStep(motionMachine, snapshot, e.withdraw());
      expectSameStep(motionMachine, snapshot, e.release());
      snapshot = expectSameStep(motionMachine, snapshot, event);
    }
    expect(snapshot.value).not.toBe('draft');
  });

  it('restores a persisted snapshot to the same state, and refuses one naming a state that does not exist', () => {
    const [draft] = initialTransition(motionMachine, coesfeldInput());
    const restored = restoreSnapshot(motionMachine, JSON.parse(JSON.stringify(motionMachine.getPersistedSnapshot(draft))), 'test');
    expect({ value: restored.value, context: restored.context, status: restored.status }).toEqual({ value: draft.value, context: draft.context, status: draft.status });
    const broken = { ...(motionMachine.getPersistedSnapshot(draft) as object), value: 'noSuchState' };
    expect(() => restoreSnapshot(motionMachine, broken, 'test')).toThrow(expect.objectContaining({ code: 'WORKFLOW.SNAPSHOT_UNRESTORABLE' }) as Error);
  });
});
