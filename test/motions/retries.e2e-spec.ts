import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';
import { both, client, coesfeldMotion, holdMeeting, meeting, release, seedCouncil, votes, type Api, type Council } from '../support/motions';

/**
 * A clerk records an outcome, the response is lost (timeout, dropped connection), the client sends
 * the same request again with the same Idempotency-Key: the outcome is recorded once (issue 13, point 11).
 */
describe('retrying a motion command after a lost response', () => {
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

  async function events(id: string): Promise<string[]> {
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ event_type: string }>('SELECT event_type FROM workflow_events WHERE instance_id = $1 ORDER BY seq', [id]);
      return rows.map((r) => r.event_type);
    } finally {
      await db.end();
    }
  }

  /** A motion on a held Integrationsausschuss meeting, ready for its outcome. */
  async function ready(reference: string): Promise<{ id: string; meetingId: string }> {
    t.clock.set('2020-07-20T09:00:00+02:00');
    const { id } = await api.post<MotionDto>('/motions', coesfeldMotion(reference, [
      { bodyId: c.integrationsausschuss.id, role: 'vorberatung' },
      { bodyId: c.kreistag.id, role: 'entscheidung' },
    ]), 201);
    await release(api, id);
    const ia = await meeting(api, c.integrationsausschuss.id, '2020-08-12T17:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: ia.id });
    t.clock.set('2020-08-03T09:00:00+02:00');
    await api.post(`/meetings/${ia.id}/invitation`, {});
    t.clock.set('2020-08-12T18:00:00+02:00');
    await holdMeeting(api, ia.id, c.integrationsausschuss, 12);
    return { id, meetingId: ia.id };
  }

  const record = (id: string, meetingId: string, key: string) =>
    t.http.post(`/motions/${id}/outcomes`).set('Authorization', t.auth('clerk')).set('Idempotency-Key', key).send({ meetingId, outcomes: both('recommended', votes(12)) });

  it('given the first response was lost, when the same request is sent again with its key, then the answer is the first one and the outcome is on record once', async () => {
    const { id, meetingId } = await ready('SV-9-5001');
    const first = await record(id, meetingId, 'ia-2020-08-12-top-3');
    expect(first.status).toBe(200); // …and imagine it never reached the clerk
    const logged = await events(id);

    const retry = await record(id, meetingId, 'ia-2020-08-12-top-3');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.event).toEqual(first.body.event);
    expect(await events(id)).toEqual(logged);
    expect(logged.filter((e) => e === 'RECORD_OUTCOME')).toHaveLength(1);
    const motion = await api.get<MotionDto>(`/motions/${id}`);
    expect(motion.consultations.filter((x) => x.status === 'held')).toHaveLength(1);
    expect(motion.steps.find((s) => s.current)?.bodyName).toBe('Kreistag');
  });

  it('given the retry races the first request, then one records the outcome and the other answers with it', async () => {
    const { id, meetingId } = await ready('SV-9-5002');
    const [a, b] = await Promise.all([record(id, meetingId, 'race'), record(id, meetingId, 'race')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.event).toEqual(b.body.event);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].filter((h) => h === 'true')).toHaveLength(1);
    expect((await events(id)).filter((e) => e === 'RECORD_OUTCOME')).toHaveLength(1);
  });

  it('given no key, a second identical request is a new command, which the machine refuses: nothing is recorded twice either way', async () => {
    const { id, meetingId } = await ready('SV-9-5003');
    await record(id, meetingId, 'once');
    const again = await t.http.post(`/motions/${id}/outcomes`).set('Authorization', t.auth('clerk')).send({ meetingId, outcomes: both('recommended', votes(12)) });
    expect([again.status, again.body.code]).toEqual([422, 'MOTION.NOT_ON_AGENDA']);
    expect((await events(id)).filter((e) => e === 'RECORD_OUTCOME')).toHaveLength(1);
  });
});
