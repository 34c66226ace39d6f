/**
 * GET /deadlines over every workflow: the pending durable timers (workflow_timers), worded by the
 * modules that own them. A grant's spend-by and proof-of-use dates, a published call's deadline, a
 * motion's implementation task and a meeting's last regular invitation day, soonest first.
 */
import { startTestApp, type TestApp } from '../support/app';
import { client, meeting, seedCouncil } from '../support/motions';
import { applyEvents, grantBody, integrationspauschale, runWorkflow, withBodyUuids } from '../support/grants';
import { approvalNotice, coesfeldInput, submit } from '../../workflows/grant/fixtures';
import { coesfeldInput as motionInput, path as motionPath } from '../../workflows/motion/fixtures';
import { MODULE_VI } from '../../workflows/selection/fixtures';
import { EngineService } from '../../src/engine/engine.service';
import { OutboxDispatcher } from '../../src/engine/outbox.dispatcher';
import { toDecimal } from '../../src/grants/money';

interface Row {
  workflowType: string;
  instanceId: string;
  subject: string;
  name: string;
  label: string;
  dueAt: string;
}

describe('GET /deadlines: the pending timers of every workflow', () => {
  let t: TestApp;
  let grantId: string;
  let motionId: string;
  let publishedId: string;
  let draftId: string;
  let meetingId: string;
  let bodyName: string;

  const get = (path: string) => t.http.get(path).set('Authorization', t.auth('auditor'));
  const post = (path: string, at: string, body: object = {}) => {
    t.clock.set(at);
    return t.http.post(path).set('Authorization', t.auth('office')).send(body);
  };

  beforeAll(async () => {
    t = await startTestApp();
    const engine = t.app.get(EngineService);

    // a grant with its approval notice: spend-by 30.11.2021 and proof of use 30.06.2022 become timers
    expect((await post('/budget-sources', '2020-01-15T09:00:00Z', integrationspauschale())).status).toBe(201);
    grantId = ((await post('/grants', '2020-06-12T09:00:00Z', grantBody(coesfeldInput))).body as { id: string }).id;
    expect((await post(`/grants/${grantId}/submit`, submit.at)).status).toBe(201);
    const { date, fileNumber, approvedCents, period, conditions } = approvalNotice;
    expect((await post(`/grants/${grantId}/approval-notice`, approvalNotice.at, { date, fileNumber, approvedAmount: toDecimal(approvedCents), period, conditions })).status).toBe(201);

    // a decided motion with one open implementation task (due 20.11.2021) and one finished (its timer cancelled)
    motionId = await runWorkflow(engine, t.clock, 'motion', withBodyUuids(motionInput()), '2020-07-20T09:00:00+02:00', withBodyUuids(motionPath.decided()));
    await applyEvents(engine, t.clock, motionId, [
      { type: 'ADD_TASK', at: '2021-11-03T09:00:00Z', taskId: 't-1', title: 'Sachstandsbericht an den Integrationsausschuss', owner: 'KI', dueDate: '2021-11-20' },
      { type: 'ADD_TASK', at: '2021-11-03T09:00:00Z', taskId: 't-2', title: 'Träger informieren', owner: 'KI', dueDate: '2021-11-22' },
      { type: 'UPDATE_TASK', at: '2021-11-04T09:00:00Z', taskId: 't-2', status: 'done' },
    ] as never);

    // a published call (its deadline is a timer) and a call still in draft (no timer until it is published)
    const call = (module: string) => ({ ...MODULE_VI, module, title: `Baustein ${module}`, deadline: '2021-11-25T23:59:59+01:00' });
    publishedId = await runWorkflow(engine, t.clock, 'selection', call('VII'), '2021-11-02T09:00:00Z', [{ type: 'PUBLISH', at: '2021-11-02T09:00:00Z' }]);
    draftId = await runWorkflow(engine, t.clock, 'selection', call('VIII'), '2021-11-02T09:00:00Z', []);

    // a meeting of the Integrationsausschuss on 30.11.2021: its last regular invitation day is a timer
    t.clock.set('2021-11-02T09:00:00Z');
    const api = client(t);
    const council = await seedCouncil(api);
    bodyName = council.integrationsausschuss.name;
    meetingId = (await meeting(api, council.integrationsausschuss.id, '2021-11-30T17:00:00+01:00')).id;

    // the outbox hands the timers to the timer service after commit
    await t.app.get(OutboxDispatcher).drain();
  }, 120_000);
  afterAll(() => t.close(), 30_000);

  it('lists the deadlines of the next 30 days on 10.11.2021, soonest first, from the timers', async () => {
    const timers = (await get(`/instances/${meetingId}/timers`)).body as { name: string; fireAt: string }[];
    const invitationDue = timers.find((x) => x.name === 'invitationDue')!.fireAt;
    expect(invitationDue < '2021-11-30T17:00:00.000+01:00').toBe(true);

    t.clock.set('2021-11-10T09:00:00Z');
    const res = await get('/deadlines?days=30');
    expect(res.status).toBe(200);
    const expected: Row[] = [
      { workflowType: 'motion', instanceId: motionId, subject: expect.stringContaining('SV-9-1600/1') as string, name: 'task-due:t-1', label: 'Beschlusskontrolle: Sachstandsbericht an den Integrationsausschuss (KI)', dueAt: '2021-11-21T00:00:00.000+01:00' },
      { workflowType: 'meeting', instanceId: meetingId, subject: `${bodyName}, 2021-11-30T17:00:00.000+01:00`, name: 'invitationDue', label: `Ladungsfrist: letzter Tag für die Einladung (${bodyName})`, dueAt: invitationDue },
      { workflowType: 'selection', instanceId: publishedId, subject: 'Baustein VII', name: 'callDeadline', label: 'Frist für Interessenbekundungen (Baustein VII)', dueAt: '2021-11-25T23:59:59.000+01:00' },
      { workflowType: 'grant', instanceId: grantId, subject: coesfeldInput.programme, name: 'spendBy:integrationspauschale', label: 'Integrationspauschale (§ 14c TIntG): zu verwenden bis', dueAt: '2021-12-01T00:00:00.000+01:00' },
    ];
    expect(res.body).toEqual(expected.sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1)));
    // the finished task's timer (t-2) was cancelled, and the draft call has none yet
    expect((res.body as Row[]).map((r) => r.instanceId)).not.toContain(draftId);
  });

  it('looks further ahead on request, and refuses a window of 0 days', async () => {
    t.clock.set('2021-11-10T09:00:00Z');
    const year = (await get('/deadlines?days=300')).body as Row[];
    expect(year.filter((d) => d.instanceId === grantId).map((d) => d.name)).toEqual(['spendBy:integrationspauschale', 'proofOfUseDue']);
    expect((await get('/deadlines?days=0')).status).toBe(400);
  });

  it('lists nothing that lies in the past', async () => {
    t.clock.set('2021-11-26T09:00:00Z');
    const before = (await get('/deadlines?days=30')).body as Row[];
    expect(before.map((d) => d.name)).toEqual(['spendBy:integrationspauschale']);
    t.clock.set('2021-12-02T09:00:00Z');
    expect(((await get('/deadlines?days=30')).body as Row[]).map((d) => d.name)).toEqual([]);
  });
});
