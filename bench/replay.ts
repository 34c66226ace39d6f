import { initialTransition, transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import type { WorkflowDefinition } from '../workflows';
import { AuditService } from '../src/audit/audit.service';
import { machineEvent } from '../src/audit/chain';
import { EngineService } from '../src/engine/engine.service';
import { clerk } from './engine';
import { historyEvent } from './history';
import { motionInput } from './motion';

export interface PureSpeed {
  /** Events/s of the engine's pure step (what replay uses) folding the history in memory. */
  stepEps: number;
  /** Events/s of XState's exported `transition()` on the same events, for reference. */
  xstateEps: number;
}

/** The ceiling for replay: the same events folded in memory, no database, no hashing. */
export function pureSpeed(engine: EngineService, definition: WorkflowDefinition, count: number): PureSpeed {
  const events: EventObject[] = [];
  for (let seq = 1; seq <= count; seq++) events.push(historyEvent(seq).event);
  const fold = (step: (s: AnyMachineSnapshot, e: EventObject) => AnyMachineSnapshot, n: number): number => {
    let snapshot = initialTransition(definition.machine, motionInput('BENCH-PURE') as never)[0] as AnyMachineSnapshot;
    const started = performance.now();
    for (let i = 0; i < n; i++) snapshot = step(snapshot, events[i]!);
    return n / ((performance.now() - started) / 1000);
  };
  fold((s, e) => engine.step(definition, s, e)[0], Math.min(count, 2_000)); // JIT warm-up
  const stepEps = fold((s, e) => engine.step(definition, s, e)[0], count);
  const xstateEps = fold((s, e) => transition(definition.machine, s as never, e as never)[0] as AnyMachineSnapshot, Math.min(count, 10_000));
  return { stepEps, xstateEps };
}

/** The product's replay: AuditService.stateAsOf streams the stored events and folds them, checking the chain as it goes. */
export async function replay(audit: AuditService, tenant: string, id: string, events: number): Promise<number> {
  const started = performance.now();
  const state = await audit.stateAsOf({ tenant, actor: clerk }, id, {});
  const seconds = (performance.now() - started) / 1000;
  if (state.seq !== events) throw new Error(`replay folded ${state.seq} events, expected ${events}`);
  return events / seconds;
}

/** The same stored events folded without the chain checks: how much of replay is reading vs. hashing. */
export async function bareReplay(audit: AuditService, engine: EngineService, definition: WorkflowDefinition, id: string, events: number): Promise<number> {
  const started = performance.now();
  let snapshot = initialTransition(definition.machine, motionInput('BENCH-BARE') as never)[0] as AnyMachineSnapshot;
  let n = 0;
  for await (const e of audit.events(id)) {
    snapshot = engine.step(definition, snapshot, machineEvent(e))[0];
    n++;
  }
  if (n !== events) throw new Error(`bare replay folded ${n} events, expected ${events}`);
  return events / ((performance.now() - started) / 1000);
}
