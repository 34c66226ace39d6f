import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { selectionKit, type SelectionKit } from '../support/selection';

jest.setTimeout(120_000);

/**
 * The office decides the selection, the response is lost, the client retries with the same
 * Idempotency-Key: the decision is recorded once (issue 13, point 11).
 */
describe('retrying a selection command after a lost response', () => {
  let t: TestApp;
  let kit: SelectionKit;
  beforeAll(async () => {
    t = await startTestApp();
    kit = await selectionKit(t);
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

  const decide = (id: string, key: string) =>
    t.http.post(`/selection/procedures/${id}/decision`).set('Authorization', t.auth('office')).set('Idempotency-Key', key).send(kit.decision());

  it('given the first response was lost, when the decision is sent again with its key, then it answers the first answer and the decision is on record once', async () => {
    const { id } = await kit.procedure('talks');
    const first = await decide(id, 'modul-vi-auswahl');
    expect(first.status).toBe(201);
    const logged = await events(id);
    const retry = await decide(id, 'modul-vi-auswahl');
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.event).toEqual(first.body.event);
    expect(await events(id)).toEqual(logged);
    expect(logged.filter((e) => e === 'DECIDE_SELECTION')).toHaveLength(1);
  });

  it('given the retry races the first request, then the decision is recorded once', async () => {
    const { id } = await kit.procedure('talks');
    const [a, b] = await Promise.all([decide(id, 'race'), decide(id, 'race')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.event).toEqual(b.body.event);
    expect((await events(id)).filter((e) => e === 'DECIDE_SELECTION')).toHaveLength(1);
  });
});
