import { startTestApp, type TestApp } from '../support/app';
import type { MeetingDetailDto } from '../../src/meetings/dto/meetings.dto';
import type { ImplementationReportDto, MotionDto, MotionPageDto, OverdueTaskDto } from '../../src/motions/dto/motion-view.dto';
import { both, client, coesfeldMotion, coesfeldSteps, holdMeeting, LIT_S, meeting, PROPOSAL_1, PROPOSAL_2, seedCouncil, votes, type Api, type Council } from '../support/motions';

/**
 * The real case: Kreis Coesfeld, summer 2020. The motion on "Durchstarten in Ausbildung und
 * Arbeit" / "Gemeinsam klappt's" goes from the Integrationsausschuss via the Kreisausschuss to the
 * Kreistag, which adopts both proposals; the Ausschuss für Arbeit, Soziales, Senioren und
 * Gesundheit takes note on 19.08.2020. Driven through the HTTP API with the clock in 2020.
 */
describe('the Coesfeld motion through the HTTP API', () => {
  let t: TestApp;
  let api: Api;
  let c: Council;
  let id: string;
  const m: Record<'ia' | 'asg' | 'ka' | 'kt', MeetingDetailDto> = {} as never;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t);
    t.clock.set('2020-07-20T09:00:00+02:00');
    c = await seedCouncil(api);
    m.ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    m.asg = await meeting(api, c.sozialausschuss.id, '2020-08-19T17:00:00+02:00');
    m.ka = await meeting(api, c.kreisausschuss.id, '2020-08-26T16:00:00+02:00');
    m.kt = await meeting(api, c.kreistag.id, '2020-09-02T17:00:00+02:00');
  });
  afterAll(() => t.close());

  const step = (s: MotionDto, command: string) => s.nextSteps.find((n) => n.command === command);

  it('drafts the motion with its outline, two proposals on § 26 Abs. 1 lit. s) KrO NRW and the Beratungsfolge', async () => {
    const created = await api.post<MotionDto>('/motions', coesfeldMotion('SV-9-1600/1'), 201);
    id = created.id;
    expect(created).toMatchObject({ reference: 'SV-9-1600/1', status: 'draft', department: 'Kommunales Integrationszentrum', requiredCosigners: ['Jobcenter', 'Kämmerei'] });
    expect(created.outline.alternatives).toBe('keine');
    expect(created.proposals.map((p) => [p.key, p.text, p.legalBasis.citation, p.legalBasis.competentBodyKinds])).toEqual([
      ['1', PROPOSAL_1, LIT_S, ['kreistag']],
      ['2', PROPOSAL_2, LIT_S, ['kreistag']],
    ]);
    expect(step(created, 'SUBMIT_FOR_COSIGNING')).toMatchObject({ allowed: false, violations: [expect.objectContaining({ code: 'MOTION.NO_DECIDING_STEP' })] });

    const sequenced = await api.command.put<MotionDto>(`/motions/${id}/consultation-sequence`, { steps: coesfeldSteps(c) });
    expect(sequenced.steps.map((s) => [s.bodyName, s.role])).toEqual([
      ['Integrationsausschuss', 'vorberatung'],
      ['Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', 'kenntnisnahme'],
      ['Kreisausschuss', 'vorberatung'],
      ['Kreistag', 'entscheidung'],
    ]);
    expect(step(sequenced, 'SUBMIT_FOR_COSIGNING')).toMatchObject({ allowed: true, hint: 'Co-signing by Jobcenter, Kämmerei', method: 'POST', path: `/motions/${sequenced.id}/submit` });
  });

  it('is co-signed by the Jobcenter and the Kämmerei and released for the Kreistag', async () => {
    t.clock.set('2020-07-21T10:00:00+02:00');
    const submitted = await api.command.post<MotionDto>(`/motions/${id}/submit`);
    expect(submitted.status).toBe('cosigning');
    expect(step(submitted, 'RELEASE')).toMatchObject({ allowed: false, violations: [expect.objectContaining({ code: 'MOTION.COSIGN_MISSING' })], reason: 'Co-signature missing from Jobcenter, Kämmerei.' });
    await api.post(`/motions/${id}/cosign`, { department: 'Jobcenter' });
    const cosigned = await api.command.post<MotionDto>(`/motions/${id}/cosign`, { department: 'Kämmerei' });
    expect(step(cosigned, 'RELEASE')).toMatchObject({ allowed: true });

    const released = await api.command.post<MotionDto>(`/motions/${id}/release`);
    expect(released).toMatchObject({ status: 'awaitingSchedule', releasedAt: '2020-07-21T10:00:00.000+02:00' });
    expect(released.steps.find((s) => s.current)?.bodyName).toBe('Integrationsausschuss');
    expect(released.proposals.every((p) => p.versions.every((v) => v.released))).toBe(true);
  });

  it('goes on the agendas of the Integrationsausschuss and, for information, of the ASG on 19.08.2020', async () => {
    t.clock.set('2020-07-22T10:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: m.ia.id });
    const scheduled = await api.command.post<MotionDto>(`/motions/${id}/schedule`, { meetingId: m.asg.id });
    expect(scheduled.status).toBe('scheduled');
    expect(scheduled.consultations.map((x) => [x.no, x.bodyName, x.role, x.status, x.meetingStart])).toEqual([
      [1, 'Integrationsausschuss', 'vorberatung', 'scheduled', '2020-08-12T17:00:00.000+02:00'],
      [2, 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', 'kenntnisnahme', 'scheduled', '2020-08-19T17:00:00.000+02:00'],
    ]);
    expect(scheduled.kenntnisnahme).toEqual([{ stepIndex: 1, bodyId: c.sozialausschuss.id, bodyName: 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', noted: false, meetingId: m.asg.id }]);

    const agenda = await api.get<MeetingDetailDto>(`/meetings/${m.ia.id}`);
    expect(agenda.agenda).toEqual([
      expect.objectContaining({ number: 1, position: 1, public: true, motionId: id, consultationNo: 1, status: 'scheduled', title: expect.stringMatching(/^SV-9-1600\/1: Umsetzung/) as unknown }),
    ]);
  });

  it('is recommended by the Integrationsausschuss on 12.08.2020', async () => {
    t.clock.set('2020-08-03T09:00:00+02:00');
    await api.post(`/meetings/${m.ia.id}/invitation`, {});
    t.clock.set('2020-08-10T09:00:00+02:00');
    await api.post(`/meetings/${m.asg.id}/invitation`, {});

    t.clock.set('2020-08-12T17:05:00+02:00');
    const held = await holdMeeting(api, m.ia.id, c.integrationsausschuss, 13);
    expect(held.attendance).toMatchObject({ presentMembers: 13, statutoryMembers: 15, quorate: true });
    t.clock.set('2020-08-12T18:10:00+02:00');
    const after = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, { meetingId: m.ia.id, outcomes: both('recommended', votes(12, 0, 1)) });
    expect(after.status).toBe('awaitingSchedule');
    expect(after.steps.find((s) => s.current)?.bodyName).toBe('Kreisausschuss');
    expect(after.consultations[0]).toMatchObject({
      status: 'held',
      attendance: { present: 13, statutoryMembers: 15 },
      results: [
        { proposalKey: '1', outcome: 'recommended', votes: votes(12, 0, 1), deliberatedVersion: 1, newVersion: null },
        { proposalKey: '2', outcome: 'recommended', votes: votes(12, 0, 1), deliberatedVersion: 1, newVersion: null },
      ],
    });
  });

  it('records the Kenntnisnahme of the Ausschuss für Arbeit, Soziales, Senioren und Gesundheit on 19.08.2020', async () => {
    t.clock.set('2020-08-13T09:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: m.ka.id });

    t.clock.set('2020-08-19T17:30:00+02:00');
    await holdMeeting(api, m.asg.id, c.sozialausschuss, 11);
    const noted = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, { meetingId: m.asg.id, outcomes: both('takenNote') });
    expect(noted.kenntnisnahme).toEqual([expect.objectContaining({ bodyName: 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', noted: true, meetingId: null })]);
    expect(noted.consultations.find((x) => x.role === 'kenntnisnahme')).toMatchObject({
      status: 'held',
      meetingId: m.asg.id,
      meetingStart: '2020-08-19T17:00:00.000+02:00',
      heldAt: '2020-08-19T17:30:00.000+02:00',
      results: [expect.objectContaining({ outcome: 'takenNote' }), expect.objectContaining({ outcome: 'takenNote' })],
    });
    // noting did not move the motion: it waits for the Kreisausschuss
    expect(noted.status).toBe('scheduled');
    expect(noted.steps.find((s) => s.current)?.bodyName).toBe('Kreisausschuss');
  });

  it('is recommended by the Kreisausschuss to the Kreistag on 26.08.2020', async () => {
    t.clock.set('2020-08-17T09:00:00+02:00');
    await api.post(`/meetings/${m.ka.id}/invitation`, {});
    t.clock.set('2020-08-26T16:00:00+02:00');
    await holdMeeting(api, m.ka.id, c.kreisausschuss, 15);
    t.clock.set('2020-08-26T17:00:00+02:00');
    const after = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, { meetingId: m.ka.id, outcomes: both('recommended', votes(14, 1)) });
    expect(after.steps.find((s) => s.current)?.bodyName).toBe('Kreistag');
    expect(after.status).toBe('awaitingSchedule');
  });

  it('is adopted by the Kreistag on 02.09.2020', async () => {
    t.clock.set('2020-08-27T08:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: m.kt.id });
    const invited = (await api.post<{ meeting: MeetingDetailDto }>(`/meetings/${m.kt.id}/invitation`, {})).meeting;
    expect(invited).toMatchObject({ state: 'invited', invitationDate: '2020-08-27', urgentInvitationReason: null });

    t.clock.set('2020-09-02T17:05:00+02:00');
    await holdMeeting(api, m.kt.id, c.kreistag, 50);
    t.clock.set('2020-09-02T19:00:00+02:00');
    const decided = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, {
      meetingId: m.kt.id,
      outcomes: [
        { proposalKey: '1', outcome: 'adopted', votes: votes(47, 2, 1) },
        { proposalKey: '2', outcome: 'adopted', votes: votes(45, 3, 2) },
      ],
    });
    expect(decided.status).toBe('decided');
    expect(decided.decision).toEqual({
      consultationNo: 4,
      bodyId: c.kreistag.id,
      bodyName: 'Kreistag',
      at: '2020-09-02T19:00:00.000+02:00',
      urgent: false,
      outcomes: [
        { proposalKey: '1', outcome: 'adopted' },
        { proposalKey: '2', outcome: 'adopted' },
      ],
      approvalConsultationNo: null,
    });
    expect(decided.consultations.map((x) => [x.bodyName, x.role, x.status, x.results.map((r) => r.outcome)])).toEqual([
      ['Integrationsausschuss', 'vorberatung', 'held', ['recommended', 'recommended']],
      ['Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', 'kenntnisnahme', 'held', ['takenNote', 'takenNote']],
      ['Kreisausschuss', 'vorberatung', 'held', ['recommended', 'recommended']],
      ['Kreistag', 'entscheidung', 'held', ['adopted', 'adopted']],
    ]);
    expect(decided.proposals.map((p) => p.versions.length)).toEqual([1, 1]);
    expect(decided.nextSteps.filter((s) => s.allowed).map((s) => s.command)).toEqual(['ADD_TASK']);
    expect(step(decided, 'WITHDRAW')).toBeUndefined();
    expect(step(decided, 'SCHEDULE')).toMatchObject({ allowed: false, violations: [expect.objectContaining({ code: 'MOTION.STEP_NOT_CURRENT' })] });
    expect(step(decided, 'CLOSE')).toMatchObject({ allowed: false, violations: [expect.objectContaining({ code: 'MOTION.IMPLEMENTATION_REQUIRED' })] });

    // a refusal lists as allowedEvents exactly what the next steps mark allowed (one source)
    const refusal = await t.http.post(`/motions/${id}/outcomes`).set('Authorization', t.auth('clerk')).send({ meetingId: m.kt.id, outcomes: both('adopted', votes(47, 2, 1)) });
    expect([409, 422]).toContain(refusal.status);
    const problem = refusal.body as { allowedEvents?: string[]; nextSteps?: { command: string; allowed: boolean }[] };
    expect(problem.allowedEvents).toEqual(['ADD_TASK']);
    expect(problem.nextSteps).toEqual(decided.nextSteps);
  });

  it('has every change in the hash-chained audit log, with the facts the service looked up', async () => {
    const history = await api.get<{ total: number; items: { seq: number; type: string; payload: Record<string, unknown>; actor: { id: string } }[] }>(
      `/instances/${id}/events?pageSize=100`,
    );
    expect(history.items.map((e) => e.type)).toEqual([
      'SET_CONSULTATION_SEQUENCE',
      'SUBMIT_FOR_COSIGNING',
      'COSIGN',
      'COSIGN',
      'RELEASE',
      'SCHEDULE',
      'SCHEDULE',
      'RECORD_OUTCOME',
      'SCHEDULE',
      'RECORD_OUTCOME',
      'RECORD_OUTCOME',
      'SCHEDULE',
      'RECORD_OUTCOME',
    ]);
    const releaseEvent = history.items.find((e) => e.type === 'RELEASE')!;
    expect((releaseEvent.payload.competences as Record<string, string[]>)[c.kreistag.id]).toContain(LIT_S);
    const ktSchedule = history.items.filter((e) => e.type === 'SCHEDULE')[3]!;
    expect(ktSchedule.payload).toMatchObject({ meetingId: m.kt.id, bodyId: c.kreistag.id, invitationPeriodDays: 6, urgentInvitationPeriodDays: 3, openAgendaMeetingIds: [] });
    const ktOutcome = history.items[history.items.length - 1]!;
    expect(ktOutcome.payload).toMatchObject({ attendance: { present: 50, statutoryMembers: 55 } });
    expect(ktOutcome.actor.id).toBe('demo-clerk');
  });

  it('lists the motion by body and status', async () => {
    const byKreistag = await api.get<MotionPageDto>(`/motions?bodyId=${c.kreistag.id}&status=decided,implementation`);
    expect(byKreistag).toMatchObject({ total: 1, items: [{ id, reference: 'SV-9-1600/1', status: 'decided', decidingBodyName: 'Kreistag' }] });
    expect((await api.get<MotionPageDto>(`/motions?decidingBodyId=${c.integrationsausschuss.id}`)).total).toBe(0);
    expect((await api.get<MotionPageDto>(`/motions?status=draft`)).total).toBe(0);
    expect((await api.get<MotionPageDto>(`/motions?q=1600`)).items.map((i) => i.id)).toEqual([id]);
  });

  it('tracks the implementation (Beschlusskontrolle) until it is done', async () => {
    for (const x of Object.values(m)) await api.post(`/meetings/${x.id}/minutes-approval`);

    t.clock.set('2020-09-03T09:00:00+02:00');
    await api.post(`/motions/${id}/tasks`, { taskId: 'T-1', title: 'Weiterleitungsverträge mit den ausgewählten Trägern schließen', owner: 'Kommunales Integrationszentrum', dueDate: '2020-11-30', proposalKey: '1' }, 201);
    const tasked = await api.command.post<MotionDto>(`/motions/${id}/tasks`, { taskId: 'T-2', title: 'Eigenanteil 2020 aus der Integrationspauschale einplanen', owner: 'Kämmerei', dueDate: '2020-09-30', proposalKey: '2' }, 201);
    expect(tasked.status).toBe('implementation');

    t.clock.set('2020-10-05T09:00:00+02:00');
    const overdue = await api.get<OverdueTaskDto[]>('/implementation/overdue-tasks');
    expect(overdue).toEqual([expect.objectContaining({ motionId: id, reference: 'SV-9-1600/1', task: expect.objectContaining({ taskId: 'T-2', state: 'overdue', dueDate: '2020-09-30' }) as unknown })]);
    expect(await api.get<ImplementationReportDto[]>('/implementation/report')).toEqual([{ bodyId: c.kreistag.id, bodyName: 'Kreistag', motions: 1, onTrack: 1, overdue: 1, done: 0, cancelled: 0 }]);

    await api.patch(`/motions/${id}/tasks/T-2`, { status: 'done', report: 'Im Haushalt 2020 eingeplant.' });
    const early = await t.http.post(`/motions/${id}/complete-implementation`).set('Authorization', t.auth('clerk'));
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('MOTION.TASKS_OPEN');
    expect(await api.get<OverdueTaskDto[]>('/implementation/overdue-tasks')).toEqual([]);

    await api.patch(`/motions/${id}/tasks/T-1`, { status: 'done', report: 'Verträge mit Caritas und VHS Lüdinghausen geschlossen.' });
    const done = await api.command.post<MotionDto>(`/motions/${id}/complete-implementation`);
    expect(done.status).toBe('done');
    expect(done.tasks.map((x) => [x.taskId, x.state, x.reports.length])).toEqual([
      ['T-1', 'done', 1],
      ['T-2', 'done', 1],
    ]);
    expect(await api.get<ImplementationReportDto[]>(`/implementation/report?bodyId=${c.kreistag.id}`)).toEqual([
      { bodyId: c.kreistag.id, bodyName: 'Kreistag', motions: 1, onTrack: 0, overdue: 0, done: 2, cancelled: 0 },
    ]);
    expect(done.nextSteps).toEqual([]);
  });

  it('verifies: the hash chain links and replaying the log gives the stored motion', async () => {
    expect(await api.get(`/audit/instances/${id}/verify`)).toMatchObject({ ok: true, instances: 1, events: 18, firstBreak: null });
  });

  it('documents the motion endpoints in the OpenAPI document', async () => {
    const doc = await api.get<{ paths: Record<string, unknown> }>('/docs-json');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/motions', '/motions/{id}', '/motions/{id}/schedule', '/motions/{id}/outcomes', '/meetings/{id}/cancellation', '/bodies/{id}/memberships', '/implementation/report']),
    );
  });

  it('keeps the generic engine API from sending motion events without the looked-up facts', async () => {
    const res = await t.http.post(`/instances/${id}/events`).set('Authorization', t.auth('clerk')).send({ type: 'WITHDRAW', payload: { reason: 'x' } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('WORKFLOW.USE_DOMAIN_API');
  });
});
