/**
 * The rules kit on a small machine of its own: one table gives the guards, `explain` and `steps`,
 * and "which events does this state handle" comes from XState's public getNextTransitions.
 */
import { assign, createMachine, initialTransition, setup, transition, type AnyMachineSnapshot } from 'xstate';
import { guardsFor, handledEvents, rulesKit, type Rule } from './rules-kit';

interface Ctx {
  opensAt: string;
  items: string[];
}
type Ev =
  | { type: 'ADD'; at: string; item: string }
  | { type: 'SHIP'; at: string; express?: boolean }
  | { type: 'TICK'; at: string }
  | { type: 'CANCEL'; at: string };

const fail = (code: string, message = code) => ({ code, message });
const isOpen: Rule<Ctx> = (c, e) => (e.at >= c.opensAt ? undefined : fail('SHOP.CLOSED'));
const notEmpty: Rule<Ctx> = (c) => (c.items.length ? undefined : fail('SHOP.EMPTY'));
const itemNamed: Rule<Ctx, { item: string }> = (_c, e) => (e.item.trim() ? undefined : fail('SHOP.NO_NAME'));
const itemNew: Rule<Ctx, { item: string }> = (c, e) => (c.items.includes(e.item) ? fail('SHOP.DUPLICATE') : undefined);
const itemShort: Rule<Ctx, { item: string }> = (_c, e) => (e.item.length <= 5 ? undefined : fail('SHOP.TOO_LONG'));

const guard = guardsFor<Ctx, Ev>();
const kit = rulesKit(
  {
    canAdd: guard(['ADD'], { pre: [isOpen], shape: [itemNamed], rules: [itemNew, itemShort] }),
    shipExpress: guard(['SHIP'], { pre: [notEmpty] }, { event: (_c, e) => e.express === true }),
    shipNormal: guard(['SHIP'], { pre: [notEmpty, isOpen] }, { event: (_c, e) => e.express !== true }),
  },
  { system: ['TICK'], unhandled: (_s, e) => (e.type === 'CANCEL' ? [fail('SHOP.TOO_LATE', 'Shipped orders cannot be cancelled.')] : []) },
);

const machine = setup({ types: { context: {} as Ctx, events: {} as Ev }, guards: kit.guards }).createMachine({
  id: 'shop',
  initial: 'open',
  context: { opensAt: '2020-01-01T09:00:00Z', items: [] },
  states: {
    open: {
      on: {
        ADD: { guard: 'canAdd', actions: assign({ items: ({ context, event }) => [...context.items, event.item] }) },
        SHIP: [
          { guard: 'shipExpress', target: 'shipped' },
          { guard: 'shipNormal', target: 'shipped' },
        ],
        TICK: {},
        CANCEL: 'cancelled',
      },
    },
    shipped: { on: { TICK: {} } },
    cancelled: { type: 'final' },
  },
});

/** Typed for the shop's events (the kit takes any EventObject). */
const explain = (snapshot: AnyMachineSnapshot, event: Ev) => kit.explain(snapshot, event);

const [open] = initialTransition(machine);
const early = '2020-01-01T08:00:00Z';
const later = '2020-01-01T10:00:00Z';

describe('rules kit', () => {
  it('given a state, then handledEvents lists its events once each, in document order; none once final', () => {
    expect(handledEvents(open)).toEqual(['ADD', 'SHIP', 'TICK', 'CANCEL']);
    const [cancelled] = transition(machine, open, { type: 'CANCEL', at: later });
    expect(handledEvents(cancelled)).toEqual([]);
  });

  it('given nested and parallel states, then events of ancestors count too', () => {
    const nested = createMachine({ id: 'n', initial: 'a', on: { ROOT: {} }, states: { a: { type: 'parallel', on: { A: {} }, states: { x: { on: { X: {} } }, y: { on: { Y: {}, '*': {} } } } } } });
    expect(handledEvents(initialTransition(nested)[0]).sort()).toEqual(['A', 'ROOT', 'X', 'Y']);
  });

  it('when the first stage breaks a rule, then only that stage answers; later stages report all their rules together', () => {
    expect(explain(open, { type: 'ADD', at: early, item: ' ' }).map((v) => v.code)).toEqual(['SHOP.CLOSED']);
    expect(explain(open, { type: 'ADD', at: later, item: ' ' }).map((v) => v.code)).toEqual(['SHOP.NO_NAME']);
    const one = machine.resolveState({ value: 'open', context: { ...open.context, items: ['brotchen'] } });
    expect(explain(one, { type: 'ADD', at: later, item: 'brotchen' }).map((v) => v.code)).toEqual(['SHOP.DUPLICATE', 'SHOP.TOO_LONG']);
  });

  it('when the rules pass, then the guard passes and explain has nothing to say', () => {
    const event = { type: 'ADD' as const, at: later, item: 'tee' };
    expect(explain(open, event)).toEqual([]);
    expect(transition(machine, open, event)[0].context.items).toEqual(['tee']);
  });

  it('when routing picks the transition, then explain reports that transition’s rules only', () => {
    expect(explain(open, { type: 'SHIP', at: early, express: true }).map((v) => v.code)).toEqual(['SHOP.EMPTY']);
    expect(explain(open, { type: 'SHIP', at: early }).map((v) => v.code)).toEqual(['SHOP.EMPTY', 'SHOP.CLOSED']);
  });

  it('when the state does not handle the event, then explain asks `unhandled`, and [] without an answer', () => {
    const [shipped] = transition(machine, transition(machine, open, { type: 'ADD', at: later, item: 'tee' })[0], { type: 'SHIP', at: later });
    expect(shipped.value).toBe('shipped');
    expect(explain(shipped, { type: 'CANCEL', at: later })).toEqual([fail('SHOP.TOO_LATE', 'Shipped orders cannot be cancelled.')]);
    expect(explain(shipped, { type: 'ADD', at: later, item: 'x' })).toEqual([]);
  });

  it('given a time, then steps judges each handled event by its pre rules, leaves out system events, and merges a blocked event’s reasons', () => {
    expect(kit.steps(open, early)).toEqual([
      { event: 'ADD', allowed: false, violations: [fail('SHOP.CLOSED')] },
      { event: 'SHIP', allowed: false, violations: [fail('SHOP.EMPTY'), fail('SHOP.CLOSED')] },
      { event: 'CANCEL', allowed: true, violations: [] },
    ]);
    const [one] = transition(machine, open, { type: 'ADD', at: later, item: 'tee' });
    expect(kit.steps(one, early).find((s) => s.event === 'SHIP')).toEqual({ event: 'SHIP', allowed: true, violations: [] });
  });

  it('given a guard name the table does not know, then explain says so loudly', () => {
    const rogue = setup({ types: { context: {} as Ctx, events: {} as Ev }, guards: { ...kit.guards, other: () => false } }).createMachine({
      context: { opensAt: '', items: [] },
      on: { TICK: { guard: 'other' } },
    });
    const tick: Ev = { type: 'TICK', at: later };
    expect(() => explain(initialTransition(rogue)[0], tick)).toThrow(/not in the rules table/);
  });
});
