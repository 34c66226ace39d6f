/**
 * The Kreis Coesfeld case over HTTP, in the order it happened: Baustein V not considered, the
 * application for Bausteine I–IV and VI, the early start for VHS Lüdinghausen's preparatory course,
 * the approval notice, forwarding contracts with the selected providers, the own contribution from
 * the Integrationspauschale (2021 blocked until the budget decision), fund calls, proof of use.
 * Each refusal asserts its code and that nothing was written.
 */
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { contractBody, decideSelection, grantBody as body, grantTableCounts, SOURCE } from '../support/grants';
import {
  approvalNotice,
  baustein5Input,
  budgetAdoption2021,
  callFunds,
  close,
  coesfeldInput,
  contracts,
  earlyStartVhs,
  on,
  proofOfUse,
  providers,
  selections,
  submit,
} from '../../workflows/grant/fixtures';
import { DEV_TENANT } from '../../src/auth/dev-users';
import { EngineService } from '../../src/engine/engine.service';
import { toDecimal } from '../../src/grants/money';

/** A declared provider of Baustein I that the selection passed over. */
const PASSED_OVER = { providerId: 'traeger-x', providerName: 'Träger X' };

describe('grants: the Kreis Coesfeld case over HTTP', () => {
  let t: TestApp;
  let grantId: string;
  const selectionIds: Record<string, string> = {};

  const counts = () => grantTableCounts(t);
  const as = (role: 'office' | 'auditor') => t.auth(role);
  const post = (path: string, at: string, payload: object = {}) => {
    t.clock.set(at);
    return t.http.post(path).set('Authorization', as('office')).send(payload);
  };
  const get = (path: string) => t.http.get(path).set('Authorization', as('auditor'));
  /** Sends a command that must be refused with `code`, and checks that no row was written. */
  const refused = async (path: string, at: string, payload: object, status: number, code: string) => {
    const before = await counts();
    const res = await post(path, at, payload);
    expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await counts()).toEqual(before);
    return res.body as { detail: string; allowedEvents: string[] };
  };

  beforeAll(async () => {
    t = await startTestApp();
    // Decided selection procedures per module, as the selection workflow would hold them.
    for (const [module, fact] of Object.entries(selections)) {
      const selected = fact.selectedProviderIds.map((id) => Object.values(providers).find((p) => p.providerId === id)!);
      selectionIds[module] = await decideSelection(t, module, selected, module === 'I' ? [PASSED_OVER] : []);
    }
  }, 120_000);
  afterAll(() => t.close(), 30_000);

  it('registers the Integrationspauschale (§ 14c TIntG): spend by 30.11.2021, the 2021 amount subject to the budget', async () => {
    const res = await post('/budget-sources', '2020-01-15T09:00:00Z', {
      key: SOURCE,
      name: 'Integrationspauschale (§ 14c TIntG)',
      legalBasis: '§ 14c TIntG',
      spendBy: '2021-11-30',
      years: [
        { year: 2020, amount: '150000.00', conditional: false },
        { year: 2021, amount: '150000.00', conditional: true },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: SOURCE, spendBy: '2021-11-30', years: [{ year: 2020, available: '150000.00' }, { year: 2021, conditional: true }] });
  });

  it('Baustein V: the supported application to the innovation fund (deadline 31.03.2020) is not considered and ends rejected', async () => {
    const created = await post('/grants', '2020-03-25T09:00:00Z', body(baustein5Input));
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await post(`/grants/${id}/submit`, '2020-03-30T09:00:00Z')).body).toMatchObject({ grant: { state: 'submitted' } });
    const budget = await get(`/budget-sources/${SOURCE}`);
    expect(budget.body).toMatchObject({ years: [{ year: 2020, earmarked: '10000.00', available: '140000.00' }, { year: 2021, earmarked: '0.00' }] });

    const rejected = await post(`/grants/${id}/reject`, '2020-06-30T09:00:00Z', { date: '2020-06-26', reason: 'Im Wettbewerb des Innovationsfonds nicht berücksichtigt' });
    expect(rejected.status).toBe(201);
    expect(rejected.body).toMatchObject({ grant: { state: 'rejected', status: 'done', rejection: { date: '2020-06-26' }, nextSteps: [] } });
    // a rejected procedure releases its earmark, and takes no further step
    expect((await get(`/budget-sources/${SOURCE}`)).body).toMatchObject({ years: [{ year: 2020, earmarked: '0.00' }, { year: 2021, earmarked: '0.00' }] });
    const body409 = await refused(`/grants/${id}/submit`, '2020-07-01T09:00:00Z', {}, 409, 'WORKFLOW.EVENT_NOT_ALLOWED');
    expect(body409.allowedEvents).toEqual([]);
  });

  it('creates the procedure for Bausteine I–IV and VI with the source’s facts, 2021 blocked, and submits it', async () => {
    const created = await post('/grants', '2020-06-12T09:00:00Z', body(coesfeldInput));
    expect(created.status).toBe(201);
    grantId = (created.body as { id: string }).id;
    expect(created.body).toMatchObject({ state: 'drafted', eligibleCost: '582000.00', requested: '465600.00', modules: ['I', 'II', 'III', 'IV', 'VI'] });

    const submitted = await post(`/grants/${grantId}/submit`, submit.at);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ event: { type: 'SUBMIT', at: '2020-06-15T12:00:00.000+02:00' }, grant: { state: 'submitted' } });
    const steps = (submitted.body as { grant: { nextSteps: { command: string; allowed: boolean; reason: string; path: string }[] } }).grant.nextSteps;
    expect(steps.find((s) => s.command === 'CONCLUDE_CONTRACT')).toMatchObject({ allowed: false, reason: expect.stringMatching(/no early-start approval/) as unknown, path: `/grants/${grantId}/contracts` });
    expect(steps.find((s) => s.command === 'APPROVAL_NOTICE')).toMatchObject({ allowed: true, path: `/grants/${grantId}/approval-notice` });

    const financing = await get(`/grants/${grantId}/financing`);
    expect(financing.body).toEqual([
      expect.objectContaining({ year: 2020, totalCost: '67500.00', stateShare: '54000.00', ownShare: '13500.00', sourceName: 'Integrationspauschale (§ 14c TIntG)', spendBy: '2021-11-30', conditional: false, blocked: false, spent: '0.00' }),
      expect.objectContaining({ year: 2021, totalCost: '514500.00', stateShare: '411600.00', ownShare: '102900.00', conditional: true, blocked: true, budgetDecisionSource: null }),
    ]);
  });

  it('refuses a forwarding contract before the approval notice and before any early start, writing nothing', async () => {
    const problem = await refused(`/grants/${grantId}/contracts`, on('2020-08-10'), contractBody(contracts.vhsIV), 422, 'GRANT.NO_APPROVAL_NOTICE');
    expect(problem.detail).toMatch(/Bewilligungsbescheid/);
  });

  it('records the early start for VHS Lüdinghausen’s preparatory course (17.08.2020) and concludes its contract under it', async () => {
    const { date, scope } = earlyStartVhs;
    const early = await post(`/grants/${grantId}/early-start`, earlyStartVhs.at, { date, modules: scope.modules, providerIds: scope.providerIds, description: scope.description });
    expect(early.status).toBe(201);
    expect(early.body).toMatchObject({ grant: { earlyStarts: [{ date: '2020-08-17', modules: ['IV'], providerIds: ['vhs-luedinghausen'] }] } });

    // the early start covers Baustein IV only: a Baustein III contract still waits for the notice
    await refused(`/grants/${grantId}/contracts`, on('2020-08-17'), contractBody(contracts.vhsIII), 422, 'GRANT.NO_APPROVAL_NOTICE');

    const start = await post(`/grants/${grantId}/measure-starts`, on('2020-08-17'), { providerId: 'vhs-luedinghausen', module: 'IV', startedAt: '2020-08-17' });
    expect(start.body).toMatchObject({ grant: { measureStarts: [{ coveredBy: 'earlyStart' }], endangered: false } });

    const contract = await post(`/grants/${grantId}/contracts`, contracts.vhsIV.at, contractBody(contracts.vhsIV));
    expect(contract.status).toBe(201);
    expect(contract.body).toMatchObject({
      // the selection facts were looked up by the service and are in the log
      event: { type: 'CONCLUDE_CONTRACT', payload: { providerName: 'VHS Lüdinghausen', selection: { decided: true, selectedProviderIds: ['vhs-luedinghausen', 'traeger-d'], selectionInstanceId: selectionIds.IV } } },
      grant: { state: 'submitted', contracts: [{ contractId: 'WV-IV-1', basis: 'earlyStart', amount: '25000.00', concludedOn: '2020-08-17' }] },
    });
  });

  it('records the approval notice: the procedure moves to contracting and its deadlines are scheduled', async () => {
    const spent = await post(`/grants/${grantId}/own-share-spendings`, on('2020-09-30'), { year: 2020, amount: '5000.00' });
    expect(spent.status).toBe(201);

    const { date, fileNumber, approvedCents, period, conditions } = approvalNotice;
    const res = await post(`/grants/${grantId}/approval-notice`, approvalNotice.at, { date, fileNumber, approvedAmount: toDecimal(approvedCents), period, conditions });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      grant: {
        state: 'contracting',
        approval: { fileNumber: '36.08.01-DuA-2020/017', approvedAmount: '465600.00', proofOfUseDue: '2022-06-30' },
        deadlines: [
          { name: 'spendBy:integrationspauschale', dueDate: '2021-11-30', dueAt: '2021-12-01T00:00:00.000+01:00', status: 'pending' },
          { name: 'proofOfUseDue', dueDate: '2022-06-30', dueAt: '2022-07-01T00:00:00.000+02:00', status: 'pending' },
        ],
      },
    });
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    const timers = await client.query<{ name: string }>(`SELECT params->>'name' AS name FROM outbox WHERE instance_id = $1 AND action_type = 'scheduleTimer' ORDER BY 1`, [grantId]);
    await client.end();
    expect(timers.rows.map((r) => r.name)).toEqual(['proofOfUseDue', 'spendBy:integrationspauschale']);
  });

  it('refuses a contract with a provider the selection for the module passed over, writing nothing', async () => {
    const problem = await refused(`/grants/${grantId}/contracts`, on('2020-10-12'), { ...contractBody(contracts.coachingA), contractId: 'WV-I-X', ...{ providerId: PASSED_OVER.providerId } }, 422, 'GRANT.PROVIDER_NOT_SELECTED');
    expect(problem.detail).toMatch(/Träger X|traeger-x/);
    // selected for Baustein IV is not selected for Baustein I
    await refused(`/grants/${grantId}/contracts`, on('2020-10-12'), { ...contractBody(contracts.coachingA), contractId: 'WV-I-Y', providerId: 'vhs-luedinghausen' }, 422, 'GRANT.PROVIDER_NOT_SELECTED');
  });

  it('concludes the forwarding contracts with the selected providers up to the approved amount, passing on the conditions', async () => {
    for (const c of [contracts.kurseIV, contracts.vhsIII, contracts.coachingA, contracts.coachingB, contracts.sprache, contracts.caritas]) {
      const res = await post(`/grants/${grantId}/contracts`, c.at, contractBody(c));
      expect({ contract: c.contractId, status: res.status }).toEqual({ contract: c.contractId, status: 201 });
    }
    const grant = await get(`/grants/${grantId}`);
    expect(grant.body).toMatchObject({ contracted: '465600.00' });
    // the approval notice's conditions pass on to every contract concluded under it; the early-start contract predates them
    const conditions = (grant.body as { contracts: { contractId: string; basis: string; conditions: string[] }[] }).contracts.map((c) => [c.contractId, c.basis, c.conditions.join(' | ')]);
    expect(conditions).toEqual([
      ['WV-IV-1', 'earlyStart', ''],
      ...['WV-IV-2', 'WV-III-1', 'WV-I-1', 'WV-I-2', 'WV-II-1', 'WV-VI-1'].map((id) => [id, 'approval', 'ANBest-G | Weiterleitung nach Nr. 12 VV zu § 44 LHO']),
    ]);

    const byProvider = await get(`/grants/${grantId}/contracts`);
    expect((byProvider.body as { providerId: string; providerName: string; total: string }[]).map(({ providerId, providerName, total }) => ({ providerId, providerName, total }))).toEqual([
      { providerId: 'vhs-luedinghausen', providerName: 'VHS Lüdinghausen', total: '85000.00' },
      { providerId: 'traeger-d', providerName: 'Träger D', total: '20000.00' },
      { providerId: 'traeger-a', providerName: 'Träger A', total: '120000.00' },
      { providerId: 'traeger-b', providerName: 'Träger B', total: '80000.00' },
      { providerId: 'traeger-c', providerName: 'Träger C', total: '40000.00' },
      { providerId: 'caritas-coesfeld', providerName: 'Caritasverband für den Kreis Coesfeld e.V.', total: '120600.00' },
    ]);
  });

  it('refuses a contract beyond the approved amount, even by one cent, writing nothing', async () => {
    await refused(`/grants/${grantId}/contracts`, on('2020-10-20'), { ...contractBody(contracts.caritas), contractId: 'WV-VI-2', amount: '0.01' }, 422, 'GRANT.CONTRACTS_EXCEED_APPROVAL');
  });

  it('calls funds, and refuses spending the conditional 2021 own share before the budget decision, writing nothing', async () => {
    const call = await post(`/grants/${grantId}/fund-calls`, on('2020-11-02'), { callId: 'MA-2020-1', amount: '150000.00', date: '2020-11-02' });
    expect(call.body).toMatchObject({ grant: { state: 'fundsCalled' } });
    const problem = await refused(`/grants/${grantId}/own-share-spendings`, on('2020-11-16'), { year: 2021, amount: '1000.00' }, 422, 'GRANT.BUDGET_NOT_ADOPTED');
    expect(problem.detail).toMatch(/vorbehaltlich der Haushaltsberatungen/);
  });

  it('spends the 2020 own share of 13,500 EUR in full', async () => {
    await post(`/grants/${grantId}/own-share-spendings`, on('2020-12-15'), { year: 2020, amount: '8500.00' });
    const rows = (await get(`/grants/${grantId}/financing`)).body as { year: number; spent: string; remaining: string }[];
    expect(rows[0]).toMatchObject({ year: 2020, spent: '13500.00', remaining: '0.00' });
  });

  it('records the 2021 budget decision; then the 2021 own share of 102,900 EUR is spent', async () => {
    const { year, source, ref } = budgetAdoption2021;
    const adopted = await post(`/grants/${grantId}/budget-adoptions`, budgetAdoption2021.at, { year, source, ref });
    expect(adopted.status).toBe(201);
    expect((await get(`/grants/${grantId}/financing`)).body).toEqual([
      expect.objectContaining({ year: 2020, blocked: false }),
      expect.objectContaining({ year: 2021, blocked: false, budgetDecisionSource: 'budget', budgetDecisionRef: ref }),
    ]);
    const call = callFunds('MA-2021-1', 315_600, '2021-03-01');
    await post(`/grants/${grantId}/fund-calls`, call.at, { callId: call.callId, amount: toDecimal(call.amountCents), date: call.date });
    const spent = await post(`/grants/${grantId}/own-share-spendings`, on('2021-06-30'), { year: 2021, amount: '60000.00' });
    expect(spent.status).toBe(201);
  });

  it('spends the rest of the 2021 own share before 30.11.2021; the spend-by timer then finds nothing left unspent', async () => {
    await post(`/grants/${grantId}/own-share-spendings`, on('2021-11-15'), { year: 2021, amount: '42900.00' });
    // what the durable timer sends at the end of 30.11.2021
    t.clock.set('2021-11-30T23:00:00.000Z');
    await t.app.get(EngineService).apply({ tenant: DEV_TENANT.id, actor: { id: 'system:timer', role: 'system' } }, grantId, { type: 'DEADLINE_REACHED', payload: { deadline: 'spendBy:integrationspauschale' }, idempotencyKey: 'timer:test' });
    const grant = (await get(`/grants/${grantId}`)).body as { deadlines: { name: string; status: string; overdue: boolean }[]; ownShareSpendings: unknown[] };
    expect(grant.deadlines.find((d) => d.name === 'spendBy:integrationspauschale')).toMatchObject({ status: 'reached', overdue: false });
    expect((await get(`/grants/${grantId}/financing`)).body).toEqual([
      expect.objectContaining({ year: 2020, spent: '13500.00', remaining: '0.00' }),
      expect.objectContaining({ year: 2021, spent: '102900.00', remaining: '0.00' }),
    ]);
  });

  it('submits the proof of use and closes the procedure; lists filter by module and state', async () => {
    await post(`/grants/${grantId}/proof-of-use`, proofOfUse.at, { date: proofOfUse.date, documentRef: proofOfUse.documentRef });
    const closed = await post(`/grants/${grantId}/close`, close.at);
    expect(closed.body).toMatchObject({ grant: { state: 'closed', status: 'done', proofOfUse: { documentRef: 'VN-2022-017' }, endangered: false } });

    const list = await get('/grants?module=VI');
    expect(list.body).toMatchObject({ total: 1, items: [{ id: grantId, state: 'closed', approved: '465600.00', contracted: '465600.00' }] });
    const rejected = await get('/grants?state=rejected');
    expect(rejected.body).toMatchObject({ total: 1, items: [{ modules: ['V'] }] });
    expect((await get('/grants?page=1&pageSize=1')).body).toMatchObject({ total: 2, pageSize: 1 });
  });
});
