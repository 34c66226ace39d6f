import type { MeetingDetailDto } from '../../src/meetings/dto/meetings.dto';
import { OutboxDispatcher } from '../../src/engine/outbox.dispatcher';
import { TimerService } from '../../src/timers/timer.service';
import { startTestApp, type TestApp } from '../support/app';
import { client, meeting, seedCouncil, type Api, type Council } from '../support/motions';

interface Event {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: { id: string; role: string };
  stateAfter: unknown;
}
interface Timer {
  id: string;
  name: string;
  fireAt: string;
  event: Record<string, unknown>;
  status: string;
  note: string | null;
}

/**
 * Each meeting is an engine instance of the `meeting` workflow: its changes are on the hash-chained
 * log (GET /instances/{id}/events), its Ladungsfrist is a durable timer (GET /instances/{id}/timers).
 */
describe('meetings on the engine', () => {
  let t: TestApp;
  let api: Api;
  let c: Council;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t);
    t.clock.set('2020-07-01T09:00:00+02:00');
    c = await seedCouncil(api);
  });
  afterAll(() => t.close());

  const events = async (id: string) => (await api.get<{ items: Event[]; total: number }>(`/instances/${id}/events?pageSize=50`)).items;
  /** Timers reach the timer service through the outbox; deliver what is pending, then list them. */
  const timers = async (id: string) => {
    await t.app.get(OutboxDispatcher).drain();
    return api.get<Timer[]>(`/instances/${id}/timers`);
  };

  it('logs every change of a meeting as an event of its instance, and keeps the meetings row in step', async () => {
    t.clock.set('2020-08-01T09:00:00+02:00');
    const asg = await meeting(api, c.sozialausschuss.id, '2020-08-19T17:00:00+02:00');
    const instance = await api.get<{ workflowType: string; state: string; context: Record<string, unknown> }>(`/instances/${asg.id}`);
    expect(instance).toMatchObject({
      workflowType: 'meeting',
      state: 'scheduled',
      context: { bodyId: c.sozialausschuss.id, start: '2020-08-19T17:00:00.000+02:00', invitationPeriodDays: 6, lastRegularInvitationDay: '2020-08-13', invitationOverdue: false },
    });

    t.clock.set('2020-08-15T09:00:00+02:00');
    await api.post(`/meetings/${asg.id}/invitation`, { urgentReason: ' Landesfrist ' });
    // an event that changes neither state nor context: the log and the audit replay still take it
    await api.post(`/meetings/${asg.id}/agenda-items`, { title: 'Mitteilungen der Verwaltung', public: true }, 201);
    t.clock.set('2020-08-19T17:10:00+02:00');
    const present = [...c.sozialausschuss.members.slice(0, 9)];
    await api.put(`/meetings/${asg.id}/attendance`, { personIds: present });
    await api.post(`/meetings/${asg.id}/held`);
    t.clock.set('2020-08-26T10:00:00+02:00');
    const closed = (await api.post<{ meeting: MeetingDetailDto }>(`/meetings/${asg.id}/minutes-approval`)).meeting;

    expect((await events(asg.id)).map((e) => [e.seq, e.type, e.payload, e.actor.role, e.stateAfter])).toEqual([
      [1, 'SEND_INVITATION', { urgentReason: 'Landesfrist' }, 'clerk', 'invited'],
      [2, 'ADD_AGENDA_ITEM', { title: 'Mitteilungen der Verwaltung', public: true }, 'clerk', 'invited'],
      [3, 'RECORD_ATTENDANCE', { personIds: present, votingPresent: 9 }, 'clerk', 'invited'],
      [4, 'MARK_HELD', {}, 'clerk', 'held'],
      [5, 'APPROVE_MINUTES', {}, 'clerk', 'minutesApproved'],
    ]);
    expect(closed).toMatchObject({
      state: 'minutesApproved',
      invitationDate: '2020-08-15',
      urgentInvitationReason: 'Landesfrist',
      heldAt: '2020-08-19T17:10:00.000+02:00',
      minutesApprovedAt: '2020-08-26T10:00:00.000+02:00',
      attendance: { presentMembers: 9, quorate: true },
    });
    const verified = await api.get<{ ok: boolean; events: number }>(`/audit/instances/${asg.id}/verify`);
    expect(verified).toMatchObject({ ok: true, events: 5 });
  });

  it('schedules the invitationDue timer at the end of the last regular invitation day, and cancels it with the invitation', async () => {
    t.clock.set('2020-08-01T09:00:00+02:00');
    const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    expect(await timers(ia.id)).toEqual([
      expect.objectContaining({ name: 'invitationDue', fireAt: '2020-08-07T00:00:00.000+02:00', event: { type: 'INVITATION_DUE' }, status: 'pending' }),
    ]);

    t.clock.set('2020-08-08T09:00:00+02:00');
    const late = await t.http.post(`/meetings/${ia.id}/invitation`).set('Authorization', t.auth('clerk')).send({});
    // refused by the machine's guard: the engine's problem names the rule and the events allowed now
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'MEETING.INVITATION_TOO_LATE', state: 'scheduled', violations: [{ code: 'MEETING.INVITATION_TOO_LATE' }] });
    expect(await events(ia.id)).toEqual([]);

    t.clock.set('2020-08-05T09:00:00+02:00');
    await api.post(`/meetings/${ia.id}/invitation`, {});
    expect(await timers(ia.id)).toEqual([expect.objectContaining({ name: 'invitationDue', status: 'cancelled', note: 'cancelled by event #1' })]);
  });

  it('records an overdue invitation when the timer fires first, and a cancellation on the log', async () => {
    t.clock.set('2020-08-01T09:00:00+02:00');
    const ka = await meeting(api, c.kreisausschuss.id, '2020-08-26T16:00:00+02:00');
    const [due] = await timers(ka.id);

    t.clock.set('2020-08-21T00:00:01+02:00');
    await t.app.get(TimerService).fire(due!.id);
    expect(await timers(ka.id)).toEqual([expect.objectContaining({ name: 'invitationDue', status: 'fired', note: null })]);
    const overdue = await api.get<{ state: string; context: { invitationOverdue: boolean } }>(`/instances/${ka.id}`);
    expect(overdue).toMatchObject({ state: 'scheduled', context: { invitationOverdue: true } });

    await api.post(`/meetings/${ka.id}/cancellation`, { reason: 'Ladungsfrist versäumt' });
    expect((await events(ka.id)).map((e) => [e.type, e.payload, e.actor.id])).toEqual([
      ['INVITATION_DUE', {}, 'system:timer'],
      ['CANCEL', { reason: 'Ladungsfrist versäumt' }, expect.any(String)],
    ]);
    expect((await api.get<MeetingDetailDto>(`/meetings/${ka.id}`)).state).toBe('cancelled');
  });

  it('keeps the generic engine API closed for meetings: their facts come from the meetings module', async () => {
    t.clock.set('2020-08-01T09:00:00+02:00');
    const kt = await meeting(api, c.kreistag.id, '2020-09-02T17:00:00+02:00');
    const res = await t.http.post(`/instances/${kt.id}/events`).set('Authorization', t.auth('clerk')).send({ type: 'MARK_HELD' });
    expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({ status: 409, code: 'WORKFLOW.USE_DOMAIN_API' });
    expect(await events(kt.id)).toEqual([]);
  });
});
