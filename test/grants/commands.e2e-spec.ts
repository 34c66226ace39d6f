import { grantCommands } from '../../src/grants/grants.commands';
import { startTestApp, type TestApp } from '../support/app';
import { describeCommandContract, type CommandSetup } from '../support/command-contract';
import { grantAt, grantTableCounts, prepare as prepareGrants, smallGrant, stepBodies } from '../support/grants';

/** Every grant command keeps the pipeline's contract: idempotent replay, key reuse, stale If-Match, refusals. */
describe('grant table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close(), 30_000);

  const with_ = (body: object, step: (app: TestApp) => Promise<{ id: string }>) => async (app: TestApp): Promise<CommandSetup> => ({ ...(await step(app)), body });
  const state = (name: Exclude<keyof ReturnType<typeof grantAt>, 'at'>, when = '2020-12-01T09:00:00Z') => (app: TestApp) => grantAt(app).at(when, grantAt(app)[name])();

  it('names a registered provider that was not selected by its name, not its id, when refusing its contract; nothing written', async () => {
    t.clock.set('2020-09-01T09:00:00Z');
    const registered = await t.http.post('/selection/providers').set('Authorization', t.auth('office')).send({ name: 'Bildungsträger Nottuln gGmbH', legalForm: 'gemeinnützige GmbH' });
    expect(registered.status).toBe(201);
    const providerId = (registered.body as { id: string }).id;
    const { id } = await grantAt(t).approved();
    const before = await grantTableCounts(t);
    t.clock.set('2020-10-05T09:00:00Z');
    const res = await t.http.post(`/grants/${id}/contracts`).set('Authorization', t.auth('office')).send({ ...stepBodies.contract, providerId });
    expect([res.status, res.body.code]).toEqual([422, 'GRANT.PROVIDER_NOT_SELECTED']);
    expect(res.body.detail).toBe('Bildungsträger Nottuln gGmbH was not selected in the selection procedure for module II.');
    expect(await grantTableCounts(t)).toEqual(before);
  });

  describeCommandContract(
    grantCommands,
    {
      SUBMIT: { succeeds: state('drafted'), refused: state('submitted') },
      APPROVE_EARLY_START: {
        succeeds: with_(stepBodies.earlyStart, state('submitted')),
        otherBody: { ...stepBodies.earlyStart, date: '2020-09-02' },
        refused: with_(stepBodies.earlyStart, state('drafted')),
      },
      RECORD_MEASURE_START: {
        succeeds: with_(stepBodies.measureStart, state('submitted')),
        otherBody: { ...stepBodies.measureStart, startedAt: '2020-09-15' },
        // a module the grant does not cover: GRANT.MODULE_NOT_IN_GRANT
        refused: with_({ ...stepBodies.measureStart, module: 'IX' }, state('submitted')),
      },
      APPROVAL_NOTICE: {
        succeeds: with_(stepBodies.approvalNotice, state('submitted')),
        otherBody: { ...stepBodies.approvalNotice, fileNumber: 'AZ-2020-2' },
        refused: with_(stepBodies.approvalNotice, state('drafted')),
      },
      REJECT: {
        succeeds: with_({ date: '2020-09-30', reason: 'Nicht berücksichtigt' }, state('submitted')),
        otherBody: { date: '2020-09-30', reason: 'Mittel erschöpft' },
        refused: with_({ date: '2020-09-30', reason: 'Nicht berücksichtigt' }, state('drafted')),
      },
      WITHDRAW: {
        succeeds: with_({ reason: 'Maßnahme entfällt' }, state('drafted')),
        otherBody: { reason: 'Träger fehlt' },
        refused: with_({ reason: 'Maßnahme entfällt' }, state('rejected')),
      },
      CONCLUDE_CONTRACT: {
        succeeds: with_(stepBodies.contract, state('approved')),
        otherBody: { ...stepBodies.contract, contractId: 'WV-II-2' },
        // before the approval notice and without an early start: GRANT.NO_APPROVAL_NOTICE
        refused: with_(stepBodies.contract, state('submitted')),
      },
      SPEND_OWN_SHARE: {
        succeeds: with_({ year: 2020, amount: '100.00' }, state('submitted')),
        otherBody: { year: 2020, amount: '200.00' },
        // 2021 is subject to the budget: GRANT.BUDGET_NOT_ADOPTED
        refused: with_({ year: 2021, amount: '100.00' }, state('submitted')),
      },
      RECORD_BUDGET_ADOPTION: {
        succeeds: with_({ year: 2021, source: 'budget', ref: 'Haushaltssatzung 2021' }, state('submitted')),
        otherBody: { year: 2021, source: 'budget', ref: 'Nachtragshaushalt 2021' },
        // 2020 was never conditional: GRANT.NO_BUDGET_CONDITION
        refused: with_({ year: 2020, source: 'budget', ref: 'Haushaltssatzung 2020' }, state('submitted')),
      },
      CALL_FUNDS: {
        succeeds: with_(stepBodies.fundCall, state('contracting')),
        otherBody: { ...stepBodies.fundCall, callId: 'MA-2020-2' },
        refused: with_(stepBodies.fundCall, state('submitted')),
      },
      SUBMIT_PROOF_OF_USE: {
        succeeds: with_(stepBodies.proofOfUse, state('fundsCalled', '2022-06-01T09:00:00Z')),
        otherBody: { ...stepBodies.proofOfUse, documentRef: 'VN-2022-2' },
        refused: with_(stepBodies.proofOfUse, state('submitted')),
      },
      CLOSE: { succeeds: state('proofSubmitted', '2022-07-01T09:00:00Z'), refused: state('submitted') },
    },
    () => t,
    {
      body: async (app) => {
        await prepareGrants(app);
        app.clock.set('2020-09-10T09:00:00Z');
        return smallGrant;
      },
      otherBody: (body) => ({ ...body, requested: '79000.00' }),
    },
  );
});
