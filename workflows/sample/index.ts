import type { EventObject, SnapshotFrom } from 'xstate';
import { defineWorkflow, type Violation } from '../definition';
import { sampleMachine, sampleRules, type SampleContext } from './machine';

export * from './machine';

function explain(snapshot: SnapshotFrom<typeof sampleMachine>, event: EventObject): Violation[] {
  const c: SampleContext = snapshot.context;
  const e = event as EventObject & { budgetLine?: string; reason?: string };
  const found =
    event.type === 'SUBMIT' ? sampleRules.hasTitle(c)
    : event.type === 'TREASURY_APPROVE' ? sampleRules.budgetLineGiven(c, e)
    : event.type === 'REJECT' ? sampleRules.reasonGiven(e)
    : undefined;
  return found ? [found] : [];
}

export const sampleWorkflow = defineWorkflow({
  type: 'sample',
  version: 1,
  title: 'Sample: purchase request with parallel legal and treasury review',
  machine: sampleMachine,
  explain,
});
