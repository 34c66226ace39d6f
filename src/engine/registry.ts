import { Injectable } from '@nestjs/common';
import { createActor, transition, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type StateValue } from 'xstate';
import { allWorkflows, type WorkflowDefinition } from '../../workflows';
import { handledEvents } from '../../workflows/shared/rules-kit';
import { DomainError } from '../common/problem';

/** All machine versions the engine knows, by type and version. */
@Injectable()
export class WorkflowRegistry {
  private readonly byKey = new Map<string, WorkflowDefinition>();
  private readonly latestByType = new Map<string, WorkflowDefinition>();

  constructor() {
    for (const d of allWorkflows) this.add(d);
  }

  add(definition: WorkflowDefinition): void {
    const key = `${definition.type}@${definition.version}`;
    if (this.byKey.has(key)) throw new Error(`workflow ${key} registered twice`);
    this.byKey.set(key, definition);
    const latest = this.latestByType.get(definition.type);
    if (!latest || latest.version < definition.version) this.latestByType.set(definition.type, definition);
  }

  latest(type: string): WorkflowDefinition {
    const d = this.latestByType.get(type);
    if (!d) throw new DomainError(404, 'WORKFLOW.UNKNOWN_TYPE', `There is no workflow type "${type}".`, { known: [...this.latestByType.keys()] });
    return d;
  }

  get(type: string, version: number): WorkflowDefinition {
    const d = this.byKey.get(`${type}@${version}`);
    if (!d) throw new DomainError(500, 'WORKFLOW.VERSION_MISSING', `Machine ${type} version ${version} is not loadable; it must stay registered while instances use it.`);
    return d;
  }

  list(): WorkflowDefinition[] {
    return [...this.byKey.values()].sort((a, b) => a.type.localeCompare(b.type) || b.version - a.version);
  }
}

/** An effect a transition asked for; the engine writes these to the outbox after filtering `xstate.*`. */
export type StepAction = { type: string; params?: unknown };

/**
 * XState's exported `transition()` and `createActor()` build a throw-away actor, with its own actor
 * system, on every call; without input that also runs the machine's context factory (the motion
 * machine's throws, which XState catches). For the engine that was most of the cost of a step.
 * Our machines invoke and spawn nothing (workflows/README.md), so one inert scope per machine can
 * serve every call: the same macrostep over the same snapshot, minus the set-up. A machine that does
 * declare actors or invokes keeps XState's per-call scope.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope | null>();

function inertScope(machine: AnyStateMachine): AnyActorScope | null {
  let scope = scopes.get(machine);
  if (scope === undefined) {
    scope = usesActors(machine) ? null : inert(createActor(machine)); // never started: only `self` and `system` are borrowed
    scopes.set(machine, scope);
  }
  return scope;
}

const inert = (self: AnyActorScope['self']): AnyActorScope => ({
  self,
  id: '',
  sessionId: '',
  system: self.system,
  logger: () => undefined,
  defer: () => undefined,
  emit: () => undefined,
  stopChild: () => undefined,
  actionExecutor: () => undefined,
});

function usesActors(machine: AnyStateMachine): boolean {
  const invokes = (node: AnyStateMachine['root']): boolean => node.invoke.length > 0 || Object.values(node.states).some(invokes);
  return Object.keys(machine.implementations.actors).length > 0 || invokes(machine.root);
}

/** XState's pure `transition(machine, snapshot, event)`: the next snapshot and the actions to run, none run. */
export function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, StepAction[]] {
  const base = inertScope(machine);
  if (!base) return transition(machine, snapshot as never, event as never) as [AnyMachineSnapshot, StepAction[]];
  const actions: StepAction[] = [];
  const next = machine.transition(snapshot, event, { ...base, actionExecutor: (action) => void actions.push(action) }) as AnyMachineSnapshot;
  return [next, actions];
}

/**
 * Restores a persisted snapshot. XState does not throw on a snapshot naming a state that no longer
 * exists: `createActor` turns the throw into status `error`. We turn that, and any throw, into an
 * error: never a silent state.
 */
export function restoreSnapshot(machine: AnyStateMachine, persisted: unknown, where: string): AnyMachineSnapshot {
  let snapshot: AnyMachineSnapshot;
  try {
    const scope = inertScope(machine);
    snapshot = scope
      ? machine.restoreSnapshot(persisted as never, scope as never)
      : (createActor(machine, { snapshot: persisted as never }).getSnapshot() as AnyMachineSnapshot);
  } catch (error) {
    throw new DomainError(500, 'WORKFLOW.SNAPSHOT_UNRESTORABLE', `The stored snapshot of ${where} does not restore: ${(error as Error).message}`);
  }
  if (snapshot.status === 'error') {
    throw new DomainError(500, 'WORKFLOW.SNAPSHOT_UNRESTORABLE', `The stored snapshot of ${where} does not restore cleanly (status error).`);
  }
  return snapshot;
}

/** Event types the current state handles (guards aside). Empty once the machine is done. */
export function acceptedEvents(snapshot: AnyMachineSnapshot): string[] {
  if (snapshot.status !== 'active') return [];
  return ownEvents(snapshot.machine, snapshot.value as StateValue, () => snapshot);
}

/**
 * The events a caller may send now: those the state handles whose rules that need no payload pass at
 * `at` (timer events aside). What refusals list as `allowedEvents`, and what every "next steps" list
 * marks allowed, so the two always agree.
 */
export function allowedNow(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, at: string): string[] {
  if (snapshot.status !== 'active') return [];
  return definition
    .steps(snapshot as never, at)
    .filter((s) => s.allowed)
    .map((s) => s.event);
}

/**
 * The events a state configuration handles depend on the state value alone, never on context:
 * computed once per machine and value (a machine has few configurations), then copied out.
 */
const eventsByValue = new WeakMap<AnyStateMachine, Map<string, readonly string[]>>();

function ownEvents(machine: AnyStateMachine, value: StateValue, resolve: () => AnyMachineSnapshot): string[] {
  let byValue = eventsByValue.get(machine);
  if (!byValue) eventsByValue.set(machine, (byValue = new Map<string, readonly string[]>()));
  const key = JSON.stringify(value);
  let events = byValue.get(key);
  if (!events) {
    events = handledEvents(resolve()).sort();
    byValue.set(key, events);
  }
  return [...events];
}
