import { createActor, initialTransition, transition, type SnapshotFrom, type StateValue } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { sampleMachine, type SampleEvent, type SampleInput } from './machine';
import { sampleWorkflow } from './index';

type Snapshot = SnapshotFrom<typeof sampleMachine>;
const meta = { at: '2020-08-01T08:00:00.000Z', actor: { id: 'tester', role: 'clerk' } };
const ev = (e: Record<string, unknown> & { type: SampleEvent['type'] }) => ({ ...meta, ...e }) as SampleEvent;

function given(input: SampleInput, ...events: SampleEvent[]): Snapshot {
  let [snapshot] = initialTransition(sampleMachine, input);
  for (const e of events) [snapshot] = transition(sampleMachine, snapshot, e);
  return snapshot;
}

describe('sample machine', () => {
  const small = { title: 'Laptops', amountCents: 120_000 };
  const large = { title: 'Server', amountCents: 900_000 };

  it('given a submitted request, when legal and treasury approve in either order, then it is approved', () => {
    const a = given(small, ev({ type: 'SUBMIT' }), ev({ type: 'LEGAL_APPROVE' }), ev({ type: 'TREASURY_APPROVE' }));
    const b = given(small, ev({ type: 'SUBMIT' }), ev({ type: 'TREASURY_APPROVE' }), ev({ type: 'LEGAL_APPROVE' }));
    expect(a.value).toBe('approved');
    expect(b.value).toBe('approved');
    expect(a.status).toBe('done');
  });

  it('given a draft without a title, when submitted, then the guard refuses with SAMPLE.TITLE_MISSING', () => {
    const draft = given({ title: '  ', amountCents: 1 });
    const [next] = transition(sampleMachine, draft, ev({ type: 'SUBMIT' }));
    expect(next).toBe(draft);
    expect(sampleWorkflow.explain(draft, ev({ type: 'SUBMIT' })).map((v) => v.code)).toEqual(['SAMPLE.TITLE_MISSING']);
  });

  it('given a large request in review, when the treasury approves without a budget line, then it is refused; with one it passes', () => {
    const review = given(large, ev({ type: 'SUBMIT' }));
    const [refused] = transition(sampleMachine, review, ev({ type: 'TREASURY_APPROVE' }));
    expect(refused).toBe(review);
    expect(sampleWorkflow.explain(review, ev({ type: 'TREASURY_APPROVE' }))[0]?.code).toBe('SAMPLE.BUDGET_LINE_REQUIRED');
    const [accepted] = transition(sampleMachine, review, ev({ type: 'TREASURY_APPROVE', budgetLine: '00.02' }));
    expect(accepted.value).toEqual({ review: { legal: 'pending', treasury: 'approved' } });
    expect(accepted.context.budgetLine).toBe('00.02');
  });

  it('given a request in review, when rejected without a reason, then refused; with a reason it ends rejected and notifies', () => {
    const review = given(small, ev({ type: 'SUBMIT' }));
    expect(transition(sampleMachine, review, ev({ type: 'REJECT', reason: '' }))[0]).toBe(review);
    expect(sampleWorkflow.explain(review, ev({ type: 'REJECT', reason: '' }))[0]?.code).toBe('SAMPLE.REASON_REQUIRED');
    const [rejected, actions] = transition(sampleMachine, review, ev({ type: 'REJECT', reason: 'no budget' }));
    expect(rejected.value).toBe('rejected');
    expect(actions.map((a) => [a.type, a.params])).toEqual([['notifyRequester', { outcome: 'rejected' }]]);
  });

  it('reaches every state node through xstate/graph', () => {
    const events = [
      ev({ type: 'EDIT', title: 'x' }),
      ev({ type: 'SUBMIT' }),
      ev({ type: 'LEGAL_APPROVE' }),
      ev({ type: 'TREASURY_APPROVE', budgetLine: '00.02' }),
      ev({ type: 'REJECT', reason: 'r' }),
      ev({ type: 'WITHDRAW' }),
    ];
    const paths = getShortestPaths(sampleMachine, { input: large, events });
    // every state node, with the state value that is in it (XState's public `path` and `matches`)
    const nodes: { id: string; path: string[] }[] = [];
    const visit = (node: typeof sampleMachine.root): void => {
      nodes.push({ id: node.id, path: node.path });
      Object.values(node.states).forEach(visit);
    };
    visit(sampleMachine.root);
    // ['review', 'legal', 'pending'] → { review: { legal: 'pending' } }
    const valueOf = (path: string[]): StateValue => path.slice(0, -1).reduceRight<StateValue>((inner, key) => ({ [key]: inner }), path[path.length - 1]!);
    const isIn = (state: (typeof paths)[number]['state'], path: string[]): boolean => path.length === 0 || state.matches(valueOf(path) as never);
    const reached = new Set(nodes.filter((n) => paths.some((p) => isIn(p.state, n.path))).map((n) => n.id));
    const all = new Set(nodes.map((n) => n.id));
    expect([...reached].sort()).toEqual([...all].sort());
  });

  it('round-trips its persisted snapshot through JSON and continues identically', () => {
    const review = given(large, ev({ type: 'SUBMIT' }), ev({ type: 'LEGAL_APPROVE', note: 'ok' }));
    const json = JSON.parse(JSON.stringify(sampleMachine.getPersistedSnapshot(review))) as Snapshot;
    const restored = createActor(sampleMachine, { snapshot: json, input: large }).getSnapshot();
    expect(restored.value).toEqual(review.value);
    expect(restored.context).toEqual(review.context);
    const next = ev({ type: 'TREASURY_APPROVE', budgetLine: '00.02' });
    expect(transition(sampleMachine, restored, next)[0].value).toEqual(transition(sampleMachine, review, next)[0].value);
  });

  it('restoring a snapshot naming a state that does not exist yields status error (the engine turns it into an error)', () => {
    const broken = { ...sampleMachine.getPersistedSnapshot(given(small)), value: 'vanished' };
    const restored = (() => {
      try {
        return createActor(sampleMachine, { snapshot: broken, input: small }).getSnapshot().status;
      } catch {
        return 'error';
      }
    })();
    expect(restored).toBe('error');
  });
});
