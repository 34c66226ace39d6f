import { defineWorkflow } from '../definition';
import { sampleKit, sampleMachine } from './machine';

export * from './machine';

export const sampleWorkflow = defineWorkflow({
  type: 'sample',
  version: 1,
  title: 'Sample: purchase request with parallel legal and treasury review',
  machine: sampleMachine,
  explain: (snapshot, event) => sampleKit.explain(snapshot, event),
  steps: (snapshot, at) => sampleKit.steps(snapshot, at),
});
