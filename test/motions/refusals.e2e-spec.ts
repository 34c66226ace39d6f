import { startTestApp, type TestApp } from '../support/app';
import type { MeetingDetailDto } from '../../src/meetings/dto/meetings.dto';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';
import {
  both,
  client,
  coesfeldMotion,
  coesfeldSteps,
  DELEGATED,
  holdMeeting,
  LIT_S,
  meeting,
  release,
  seedCouncil,
  tableState,
  votes,
  type Api,
  type Council,
} from '../support/motions';

/**
 * The rules that protect a council decision, each refused over HTTP with its code, and each
 * refusal shown to have written nothing: the event log and every motions table are unchanged.
 */
describe('motion refusals over HTTP', () => {
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

  /** Sends a request that must be refused with `status` and `code`, and checks that nothing was written. */
  async function refused(method: 'post' | 'put', path: string, body: object, status: number, code: string): Promise<{ detail: string; [k: string]: unknown }> {
    const before = await tableState(t);
    const res = await t.http[method](path).set('Authorization', t.auth('clerk')).send(body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await tableState(t)).toEqual(before);
    return res.body as { detail: string; [k: string]: unknown };
  }

  /** A released Coesfeld motion (Integrationsausschuss → ASG → Kreisausschuss → Kreistag), created on 20.07.2020. */
  async function releasedMotion(steps = coesfeldSteps(c)): Promise<string> {
    t.clock.set('2020-07-20T09:00:00+02:00');
    const created = await api.post<MotionDto>('/motions', coesfeldMotion(`SV-9-${1700 + ++n}`, steps), 201);
    await release(api, created.id);
    return created.id;
  }

  /** An Integrationsausschuss meeting on 12.08.2020 with the motion on its agenda, invited, held with `present` members. */
  async function heldWithMotion(id: string, present: number): Promise<MeetingDetailDto> {
    const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: ia.id });
    t.clock.set('2020-08-03T09:00:00+02:00');
    await api.post(`/meetings/${ia.id}/invitation`, {});
    t.clock.set('2020-08-12T18:00:00+02:00');
    return holdMeeting(api, ia.id, c.integrationsausschuss, present);
  }

  it('refuses to release a motion whose deciding body is not competent (a committee deciding a Kreistag matter)', async () => {
    t.clock.set('2020-07-20T09:00:00+02:00');
    const created = await api.post<MotionDto>('/motions', coesfeldMotion('SV-9-1690', [{ bodyId: c.integrationsausschuss.id, role: 'entscheidung' }]), 201);
    await api.post(`/motions/${created.id}/submit`);
    await api.post(`/motions/${created.id}/cosign`, { department: 'Jobcenter' });
    const ready = await api.command.post<MotionDto>(`/motions/${created.id}/cosign`, { department: 'Kämmerei' });
    // the next steps already say why, from the same rule
    expect(ready.nextSteps.find((s) => s.command === 'RELEASE')).toMatchObject({ allowed: false, violations: [expect.objectContaining({ code: 'MOTION.NOT_COMPETENT' })] });

    const problem = await refused('post', `/motions/${created.id}/release`, {}, 422, 'MOTION.NOT_COMPETENT');
    expect(problem.detail).toBe(
      'Integrationsausschuss cannot decide this motion: proposal 1 (§ 26 Abs. 1 lit. s) KrO NRW) is reserved to kreistag; proposal 2 (§ 26 Abs. 1 lit. s) KrO NRW) is reserved to kreistag.',
    );
    expect((await api.get<MotionDto>(`/motions/${created.id}`)).status).toBe('cosigning');
  });

  it('takes a motion whose release was refused back to draft, voiding the co-signatures (issue 13.6)', async () => {
    t.clock.set('2020-07-20T09:00:00+02:00');
    const draft = {
      ...coesfeldMotion('SV-9-1692', [{ bodyId: c.sozialausschuss.id, role: 'entscheidung' }]),
      proposals: [{ key: '1', text: 'Zuschuss an die VHS Dülmen.', legalBasis: LIT_S }],
    };
    const created = await api.post<MotionDto>('/motions', draft, 201);
    await refused('post', `/motions/${created.id}/return-to-draft`, { reason: 'Zuständigkeit klären' }, 409, 'WORKFLOW.EVENT_NOT_ALLOWED');
    await api.post(`/motions/${created.id}/submit`);
    await api.post(`/motions/${created.id}/cosign`, { department: 'Jobcenter' });
    await api.post(`/motions/${created.id}/cosign`, { department: 'Kämmerei' });
    const problem = await refused('post', `/motions/${created.id}/release`, {}, 422, 'MOTION.NOT_COMPETENT');
    expect((problem.nextSteps as { command: string; allowed: boolean }[]).find((s) => s.command === 'RETURN_TO_DRAFT')).toMatchObject({ allowed: true });
    await refused('post', `/motions/${created.id}/return-to-draft`, { reason: ' ' }, 400, 'VALIDATION.FAILED');

    const back = await api.command.post<MotionDto>(`/motions/${created.id}/return-to-draft`, { reason: 'Zuständigkeit klären: Kreistag entscheidet' });
    expect(back.status).toBe('draft');
    expect(back.cosignatures).toEqual([]);
    expect(back.draftReturns).toEqual([
      { reason: 'Zuständigkeit klären: Kreistag entscheidet', at: '2020-07-20T09:00:00.000+02:00', by: expect.any(String), voidedCosignatures: ['Jobcenter', 'Kämmerei'] },
    ]);
    // fixed in draft, it goes round again
    await api.put(`/motions/${created.id}/consultation-sequence`, { steps: [{ bodyId: c.kreistag.id, role: 'entscheidung' }] });
    expect((await release(api, created.id)).status).toBe('awaitingSchedule');
  });

  it('lets a committee decide what the Kreistag delegated to it, and only then', async () => {
    t.clock.set('2020-07-20T09:00:00+02:00');
    const draft = {
      ...coesfeldMotion('SV-9-1691', [{ bodyId: c.sozialausschuss.id, role: 'entscheidung' }]),
      proposals: [{ key: '1', text: 'Zuschuss an die VHS Lüdinghausen für den Vorbereitungskurs.', legalBasis: DELEGATED }],
    };
    const created = await api.post<MotionDto>('/motions', draft, 201);
    await api.post(`/motions/${created.id}/submit`);
    await api.post(`/motions/${created.id}/cosign`, { department: 'Jobcenter' });
    await api.post(`/motions/${created.id}/cosign`, { department: 'Kämmerei' });
    const problem = await refused('post', `/motions/${created.id}/release`, {}, 422, 'MOTION.NOT_COMPETENT');
    expect(problem.detail).toMatch(/rests on Zuständigkeitsordnung § 4.*which is not among its competences/);

    await api.post(`/bodies/${c.sozialausschuss.id}/competences`, { competenceId: c.delegated.id, basis: 'Zuständigkeitsordnung des Kreises Coesfeld § 4' }, 201, 'admin');
    expect((await api.command.post<MotionDto>(`/motions/${created.id}/release`)).status).toBe('awaitingSchedule');
  });

  it('refuses an agenda slot whose invitation would be too late, unless urgent within the shorter period', async () => {
    const id = await releasedMotion();
    const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    t.clock.set('2020-08-09T10:00:00+02:00');
    const problem = await refused('post', `/motions/${id}/schedule`, { meetingId: ia.id }, 422, 'MOTION.INVITATION_TOO_LATE');
    expect(problem.detail).toBe(
      "The invitation would go out on 2020-08-09, 3 days before the meeting on 2020-08-12; the body's invitation period is 6 days. With a recorded urgency reason the shorter period of 3 days would apply.",
    );

    const before = await tableState(t);
    const urgent = await api.command.post<MotionDto>(`/motions/${id}/schedule`, { meetingId: ia.id, urgentReason: 'Förderaufruf des Landes endet am 31.08.2020' });
    // the fingerprint sees an accepted command's writes (event, projection, agenda item)
    const after = await tableState(t);
    expect(['workflow_events', 'workflow_instances', 'motions', 'agenda_items'].map((table) => after[table] === before[table])).toEqual([false, false, false, false]);
    expect(urgent.consultations[0]).toMatchObject({ status: 'scheduled', invitationDate: null, urgentInvitationReason: 'Förderaufruf des Landes endet am 31.08.2020' });
  });

  it('refuses a second open agenda slot at the same body', async () => {
    const id = await releasedMotion();
    const first = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    const second = await meeting(api, c.integrationsausschuss.id, '2020-08-26T17:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: first.id });

    const problem = await refused('post', `/motions/${id}/schedule`, { meetingId: second.id }, 422, 'MOTION.ALREADY_ON_OPEN_AGENDA');
    expect(problem.detail).toBe('The motion is already on the agenda of the meeting of Integrationsausschuss on 2020-08-12; remove it there (UNSCHEDULE) before placing it on another.');

    // taken off the first agenda (abgesetzt), it may go on the second
    await api.post(`/motions/${id}/unschedule`, { meetingId: first.id, reason: 'Beratungsbedarf in den Fraktionen' });
    const moved = await api.command.post<MotionDto>(`/motions/${id}/schedule`, { meetingId: second.id, public: false });
    expect(moved.consultations.map((x) => [x.meetingId, x.status, x.removedReason])).toEqual([
      [first.id, 'removed', 'Beratungsbedarf in den Fraktionen'],
      [second.id, 'scheduled', null],
    ]);
    const agendas = await Promise.all([first, second].map((m) => api.get<MeetingDetailDto>(`/meetings/${m.id}`)));
    expect(agendas.map((a) => a.agenda.map((i) => [i.number, i.status, i.public, i.removedReason]))).toEqual([
      [[null, 'removed', true, 'Beratungsbedarf in den Fraktionen']],
      [[1, 'scheduled', false, null]],
    ]);
  });

  it('gives one of two concurrent agenda slots at the same body, never both', async () => {
    const id = await releasedMotion();
    const meetings = await Promise.all(['2020-08-12T17:00:00+02:00', '2020-08-26T17:00:00+02:00'].map((start) => meeting(api, c.integrationsausschuss.id, start)));
    const answers = await Promise.all(meetings.map((m) => t.http.post(`/motions/${id}/schedule`).set('Authorization', t.auth('clerk')).send({ meetingId: m.id })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    expect(answers.find((a) => a.status === 422)!.body.code).toBe('MOTION.ALREADY_ON_OPEN_AGENDA');
    const agendas = await Promise.all(meetings.map((m) => api.get<MeetingDetailDto>(`/meetings/${m.id}`)));
    expect(agendas.flatMap((a) => a.agenda).filter((i) => i.motionId === id)).toHaveLength(1);
  });

  it('refuses outcomes of a body that was not quorate', async () => {
    const id = await releasedMotion();
    const ia = await heldWithMotion(id, 7);
    expect(ia.attendance).toMatchObject({ presentMembers: 7, statutoryMembers: 15, quorate: false });
    const problem = await refused('post', `/motions/${id}/outcomes`, { meetingId: ia.id, outcomes: both('recommended', votes(7)) }, 422, 'MOTION.NO_QUORUM');
    expect(problem.detail).toBe('Integrationsausschuss was not quorate: 7 of 15 statutory members present, more than half (8) are needed.');
  });

  it('refuses a result that contradicts the votes', async () => {
    const id = await releasedMotion();
    const ia = await heldWithMotion(id, 13);
    const outcomes = [
      { proposalKey: '1', outcome: 'recommended', votes: votes(10, 3) },
      { proposalKey: '2', outcome: 'recommended', votes: votes(3, 10) },
    ];
    const problem = await refused('post', `/motions/${id}/outcomes`, { meetingId: ia.id, outcomes }, 422, 'MOTION.RESULT_CONTRADICTS_VOTES');
    expect(problem.detail).toBe(
      'The result contradicts the votes: proposal 2 is recorded as recommended, but 3 Ja, 10 Nein, 0 Enthaltung, 0 befangen does not carry it (it needs more Ja than Nein).',
    );
    // recorded as not recommended, the same votes are accepted
    const fixed = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, { meetingId: ia.id, outcomes: [outcomes[0], { ...outcomes[1], outcome: 'notRecommended' }] });
    expect(fixed.consultations[0]!.results.map((r) => r.outcome)).toEqual(['recommended', 'notRecommended']);
  });

  it('refuses outcomes before the meeting is held, and after its minutes are approved', async () => {
    const id = await releasedMotion();
    const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: ia.id });
    const early = await refused('post', `/motions/${id}/outcomes`, { meetingId: ia.id, outcomes: both('postponed') }, 422, 'MEETING.NOT_HELD');
    expect(early.detail).toMatch(/mark it as held/);

    t.clock.set('2020-08-03T09:00:00+02:00');
    await api.post(`/meetings/${ia.id}/invitation`, {});
    t.clock.set('2020-08-12T18:00:00+02:00');
    await holdMeeting(api, ia.id, c.integrationsausschuss, 13);
    await api.post(`/meetings/${ia.id}/minutes-approval`);
    const late = await refused('post', `/motions/${id}/outcomes`, { meetingId: ia.id, outcomes: both('postponed') }, 422, 'MEETING.NOT_HELD');
    expect(late.detail).toMatch(/minutes of this meeting are approved/);
  });

  it('answers an approval of an urgent decision that was never taken with “nothing to approve” and the allowed steps (issue 13.7)', async () => {
    const id = await releasedMotion([{ bodyId: c.kreistag.id, role: 'entscheidung' }]);
    const kt = await meeting(api, c.kreistag.id, '2020-09-02T17:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: kt.id });
    for (const [path, extra, verb] of [['approve', {}, 'approve'], ['revoke', { reason: 'Kein Bedarf' }, 'revoke']] as const) {
      const problem = await refused('post', `/motions/${id}/urgent-decision/${path}`, { meetingId: kt.id, votes: votes(40, 5), ...extra }, 409, 'MOTION.NO_URGENT_DECISION');
      expect(problem.detail).toBe(`There is nothing to ${verb}: no Dringlichkeitsentscheidung (§ 50 Abs. 3 KrO NRW) was taken on this motion.`);
      const steps = problem.nextSteps as { command: string; allowed: boolean }[];
      expect(steps.filter((s) => s.allowed).map((s) => s.command)).toEqual(expect.arrayContaining(['UNSCHEDULE', 'RECORD_OUTCOME']));
    }
  });

  it('says what to do instead when the meeting is held and its agenda closed (issue 13.7)', async () => {
    const id = await releasedMotion();
    const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    t.clock.set('2020-08-03T09:00:00+02:00');
    await api.post(`/meetings/${ia.id}/invitation`, {});
    t.clock.set('2020-08-12T18:00:00+02:00');
    await holdMeeting(api, ia.id, c.integrationsausschuss, 13);
    const problem = await refused('post', `/motions/${id}/schedule`, { meetingId: ia.id }, 422, 'MEETING.AGENDA_CLOSED');
    // the first reason says what to do instead; the motion's own rules (date, Ladungsfrist) follow
    expect(problem.detail).toMatch(
      /^The meeting is held; its agenda can no longer change\. Put the item on the agenda of a later meeting of the body \(the next regular one, or a special meeting with the urgent invitation period and a reason\)\./,
    );
    expect((problem.nextSteps as { command: string; allowed: boolean }[]).find((s) => s.command === 'SCHEDULE')).toMatchObject({ allowed: true });
  });

  it('refuses to withdraw a decided motion', async () => {
    const id = await releasedMotion([{ bodyId: c.kreistag.id, role: 'entscheidung' }]);
    const kt = await meeting(api, c.kreistag.id, '2020-09-02T17:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: kt.id });
    t.clock.set('2020-08-20T09:00:00+02:00');
    await api.post(`/meetings/${kt.id}/invitation`, {});
    t.clock.set('2020-09-02T18:00:00+02:00');
    await holdMeeting(api, kt.id, c.kreistag, 48);
    await api.post(`/motions/${id}/outcomes`, { meetingId: kt.id, outcomes: both('adopted', votes(40, 8)) });

    const problem = await refused('post', `/motions/${id}/withdraw`, { reason: 'Landesprogramm eingestellt' }, 409, 'MOTION.ALREADY_DECIDED');
    expect(problem.detail).toBe('Kreistag decided this motion on 2020-09-02; a decided motion can no longer be withdrawn.');
    // CLOSE is offered but blocked until the implementation is done: only what the rules allow now is listed
    expect(problem.allowedEvents).toEqual(['ADD_TASK']);
  });

  it('withdraws an undecided motion and takes it off every agenda', async () => {
    const id = await releasedMotion();
    const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: ia.id });
    const withdrawn = await api.command.post<MotionDto>(`/motions/${id}/withdraw`, { reason: 'Landesprogramm eingestellt' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawal: { reason: 'Landesprogramm eingestellt', by: 'demo-clerk' }, nextSteps: [] });
    const agenda = await api.get<MeetingDetailDto>(`/meetings/${ia.id}`);
    expect(agenda.agenda).toEqual([expect.objectContaining({ status: 'removed', removedReason: 'Zurückgezogen: Landesprogramm eingestellt' })]);
  });

  it('refuses facts the client may not supply, and unknown references', async () => {
    const id = await releasedMotion();
    const ia = await heldWithMotion(id, 13);
    await refused('post', `/motions/${id}/outcomes`, { meetingId: ia.id, outcomes: both('recommended', votes(13)), attendance: { present: 15, statutoryMembers: 15 } }, 400, 'VALIDATION.FAILED');
    await refused('post', `/motions/${id}/schedule`, { meetingId: ia.id, bodyId: c.kreistag.id }, 400, 'VALIDATION.FAILED');
    await refused('post', '/motions', { ...coesfeldMotion('SV-9-1999'), proposals: [{ key: '1', text: 'x', legalBasis: '§ 99 KrO NRW' }] }, 422, 'MOTION.UNKNOWN_LEGAL_BASIS');
    await refused('post', '/motions', coesfeldMotion('SV-9-1999', [{ bodyId: '00000000-0000-4000-8000-000000000000', role: 'entscheidung' }]), 422, 'MOTION.UNKNOWN_BODY');
    await refused('post', '/motions', coesfeldMotion(`SV-9-${1700 + n}`), 409, 'MOTION.REFERENCE_EXISTS');
    await refused('post', `/motions/${id}/schedule`, { meetingId: '00000000-0000-4000-8000-000000000000' }, 422, 'MEETING.UNKNOWN');
  });

  it('lets readers read and only clerks and admins write', async () => {
    const id = await releasedMotion();
    for (const role of ['office', 'auditor'] as const) {
      const res = await t.http.post(`/motions/${id}/withdraw`).set('Authorization', t.auth(role)).send({ reason: 'x' });
      expect(res.status).toBe(403);
    }
    expect((await t.http.get(`/motions/${id}`).set('Authorization', t.auth('office'))).status).toBe(200);
  });
});
