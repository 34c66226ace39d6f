import { startTestApp, type TestApp } from '../support/app';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';
import { both, client, coesfeldMotion, holdMeeting, meeting, release, seedCouncil, votes, type Api, type Council, type SeatedBody } from '../support/motions';

/**
 * The consultation record as clients read it (issue 13): dates from the meeting's own record, what
 * the decision adopted, and what the office may see of non-public items.
 */
describe('the consultation record over HTTP', () => {
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

  /** Released for Integrationsausschuss → Kreistag, created on 20.07.2020. */
  async function released(): Promise<string> {
    t.clock.set('2020-07-20T09:00:00+02:00');
    const steps = [
      { bodyId: c.integrationsausschuss.id, role: 'vorberatung' },
      { bodyId: c.kreistag.id, role: 'entscheidung' },
    ];
    const { id } = await api.post<{ id: string }>('/motions', coesfeldMotion(`SV-9-${3000 + ++n}`, steps), 201);
    await release(api, id);
    return id;
  }

  /** Invites a week ahead, then holds the meeting half an hour after its start with `present` members. */
  async function hold(meetingId: string, body: SeatedBody, start: string, present: number): Promise<void> {
    t.clock.set(new Date(Date.parse(start) - 7 * 86_400_000));
    await api.post(`/meetings/${meetingId}/invitation`, {});
    t.clock.set(new Date(Date.parse(start) + 30 * 60_000));
    await holdMeeting(api, meetingId, body, present);
  }

  describe('dates (point 3)', () => {
    it('carries the day the meeting’s invitation went out and when the meeting was held, not when it was scheduled or recorded', async () => {
      const id = await released();
      const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
      t.clock.set('2020-07-22T10:00:00+02:00');
      const scheduled = await api.command.post<MotionDto>(`/motions/${id}/schedule`, { meetingId: ia.id });
      expect(scheduled.consultations[0]).toMatchObject({ scheduledAt: '2020-07-22T10:00:00.000+02:00', invitationDate: null, heldAt: null });

      t.clock.set('2020-08-03T08:30:00+02:00');
      await api.post(`/meetings/${ia.id}/invitation`, {});
      t.clock.set('2020-08-12T17:04:00+02:00');
      await holdMeeting(api, ia.id, c.integrationsausschuss, 12);
      // the minute taker enters the outcome the next morning
      t.clock.set('2020-08-13T09:15:00+02:00');
      const after = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, { meetingId: ia.id, outcomes: both('recommended', votes(12)) });
      expect(after.consultations[0]).toMatchObject({
        meetingStart: '2020-08-12T17:00:00.000+02:00',
        invitationDate: '2020-08-03',
        heldAt: '2020-08-12T17:04:00.000+02:00',
        scheduledAt: '2020-07-22T10:00:00.000+02:00',
      });
    });

    it('gives an item added after the invitation went out the day of its supplementary invitation', async () => {
      const id = await released();
      const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-26T17:00:00+02:00');
      t.clock.set('2020-08-03T08:30:00+02:00');
      await api.post(`/meetings/${ia.id}/invitation`, {});
      t.clock.set('2020-08-10T11:00:00+02:00');
      await api.post(`/motions/${id}/schedule`, { meetingId: ia.id });
      t.clock.set('2020-08-26T17:20:00+02:00');
      await holdMeeting(api, ia.id, c.integrationsausschuss, 12);
      const after = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, { meetingId: ia.id, outcomes: both('recommended', votes(12)) });
      expect(after.consultations[0]).toMatchObject({ invitationDate: '2020-08-10', heldAt: '2020-08-26T17:20:00.000+02:00' });
    });
  });

  describe('what was adopted (point 8)', () => {
    it('gives per proposal the adopted version and its text, after an amendment the amended one; a rejected proposal has none', async () => {
      const id = await released();
      const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
      await api.post(`/motions/${id}/schedule`, { meetingId: ia.id });
      await hold(ia.id, c.integrationsausschuss, '2020-08-12T17:00:00+02:00', 12);
      await api.post(`/motions/${id}/outcomes`, {
        meetingId: ia.id,
        outcomes: [
          { proposalKey: '1', outcome: 'recommendedWithAmendment', votes: votes(12), amendedText: 'Fassung des Integrationsausschusses.' },
          { proposalKey: '2', outcome: 'recommended', votes: votes(12) },
        ],
      });
      t.clock.set('2020-08-13T09:00:00+02:00');
      const kt = await meeting(api, c.kreistag.id, '2020-09-02T17:00:00+02:00');
      await api.post(`/motions/${id}/schedule`, { meetingId: kt.id });
      await hold(kt.id, c.kreistag, '2020-09-02T17:00:00+02:00', 50);
      const decided = await api.command.post<MotionDto>(`/motions/${id}/outcomes`, {
        meetingId: kt.id,
        outcomes: [
          { proposalKey: '1', outcome: 'adoptedWithAmendment', votes: votes(40, 10), amendedText: 'Fassung des Kreistags.' },
          { proposalKey: '2', outcome: 'rejected', votes: votes(10, 40) },
        ],
      });
      expect(decided.decision!.outcomes).toEqual([
        { proposalKey: '1', outcome: 'adoptedWithAmendment', adoptedVersion: 3, adoptedText: 'Fassung des Kreistags.' },
        { proposalKey: '2', outcome: 'rejected', adoptedVersion: null, adoptedText: null },
      ]);
    });
  });
});
