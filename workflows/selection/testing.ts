import { initialTransition, transition } from 'xstate';
import { accepts } from '../shared/rules-kit';
import type { Violation } from '../definition';
import { explain, type SelectionSnapshot } from './index';
import { selectionMachine } from './machine';
import type { Actor, SelectionEvent, SelectionInput } from './types';

/** Given / when / then for the selection machine, folding events through XState's pure `transition()`. */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as the office sends it; the actor defaults to the managing office. */
export type Command = DistributiveOmit<SelectionEvent, 'actor'> & { readonly actor?: Actor };

export const OFFICE: Actor = { id: 'ki-geschaeftsstelle', role: 'office' };

export interface Outcome {
  readonly snapshot: SelectionSnapshot;
  readonly actions: readonly { readonly type: string; readonly params?: unknown }[];
  /** The state refused the event: the snapshot is the very same object, nothing to write. */
  readonly refused: boolean;
  readonly violations: readonly Violation[];
  readonly codes: readonly string[];
}

export function start(input: SelectionInput): SelectionSnapshot {
  return initialTransition(selectionMachine, input)[0];
}

export function when(snapshot: SelectionSnapshot, command: Command): Outcome {
  const event: SelectionEvent = { actor: OFFICE, ...command };
  const [next, actions] = transition(selectionMachine, snapshot, event);
  const refused = !accepts(snapshot, event);
  const violations = refused ? explain(snapshot, event) : [];
  return { snapshot: next, actions, refused, violations, codes: violations.map((v) => v.code) };
}

/** Folds the commands onto a snapshot; throws when one is refused (a broken "given"). */
export function after(snapshot: SelectionSnapshot, commands: readonly Command[]): SelectionSnapshot {
  return commands.reduce((current, command) => {
    const outcome = when(current, command);
    if (outcome.refused) throw new Error(`given: ${command.type} refused in ${String(current.value)}: ${JSON.stringify(outcome.violations)}`);
    return outcome.snapshot;
  }, snapshot);
}

/** A fresh procedure with `input`, then the commands. */
export function given(input: SelectionInput, commands: readonly Command[] = []): SelectionSnapshot {
  return after(start(input), commands);
}
