/**
 * The rules kit: one table of guard specs per machine gives its named guards, its `explain` and
 * its `steps`, so a guard, the reason it refused and the list of next steps cannot disagree.
 *
 * A rule is a pure function `(context, event) => Violation | undefined`. A guard spec groups rules
 * in three stages; the first stage that finds a violation answers:
 *   pre   – the context and the event's time only (plus optional preview facts): `steps` runs these
 *           without a payload, so they say whether a step is possible at all;
 *   shape – the payload is well formed, so the domain rules may rely on it;
 *   rules – the domain rules, all reported together.
 * A spec may also route: a condition that picks between transitions for the same event, on the
 * payload (`event`, e.g. "the outcome is postponed") or on the time alone (`time`, e.g. "the
 * deadline has passed"; `steps` can judge that one without a payload). It is not a rule: a spec
 * that does not route the event is simply not the transition the event is for.
 *
 * "Which events does this state handle" is answered once, here, on XState's public
 * `getNextTransitions`.
 */
import { getNextTransitions, type AnyMachineSnapshot, type EventObject } from 'xstate';
import type { Step, Violation } from '../definition';
import { DOCUMENT_ISSUED } from './documents';

export type { Step, Violation };

/** The time of the event; all a pre rule may read besides the context (and preview facts). */
export interface Timed {
  readonly at: string;
}

/** What pre rules see: the time, and in a preview only the facts the caller chose to pass. */
export type Preview<F = object> = Timed & Partial<F>;

export type Rule<C, E = Timed> = (context: C, event: E) => Violation | undefined;

export interface Stages<C, E, P> {
  readonly pre?: readonly Rule<C, P>[];
  readonly shape?: readonly Rule<C, E>[];
  readonly rules?: readonly Rule<C, E>[];
}

export interface GuardSpec<C, E extends EventObject, F = object> {
  readonly events: readonly E['type'][];
  readonly pre: readonly Rule<C, Preview<F>>[];
  /** Every violation the spec finds for this event, stage by stage; [] means the guard passes. */
  violations(context: C, event: E): Violation[];
  /** Routing, not a rule: false when this transition is not the one the event is meant for. */
  routes(context: C, event: E): boolean;
  /** The time-only part of the routing, for previews. */
  routesAt(context: C, at: string): boolean;
}

/** Which of several transitions for one event type a spec is for (see above). */
export interface Route<C, E> {
  readonly event?: (context: C, event: E) => boolean;
  readonly time?: (context: C, at: string) => boolean;
}

/** Runs the rules of one stage; every violation they find, in rule order. */
export function check<C, E>(rules: readonly Rule<C, E>[], context: C, event: E): Violation[] {
  return rules.map((rule) => rule(context, event)).filter((v): v is Violation => v !== undefined);
}

/** Drops repeats (same code and message), keeping the first. */
export function distinct(found: readonly Violation[]): Violation[] {
  const seen = new Set<string>();
  return found.filter((v) => {
    const key = `${v.code}\u0000${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A spec builder typed for one machine: `const guard = guardsFor<Context, Event, PreviewFacts>()`,
 * then `guard(['SCORE'], { pre, shape, rules }, route?)`. Each stage's rules are typed for the
 * spec's own event types; pre rules see only `Preview<F>`.
 */
export function guardsFor<C, E extends EventObject, F = object>() {
  return function guard<T extends E['type']>(
    events: readonly T[],
    stages: Stages<C, Extract<E, { type: T }>, Preview<F>>,
    route: Route<C, Extract<E, { type: T }>> = {},
  ): GuardSpec<C, E, F> {
    type Own = Extract<E, { type: T }>;
    const handles = (event: E): event is Own => (events as readonly string[]).includes(event.type);
    const pre = stages.pre ?? [];
    const shape = stages.shape ?? [];
    const rules = stages.rules ?? [];
    return {
      events,
      pre,
      violations(context, event) {
        if (!handles(event)) return [{ code: 'WORKFLOW.GUARD_MISMATCH', message: `This guard is for ${events.join(', ')}, not ${event.type}.` }];
        const timed = event as unknown as Preview<F>;
        for (const found of [check(pre, context, timed), check(shape, context, event), check(rules, context, event)]) {
          if (found.length) return found;
        }
        return [];
      },
      routes(context, event) {
        if (!handles(event)) return false;
        const at = (event as unknown as Timed).at;
        return (route.time === undefined || route.time(context, at)) && (route.event === undefined || route.event(context, event));
      },
      routesAt(context, at) {
        return route.time === undefined || route.time(context, at);
      },
    };
  };
}

/** Event types XState adds (`xstate.*`, eventless `''`, wildcard `*`) are no one's command. */
const isNamedEvent = (type: string): boolean => type !== '' && type !== '*' && !type.startsWith('xstate.');

/**
 * The event types the snapshot's current state handles, guards aside, in XState's document order
 * (the atomic states first, then their ancestors). [] once the machine is done.
 */
export function handledEvents(snapshot: AnyMachineSnapshot): string[] {
  if (snapshot.status !== 'active') return [];
  const seen = new Set<string>();
  for (const t of getNextTransitions(snapshot)) {
    const type = String(t.eventType);
    if (isNamedEvent(type)) seen.add(type);
  }
  return [...seen];
}

/**
 * The machine's own verdict on an event: true when one of the current state's transitions for it is
 * enabled (its guard passes), whether or not it changes state or context. A transition that only
 * records the event (an agenda item whose row lives outside the context) is accepted like any other.
 */
export function accepts(snapshot: AnyMachineSnapshot, event: EventObject): boolean {
  return snapshot.status === 'active' && snapshot.machine.getTransitionData(snapshot, event).length > 0;
}

/** The guard names on the current state's transitions for `type`, in order; null for an unguarded one. */
export function guardsOn(snapshot: AnyMachineSnapshot, type: string): (string | null)[] {
  if (snapshot.status !== 'active') return [];
  return getNextTransitions(snapshot)
    .filter((t) => t.eventType === type)
    .map((t) => {
      const g: unknown = t.guard;
      if (g === undefined) return null;
      if (typeof g === 'string') return g;
      if (typeof g === 'object' && g !== null && typeof (g as { type?: unknown }).type === 'string') return (g as { type: string }).type;
      throw new Error(`The ${type} transition has an inline guard; name it in the rules table.`);
    });
}

export interface RulesKit<C, E extends EventObject, F, N extends string> {
  readonly specs: Readonly<Record<N, GuardSpec<C, E, F>>>;
  /** The named guards for `setup({ guards })`. */
  readonly guards: Readonly<Record<N, (args: { context: C; event: E }) => boolean>>;
  /**
   * Why the current state refused `event`: the violations of the specs on its transitions for that
   * event type that route it; [] when a transition passes. For an event the state does not handle
   * at all: what `options.unhandled` says, else [].
   */
  explain(snapshot: AnyMachineSnapshot, event: EventObject): Violation[];
  /** For every event the current state handles (system events aside): possible at `at`, judged by the pre rules. */
  steps(snapshot: AnyMachineSnapshot, at: string, facts?: Partial<F>): Step[];
}

export interface KitOptions {
  /** Events sent by the engine's timers, not offered as steps (nor is DOCUMENT_ISSUED: issuing a document is no step of the procedure). */
  readonly system?: readonly string[];
  /**
   * Why the current state does not handle `event` at all, in the domain's words (e.g. "the meeting
   * is held; you cannot cancel it"); [] to leave it to the engine's generic answer. The engine
   * still answers 409 (not possible in this state), with the first violation's code.
   */
  readonly unhandled?: (snapshot: AnyMachineSnapshot, event: EventObject, handled: readonly string[]) => Violation[];
}

export function rulesKit<C, E extends EventObject, F, N extends string>(
  specs: Readonly<Record<N, GuardSpec<C, E, F>>>,
  options: KitOptions = {},
): RulesKit<C, E, F, N> {
  const system = [...(options.system ?? []), DOCUMENT_ISSUED];
  const spec = (name: string | null): GuardSpec<C, E, F> | undefined => {
    if (name === null) return undefined;
    if (!Object.hasOwn(specs, name)) throw new Error(`Guard "${name}" is not in the rules table.`);
    return specs[name as N];
  };
  const guards = Object.fromEntries(
    Object.entries<GuardSpec<C, E, F>>(specs).map(([name, s]) => [
      name,
      ({ context, event }: { context: C; event: E }): boolean => s.routes(context, event) && s.violations(context, event).length === 0,
    ]),
  ) as Record<N, (args: { context: C; event: E }) => boolean>;

  return {
    specs,
    guards,
    explain(snapshot, event) {
      const names = guardsOn(snapshot, event.type);
      if (names.length === 0) return options.unhandled ? options.unhandled(snapshot, event, handledEvents(snapshot)) : [];
      const context = snapshot.context as C;
      const e = event as E;
      const found: Violation[] = [];
      let routed = false;
      for (const name of names) {
        const s = spec(name);
        if (!s) return [];
        if (!s.routes(context, e)) continue;
        routed = true;
        const v = s.violations(context, e);
        if (v.length === 0) return [];
        found.push(...v);
      }
      // No transition is for this event: say what each would have needed.
      if (!routed) for (const name of names) found.push(...spec(name)!.violations(context, e));
      return distinct(found);
    },
    steps(snapshot, at, facts) {
      const context = snapshot.context as C;
      const preview = { ...facts, at } as Preview<F>;
      return handledEvents(snapshot)
        .filter((type) => !system.includes(type))
        .map((type) => {
          const specs = guardsOn(snapshot, type).map(spec);
          // The transitions meant for this time; none at all: say what each would have needed.
          const routed = specs.filter((s) => !s || s.routesAt(context, at));
          const perTransition = (routed.length ? routed : specs).map((s) => (s ? check(s.pre, context, preview) : []));
          const allowed = perTransition.some((v) => v.length === 0);
          return { event: type, allowed, violations: allowed ? [] : distinct(perTransition.flat()) };
        });
    },
  };
}
