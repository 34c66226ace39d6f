import { Injectable } from '@nestjs/common';
import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type StateValue, __unsafe_getAllOwnEventDescriptors } from 'xstate';
import { allWorkflows, type WorkflowDefinition } from '../../workflows';
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

/**
 * Restores a persisted snapshot. XState does not throw on a snapshot naming a state that no longer
 * exists: it yields status `error`. We turn that, and any throw, into an error: never a silent state.
 */
export function restoreSnapshot(machine: AnyStateMachine, persisted: unknown, where: string): AnyMachineSnapshot {
  let snapshot: AnyMachineSnapshot;
  try {
    snapshot = createActor(machine, { snapshot: persisted as never }).getSnapshot() as AnyMachineSnapshot;
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
  return ownEvents(snapshot);
}

/** Same, from a stored state value alone (e.g. an event row's state_after). */
export function acceptedEventsAt(machine: AnyStateMachine, value: StateValue): string[] {
  // final states handle no events, so the descriptors alone tell "done"
  return ownEvents(machine.resolveState({ value, context: {} }));
}

function ownEvents(snapshot: AnyMachineSnapshot): string[] {
  const descriptors = __unsafe_getAllOwnEventDescriptors(snapshot) as string[];
  return descriptors.filter((t) => !t.startsWith('xstate.') && t !== '*').sort();
}
