import { startTestApp, type TestApp } from '../support/app';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';
import { client, coesfeldMotion, seedCouncil, tableState, type Api } from '../support/motions';

/**
 * A withdrawn motion's subject submitted again (issue 13, point 6): POST /motions with `followUpOf`
 * takes the next free follow-up reference and links the two both ways. Every refusal writes nothing.
 */
describe('follow-up of a withdrawn motion over HTTP', () => {
  let t: TestApp;
  let api: Api;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t);
    t.clock.set('2020-07-01T09:00:00+02:00');
    await seedCouncil(api);
  });
  afterAll(() => t.close());

  /** A creation that must be refused with `status` and `code`, writing nothing. */
  async function refused(body: object, status: number, code: string): Promise<{ detail: string; [k: string]: unknown }> {
    const before = await tableState(t);
    const res = await t.http.post('/motions').set('Authorization', t.auth('clerk')).send(body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await tableState(t)).toEqual(before);
    return res.body as { detail: string; [k: string]: unknown };
  }

  async function withdrawn(reference: string, body: object = coesfeldMotion(reference)): Promise<MotionDto> {
    const created = await api.post<MotionDto>('/motions', body, 201);
    return api.command.post<MotionDto>(`/motions/${created.id}/withdraw`, { reason: 'Förderaufruf geändert; die Vorlage wird neu gefasst' });
  }

  const followUp = (followUpOf: string, reference?: string) => {
    const { reference: _, ...body } = coesfeldMotion('unused');
    return { ...body, followUpOf, ...(reference === undefined ? {} : { reference }) };
  };

  it('submits a withdrawn motion again as SV-9-1800/1, then /2, linked both ways; the withdrawn references stay taken', async () => {
    const old = await withdrawn('SV-9-1800');
    expect(old).toMatchObject({ status: 'withdrawn', predecessor: null, successor: null });

    const first = await api.post<MotionDto>('/motions', followUp('SV-9-1800'), 201);
    expect(first).toMatchObject({ reference: 'SV-9-1800/1', status: 'draft', predecessor: { id: old.id, reference: 'SV-9-1800' }, successor: null });
    expect((await api.get<MotionDto>(`/motions/${old.id}`)).successor).toEqual({ id: first.id, reference: 'SV-9-1800/1' });

    // the audit's decision record shows both
    const record = await api.get<{ instances: { instanceId: string; relation: string }[] }>(`/audit/instances/${first.id}/record`);
    expect(record.instances).toEqual(expect.arrayContaining([{ instanceId: old.id, workflowType: 'motion', relation: 'followedBy' }]));

    // reference uniqueness is intact: the withdrawn reference is not free again
    await refused(coesfeldMotion('SV-9-1800'), 409, 'MOTION.REFERENCE_EXISTS');

    // the follow-up withdrawn too: its follow-up continues the numbers, named by id this time
    await api.post(`/motions/${first.id}/withdraw`, { reason: 'Landesprogramm verschoben' });
    const second = await api.post<MotionDto>('/motions', followUp(first.id, 'SV-9-1800/2'), 201);
    expect(second).toMatchObject({ reference: 'SV-9-1800/2', predecessor: { id: first.id, reference: 'SV-9-1800/1' } });
    expect((await api.get<MotionDto>(`/motions/${first.id}`)).successor).toEqual({ id: second.id, reference: 'SV-9-1800/2' });
  });

  it('refuses a second follow-up of the same withdrawn motion, naming the first', async () => {
    const old = await withdrawn('SV-9-1810');
    const first = await api.post<MotionDto>('/motions', followUp(old.id), 201);
    const problem = await refused(followUp('SV-9-1810'), 422, 'MOTION.FOLLOW_UP_EXISTS');
    expect(problem.detail).toBe(
      'SV-9-1810 was already submitted again as SV-9-1810/1; a withdrawn motion has one follow-up. Work on SV-9-1810/1, or if it was withdrawn too, follow up SV-9-1810/1 instead.',
    );
    expect(problem.successor).toEqual({ id: first.id, reference: 'SV-9-1810/1' });
  });

  it('creates one follow-up when two requests race for it; the other is refused as FOLLOW_UP_EXISTS', async () => {
    await withdrawn('SV-9-1815');
    const send = () => t.http.post('/motions').set('Authorization', t.auth('clerk')).send(followUp('SV-9-1815'));
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, expect.any(Number)]);
    const loser = answers.find((r) => r.status !== 201)!;
    expect([409, 422]).toContain(loser.status);
    expect(loser.body.code).toBe('MOTION.FOLLOW_UP_EXISTS');
    expect(answers.find((r) => r.status === 201)!.body.reference).toBe('SV-9-1815/1');
  });

  it('refuses a follow-up of a motion that is not withdrawn, saying what to do instead', async () => {
    const live = await api.post<MotionDto>('/motions', coesfeldMotion('SV-9-1820'), 201);
    const problem = await refused(followUp('SV-9-1820'), 422, 'MOTION.PREDECESSOR_NOT_WITHDRAWN');
    expect(problem.detail).toBe(
      "SV-9-1820 is still a draft, not withdrawn; only a withdrawn motion's subject is submitted again as a follow-up. Continue with SV-9-1820 itself, or withdraw it first (WITHDRAW) to start its subject over.",
    );
    expect(problem.predecessor).toEqual({ id: live.id, reference: 'SV-9-1820', status: 'draft' });
  });

  it('refuses an unknown predecessor, a reference other than the next free one, and a motion without any reference', async () => {
    await withdrawn('SV-9-1830');
    expect((await refused(followUp('SV-9-9999'), 422, 'MOTION.PREDECESSOR_NOT_FOUND')).detail).toBe(
      'There is no motion SV-9-9999 in your Körperschaft; name the withdrawn motion by its reference or id.',
    );
    expect((await refused(followUp('SV-9-1830', 'SV-9-1830/7'), 422, 'MOTION.FOLLOW_UP_REFERENCE')).detail).toBe(
      'The follow-up of SV-9-1830 takes the next free follow-up reference, SV-9-1830/1, not SV-9-1830/7. Leave the reference out or send SV-9-1830/1.',
    );
    const { reference: _, ...noReference } = coesfeldMotion('unused');
    await refused(noReference, 400, 'VALIDATION.FAILED');
  });
});
