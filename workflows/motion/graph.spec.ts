import { transition, type AnyStateNode, type StateValue } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { afterMeeting, attendance, coesfeldInput, e, ev, votes } from './fixtures';
import { motionMachine } from './machine';
import { handledEvents } from '../shared/rules-kit';
import { explainMotion, motionSteps, type MotionSnapshot } from './index';
import { isDecided, statusOf } from './queries';
import type { MotionEvent, MotionEventOf } from './types';

/** Every state node of the motion machine. */
const ALL_STATES = [
  'motion',
  'motion.draft',
  'motion.cosigning',
  'motion.released',
  'motion.released.inConsultation',
  'motion.released.inConsultation.awaitingSchedule',
  'motion.released.inConsultation.scheduled',
  'motion.released.referredBack',
  'motion.released.urgentDecided',
  'motion.released.decided',
  'motion.released.implementation',
  'motion.done',
  'motion.withdrawn',
];

const meetingFor = { 0: 'ia', 2: 'ka', 3: 'kt' } as const;

/** Valid commands for the motion as it stands: enough to try every transition. */
function eventsFor(s: MotionSnapshot): MotionEvent[] {
  const c = s.context;
  const pending = c.requiredCosigners.find((d) => !c.cosignatures.some((x) => x.department === d));
  const current = c.currentStepIndex as 0 | 2 | 3 | null;
  const meeting = current === null ? undefined : meetingFor[current];
  const decisive = current === 3;
  const open = c.tasks.find((t) => t.status === 'open');
  return [
    e.submit(),
    ...(pending ? [e.cosign(pending)] : []),
    ev<MotionEventOf<'REFUSE_COSIGN'>>({ type: 'REFUSE_COSIGN', department: 'Kämmerei', reason: 'Deckung unklar' }),
    e.release(),
    ...(meeting
      ? [
          e.schedule(meeting),
          e.outcome(meeting, decisive ? 'adopted' : 'recommended'),
          e.outcome(meeting, 'postponed'),
          e.outcome(meeting, 'referredBack'),
          ev<MotionEventOf<'UNSCHEDULE'>>({ type: 'UNSCHEDULE', meetingId: `${meeting}-2020-${{ ia: '08-12', ka: '08-26', kt: '09-02' }[meeting]}`, reason: 'abgesagt' }),
        ]
      : []),
    ev<MotionEventOf<'URGENT_DECISION'>>({
      type: 'URGENT_DECISION',
      bodyId: 'body-ka',
      bodyName: 'Kreisausschuss',
      bodyKind: 'kreisausschuss',
      reason: 'Frist',
      outcomes: { '1': { outcome: 'adopted', votes: votes(14) }, '2': { outcome: 'adopted', votes: votes(14) } },
      attendance: attendance('kreisausschuss', 14),
    }),
    ev<MotionEventOf<'APPROVE_URGENT_DECISION'>>(
      { type: 'APPROVE_URGENT_DECISION', bodyId: 'body-kt', meetingId: 'kt-2020-09-02', attendance: attendance('kreistag', 50), votes: votes(50) },
      afterMeeting('kt'),
    ),
    ev<MotionEventOf<'REVOKE_URGENT_DECISION'>>(
      { type: 'REVOKE_URGENT_DECISION', bodyId: 'body-kt', meetingId: 'kt-2020-09-02', attendance: attendance('kreistag', 50), votes: votes(50), reason: 'selbst entscheiden' },
      afterMeeting('kt'),
    ),
    ev({ type: 'REVISE' }),
    ev<MotionEventOf<'ADD_TASK'>>({ type: 'ADD_TASK', taskId: `t${c.tasks.length + 1}`, title: 'Umsetzen', owner: 'KI', dueDate: '2020-12-31' }),
    ...(open ? [ev<MotionEventOf<'UPDATE_TASK'>>({ type: 'UPDATE_TASK', taskId: open.taskId, status: 'done' })] : []),
    ev({ type: 'COMPLETE_IMPLEMENTATION' }),
    ev<MotionEventOf<'CLOSE'>>({ type: 'CLOSE' }),
    e.withdraw(),
  ];
}

/** The state value plus the context facts that change which transitions are open. */
const serializeState = (s: MotionSnapshot): string =>
  JSON.stringify([s.value, s.context.currentStepIndex, s.context.cosignatures.length, s.context.tasks.map((t) => t.status)]);

const activeIds = (value: StateValue, prefix = 'motion'): string[] =>
  typeof value === 'string'
    ? [`${prefix}.${value}`]
    : Object.entries(value).flatMap(([key, child]) => [`${prefix}.${key}`, ...(child ? activeIds(child, `${prefix}.${key}`) : [])]);

const allNodeIds = (node: AnyStateNode): string[] => [node.id, ...Object.values(node.states).flatMap(allNodeIds)];

const explore = () =>
  getShortestPaths(motionMachine, {
    input: coesfeldInput(),
    // at most two tasks, so the graph stays finite
    events: (s) => eventsFor(s).filter((ev) => ev.type !== 'ADD_TASK' || s.context.tasks.length < 2),
    serializeState: (s) => serializeState(s),
  });

describe('motion state graph', () => {
  it('lists every state node of the machine', () => {
    expect(allNodeIds(motionMachine.root).sort()).toEqual([...ALL_STATES].sort());
  });

  it('reaches every state node with valid commands', () => {
    const paths = explore();
    const reached = new Set(paths.flatMap((p) => ['motion', ...activeIds(p.state.value)]));
    expect([...reached].sort()).toEqual([...ALL_STATES].sort());

    // and the finals are reached the way the domain says
    const reasons = paths.filter((p) => p.state.value === 'done').map((p) => p.steps.at(-1)!.event.type);
    expect(reasons).toContain('COMPLETE_IMPLEMENTATION');
    expect(paths.find((p) => p.state.value === 'withdrawn')!.steps.map((st) => st.event.type)).toEqual(['xstate.init', 'WITHDRAW']);
  });

  it('in every reached state, explain names a reason for each refused command', () => {
    const silent: string[] = [];
    for (const { state } of explore()) {
      const s = state;
      for (const event of eventsFor(s)) {
        if (!handledEvents(s).includes(event.type)) continue;
        const [next] = transition(motionMachine, s, event);
        if (next === s && explainMotion(s, event).length === 0) silent.push(`${JSON.stringify(s.value)} ${event.type}`);
      }
    }
    expect(silent).toEqual([]);
  });

  it('in every reached state, isDecided holds exactly in decided, implementation and done', () => {
    for (const { state: s } of explore()) {
      expect([s.value, isDecided(s.context)]).toEqual([s.value, ['decided', 'implementation', 'done'].includes(statusOf(s.value))]);
    }
  });

  it('in every reached state, the steps list exactly the commands the engine accepts', () => {
    for (const { state } of explore()) {
      const s = state;
      expect(motionSteps(s, '2020-07-22T10:00:00+02:00').map((n) => n.event).sort()).toEqual(handledEvents(s).filter((t) => t !== 'TASK_DUE').sort());
    }
  });
});
