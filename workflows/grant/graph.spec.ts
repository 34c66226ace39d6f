/** Every state node of the grant machine is reachable with valid payloads (xstate/graph). */
import { getShortestPaths } from 'xstate/graph';
import {
  approvalNotice,
  callFunds,
  close,
  coesfeldInput,
  contracts,
  earlyStartVhs,
  event,
  on,
  proofOfUse,
  submit,
} from './fixtures';
import { grantMachine } from './index';
import type { GrantSnapshot } from './machine';
import type { GrantEvent } from './types';

const allStates = ['drafted', 'submitted', 'approved', 'contracting', 'fundsCalled', 'proofSubmitted', 'closed', 'rejected', 'withdrawn'];

/** The clerk's moves, each with a payload that is valid somewhere in the lifecycle. */
const events: GrantEvent[] = [
  submit,
  earlyStartVhs,
  contracts.vhsIV,
  approvalNotice,
  contracts.caritas,
  callFunds('MA-1', 10_000, '2020-11-02'),
  proofOfUse,
  close,
  event({ type: 'REJECT', date: '2020-06-30', reason: 'nicht berücksichtigt' }, on('2020-07-02')),
  event({ type: 'WITHDRAW', reason: 'Maßnahme entfällt' }, on('2020-06-01')),
];

/** State plus the facts that change which moves are possible; keeps the traversal finite. */
const serializeState = (s: GrantSnapshot) =>
  JSON.stringify([s.value, s.context.earlyStarts.length > 0, s.context.contracts.length, s.context.fundCalls.length > 0]);

describe('reachability', () => {
  const paths = getShortestPaths(grantMachine, { input: coesfeldInput, events, serializeState });
  const reached = new Set(paths.map((p) => p.state.value));

  it('given the machine, then the list of state ids is complete', () => {
    expect(Object.keys(grantMachine.states).sort()).toEqual([...allStates].sort());
  });

  it('given valid payloads, then every state node is reachable', () => {
    expect([...reached].sort()).toEqual([...allStates].sort());
  });

  it('given an early-start contract, then the approval notice leads straight to contracting', () => {
    const viaEarlyStart = paths.find(
      (p) => p.state.value === 'contracting' && p.steps.some((s) => s.event.type === 'APPROVE_EARLY_START'),
    );
    expect(viaEarlyStart?.steps.map((s) => s.event.type)).toEqual([
      'xstate.init',
      'SUBMIT',
      'APPROVE_EARLY_START',
      'CONCLUDE_CONTRACT',
      'APPROVAL_NOTICE',
    ]);
  });

  it('given the shortest path to closed, then it follows the lifecycle', () => {
    const toClosed = paths.find((p) => p.state.value === 'closed');
    expect(toClosed?.steps.map((s) => s.event.type)).toEqual([
      'xstate.init',
      'SUBMIT',
      'APPROVAL_NOTICE',
      'CONCLUDE_CONTRACT',
      'CALL_FUNDS',
      'SUBMIT_PROOF_OF_USE',
      'CLOSE',
    ]);
  });
});
