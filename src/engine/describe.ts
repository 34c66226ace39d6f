import type { AnyStateMachine, AnyStateNode } from 'xstate';

export interface DescribedMachine {
  states: { id: string; key: string; parent: string | null; type: string; initial: string | null }[];
  events: string[];
  transitions: { source: string; event: string; targets: string[]; guard: string | null }[];
}

/** Enough of a machine to draw it: every state node, and every transition with its guard. */
export function describeMachine(machine: AnyStateMachine): DescribedMachine {
  const states: DescribedMachine['states'] = [];
  const transitions: DescribedMachine['transitions'] = [];
  const visit = (node: AnyStateNode): void => {
    states.push({
      id: node.id,
      key: node.key,
      parent: node.parent?.id ?? null,
      type: node.type,
      initial: node.initial?.target[0]?.id ?? null,
    });
    for (const [event, list] of node.transitions) {
      for (const t of list) {
        transitions.push({ source: node.id, event, targets: (t.target ?? []).map((s) => s.id), guard: guardName(t.guard) });
      }
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root);
  const events = [...new Set(transitions.map((t) => t.event))].filter((e) => !e.startsWith('xstate.')).sort();
  return { states, events, transitions };
}

function guardName(guard: unknown): string | null {
  if (!guard) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard) return String(guard.type);
  return 'inline';
}
