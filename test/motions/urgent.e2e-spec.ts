import { startTestApp, type TestApp } from '../support/app';
import type { MeetingDetailDto } from '../../src/meetings/dto/meetings.dto';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';
import { both, client, coesfeldMotion, coesfeldSteps, holdMeeting, meeting, release, seedCouncil, tableState, votes, type Api, type Council } from '../support/motions';

/**
 * Urgent decisions (§ 50 Abs. 3 KrO NRW) as agenda items of their meetings, and the Landrat's
 * decision with one member outside a meeting (issue 13, point 2). Every refusal writes nothing and
 * names the allowed steps.
 */
describe('urgent decisions over HTTP', () => {
  let t: TestApp;
  let api: Api;
  let c: Council;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t);
    t.clock.set('2020-07-01T09:00:00+02:00');
    c = await seedCouncil(api);
  });
  afterAll(() => t.close());

  async function refused(path: string, body: object, status: number, code: string) {
    const before = await tableState(t);
    const res = await t.http.post(path).set('Authorization', t.auth('clerk')).send(body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(Array.isArray(res.body.nextSteps)).toBe(true);
    expect(await tableState(t)).toEqual(before);
    return res.body as { detail: string; nextSteps: { command: string; allowed: boolean }[] };
  }

  /** Released on 20.07.2020 for the Coesfeld Beratungsfolge (Integrationsausschuss first). */
  async function released(): Promise<string> {
    t.clock.set('2020-07-20T09:00:00+02:00');
    const { id } = await api.post<MotionDto>('/motions', coesfeldMotion(`SV-9-${4000 + ++n}`, coesfeldSteps(c)), 201);
    await release(api, id);
    return id;
  }

  it('puts a Dringlichkeitsvorlage on a Kreisausschuss special meeting out of step order, decides it there, and the Kreistag approves it as an item of its meeting', async () => {
    const id = await released();
    t.clock.set('2020-08-20T09:00:00+02:00');
    const ka = await meeting(api, c.kreisausschuss.id, '2020-08-24T16:00:00+02:00', 'Kreishaus Coesfeld, Sondersitzung');
    // not on its agenda: the urgent decision is refused, naming both ways onto it
    t.clock.set('2020-08-20T09:05:00+02:00');
    const onAgenda = await api.command.post<MotionDto>(`/motions/${id}/urgent-decision/schedule`, { meetingId: ka.id, urgentReason: 'Antragsfrist des Landes endet am 31.08.2020' });
    expect(onAgenda.consultations[0]).toMatchObject({ role: 'dringlichkeitsentscheidung', bodyName: 'Kreisausschuss', status: 'scheduled', urgentInvitationReason: 'Antragsfrist des Landes endet am 31.08.2020' });
    expect(onAgenda.steps.find((s) => s.current)?.bodyName).toBe('Integrationsausschuss');
    await api.post(`/meetings/${ka.id}/invitation`, { urgentReason: 'Antragsfrist des Landes endet am 31.08.2020' });
    expect((await api.get<MeetingDetailDto>(`/meetings/${ka.id}`)).agenda.map((i) => i.title)).toEqual([expect.stringMatching(/^Dringlichkeitsvorlage SV-9-4001: /)]);

    t.clock.set('2020-08-24T16:30:00+02:00');
    await holdMeeting(api, ka.id, c.kreisausschuss, 14);
    const decided = await api.command.post<MotionDto>(`/motions/${id}/urgent-decision`, { meetingId: ka.id, reason: 'Antragsfrist des Landes', outcomes: both('adopted', votes(13, 1)) });
    expect(decided.status).toBe('urgentDecided');
    expect(decided.consultations[0]).toMatchObject({ role: 'dringlichkeitsentscheidung', status: 'held', meetingId: ka.id, invitationDate: '2020-08-20' });

    t.clock.set('2020-08-25T09:00:00+02:00');
    const kt = await meeting(api, c.kreistag.id, '2020-09-09T17:00:00+02:00');
    const notOn = await refused(`/motions/${id}/urgent-decision/approve`, { meetingId: kt.id, votes: votes(40) }, 422, 'MEETING.NOT_HELD');
    expect(notOn.nextSteps.find((s) => s.command === 'SCHEDULE')).toMatchObject({ allowed: true });
    await api.post(`/motions/${id}/schedule`, { meetingId: kt.id });
    await api.post(`/meetings/${kt.id}/invitation`, {});
    t.clock.set('2020-09-09T18:00:00+02:00');
    await holdMeeting(api, kt.id, c.kreistag, 45);
    const approved = await api.command.post<MotionDto>(`/motions/${id}/urgent-decision/approve`, { meetingId: kt.id, votes: votes(40, 3, 2) });
    expect(approved.status).toBe('decided');
    expect((await api.get<MeetingDetailDto>(`/meetings/${kt.id}`)).agenda).toEqual([
      expect.objectContaining({ title: expect.stringMatching(/^Genehmigung der Dringlichkeitsentscheidung SV-9-4001/), status: 'scheduled', motionId: id }),
    ]);
  });

  it('refuses an urgent decision at a Kreisausschuss meeting whose agenda does not hold the motion, writing nothing', async () => {
    const id = await released();
    t.clock.set('2020-07-21T09:00:00+02:00');
    const ka = await meeting(api, c.kreisausschuss.id, '2020-08-26T16:00:00+02:00');
    t.clock.set('2020-08-18T09:00:00+02:00');
    await api.post(`/meetings/${ka.id}/invitation`, {});
    t.clock.set('2020-08-26T16:30:00+02:00');
    await holdMeeting(api, ka.id, c.kreisausschuss, 14);
    const problem = await refused(`/motions/${id}/urgent-decision`, { meetingId: ka.id, reason: 'Frist', outcomes: both('adopted', votes(14)) }, 422, 'MOTION.NOT_ON_AGENDA');
    expect(problem.detail).toMatch(/as a Dringlichkeitsvorlage \(SCHEDULE_URGENT\)/);
  });

  it('refuses an outcome for the Dringlichkeitsvorlage with the one reason that applies: it is decided with URGENT_DECISION', async () => {
    const id = await released();
    t.clock.set('2020-08-20T09:00:00+02:00');
    const ka = await meeting(api, c.kreisausschuss.id, '2020-08-24T16:00:00+02:00', 'Kreishaus Coesfeld, Sondersitzung');
    await api.post(`/motions/${id}/urgent-decision/schedule`, { meetingId: ka.id, urgentReason: 'Antragsfrist des Landes endet am 31.08.2020' });
    // the meeting is not held and the outcomes lack votes: before, each of these was listed, and none said what to do
    const problem = await refused(`/motions/${id}/outcomes`, { meetingId: ka.id, outcomes: both('adopted') }, 422, 'MOTION.URGENT_ITEM');
    expect(problem.detail).toBe(
      "On the agenda of the meeting of Kreisausschuss on 2020-08-24 the motion is a Dringlichkeitsvorlage: record the Kreisausschuss's decision in place of the Kreistag with URGENT_DECISION (outcomes, votes and the reason), not as an outcome.",
    );
    expect((problem as unknown as { violations: unknown[] }).violations).toHaveLength(1);
    expect(problem.nextSteps.find((s) => s.command === 'RECORD_OUTCOME')).toMatchObject({ allowed: false });
    expect(problem.nextSteps.find((s) => s.command === 'URGENT_DECISION')).toMatchObject({ allowed: true });
  });

  it('refuses a Dringlichkeitsvorlage when even the urgent invitation period is missed', async () => {
    const id = await released();
    t.clock.set('2020-08-24T09:00:00+02:00');
    const ka = await meeting(api, c.kreisausschuss.id, '2020-08-26T16:00:00+02:00');
    const problem = await refused(`/motions/${id}/urgent-decision/schedule`, { meetingId: ka.id, urgentReason: 'Frist' }, 422, 'MOTION.INVITATION_TOO_LATE');
    expect(problem.detail).toMatch(/Even the urgent period of 3 days is not met/);
  });

  it('records the Landrat’s decision with one named member outside a meeting; refuses a member without a seat by name', async () => {
    const id = await released();
    t.clock.set('2020-08-28T09:00:00+02:00');
    const [landrat, member] = c.kreisausschuss.members;
    const stranger = c.integrationsausschuss.members[0]!;
    const reason = 'Der Kreisausschuss kann vor Ablauf der Antragsfrist nicht einberufen werden; der Förderanspruch entfiele.';
    const problem = await refused(`/motions/${id}/urgent-decision/landrat`, { landratPersonId: landrat, memberPersonId: stranger, reason, outcomes: both('adopted') }, 422, 'MOTION.WRONG_BODY');
    expect(problem.detail).toBe('Integrationsausschuss Mitglied 1 holds no seat on Kreisausschuss; the Landrat decides with a member of it.');

    const decided = await api.command.post<MotionDto>(`/motions/${id}/urgent-decision/landrat`, { landratPersonId: landrat, memberPersonId: member, reason, outcomes: both('adopted') });
    expect(decided.status).toBe('urgentDecided');
    expect(decided.decision).toMatchObject({ urgent: true, decidedBy: [{ personId: landrat, name: 'Kreisausschuss Mitglied 1' }, { personId: member, name: 'Kreisausschuss Mitglied 2' }] });
    expect(decided.consultations.at(-1)).toMatchObject({ role: 'dringlichkeitsentscheidung', meetingId: null, status: 'held', reason });
  });
});
