/** Every state node of the meeting machine is reachable with valid payloads (xstate/graph). */
import { getShortestPaths } from 'xstate/graph';
import { asgInput, e } from './fixtures';
import { meetingMachine } from './machine';
import type { MeetingSnapshot } from './index';
import type { MeetingEvent } from './types';

const allStates = ['scheduled', 'invited', 'held', 'minutesApproved', 'cancelled'];

/** The clerk's moves and the timer's, each with a payload valid where the state handles it. */
const events: MeetingEvent[] = [e.invitationDue(), e.invite(), e.attendance(9), e.held(), e.approveMinutes(), e.cancel()];

/** State plus the facts that change what happens next; keeps the traversal finite. */
const serializeState = (s: MeetingSnapshot) => JSON.stringify([s.value, s.context.invitationOverdue, s.context.presentMembers !== null]);

describe('reachability', () => {
  const paths = getShortestPaths(meetingMachine, { input: asgInput, events, serializeState });
  const reached = new Set(paths.map((p) => p.state.value));

  it('given the machine, then the list of state ids is complete', () => {
    expect(Object.keys(meetingMachine.states).sort()).toEqual([...allStates].sort());
  });

  it('given valid payloads, then every state node is reachable', () => {
    expect([...reached].sort()).toEqual([...allStates].sort());
  });

  it('given the shortest path to approved minutes, then it follows the lifecycle', () => {
    const [toMinutes] = paths.filter((p) => p.state.value === 'minutesApproved').sort((a, b) => a.steps.length - b.steps.length);
    expect(toMinutes?.steps.map((s) => s.event.type)).toEqual(['xstate.init', 'SEND_INVITATION', 'MARK_HELD', 'APPROVE_MINUTES']);
  });

  it('given the timer fired, then the meeting can still be invited', () => {
    const late = paths.find((p) => p.state.value === 'invited' && p.state.context.invitationOverdue);
    expect(late?.steps.map((s) => s.event.type)).toEqual(['xstate.init', 'INVITATION_DUE', 'SEND_INVITATION']);
  });
});
