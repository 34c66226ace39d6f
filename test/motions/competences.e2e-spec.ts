import { startTestApp, type TestApp } from '../support/app';
import { client, coesfeldMotion, LIT_S, seedCouncil, tableState, type Api, type Council } from '../support/motions';

/** The Kreistag's reservation (§ 26 Abs. 1 KrO NRW) cannot be bypassed by spelling a citation differently. */
describe('competence catalogue', () => {
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

  async function refused(path: string, body: object, status: number, code: string, role: 'clerk' | 'admin' = 'admin') {
    const before = await tableState(t);
    const res = await t.http.post(path).set('Authorization', t.auth(role)).send(body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(await tableState(t)).toEqual(before);
    return res.body as { detail: string; [k: string]: unknown };
  }

  const entry = (citation: string, holderKinds: string[], reserved: boolean) => ({ citation, text: 'Satzungen', verified: false, holderKinds, reserved });

  it('refuses a Kreistag matter of § 26 Abs. 1 KrO NRW for another body, however it is spelt', async () => {
    for (const citation of ['§ 26 Abs.1 lit. f) KrO NRW', '§ 26 Abs. 1 lit. f KrO NRW', '§26 Absatz 1 Buchstabe f Kreisordnung NRW']) {
      const problem = await refused('/competences', entry(citation, ['kreisausschuss'], false), 422, 'COMPETENCE.RESERVED_TO_KREISTAG');
      expect(problem.detail).toContain('reserves to the Kreistag');
    }
    await refused('/competences', entry('§ 26 Abs. 1 lit. f KrO NRW', ['kreistag'], false), 422, 'COMPETENCE.RESERVED_TO_KREISTAG');
  });

  it('refuses a second entry for a provision already in the catalogue, naming the entry', async () => {
    const problem = await refused('/competences', entry('§ 26 Abs.1 lit. s KrO NRW', ['kreistag'], true), 409, 'COMPETENCE.EXISTS');
    expect(problem.existing).toBe(LIT_S);
  });

  it('lets only admins add or transfer competences', async () => {
    await refused('/competences', entry('§ 26 Abs. 1 lit. f KrO NRW', ['kreistag'], true), 403, 'AUTH.FORBIDDEN', 'clerk');
    await refused(`/bodies/${c.sozialausschuss.id}/competences`, { competenceId: c.delegated.id, basis: 'Zuständigkeitsordnung § 4' }, 403, 'AUTH.FORBIDDEN', 'clerk');
  });

  it('finds the catalogue entry for any spelling of its citation, and suggests the closest entry for an unknown one', async () => {
    const motion = coesfeldMotion('SV-9-1700');
    const spelt = { ...motion, proposals: [{ key: '1', text: 'Beschluss', legalBasis: '§ 26 Absatz 1 Buchstabe s Kreisordnung NRW' }] };
    const created = await api.post<{ proposals: { legalBasis: { citation: string; competentBodyKinds: string[] | null } }[] }>('/motions', spelt, 201);
    expect(created.proposals[0]!.legalBasis).toMatchObject({ citation: LIT_S, competentBodyKinds: ['kreistag'] });

    const unknown = { ...coesfeldMotion('SV-9-1701'), proposals: [{ key: '1', text: 'Beschluss', legalBasis: '§ 26 Abs. 1 Satz 1 lit. s KrO NRW' }] };
    const problem = await refused('/motions', unknown, 422, 'MOTION.UNKNOWN_LEGAL_BASIS', 'clerk');
    expect(problem.closest).toBe(LIT_S);
    expect(problem.detail).toContain(`Did you mean "${LIT_S}"?`);
  });
});
