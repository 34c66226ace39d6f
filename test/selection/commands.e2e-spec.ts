import { selectionCommands } from '../../src/selection/selection.commands';
import { startTestApp, type TestApp } from '../support/app';
import { describeCommandContract, type CommandSetup } from '../support/command-contract';
import { MODULE_VI } from '../../workflows/selection/fixtures';
import { T } from '../../workflows/selection/scenario';
import { selectionKit, setupBody, type SelectionKit, type SelectionStage } from '../support/selection';

// hooks too: the app and its database start in beforeAll, which a loaded machine makes slow
jest.setTimeout(120_000);

/**
 * Every command of the selection table keeps the pipeline's contract: a replayed Idempotency-Key
 * writes nothing, the key with another request is 422, a stale If-Match is 412, and a refusal writes
 * nothing and lists the next steps. START_EVALUATION and NO_SUITABLE_DECLARATION run where the call is
 * due to close, so the CLOSE sent first is inside the contract: replayed with the command, rolled
 * back with a refusal.
 */
describe('selection table', () => {
  let t: TestApp;
  let kit: SelectionKit;
  beforeAll(async () => {
    t = await startTestApp();
    kit = await selectionKit(t);
  });
  afterAll(() => t.close());

  const at = (stage: SelectionStage, body?: () => object) => async (): Promise<CommandSetup> => ({ ...(await kit.procedure(stage)), ...(body ? { body: body() } : {}) });
  const declaration = (provider: 'caritas' | 'kolping', receivedAt: string) => () => ({ providerId: kit.providers[provider], concept: 'Konzept', receivedAt, municipalities: ['Coesfeld', 'Dülmen'] });
  const score = (points: number) => () => ({ declarationId: 'D-1', criterionKey: 'concept', evaluatorId: 'eval-ki', points, comment: 'schlüssig' });
  const talk = { declarationId: 'D-1', date: '2020-04-16', participants: ['KI', 'Caritasverband'], resultNote: 'Nachgespräch' };
  const staffing = { providerId: '', fte: '0.50', from: '2020-05-01', status: 'staffed' };

  describeCommandContract(
    selectionCommands,
    {
      EDIT: { succeeds: at('draft', () => ({ fte: '2.00' })), otherBody: { fte: '3.00' }, refused: at('receiving', () => ({ fte: '2.00' })) },
      PUBLISH: { succeeds: at('draft'), refused: at('receiving') },
      RECEIVE_DECLARATION: {
        succeeds: at('receiving', declaration('caritas', '2020-03-20T11:00:00+01:00')),
        get otherBody() {
          return declaration('kolping', '2020-03-20T11:00:00+01:00')();
        },
        refused: at('draft', declaration('caritas', '2020-03-20T11:00:00+01:00')),
      },
      RECORD_LATE_DECLARATION: {
        succeeds: at('closed', declaration('kolping', '2020-04-01T07:00:00+02:00')),
        get otherBody() {
          return declaration('caritas', '2020-04-01T07:00:00+02:00')();
        },
        // in the open call before the deadline: the state does not take late declarations
        refused: at('receiving', declaration('kolping', '2020-04-01T07:00:00+02:00')),
      },
      DECLARE_CONFLICT: {
        succeeds: at('evaluation', () => ({ evaluatorId: 'eval-ki', evaluatorName: 'Anna Beispiel', providerId: kit.providers.caritas })),
        get otherBody() {
          return { evaluatorId: 'eval-jobcenter', evaluatorName: 'Bernd Muster', providerId: kit.providers.caritas };
        },
        refused: at('draft', () => ({ evaluatorId: 'eval-ki', evaluatorName: 'Anna Beispiel', providerId: kit.providers.caritas })),
      },
      // before the deadline the machine's rule refuses it (422, SELECTION.* code)
      CLOSE: { succeeds: at('due'), refused: at('receiving') },
      // due: CLOSE first, then the command; with no declaration both are refused together
      START_EVALUATION: { succeeds: at('due'), refused: at('dueEmpty') },
      // before the deadline: SELECTION.CALL_NOT_CLOSED
      SCORE: { succeeds: at('evaluation', score(4)), otherBody: score(5)(), refused: at('receiving', score(4)) },
      // nothing scored yet: SELECTION.SCORING_INCOMPLETE
      START_TALKS: { succeeds: at('scored'), refused: at('evaluation') },
      RECORD_TALK: { succeeds: at('talks', () => talk), otherBody: { ...talk, resultNote: 'Zweites Nachgespräch' }, refused: at('scored', () => talk) },
      DECIDE_SELECTION: {
        succeeds: at('talks', () => kit.decision()),
        get otherBody() {
          return { ...kit.decision(), deviationReason: 'anders begründet' };
        },
        refused: at('scored', () => kit.decision()),
      },
      // the roll-out follows a pilot phase; after a whole-area decision: SELECTION.NO_PILOT_PHASE
      ROLL_OUT: {
        succeeds: at('pilot', () => ({ allocation: kit.decision().allocation })),
        get otherBody() {
          // the same 1.50 FTE, 0.01 moved from the first municipality to the last
          const shares = kit.decision().allocation;
          return { allocation: shares.map((a, i) => (i === 0 ? { ...a, fte: '0.13' } : i === shares.length - 1 ? { ...a, fte: '0.14' } : a)) };
        },
        refused: at('selected', () => ({ allocation: kit.decision().allocation })),
      },
      RECORD_STAFFING: {
        succeeds: at('selected', () => ({ ...staffing, providerId: kit.providers.caritas })),
        get otherBody() {
          return { ...staffing, providerId: kit.providers.caritas, fte: '0.25' };
        },
        refused: at('talks', () => ({ ...staffing, providerId: kit.providers.caritas })),
      },
      INFORM_COMMITTEE: {
        succeeds: at('selected', () => ({ ...kit.committee, date: '2020-05-27' })),
        get otherBody() {
          return { bodyId: kit.committee.bodyId, date: '2020-05-28' };
        },
        refused: at('talks', () => ({ ...kit.committee, date: '2020-05-27' })),
      },
      COMPLETE: { succeeds: at('informed'), refused: at('selected') },
      CANCEL: { succeeds: at('receiving', () => ({ reason: 'Förderaufruf zurückgezogen.' })), otherBody: { reason: 'Mittel nicht bewilligt.' }, refused: at('selected', () => ({ reason: 'zu spät' })) },
      NO_SUITABLE_DECLARATION: { succeeds: at('dueEmpty', () => ({ reason: 'Keine Interessenbekundung eingegangen.' })), otherBody: { reason: 'Keine geeignete.' }, refused: at('draft', () => ({ reason: 'zu früh' })) },
    },
    () => t,
    {
      body: (app) => {
        app.clock.set(T.drafted);
        return setupBody(MODULE_VI);
      },
      otherBody: (body) => ({ ...body, title: 'Teilhabemanagement (zweiter Aufruf)' }),
    },
  );
});
