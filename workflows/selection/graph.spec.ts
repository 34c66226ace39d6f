import { getShortestPaths } from 'xstate/graph';
import { SELECTION_STATES, selectionMachine, type SelectionEvent, type SelectionInput } from './index';
import { OFFICE } from './testing';

/**
 * Given a small procedure (one criterion, one evaluator, two municipalities) and one valid
 * event of each kind, when the graph is walked, then every state of the machine is reached.
 */
const input: SelectionInput = {
  programme: 'Durchstarten in Ausbildung und Arbeit',
  module: 'VI',
  title: 'Teilhabemanagement',
  callText: 'Aufruf',
  deadline: '2020-03-31T23:59:59+02:00',
  criteria: [{ key: 'concept', name: 'Konzept', weightBp: 10000 }],
  scaleMax: 5,
  requiredEvaluators: 1,
  fteAvailableHundredths: 100,
  municipalities: ['Olfen', 'Senden'],
};

const actor = OFFICE;
const events: SelectionEvent[] = [
  { type: 'EDIT', at: '2020-02-01T09:00:00.000Z', actor, title: 'Teilhabemanagement im Kreis Coesfeld' },
  { type: 'PUBLISH', at: '2020-02-03T08:00:00.000Z', actor },
  {
    type: 'RECEIVE_DECLARATION',
    at: '2020-03-20T10:00:00.000Z',
    actor,
    declarationId: 'd1',
    providerId: 'p-caritas',
    providerName: 'Caritasverband für den Kreis Coesfeld e.V.',
    concept: 'Teilhabemanagement in allen Kommunen',
    receivedAt: '2020-03-20T10:00:00.000Z',
    municipalities: ['Olfen', 'Senden'],
  },
  { type: 'CLOSE', at: '2020-04-01T06:00:00.000Z', actor },
  { type: 'DEADLINE_REACHED', deadline: 'callDeadline', at: '2020-03-31T21:59:59.000Z', actor: { id: 'timer', role: 'system' } },
  { type: 'START_EVALUATION', at: '2020-04-02T08:00:00.000Z', actor },
  { type: 'SCORE', at: '2020-04-03T08:00:00.000Z', actor, declarationId: 'd1', criterionKey: 'concept', evaluatorId: 'eval-ki', points: 4, comment: 'gut' },
  { type: 'START_TALKS', at: '2020-04-15T08:00:00.000Z', actor },
  { type: 'RECORD_TALK', at: '2020-04-15T08:00:00.000Z', actor, declarationId: 'd1', date: '2020-04-15', participants: ['KI'], resultNote: 'passt' },
  {
    type: 'DECIDE_SELECTION',
    at: '2020-04-20T08:00:00.000Z',
    actor,
    selected: [{ providerId: 'p-caritas' }],
    allocation: [
      { providerId: 'p-caritas', municipality: 'Olfen', fteHundredths: 50 },
      { providerId: 'p-caritas', municipality: 'Senden', fteHundredths: 50 },
    ],
  },
  { type: 'RECORD_STAFFING', at: '2020-05-04T08:00:00.000Z', actor, providerId: 'p-caritas', fteHundredths: 50, from: '2020-05-01', status: 'staffed' },
  { type: 'INFORM_COMMITTEE', at: '2020-05-27T08:00:00.000Z', actor, bodyId: 'integrationsausschuss', date: '2020-05-27' },
  { type: 'COMPLETE', at: '2020-08-19T08:00:00.000Z', actor },
  { type: 'CANCEL', at: '2020-04-01T08:00:00.000Z', actor, reason: 'Förderung entfällt' },
  { type: 'NO_SUITABLE_DECLARATION', at: '2020-04-10T08:00:00.000Z', actor, reason: 'Kein Konzept geeignet' },
];

describe('selection machine graph', () => {
  it('reaches every state node from the draft', () => {
    const paths = getShortestPaths(selectionMachine, {
      input,
      events,
      // the phase and how much was recorded; repeated talks or staffing reports add no new vertex
      serializeState: (s) => JSON.stringify([s.value, s.context.declarations.length, s.context.scores.length]),
    });
    const reached = new Set(paths.map((p) => String(p.state.value)));
    const stateIds = Object.keys(selectionMachine.root.states).sort();

    expect(stateIds).toEqual([...SELECTION_STATES].sort());
    expect([...reached].sort()).toEqual(stateIds);
  });

  it('reaches "done" through the whole lifecycle', () => {
    const paths = getShortestPaths(selectionMachine, {
      input,
      events,
      serializeState: (s) => JSON.stringify([s.value, s.context.declarations.length, s.context.scores.length]),
      toState: (s) => s.value === 'done',
    });
    expect(paths.length).toBeGreaterThan(0);
    expect(paths[0]!.steps.map((step) => step.event.type)).toEqual([
      'xstate.init',
      'PUBLISH',
      'RECEIVE_DECLARATION',
      // START_EVALUATION after the deadline closes the call first, in the same transition
      'START_EVALUATION',
      'SCORE',
      'START_TALKS',
      'DECIDE_SELECTION',
      'INFORM_COMMITTEE',
      'COMPLETE',
    ]);
  });
});
