/**
 * Refusals of the grants API (each asserts its code and that nothing was written), the budget
 * decision taken from a motion, access by role, and idempotent commands.
 */
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { grantTableCounts, office, withBodyUuids } from '../support/grants';
import { coesfeldInput as motionInput, path as motionPath } from '../../workflows/motion/fixtures';
import { DEV_TENANT } from '../../src/auth/dev-users';
import { EngineService } from '../../src/engine/engine.service';

/** Own share 8,000 + 12,000 = 20,000.00 EUR: exactly 20 % of the eligible 100,000.00 EUR. */
const grantB = (overrides: { financing2021?: object; financing2020?: object; motionInstanceId?: string; eligibleCost?: string } = {}) => ({
  programme: 'Durchstarten in Ausbildung und Arbeit – Sprachförderung',
  modules: ['II'],
  grantingAuthority: 'Bezirksregierung Arnsberg',
  eligibleCost: overrides.eligibleCost ?? '100000.00',
  requested: '80000.00',
  fundingPeriod: { from: '2020-09-01', to: '2021-12-31' },
  financing: [
    { year: 2020, totalCost: '40000.00', stateShare: '32000.00', ownShare: '8000.00', sourceKey: 'integrationspauschale', ...overrides.financing2020 },
    { year: 2021, totalCost: '60000.00', stateShare: '48000.00', ownShare: '12000.00', sourceKey: 'integrationspauschale', ...overrides.financing2021 },
  ],
  ...(overrides.motionInstanceId ? { motionInstanceId: overrides.motionInstanceId } : {}),
});

describe('grants: refusals, budget decisions from motions, access', () => {
  let t: TestApp;
  let grantId: string;
  let decidedMotionId: string;
  let draftMotionId: string;

  const counts = () => grantTableCounts(t);
  const post = (path: string, at: string, payload: object = {}, role: 'office' | 'clerk' | 'auditor' | 'admin' = 'office') => {
    t.clock.set(at);
    return t.http.post(path).set('Authorization', t.auth(role)).send(payload);
  };
  const refused = async (path: string, at: string, payload: object, status: number, code: string) => {
    const before = await counts();
    const res = await post(path, at, payload);
    expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({ status, code });
    expect(await counts()).toEqual(before);
    return res.body as { detail: string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const engine = t.app.get(EngineService);
    // The Kreistag's decision on the 2021 budget, run through the motion workflow; and a motion still in draft.
    t.clock.set('2020-07-20T09:00:00+02:00');
    decidedMotionId = (await engine.create(office, 'motion', withBodyUuids(motionInput({ reference: 'SV-10-0042', title: 'Haushaltssatzung 2021' })))).id;
    for (const { type, at, actor: _actor, ...payload } of withBodyUuids(motionPath.decided())) {
      t.clock.set(at);
      await engine.apply(office, decidedMotionId, { type, payload });
    }
    draftMotionId = (await engine.create(office, 'motion', withBodyUuids(motionInput({ reference: 'SV-10-0043' })))).id;

    const source = await post('/budget-sources', '2020-09-01T09:00:00Z', {
      key: 'integrationspauschale',
      name: 'Integrationspauschale (§ 14c TIntG)',
      spendBy: '2021-11-30',
      years: [
        { year: 2020, amount: '50000.00', conditional: false },
        { year: 2021, amount: '50000.00', conditional: true },
      ],
    });
    expect(source.status).toBe(201);
  }, 60_000);
  afterAll(() => t.close(), 30_000);

  it('refuses an own share over 20 % of the eligible cost, by one cent, at creation and writes nothing', async () => {
    const problem = await refused('/grants', '2020-09-10T09:00:00Z', grantB({ financing2021: { stateShare: '47999.99', ownShare: '12000.01' } }), 422, 'GRANT.OWN_SHARE_TOO_HIGH');
    expect(problem.detail).toMatch(/20 %/);
  });

  it('refuses own shares the budget source cannot cover, unknown sources and years without an amount, writing nothing', async () => {
    const costly = { eligibleCost: '1000000.00', financing2020: { totalCost: '250000.01', stateShare: '200000.00', ownShare: '50000.01' } };
    await refused('/grants', '2020-09-10T09:00:00Z', grantB(costly), 422, 'GRANT.OWN_SHARE_NOT_COVERED');
    await refused('/grants', '2020-09-10T09:00:00Z', grantB({ financing2020: { sourceKey: 'kreismittel' } }), 422, 'GRANT.UNKNOWN_BUDGET_SOURCE');
    await refused('/grants', '2020-09-10T09:00:00Z', grantB({ financing2021: { year: 2022 } }), 422, 'GRANT.SOURCE_YEAR_MISSING');
    await refused('/grants', '2020-09-10T09:00:00Z', grantB({ financing2021: { year: 2020 } }), 422, 'GRANT.FINANCING_YEAR_TWICE');
    await refused('/grants', '2020-09-10T09:00:00Z', grantB({ financing2021: { stateShare: '48000.01' } }), 422, 'GRANT.FINANCING_UNBALANCED');
  });

  it.each([
    ['more than two decimals', { eligibleCost: '100000.001' }],
    ['a number instead of a decimal string', { eligibleCost: 100000 }],
    ['a negative amount', { requested: '-5.00' }],
    ['exponent notation', { requested: '1e5' }],
    ['a date that does not exist', { fundingPeriod: { from: '2021-02-30', to: '2021-12-31' } }],
    ['a client-supplied fact', { selection: { decided: true } }],
  ])('refuses %s with 400 problem+json, writing nothing', async (_why, change) => {
    await refused('/grants', '2020-09-10T09:00:00Z', { ...grantB(), ...change }, 400, 'VALIDATION.FAILED');
  });

  it('refuses a motion link to something that is not a motion of this Körperschaft, writing nothing', async () => {
    await refused('/grants', '2020-09-10T09:00:00Z', grantB({ motionInstanceId: '00000000-0000-4000-8000-000000000000' }), 422, 'GRANT.MOTION_NOT_FOUND');
  });

  it('creates the procedure at exactly 20 % own share, linked to the motion that funds it', async () => {
    const res = await post('/grants', '2020-09-10T09:00:00Z', grantB({ motionInstanceId: decidedMotionId }));
    expect(res.status).toBe(201);
    grantId = (res.body as { id: string }).id;
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    const links = await client.query('SELECT from_instance, to_instance, relation FROM workflow_links WHERE tenant = $1', [DEV_TENANT.id]);
    await client.end();
    expect(links.rows).toEqual([{ from_instance: decidedMotionId, to_instance: grantId, relation: 'funds' }]);
    await refused('/grants', '2020-09-10T09:00:00Z', grantB({ motionInstanceId: grantId }), 422, 'GRANT.NOT_A_MOTION');
  });

  it('lets only the office and the administrator write; every role reads', async () => {
    expect((await post('/grants', '2020-09-10T09:00:00Z', grantB(), 'clerk')).status).toBe(403);
    expect((await post(`/grants/${grantId}/submit`, '2020-09-10T09:00:00Z', {}, 'auditor')).status).toBe(403);
    for (const role of ['clerk', 'auditor', 'office', 'admin'] as const) {
      expect((await t.http.get(`/grants/${grantId}`).set('Authorization', t.auth(role))).status).toBe(200);
    }
    expect((await t.http.get('/grants')).status).toBe(401);
  });

  it('keeps grant events off the generic engine API, and answers 404 for an id that is no grant', async () => {
    const generic = await post(`/instances/${grantId}/events`, '2020-09-11T09:00:00Z', { type: 'SUBMIT' });
    expect(generic.status).toBe(409);
    expect(generic.body).toMatchObject({ code: 'WORKFLOW.USE_DOMAIN_API', endpoint: '/grants/{id}/…' });
    const motion = await t.http.get(`/grants/${decidedMotionId}`).set('Authorization', t.auth('auditor'));
    expect(motion.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    await refused(`/grants/${decidedMotionId}/submit`, '2020-09-11T09:00:00Z', {}, 404, 'NOT_FOUND');
    expect((await t.http.get('/grants/not-a-uuid').set('Authorization', t.auth('auditor'))).status).toBe(400);
  });

  it('answers a repeated Idempotency-Key with the first event and writes nothing new', async () => {
    const first = await post(`/grants/${grantId}/submit`, '2020-09-11T09:00:00Z').set('Idempotency-Key', 'submit-b-1');
    expect(first.status).toBe(201);
    const before = await counts();
    const again = await post(`/grants/${grantId}/submit`, '2020-09-11T09:05:00Z').set('Idempotency-Key', 'submit-b-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ event: { seq: (first.body as { event: { seq: number } }).event.seq } });
    expect(await counts()).toEqual(before);
  });

  it('flags a measure started before approval without an early start as endangering the grant', async () => {
    const res = await post(`/grants/${grantId}/measure-starts`, '2020-09-15T09:00:00Z', { providerId: 'traeger-c', module: 'II', startedAt: '2020-09-14' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ grant: { endangered: true, endangerments: [{ code: 'GRANT.MEASURE_ENDANGERS_GRANT', providerId: 'traeger-c' }] } });
    expect((res.body as { grant: { endangerments: { reason: string }[] } }).grant.endangerments[0]!.reason).toMatch(/^Measure of module II by the unregistered provider traeger-c started on 2020-09-14 without/);
    const list = await t.http.get('/grants?module=II').set('Authorization', t.auth('auditor'));
    expect(list.body).toMatchObject({ total: 1, items: [{ id: grantId, endangered: true }] });
  });

  it('takes the 2021 budget decision only from a decided motion: a draft motion or another instance is refused, writing nothing', async () => {
    const undecided = await refused(`/grants/${grantId}/budget-adoptions`, '2020-12-20T09:00:00Z', { year: 2021, source: 'motion', ref: draftMotionId }, 422, 'GRANT.MOTION_NOT_DECIDED');
    // the motion by its reference, as people name it, not by the id the request carried
    expect(undecided.detail).toBe('Motion SV-10-0043 has no decision that adopted a proposal; it cannot release a conditional budget year.');
    await refused(`/grants/${grantId}/budget-adoptions`, '2020-12-20T09:00:00Z', { year: 2021, source: 'motion', ref: grantId }, 422, 'GRANT.NOT_A_MOTION');
    await refused(`/grants/${grantId}/own-share-spendings`, '2020-12-20T09:00:00Z', { year: 2021, amount: '100.00', budgetDecision: { source: 'motion', ref: 'SV-10-0042' } }, 422, 'GRANT.MOTION_NOT_FOUND');
    await refused(`/grants/${grantId}/own-share-spendings`, '2020-12-20T09:00:00Z', { year: 2021, amount: '100.00', budgetDecision: { source: 'motion', ref: decidedMotionId, recorded: true } }, 400, 'VALIDATION.FAILED');

    const spent = await post(`/grants/${grantId}/own-share-spendings`, '2020-12-20T09:00:00Z', { year: 2021, amount: '100.00', budgetDecision: { source: 'motion', ref: decidedMotionId } });
    expect(spent.status).toBe(201);
    expect(spent.body).toMatchObject({ event: { payload: { budgetDecision: { recorded: true, source: 'motion', ref: decidedMotionId } } } });
    const financing = await t.http.get(`/grants/${grantId}/financing`).set('Authorization', t.auth('auditor'));
    expect(financing.body).toEqual([
      expect.objectContaining({ year: 2020, blocked: false }),
      expect.objectContaining({ year: 2021, conditional: true, blocked: false, budgetDecisionSource: 'motion', budgetDecisionRef: decidedMotionId, spent: '100.00', remaining: '11900.00' }),
    ]);
  });

  it('accepts spending until the end of 30.11.2021 in Berlin and refuses it a minute later, writing nothing', async () => {
    const lastEvening = await post(`/grants/${grantId}/own-share-spendings`, '2021-11-30T22:59:00Z', { year: 2020, amount: '1000.00' });
    expect(lastEvening.status).toBe(201);
    const problem = await refused(`/grants/${grantId}/own-share-spendings`, '2021-11-30T23:00:00Z', { year: 2020, amount: '1000.00' }, 422, 'GRANT.SOURCE_EXPIRED');
    expect(problem.detail).toMatch(/2021-11-30; today is 2021-12-01/);
  });

  it('shows per source year what procedures earmarked and spent', async () => {
    const res = await t.http.get('/budget-sources').set('Authorization', t.auth('clerk'));
    expect(res.body).toEqual([
      expect.objectContaining({
        key: 'integrationspauschale',
        years: [
          { year: 2020, amount: '50000.00', conditional: false, earmarked: '8000.00', available: '42000.00', spent: '1000.00' },
          { year: 2021, amount: '50000.00', conditional: true, earmarked: '12000.00', available: '38000.00', spent: '100.00' },
        ],
      }),
    ]);
    const duplicate = await post('/budget-sources', '2021-12-01T09:00:00Z', { key: 'integrationspauschale', name: 'x', spendBy: '2021-11-30', years: [{ year: 2020, amount: '1.00', conditional: false }] });
    expect(duplicate.body).toMatchObject({ status: 409, code: 'BUDGET_SOURCE.KEY_TAKEN' });
  });
});
