import { meetingCommands } from '../../src/meetings/meetings.commands';
import type { MeetingDetailDto } from '../../src/meetings/dto/meetings.dto';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';
import { startTestApp, type TestApp } from '../support/app';
import { describeCommandContract } from '../support/command-contract';
import { meetingAt, TIMELINE, type MeetingAnswer } from '../support/meetings';
import { client, coesfeldMotion, coesfeldSteps, release, seedCouncil, type Council } from '../support/motions';

/** The meeting workflow's command table: the answer every command gives, and the contract every row keeps. */
describe('meeting commands', () => {
  let t: TestApp;
  let c: Council;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2020-07-01T09:00:00+02:00');
    c = await seedCouncil(client(t));
  }, 120_000);
  afterAll(() => t.close(), 60_000);

  const asg = () => c.sozialausschuss;
  const events = async (id: string) => (await client(t).get<{ items: { type: string; payload: Record<string, unknown> }[] }>(`/instances/${id}/events?pageSize=50`)).items;

  it('creates a meeting with 201, the meeting itself and ETag "0"', async () => {
    t.clock.set(TIMELINE.created);
    const res = await t.http.post('/meetings').set('Authorization', t.auth('clerk')).send({ bodyId: asg().id, start: TIMELINE.start, location: ' Kreishaus Coesfeld ' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"0"');
    expect(res.body as MeetingDetailDto).toMatchObject({ bodyId: asg().id, bodyName: asg().name, location: 'Kreishaus Coesfeld', state: 'scheduled', agenda: [], attendance: null });
    expect((res.body as MeetingDetailDto).nextSteps.map((s) => s.command)).toEqual(['SEND_INVITATION', 'ADD_AGENDA_ITEM', 'CANCEL']);
  });

  it('answers a command with the meeting as the event left it, the event and the next steps, and an ETag', async () => {
    const { id } = await meetingAt(t, asg(), 'scheduled');
    t.clock.set(TIMELINE.invited);
    const res = await t.http.post(`/meetings/${id}/invitation`).set('Authorization', t.auth('clerk')).send({});
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const body = res.body as MeetingAnswer;
    expect(body.meeting).toMatchObject({ id, state: 'invited', invitationDate: '2020-08-10' });
    expect(body.meeting.nextSteps.map((s) => s.command)).toEqual(['ADD_AGENDA_ITEM', 'RECORD_ATTENDANCE', 'MARK_HELD', 'CANCEL']);
    expect(body.meeting.nextSteps).toEqual(body.nextSteps);
    expect(body.event).toMatchObject({ seq: 1, type: 'SEND_INVITATION', payload: {} });
    expect(body.nextSteps.map((s) => [s.command, s.method, s.path]).sort()).toEqual([
      ['ADD_AGENDA_ITEM', 'POST', `/meetings/${id}/agenda-items`],
      ['CANCEL', 'POST', `/meetings/${id}/cancellation`],
      ['MARK_HELD', 'POST', `/meetings/${id}/held`],
      ['RECORD_ATTENDANCE', 'PUT', `/meetings/${id}/attendance`],
    ]);
  });

  it('is 404 for an unknown meeting and 400 for a malformed id, writing nothing', async () => {
    const missing = await t.http.post('/meetings/00000000-0000-4000-8000-000000000000/held').set('Authorization', t.auth('clerk'));
    expect([missing.status, missing.body.code, missing.body.resource]).toEqual([404, 'NOT_FOUND', 'Meeting']);
    expect((await t.http.post('/meetings/not-a-uuid/held').set('Authorization', t.auth('clerk'))).status).toBe(400);
  });

  it('refuses a command the state does not handle with 409 and the next steps', async () => {
    const { id } = await meetingAt(t, asg(), 'scheduled');
    const res = await t.http.post(`/meetings/${id}/held`).set('Authorization', t.auth('clerk'));
    expect([res.status, res.body.code]).toEqual([409, 'MEETING.INVALID_TRANSITION']);
    expect((res.body.nextSteps as { command: string }[]).map((s) => s.command).sort()).toEqual(['ADD_AGENDA_ITEM', 'CANCEL', 'SEND_INVITATION']);
    expect(await events(id)).toEqual([]);
  });

  it('takes the agenda’s motions off with the cancellation, once: a replayed Idempotency-Key unschedules nothing again', async () => {
    const api = client(t);
    t.clock.set('2020-07-20T09:00:00+02:00');
    const motion = await api.post<MotionDto>('/motions', coesfeldMotion('SV-9-1950', coesfeldSteps(c)), 201);
    await release(api, motion.id);
    const { id } = await meetingAt(t, c.integrationsausschuss, 'scheduled');
    await api.post(`/motions/${motion.id}/schedule`, { meetingId: id });

    const cancel = () => t.http.post(`/meetings/${id}/cancellation`).set('Authorization', t.auth('clerk')).set('Idempotency-Key', `cancel-${id}`).send({ reason: ' Beschlussunfähigkeit absehbar ' });
    const first = await cancel();
    expect(first.status).toBe(200);
    const answer = first.body as MeetingAnswer;
    expect(answer.event).toMatchObject({ type: 'CANCEL', payload: { reason: 'Beschlussunfähigkeit absehbar' } });
    expect(answer.meeting).toMatchObject({ state: 'cancelled', cancelReason: 'Beschlussunfähigkeit absehbar', nextSteps: [] });
    expect(answer.meeting.agenda).toEqual([expect.objectContaining({ motionId: motion.id, status: 'removed', removedReason: 'Sitzung abgesagt: Beschlussunfähigkeit absehbar' })]);
    expect(answer.nextSteps).toEqual([]);
    const unscheduled = (await events(motion.id)).filter((e) => e.type === 'UNSCHEDULE');
    expect(unscheduled).toEqual([expect.objectContaining({ payload: { meetingId: id, reason: 'Sitzung abgesagt: Beschlussunfähigkeit absehbar', meeting: { state: 'scheduled' } } })]);

    const again = await cancel();
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.event).toEqual(answer.event);
    expect((await events(motion.id)).filter((e) => e.type === 'UNSCHEDULE')).toHaveLength(1);
    expect(await events(id)).toHaveLength(1);
  });

  const at = (stage: Parameters<typeof meetingAt>[2], body?: object) => async (app: TestApp) => ({ ...(await meetingAt(app, asg(), stage)), ...(body ? { body } : {}) });
  const present = (n: number) => ({ personIds: asg().members.slice(0, n) });

  describeCommandContract(
    meetingCommands,
    {
      SEND_INVITATION: { succeeds: at('scheduled', { urgentReason: 'Landesfrist' }), otherBody: { urgentReason: 'Haushaltssperre' }, refused: at('invited', {}) },
      ADD_AGENDA_ITEM: { succeeds: at('scheduled', { title: 'Mitteilungen der Verwaltung', public: true }), otherBody: { title: 'Anfragen', public: true }, refused: at('held', { title: 'Nachtrag', public: true }) },
      RECORD_ATTENDANCE: { succeeds: async (app) => ({ ...(await at('begun')(app)), body: present(9) }), otherBody: { personIds: [] }, refused: async (app) => ({ ...(await at('scheduled')(app)), body: present(9) }) },
      MARK_HELD: { succeeds: at('begun'), refused: at('scheduled') },
      APPROVE_MINUTES: { succeeds: at('held'), refused: at('invited') },
      CANCEL: { succeeds: at('scheduled', { reason: 'Raum nicht verfügbar' }), otherBody: { reason: 'Beschlussunfähigkeit absehbar' }, refused: at('held', { reason: 'zu spät' }) },
    },
    () => t,
    {
      body: (app) => {
        app.clock.set(TIMELINE.created);
        return { bodyId: asg().id, start: TIMELINE.start, location: 'Kreishaus Coesfeld' };
      },
      otherBody: (body) => ({ ...body, location: 'Kreishaus Coesfeld, Sitzungssaal 2' }),
      role: 'clerk',
    },
  );
});
