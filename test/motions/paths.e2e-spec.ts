import { startTestApp, type TestApp } from '../support/app';
import type { BodyDetailDto } from '../../src/council/dto/council.dto';
import type { MeetingDetailDto, MeetingPageDto } from '../../src/meetings/dto/meetings.dto';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';
import { both, client, coesfeldMotion, holdMeeting, LIT_S, meeting, PROPOSAL_2, release, seedCouncil, tableState, votes, type Api, type Council } from '../support/motions';

/**
 * The other ways through: amendments (all versions kept), the urgent decision (§ 50 Abs. 3 KrO NRW)
 * approved or revoked, a referral back, a cancelled meeting; and the meeting lifecycle and master
 * data rules with their codes.
 */
describe('motion paths, meetings and master data over HTTP', () => {
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

  async function refused(method: 'post' | 'put', path: string, body: object, status: number, code: string, role: 'clerk' | 'admin' = 'clerk'): Promise<{ detail: string }> {
    const before = await tableState(t);
    const res = await t.http[method](path).set('Authorization', t.auth(role)).send(body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(await tableState(t)).toEqual(before);
    return res.body as { detail: string; [k: string]: unknown };
  }

  async function releasedMotion(steps: { bodyId: string; role: string }[]): Promise<string> {
    t.clock.set('2020-07-20T09:00:00+02:00');
    const created = await api.post<MotionDto>('/motions', coesfeldMotion(`SV-9-${1800 + ++n}`, steps), 201);
    await release(api, created.id);
    return created.id;
  }

  /** Schedules the motion on a new meeting of `body`, invites 7 days ahead and holds it with `present` members. */
  async function deliberate(id: string, body: Council['kreistag'], start: string, present: number): Promise<MeetingDetailDto> {
    t.clock.set(new Date(Date.parse(start) - 20 * 86_400_000));
    const m = await meeting(api, body.id, start);
    await api.post(`/motions/${id}/schedule`, { meetingId: m.id });
    t.clock.set(new Date(Date.parse(start) - 7 * 86_400_000));
    await api.post(`/meetings/${m.id}/invitation`, {});
    t.clock.set(new Date(Date.parse(start) + 3_600_000));
    return holdMeeting(api, m.id, body, present);
  }

  it('keeps every version of an amended proposal readable', async () => {
    const id = await releasedMotion([
      { bodyId: c.integrationsausschuss.id, role: 'vorberatung' },
      { bodyId: c.kreistag.id, role: 'entscheidung' },
    ]);
    const v2 = PROPOSAL_2.replace('einen Teil der Mittel', 'bis zu 13.500 EUR der Mittel');
    const v3 = `${v2} Über die Verwendung ist dem Integrationsausschuss zu berichten.`;

    const ia = await deliberate(id, c.integrationsausschuss, '2020-08-12T17:00:00+02:00', 14);
    await api.post(`/motions/${id}/outcomes`, {
      meetingId: ia.id,
      outcomes: [
        { proposalKey: '1', outcome: 'recommended', votes: votes(14) },
        { proposalKey: '2', outcome: 'recommendedWithAmendment', votes: votes(11, 3), amendedText: v2 },
      ],
    });
    const kt = await deliberate(id, c.kreistag, '2020-09-02T17:00:00+02:00', 52);
    const decided = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, {
      meetingId: kt.id,
      outcomes: [
        { proposalKey: '1', outcome: 'adopted', votes: votes(50, 2) },
        { proposalKey: '2', outcome: 'adoptedWithAmendment', votes: votes(30, 20, 2), amendedText: v3 },
      ],
    });
    expect(decided.status).toBe('decided');

    const read = await api.get<MotionDto>(`/motions/${id}`, 200, 'auditor');
    const p2 = read.proposals.find((p) => p.key === '2')!;
    expect(p2).toMatchObject({ currentVersion: 3, text: v3, legalBasis: { citation: LIT_S } });
    expect(p2.versions.map((v) => [v.version, v.text, v.origin.by, v.origin.bodyName ?? null, v.origin.meetingId ?? null])).toEqual([
      [1, PROPOSAL_2, 'administration', null, null],
      [2, v2, 'body', 'Integrationsausschuss', ia.id],
      [3, v3, 'body', 'Kreistag', kt.id],
    ]);
    expect(read.proposals.find((p) => p.key === '1')!.versions).toHaveLength(1);
    // each body deliberated on the version before it, and the record says which
    expect(read.consultations.map((x) => x.results.find((r) => r.proposalKey === '2'))).toEqual([
      expect.objectContaining({ outcome: 'recommendedWithAmendment', deliberatedVersion: 1, newVersion: 2 }),
      expect.objectContaining({ outcome: 'adoptedWithAmendment', deliberatedVersion: 2, newVersion: 3 }),
    ]);
    // the decision names the adopted version and its text: the Kreistag's amended one for proposal 2
    expect(read.decision?.outcomes).toEqual([
      { proposalKey: '1', outcome: 'adopted', adoptedVersion: 1, adoptedText: read.proposals[0]!.versions[0]!.text },
      { proposalKey: '2', outcome: 'adoptedWithAmendment', adoptedVersion: 3, adoptedText: read.proposals[1]!.versions[2]!.text },
    ]);
  });

  it('takes an urgent decision of the Kreisausschuss to the Kreistag, which approves it', async () => {
    const id = await releasedMotion([
      { bodyId: c.kreisausschuss.id, role: 'vorberatung' },
      { bodyId: c.kreistag.id, role: 'entscheidung' },
    ]);
    const ka = await deliberate(id, c.kreisausschuss, '2020-08-26T16:00:00+02:00', 12);
    const urgent = await api.command.post<MotionDto>(`/motions/${id}/urgent-decision`, {
      meetingId: ka.id,
      reason: 'Der Kreistag tritt vor Ablauf der Antragsfrist des Landes nicht mehr zusammen.',
      outcomes: both('adopted', votes(11, 1)),
    });
    expect(urgent.status).toBe('urgentDecided');
    expect(urgent.decision).toMatchObject({ urgent: true, bodyName: 'Kreisausschuss', approvalConsultationNo: null });
    // the agenda item it was on became the urgent decision: the meeting's agenda still shows it (issue 13.2)
    expect(urgent.consultations.map((x) => [x.role, x.status, x.meetingId])).toEqual([['dringlichkeitsentscheidung', 'held', ka.id]]);
    expect((await api.get<MeetingDetailDto>(`/meetings/${ka.id}`)).agenda).toEqual([expect.objectContaining({ status: 'scheduled', motionId: id })]);

    t.clock.set('2020-08-27T09:00:00+02:00');
    const kt = await meeting(api, c.kreistag.id, '2020-09-09T17:00:00+02:00');
    // approving needs the approval on the Kreistag's agenda
    await refused('post', `/motions/${id}/urgent-decision/approve`, { meetingId: kt.id, votes: votes(40) }, 422, 'MEETING.NOT_HELD');
    await api.post(`/motions/${id}/schedule`, { meetingId: kt.id });
    expect((await api.get<MeetingDetailDto>(`/meetings/${kt.id}`)).agenda).toEqual([expect.objectContaining({ title: expect.stringMatching(/^Genehmigung der Dringlichkeitsentscheidung SV-/) })]);
    await api.post(`/meetings/${kt.id}/invitation`, {});
    await refused('post', `/motions/${id}/urgent-decision/approve`, { meetingId: kt.id, votes: votes(40) }, 422, 'MEETING.NOT_HELD');
    await refused('post', `/motions/${id}/urgent-decision/approve`, { meetingId: ka.id, votes: votes(12) }, 422, 'MOTION.WRONG_BODY');
    t.clock.set('2020-09-09T18:00:00+02:00');
    await api.post(`/meetings/${kt.id}/held`);
    await refused('post', `/motions/${id}/urgent-decision/approve`, { meetingId: kt.id, votes: votes(40) }, 422, 'MEETING.ATTENDANCE_NOT_RECORDED');
    await api.put(`/meetings/${kt.id}/attendance`, { personIds: c.kreistag.members.slice(0, 45) });
    const approved = await api.command.post<MotionDto>(`/motions/${id}/urgent-decision/approve`, { meetingId: kt.id, votes: votes(40, 3, 2) });
    expect(approved.status).toBe('decided');
    expect(approved.consultations[1]).toMatchObject({ role: 'genehmigung', bodyName: 'Kreistag', meetingId: kt.id, vote: votes(40, 3, 2), attendance: { present: 45, statutoryMembers: 55 } });
    expect(approved.decision).toMatchObject({ urgent: true, approvalConsultationNo: 2 });
  });

  it('returns a revoked urgent decision to the Kreistag, and refuses revocation once rights of others arose', async () => {
    const id = await releasedMotion([{ bodyId: c.kreistag.id, role: 'entscheidung' }]);
    t.clock.set('2020-08-26T18:00:00+02:00');
    const ka = await meeting(api, c.kreisausschuss.id, '2020-08-27T16:00:00+02:00');
    await api.post(`/meetings/${ka.id}/invitation`, { urgentReason: 'Antragsfrist des Landes' }, 422);
    t.clock.set('2020-08-20T09:00:00+02:00');
    await api.post(`/meetings/${ka.id}/invitation`, {});
    // a Dringlichkeitsvorlage: on the Kreisausschuss agenda out of the step order, with the urgent period and its reason
    t.clock.set('2020-08-24T09:00:00+02:00');
    const onAgenda = await api.command.post<MotionDto>(`/motions/${id}/urgent-decision/schedule`, { meetingId: ka.id, urgentReason: 'Antragsfrist des Landes' });
    expect(onAgenda.consultations[0]).toMatchObject({ role: 'dringlichkeitsentscheidung', status: 'scheduled', urgentInvitationReason: 'Antragsfrist des Landes' });
    t.clock.set('2020-08-27T17:00:00+02:00');
    await holdMeeting(api, ka.id, c.kreisausschuss, 16);
    await api.post(`/motions/${id}/urgent-decision`, { meetingId: ka.id, reason: 'Antragsfrist des Landes', outcomes: both('adopted', votes(16)) });

    t.clock.set('2020-08-28T09:00:00+02:00');
    const kt = await meeting(api, c.kreistag.id, '2020-09-09T17:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: kt.id });
    await api.post(`/meetings/${kt.id}/invitation`, {});
    t.clock.set('2020-09-09T18:00:00+02:00');
    await holdMeeting(api, kt.id, c.kreistag, 40);
    const revoke = { meetingId: kt.id, votes: votes(30, 10), reason: 'Kein Eigenanteil ohne Haushaltsbeschluss' };
    await refused('post', `/motions/${id}/urgent-decision/revoke`, { ...revoke, thirdPartyRightsArisen: true }, 422, 'MOTION.REVOCATION_BARRED');
    const revoked = await api.command.post<MotionDto>(`/motions/${id}/urgent-decision/revoke`, revoke);
    expect(revoked).toMatchObject({ status: 'awaitingSchedule', decision: null });
    expect(revoked.consultations.map((x) => x.role)).toEqual(['dringlichkeitsentscheidung', 'aufhebung']);
  });

  it('reopens the draft after a referral back, and the Beratungsfolge starts again', async () => {
    const id = await releasedMotion([
      { bodyId: c.integrationsausschuss.id, role: 'vorberatung' },
      { bodyId: c.kreistag.id, role: 'entscheidung' },
    ]);
    const ia = await deliberate(id, c.integrationsausschuss, '2020-08-12T17:00:00+02:00', 10);
    const back = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, { meetingId: ia.id, outcomes: both('referredBack') });
    expect(back.status).toBe('referredBack');
    const draft = await api.command.post<MotionDto>(`/motions/${id}/revise`);
    expect(draft.status).toBe('draft');
    const edited = await api.command.patch<MotionDto>(`/motions/${id}/proposals/2`, { text: `${PROPOSAL_2} (überarbeitet)` });
    expect(edited.proposals[1]!.versions.map((v) => [v.version, v.released])).toEqual([
      [1, true],
      [2, false],
    ]);
    const again = await release(api, id);
    expect(again.steps.find((s) => s.current)?.bodyName).toBe('Integrationsausschuss');
  });

  it('cancels a meeting and takes its motions off the agenda, through their logs', async () => {
    const id = await releasedMotion([
      { bodyId: c.integrationsausschuss.id, role: 'vorberatung' },
      { bodyId: c.kreistag.id, role: 'entscheidung' },
    ]);
    const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    await api.post(`/meetings/${ia.id}/agenda-items`, { title: 'Mitteilungen der Verwaltung', public: true }, 201);
    await api.post(`/motions/${id}/schedule`, { meetingId: ia.id, public: false });
    t.clock.set('2020-08-03T09:00:00+02:00');
    await api.post(`/meetings/${ia.id}/invitation`, {});

    const cancelled = (await api.post<{ meeting: MeetingDetailDto }>(`/meetings/${ia.id}/cancellation`, { reason: 'Beschlussunfähigkeit absehbar' })).meeting;
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'Beschlussunfähigkeit absehbar', nextSteps: [] });
    expect(cancelled.agenda.map((i) => [i.title, i.public, i.status, i.removedReason])).toEqual([
      ['Mitteilungen der Verwaltung', true, 'scheduled', null],
      [expect.stringMatching(/^SV-9-18\d\d: /), false, 'removed', 'Sitzung abgesagt: Beschlussunfähigkeit absehbar'],
    ]);
    const motion = await api.get<MotionDto>(`/motions/${id}`);
    expect(motion.status).toBe('awaitingSchedule');
    expect(motion.consultations[0]).toMatchObject({ status: 'removed', removedReason: 'Sitzung abgesagt: Beschlussunfähigkeit absehbar' });
    const history = await api.get<{ items: { type: string }[] }>(`/instances/${id}/events?pageSize=50`);
    expect(history.items.at(-1)!.type).toBe('UNSCHEDULE');

    await refused('post', `/meetings/${ia.id}/cancellation`, { reason: 'noch einmal' }, 409, 'MEETING.INVALID_TRANSITION');
    await refused('post', `/motions/${id}/schedule`, { meetingId: ia.id }, 422, 'MEETING.AGENDA_CLOSED');
  });

  it('guards the meeting lifecycle with MEETING codes', async () => {
    t.clock.set('2020-08-01T09:00:00+02:00');
    await refused('post', '/meetings', { bodyId: c.sozialausschuss.id, start: '2020-07-31T17:00:00+02:00', location: 'Kreishaus' }, 422, 'MEETING.IN_PAST');
    await refused('post', '/meetings', { bodyId: c.sozialausschuss.id, start: '2020-08-19T17:00', location: 'Kreishaus' }, 400, 'VALIDATION.FAILED');
    const asg = await meeting(api, c.sozialausschuss.id, '2020-08-19T17:00:00+02:00');
    expect(asg.nextSteps.map((s) => s.command)).toEqual(['SEND_INVITATION', 'ADD_AGENDA_ITEM', 'CANCEL']);

    await refused('post', `/meetings/${asg.id}/held`, {}, 409, 'MEETING.INVALID_TRANSITION');
    await refused('post', `/meetings/${asg.id}/minutes-approval`, {}, 409, 'MEETING.INVALID_TRANSITION');
    t.clock.set('2020-08-15T09:00:00+02:00');
    const late = await refused('post', `/meetings/${asg.id}/invitation`, {}, 422, 'MEETING.INVITATION_TOO_LATE');
    expect(late.detail).toMatch(/4 days ahead; the body's invitation period is 6 days/);
    const invited = (await api.post<{ meeting: MeetingDetailDto }>(`/meetings/${asg.id}/invitation`, { urgentReason: 'Landesfrist' })).meeting;
    expect(invited).toMatchObject({ state: 'invited', invitationDate: '2020-08-15', urgentInvitationReason: 'Landesfrist' });

    await refused('put', `/meetings/${asg.id}/attendance`, { personIds: c.sozialausschuss.members.slice(0, 9) }, 422, 'MEETING.NOT_YET_BEGUN');
    await refused('post', `/meetings/${asg.id}/held`, {}, 422, 'MEETING.NOT_YET_BEGUN');
    t.clock.set('2020-08-19T17:10:00+02:00');
    const stranger = c.kreistag.members[0]!;
    const notMember = await refused('put', `/meetings/${asg.id}/attendance`, { personIds: [...c.sozialausschuss.members.slice(0, 9), stranger] }, 422, 'MEETING.NOT_A_MEMBER');
    // people by name, not by id (issue 13.9)
    expect(notMember.detail).toBe('Not members of Ausschuss für Arbeit, Soziales, Senioren und Gesundheit on 2020-08-19 (Europe/Berlin): Kreistag Mitglied 1.');
    const held = await holdMeeting(api, asg.id, c.sozialausschuss, 9);
    expect(held.nextSteps.map((s) => s.command)).toEqual(['RECORD_ATTENDANCE', 'APPROVE_MINUTES']);
    expect(held).toMatchObject({ state: 'held', attendance: { presentMembers: 9, statutoryMembers: 15, quorate: true } });
    expect(held.attendance!.attendees).toHaveLength(9);
    await refused('post', `/meetings/${asg.id}/agenda-items`, { title: 'Nachtrag', public: true }, 409, 'MEETING.AGENDA_CLOSED');
    await refused('post', `/meetings/${asg.id}/cancellation`, { reason: 'zu spät' }, 409, 'MEETING.INVALID_TRANSITION');
    expect((await api.post<{ meeting: MeetingDetailDto }>(`/meetings/${asg.id}/minutes-approval`)).meeting.state).toBe('minutesApproved');

    const listed = await api.get<MeetingPageDto>(`/meetings?bodyId=${c.sozialausschuss.id}&state=minutesApproved`);
    expect(listed.items.map((m) => m.id)).toEqual([asg.id]);
  });

  it('keeps master data consistent: reserved competences, seats and duplicates', async () => {
    await refused('post', `/bodies/${c.integrationsausschuss.id}/competences`, { competenceId: c.litS.id, basis: 'Beschluss des Kreistags' }, 422, 'COMPETENCE.NOT_DELEGABLE', 'admin');
    await refused('post', '/bodies', { name: 'Kreistag', kind: 'kreistag', statutoryMembers: 55, invitationPeriodDays: 6, urgentInvitationPeriodDays: 3 }, 409, 'BODY.EXISTS', 'admin');
    await refused('post', '/competences', { citation: ' § 26  Abs. 1 lit. S) KrO NRW', text: 'x', verified: false, holderKinds: ['kreistag'], reserved: true }, 409, 'COMPETENCE.EXISTS', 'admin');
    await refused('post', `/bodies/${c.integrationsausschuss.id}/memberships`, { members: [{ name: 'Sechzehntes Mitglied', start: '2020-01-01', votingRight: true }] }, 422, 'BODY.SEATS_EXCEEDED', 'admin');
    await refused('post', `/bodies/${c.integrationsausschuss.id}/memberships`, { members: [{ personId: c.integrationsausschuss.members[0], start: '2019-01-01', votingRight: false }] }, 409, 'BODY.ALREADY_MEMBER', 'admin');
    await refused('post', `/bodies/${c.integrationsausschuss.id}/memberships`, { members: [{ name: 'X', start: '2020-02-30', votingRight: false }] }, 400, 'VALIDATION.FAILED', 'admin');

    // an advisory member without vote fits, and a new seat once the term ends
    await api.post(`/bodies/${c.integrationsausschuss.id}/memberships`, { members: [{ name: 'Sachkundige Einwohnerin', start: '2020-01-01', votingRight: false }, { name: 'Neues Mitglied', start: '2020-11-01', votingRight: true }] }, 201, 'admin');
    const detail = await api.get<BodyDetailDto>(`/bodies/${c.kreistag.id}`);
    expect(detail.competences.map((h) => [h.citation, h.source])).toEqual(
      expect.arrayContaining([
        [LIT_S, 'law'],
        ['§ 26 Abs. 1 lit. a) KrO NRW', 'law'],
      ]),
    );
    expect(detail.competences.find((h) => h.citation === LIT_S)).toMatchObject({ verified: false, reserved: true });
  });
});
