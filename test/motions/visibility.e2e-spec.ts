import { startTestApp, type TestApp } from '../support/app';
import type { MeetingDetailDto, MeetingPageDto } from '../../src/meetings/dto/meetings.dto';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';
import { client, coesfeldMotion, coesfeldSteps, holdMeeting, meeting, release, seedCouncil, tableState, votes, type Api, type Council } from '../support/motions';

const IMPACTS = coesfeldMotion('x').outline.impacts;
const ALTERNATIVES = coesfeldMotion('x').outline.alternatives;

/**
 * Nichtöffentliche agenda items and outline sections: the geschäftsführende Stelle (office) does
 * not get them, the Sitzungsdienst (clerk), the Rechnungsprüfung (auditor) and admins do.
 */
describe('non-public content over HTTP', () => {
  let t: TestApp;
  let api: Api;
  let c: Council;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t);
    t.clock.set('2020-07-20T09:00:00+02:00');
    c = await seedCouncil(api);
  });
  afterAll(() => t.close());

  const draft = (outline: Record<string, unknown> = {}) => {
    const motion = coesfeldMotion(`SV-9-${1900 + ++n}`, coesfeldSteps(c));
    return api.post<MotionDto>('/motions', { ...motion, outline: { ...motion.outline, ...outline } }, 201);
  };

  describe('agenda items', () => {
    let ia: MeetingDetailDto;
    let motionId: string;

    beforeAll(async () => {
      ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
      motionId = (await draft()).id;
      await release(api, motionId);
      await api.post(`/meetings/${ia.id}/agenda-items`, { title: 'Mitteilungen der Verwaltung', public: true }, 201);
      await api.post(`/motions/${motionId}/schedule`, { meetingId: ia.id, public: false });
      await api.post(`/meetings/${ia.id}/agenda-items`, { title: 'Grundstücksangelegenheit Dülmen, Flur 12', public: false }, 201);
      await api.post(`/meetings/${ia.id}/agenda-items`, { title: 'Anfragen', public: true }, 201);
    });

    it('leaves non-public items out of the office’s agenda and numbers what it sees', async () => {
      const res = await t.http.get(`/meetings/${ia.id}`).set('Authorization', t.auth('office'));
      expect(res.status).toBe(200);
      const seen = res.body as MeetingDetailDto;
      expect(seen.agenda.map((i) => [i.number, i.title, i.public, i.motionId])).toEqual([
        [1, 'Mitteilungen der Verwaltung', true, null],
        [2, 'Anfragen', true, null],
      ]);
      // neither the titles nor the motion's link appear anywhere in the answer
      expect(res.text).not.toContain('Grundstücksangelegenheit');
      expect(res.text).not.toContain('SV-9-');
      expect(res.text).not.toContain(motionId);
    });

    it('shows the whole agenda to the clerk, the auditor and the admin', async () => {
      for (const role of ['clerk', 'auditor', 'admin'] as const) {
        const seen = await api.get<MeetingDetailDto>(`/meetings/${ia.id}`, 200, role);
        expect(seen.agenda.map((i) => [i.number, i.public, i.motionId])).toEqual([
          [1, true, null],
          [2, false, motionId],
          [3, false, null],
          [4, true, null],
        ]);
        expect(seen.agenda[2]!.title).toBe('Grundstücksangelegenheit Dülmen, Flur 12');
      }
    });

    it('gives every role the same meeting list and the same meeting apart from the agenda', async () => {
      const list = (role: 'office' | 'clerk') => api.get<MeetingPageDto>(`/meetings?bodyId=${c.integrationsausschuss.id}`, 200, role);
      expect(await list('office')).toEqual(await list('clerk'));
      const { agenda: officeAgenda, ...office } = await api.get<MeetingDetailDto>(`/meetings/${ia.id}`, 200, 'office');
      const { agenda: clerkAgenda, ...clerk } = await api.get<MeetingDetailDto>(`/meetings/${ia.id}`, 200, 'clerk');
      expect(office).toEqual(clerk);
      expect(officeAgenda.map((i) => i.id)).toEqual(clerkAgenda.filter((i) => i.public).map((i) => i.id));
    });
  });

  describe('consultation records (issue 13, point 10)', () => {
    it('withholds a non-public item’s meeting, agenda position and votes from the office, everywhere the motion names them', async () => {
      const ia = await meeting(api, c.integrationsausschuss.id, '2020-09-16T17:00:00+02:00');
      const { id } = await draft();
      await release(api, id);
      await api.post(`/meetings/${ia.id}/agenda-items`, { title: 'Mitteilungen der Verwaltung', public: true }, 201);
      await api.post(`/motions/${id}/schedule`, { meetingId: ia.id, public: false });
      t.clock.set('2020-09-08T09:00:00+02:00');
      await api.post(`/meetings/${ia.id}/invitation`, {});
      t.clock.set('2020-09-16T17:30:00+02:00');
      await holdMeeting(api, ia.id, c.integrationsausschuss, 12);
      await api.post(`/motions/${id}/outcomes`, {
        meetingId: ia.id,
        outcomes: [
          { proposalKey: '1', outcome: 'recommendedWithAmendment', votes: votes(11, 1), amendedText: 'Fassung des Integrationsausschusses.' },
          { proposalKey: '2', outcome: 'recommended', votes: votes(12) },
        ],
      });

      const clerk = await api.get<MotionDto>(`/motions/${id}`, 200, 'clerk');
      expect(clerk.consultations[0]).toMatchObject({ meetingId: ia.id, agendaPosition: 2, nonPublic: true, results: [{ votes: votes(11, 1) }, { votes: votes(12) }] });
      expect(clerk.proposals[0]!.versions[1]!.origin.meetingId).toBe(ia.id);

      const res = await t.http.get(`/motions/${id}`).set('Authorization', t.auth('office'));
      const office = res.body as MotionDto;
      expect(office.consultations[0]).toMatchObject({ bodyName: 'Integrationsausschuss', meetingId: null, agendaPosition: null, nonPublic: true, vote: null });
      expect(office.consultations[0]!.results.map((r) => [r.outcome, r.votes])).toEqual([
        ['recommendedWithAmendment', null],
        ['recommended', null],
      ]);
      expect(office.proposals[0]!.versions[1]!.origin).toMatchObject({ bodyName: 'Integrationsausschuss', meetingId: null });
      // the meeting's id appears nowhere in the record the office reads (next steps aside, which only list the open agenda)
      const { nextSteps: _steps, ...record } = office;
      expect(JSON.stringify(record)).not.toContain(ia.id);
    });
  });

  describe('outline sections', () => {
    it('withholds a non-public section’s text from the office only, in every motion answer', async () => {
      const created = await draft({ nonPublicSections: ['impacts'] });
      expect(created.outline).toMatchObject({ impacts: IMPACTS, nonPublicSections: ['impacts'], hidden: false });

      const res = await t.http.get(`/motions/${created.id}`).set('Authorization', t.auth('office'));
      expect(res.status).toBe(200);
      const seen = res.body as MotionDto;
      expect(seen.outline).toEqual({ ...created.outline, impacts: null, hidden: true });
      expect(res.text).not.toContain('13.500');
      const { outline: officeOutline, ...officeRest } = seen;
      const { outline: clerkOutline, ...clerkRest } = await api.get<MotionDto>(`/motions/${created.id}`, 200, 'clerk');
      expect(officeRest).toEqual(clerkRest);
      expect([officeOutline.alternatives, clerkOutline.impacts]).toEqual([ALTERNATIVES, IMPACTS]);

      for (const role of ['clerk', 'auditor', 'admin'] as const) {
        expect((await api.get<MotionDto>(`/motions/${created.id}`, 200, role)).outline).toEqual(created.outline);
      }

      // The engine's raw record holds the text too: the office is sent to the motions API instead.
      for (const path of [`/instances/${created.id}`, `/instances/${created.id}/events`]) {
        const raw = await t.http.get(path).set('Authorization', t.auth('office'));
        expect(raw.status).toBe(403);
        expect(raw.body.code).toBe('AUTH.NON_PUBLIC');
        expect(raw.text).not.toContain('13.500');
        expect((await t.http.get(path).set('Authorization', t.auth('auditor'))).status).toBe(200);
      }
      const officeList = await t.http.get('/instances?pageSize=200').set('Authorization', t.auth('office'));
      expect((officeList.body as { items: { workflowType: string }[] }).items.some((i) => i.workflowType === 'motion')).toBe(false);
      const clerkList = await t.http.get('/instances?pageSize=200').set('Authorization', t.auth('clerk'));
      expect((clerkList.body as { items: { id: string }[] }).items.map((i) => i.id)).toContain(created.id);
    });

    it('lets an edit in draft change which sections are non-public, and the office sees the change', async () => {
      const { id } = await draft({ nonPublicSections: ['impacts'] });
      const officeView = async () => (await api.get<MotionDto>(`/motions/${id}`, 200, 'office')).outline;

      const edited = await api.command.patch<MotionDto>(`/motions/${id}`, { outline: { nonPublicSections: ['alternatives', 'impacts'] } });
      expect(edited.outline).toMatchObject({ alternatives: ALTERNATIVES, impacts: IMPACTS, nonPublicSections: ['alternatives', 'impacts'] });
      expect(await officeView()).toMatchObject({ alternatives: null, impacts: null, hidden: true });

      // a text edit alone keeps the marks, and so does null (as for every optional field)
      await api.patch(`/motions/${id}`, { outline: { impacts: 'Eigenanteil neu berechnet' } });
      await api.patch(`/motions/${id}`, { outline: { nonPublicSections: null } });
      expect(await officeView()).toMatchObject({ impacts: null, nonPublicSections: ['alternatives', 'impacts'] });

      await api.patch(`/motions/${id}`, { outline: { nonPublicSections: [] } });
      expect(await officeView()).toMatchObject({ alternatives: ALTERNATIVES, impacts: 'Eigenanteil neu berechnet', nonPublicSections: [], hidden: false });
    });

    it('refuses to change the marks after the draft, writing nothing', async () => {
      const { id } = await draft({ nonPublicSections: ['impacts'] });
      await release(api, id);
      const before = await tableState(t);
      const res = await t.http.patch(`/motions/${id}`).set('Authorization', t.auth('clerk')).send({ outline: { nonPublicSections: [] } });
      expect([res.status, res.body.code]).toEqual([409, 'WORKFLOW.EVENT_NOT_ALLOWED']);
      expect(await tableState(t)).toEqual(before);
      expect((await api.get<MotionDto>(`/motions/${id}`, 200, 'office')).outline).toMatchObject({ impacts: null, hidden: true });
    });

    it.each([[['secret']], ['impacts'], [['impacts', 'impacts']], [[null]]])('refuses nonPublicSections %j, writing nothing', async (value) => {
      const before = await tableState(t);
      const created = await t.http.post('/motions').set('Authorization', t.auth('clerk')).send({ ...coesfeldMotion('SV-9-1999'), outline: { nonPublicSections: value } });
      expect([created.status, created.body.code]).toEqual([400, 'VALIDATION.FAILED']);
      const { id } = await draft();
      const mid = await tableState(t);
      const edited = await t.http.patch(`/motions/${id}`).set('Authorization', t.auth('clerk')).send({ outline: { nonPublicSections: value } });
      expect([edited.status, edited.body.code]).toEqual([400, 'VALIDATION.FAILED']);
      expect(await tableState(t)).toEqual(mid);
      expect(mid).not.toEqual(before); // the draft in between was written: the fingerprint sees writes
    });

    it('shows a motion without non-public sections to the office exactly as to the clerk', async () => {
      const { id } = await draft({ nonPublicSections: null });
      const office = await api.get<MotionDto>(`/motions/${id}`, 200, 'office');
      expect(office).toEqual(await api.get<MotionDto>(`/motions/${id}`, 200, 'clerk'));
      expect(office.outline).toMatchObject({ impacts: IMPACTS, nonPublicSections: [], hidden: false });
    });
  });
});
