/**
 * Test support for the grants and deadlines tests (imported by `*.e2e-spec.ts` only): request bodies
 * from the grant fixtures, other workflows run in-process through the engine, and a fingerprint of the
 * tables a grant command may write, to prove that a refusal wrote nothing.
 */
import { Client } from 'pg';
import type { GrantEvent, GrantInput } from '../../workflows/grant';
import { COESFELD_MUNICIPALITIES, MODULE_VI } from '../../workflows/selection/fixtures';
import { declare, deadlineTimer, publish, scoreAll, startEvaluation, startTalks, T, talk, type Marks } from '../../workflows/selection/scenario';
import { DEV_TENANT } from '../../src/auth/dev-users';
import type { SettableClock } from '../../src/common/clock';
import { EngineService } from '../../src/engine/engine.service';
import { toDecimal } from '../../src/grants/money';
import type { TestApp } from './app';

export const office = { tenant: DEV_TENANT.id, actor: { id: 'demo-office', role: 'office' } };
export const SOURCE = 'integrationspauschale';

/** The motion fixtures name bodies 'body-kt' etc.; the motions module stores body ids as uuids. */
const BODY_UUIDS: Record<string, string> = {
  'body-ia': '00000000-0000-4000-8000-0000000000a1',
  'body-asg': '00000000-0000-4000-8000-0000000000a2',
  'body-ka': '00000000-0000-4000-8000-0000000000a3',
  'body-kt': '00000000-0000-4000-8000-0000000000a4',
};
export const withBodyUuids = <T>(value: T): T =>
  JSON.parse(Object.entries(BODY_UUIDS).reduce((json, [id, uuid]) => json.replaceAll(`"${id}"`, `"${uuid}"`), JSON.stringify(value))) as T;

/** The machine input as the office sends it: decimal strings, a budget source key per year. */
export const grantBody = (input: GrantInput, sourceKey: string = SOURCE) => ({
  programme: input.programme,
  modules: input.modules,
  grantingAuthority: input.grantingAuthority,
  eligibleCost: toDecimal(input.eligibleCostCents),
  requested: toDecimal(input.requestedCents),
  fundingPeriod: input.fundingPeriod,
  financing: input.financing.map((y) => ({ year: y.year, totalCost: toDecimal(y.totalCostCents), stateShare: toDecimal(y.stateShareCents), ownShare: toDecimal(y.ownShareCents), sourceKey })),
  ...(input.proofOfUseDue ? { proofOfUseDue: input.proofOfUseDue } : {}),
});

export const contractBody = (c: GrantEvent & { type: 'CONCLUDE_CONTRACT' }) => ({ contractId: c.contractId, providerId: c.providerId, module: c.module, amount: toDecimal(c.amountCents), period: c.period });

/** The Integrationspauschale as a budget source body: 2020 free, 2021 subject to the budget. */
export const integrationspauschale = (key: string = SOURCE, amount = '150000.00') => ({
  key,
  name: 'Integrationspauschale (§ 14c TIntG)',
  legalBasis: '§ 14c TIntG',
  spendBy: '2021-11-30',
  years: [
    { year: 2020, amount, conditional: false },
    { year: 2021, amount, conditional: true },
  ],
});

/** Row counts of every table a grant command may write. */
export async function grantTableCounts(t: TestApp): Promise<Record<string, string>> {
  const client = new Client({ connectionString: t.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM workflow_instances) instances, (SELECT count(*) FROM workflow_events) events,
              (SELECT count(*) FROM grant_procedures) procedures, (SELECT count(*) FROM outbox) outbox, (SELECT count(*) FROM workflow_links) links`,
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- other workflows, run in-process

export type Timed = { readonly type: string; readonly at: string };

/** Applies events through the engine, each at its own time, as the office would have sent them. */
export async function applyEvents(engine: EngineService, clock: SettableClock, id: string, events: readonly Timed[]): Promise<void> {
  for (const event of events) {
    const { type, at, actor: _actor, ...payload } = event as Timed & { actor?: unknown };
    clock.set(at);
    await engine.apply(office, id, { type, payload });
  }
}

/** Starts an instance of another workflow at `at` and applies its events. */
export async function runWorkflow(engine: EngineService, clock: SettableClock, type: string, input: unknown, at: string, events: readonly Timed[]): Promise<string> {
  clock.set(at);
  const { id } = await engine.create(office, type, input);
  await applyEvents(engine, clock, id, events);
  return id;
}

export type Provider = { providerId: string; providerName: string };

const STRONG: Marks = { concept: [5, 5], experience: [5, 4], network: [4, 4], staff: [4, 4] };
const WEAK: Marks = { concept: [2, 2], experience: [2, 2], network: [2, 2], staff: [2, 2] };

/** A selection procedure that ends with `selected` chosen (0.10 FTE each per municipality) and `passedOver` ranked below. */
export function selectionDecided(module: string, selected: readonly Provider[], passedOver: readonly Provider[]): Timed[] {
  const id = (p: Provider) => `d-${module}-${p.providerId}`;
  const all = [...selected, ...passedOver];
  const decide = {
    type: 'DECIDE_SELECTION',
    at: T.decided,
    selected: selected.map((p) => ({ providerId: p.providerId })),
    allocation: selected.flatMap((p) => COESFELD_MUNICIPALITIES.map((municipality) => ({ providerId: p.providerId, municipality, fteHundredths: 10 }))),
  };
  return [
    publish,
    ...all.map((p) => declare(id(p), p)),
    deadlineTimer,
    startEvaluation,
    ...selected.flatMap((p) => scoreAll(id(p), STRONG)),
    ...passedOver.flatMap((p) => scoreAll(id(p), WEAK)),
    startTalks,
    ...all.map((p) => talk(id(p))),
    decide,
  ];
}

/** Runs a selection procedure for `module` to its decision, selecting `selected`. Returns its id. */
export function decideSelection(t: TestApp, module: string, selected: readonly Provider[], passedOver: readonly Provider[] = []): Promise<string> {
  const setup = { ...MODULE_VI, module, title: `Baustein ${module}`, fteAvailableHundredths: 110 * selected.length };
  return runWorkflow(t.app.get(EngineService), t.clock, 'selection', setup, T.drafted, selectionDecided(module, selected, passedOver));
}

// ---------------------------------------------------------------- grants at each step (command contract)

const STEP_SOURCE = 'contract-steps';
const SPRACHE = { providerId: 'traeger-c', providerName: 'Träger C' };
const prepared = new WeakMap<TestApp, Promise<void>>();

/** Once per app: a budget source large enough for many procedures, and a decided selection for Baustein II. */
export function prepare(t: TestApp): Promise<void> {
  let ready = prepared.get(t);
  if (!ready) {
    ready = (async () => {
      t.clock.set('2020-01-15T09:00:00Z');
      const res = await t.http.post('/budget-sources').set('Authorization', t.auth('office')).send(integrationspauschale(STEP_SOURCE, '10000000.00'));
      if (res.status !== 201) throw new Error(`budget source: ${res.status} ${JSON.stringify(res.body)}`);
      await decideSelection(t, 'II', [SPRACHE]);
    })();
    prepared.set(t, ready);
  }
  return ready;
}

/** Own share 8,000 + 12,000 EUR: exactly 20 % of 100,000 EUR; 2021 waits for the budget decision. */
export const smallGrant = {
  programme: 'Durchstarten in Ausbildung und Arbeit – Sprachförderung',
  modules: ['II'],
  grantingAuthority: 'Bezirksregierung Arnsberg',
  eligibleCost: '100000.00',
  requested: '80000.00',
  fundingPeriod: { from: '2020-09-01', to: '2021-12-31' },
  financing: [
    { year: 2020, totalCost: '40000.00', stateShare: '32000.00', ownShare: '8000.00', sourceKey: STEP_SOURCE },
    { year: 2021, totalCost: '60000.00', stateShare: '48000.00', ownShare: '12000.00', sourceKey: STEP_SOURCE },
  ],
};

export const stepBodies = {
  earlyStart: { date: '2020-09-01', modules: ['II'], description: 'Sprachkurs vor dem Bescheid' },
  measureStart: { providerId: SPRACHE.providerId, module: 'II', startedAt: '2020-09-14' },
  approvalNotice: { date: '2020-10-01', fileNumber: 'AZ-2020-1', approvedAmount: '80000.00', period: { from: '2020-09-01', to: '2021-12-31' }, conditions: ['ANBest-G'] },
  contract: { contractId: 'WV-II-1', providerId: SPRACHE.providerId, module: 'II', amount: '10000.00', period: { from: '2020-10-01', to: '2021-12-31' } },
  fundCall: { callId: 'MA-2020-1', amount: '1000.00', date: '2020-11-02' },
  proofOfUse: { date: '2022-05-31', documentRef: 'VN-2022-1' },
};

/** Fresh grant procedures brought to each state over HTTP, as the managing office would. */
export function grantAt(t: TestApp) {
  const send = async (path: string, at: string, body: object = {}): Promise<{ id: string }> => {
    t.clock.set(at);
    const res = await t.http.post(path).set('Authorization', t.auth('office')).send(body);
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const drafted = async () => {
    await prepare(t);
    return { id: (await send('/grants', '2020-09-10T09:00:00Z', smallGrant)).id };
  };
  const submitted = async () => {
    const { id } = await drafted();
    await send(`/grants/${id}/submit`, '2020-09-11T09:00:00Z');
    return { id };
  };
  const approved = async () => {
    const { id } = await submitted();
    await send(`/grants/${id}/approval-notice`, '2020-10-01T09:00:00Z', stepBodies.approvalNotice);
    return { id };
  };
  const contracting = async () => {
    const { id } = await approved();
    await send(`/grants/${id}/contracts`, '2020-10-05T09:00:00Z', stepBodies.contract);
    return { id };
  };
  const fundsCalled = async () => {
    const { id } = await contracting();
    await send(`/grants/${id}/fund-calls`, '2020-11-02T09:00:00Z', stepBodies.fundCall);
    return { id };
  };
  const proofSubmitted = async () => {
    const { id } = await fundsCalled();
    await send(`/grants/${id}/proof-of-use`, '2022-05-31T09:00:00Z', stepBodies.proofOfUse);
    return { id };
  };
  const rejected = async () => {
    const { id } = await submitted();
    await send(`/grants/${id}/reject`, '2020-10-01T09:00:00Z', { date: '2020-09-30', reason: 'Nicht berücksichtigt' });
    return { id };
  };
  /** Sets the clock for the command the contract sends next. */
  const at = <T>(when: string, step: () => Promise<T>) => async (): Promise<T> => {
    const result = await step();
    t.clock.set(when);
    return result;
  };
  return { drafted, submitted, approved, contracting, fundsCalled, proofSubmitted, rejected, at };
}
