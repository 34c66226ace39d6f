import { Client } from 'pg';
import { AuthService } from '../../src/auth/auth.service';
import { SettableClock } from '../../src/common/clock';
import type { EventDto, EventPageDto } from '../../src/engine/dto';
import type { ProcedureDto, ProcedurePageDto } from '../../src/selection/dto/procedure.dto';
import type { CoverageDto, RankingDto, SelectedProvidersDto } from '../../src/selection/dto/queries.dto';
import type { ProgrammeDto, ProviderDto, ProviderPageDto } from '../../src/selection/dto/registry.dto';
import { startTestApp, type TestApp } from '../support/app';
import { formatHundredths, type Allocation, type SelectionSetup } from '../../workflows/selection';
import { COESFELD_MUNICIPALITIES, MODULE_I, MODULE_VI, PROGRAMME, evenShares } from '../../workflows/selection/fixtures';
import { CARITAS_MARKS, EVALUATORS, MODULE_I_MARKS, NORTH, SOUTH, T, followingTheRanking, passingOverKolping, type Marks } from '../../workflows/selection/scenario';

/**
 * The provider selection API against a real PostgreSQL, with the clock set to the 2020 case:
 * module VI (Caritasverband alone, 1.50 FTE) and module I (three providers, weighted scoring,
 * talks, an allocation over all 11 municipalities), and every refusal writing nothing.
 */

interface Problem {
  code: string;
  detail: string;
  allowedEvents?: string[];
}
type ProviderKey = 'caritas' | 'kolping' | 'awo' | 'diakonie';
/** What every command answers: the procedure as the event left it, the event, and the next steps. */
interface StepResultDto {
  procedure: ProcedureDto;
  event: EventDto;
  nextSteps: { command: string; method: string; path: string; allowed: boolean }[];
}

const PROVIDERS: Record<ProviderKey, { name: string; legalForm: string }> = {
  caritas: { name: 'Caritasverband für den Kreis Coesfeld e.V.', legalForm: 'eingetragener Verein' },
  kolping: { name: 'Kolping-Bildungswerk', legalForm: 'gemeinnützige GmbH' },
  awo: { name: 'AWO Unterbezirk', legalForm: 'eingetragener Verein' },
  diakonie: { name: 'Diakonie im Kirchenkreis', legalForm: 'eingetragener Verein' },
};
/** The scenario's provider ids → the ids the register gave them here. */
const FIXTURE_IDS: Record<string, ProviderKey> = { 'p-caritas': 'caritas', 'p-kolping': 'kolping', 'p-awo': 'awo' };

// hooks too: the app and its database start in beforeAll, which a loaded machine makes slow
jest.setTimeout(120_000);

describe('provider selection over HTTP', () => {
  let t: TestApp;
  let sql: Client;
  const clock = new SettableClock(new Date(T.drafted));
  const provider = {} as Record<ProviderKey, string>;
  const body = {} as Record<'integration' | 'social', string>;
  const meeting = {} as Record<'integration', string>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    sql = new Client({ connectionString: t.db.url });
    await sql.connect();
    const programme = await post<ProgrammeDto>('/selection/programmes', { name: PROGRAMME });
    for (const [code, title] of [['I', 'Coaching'], ['II', 'Baustein II'], ['III', 'Baustein III'], ['IV', 'Baustein IV'], ['V', 'Innovationsfonds'], ['VI', MODULE_VI.title], ['GK', 'Gemeinsam klappt’s']]) {
      clock.advance(1000); // modules list in the order they were registered
      await post(`/selection/programmes/${programme.id}/modules`, { code, title });
    }
    clock.set(T.drafted);
    for (const key of Object.keys(PROVIDERS) as ProviderKey[]) provider[key] = (await post<ProviderDto>('/selection/providers', PROVIDERS[key])).id;
    // the committees and their meetings are the motions module's master data
    const committee = async (name: string) =>
      (await post<{ id: string }>('/bodies', { name, kind: 'ausschuss', statutoryMembers: 19, invitationPeriodDays: 6, urgentInvitationPeriodDays: 3 }, 'clerk')).id;
    body.integration = await committee('Integrationsausschuss');
    body.social = await committee('Ausschuss für Arbeit, Soziales, Senioren und Gesundheit');
    meeting.integration = (await post<{ id: string }>('/meetings', { bodyId: body.integration, start: '2020-05-27T17:00:00+02:00', location: 'Kreishaus Coesfeld' }, 'clerk')).id;
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });

  // ---------------------------------------------------------------- helpers

  async function post<T>(path: string, body: object = {}, role: 'office' | 'admin' | 'clerk' = 'office'): Promise<T> {
    const res = await t.http.post(path).set('Authorization', t.auth(role)).send(body);
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  async function get<T>(path: string, role: 'office' | 'auditor' | 'clerk' = 'auditor'): Promise<T> {
    const res = await t.http.get(path).set('Authorization', t.auth(role));
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** A command at a time on the 2020 clock. */
  function step(id: string, path: string, at: string, body: object = {}): Promise<StepResultDto> {
    clock.set(at);
    return post<StepResultDto>(`/selection/procedures/${id}/${path}`, body);
  }

  async function counts(): Promise<Record<string, number>> {
    const { rows } = await sql.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM workflow_instances) instances, (SELECT count(*) FROM workflow_events) events, (SELECT count(*) FROM outbox) outbox,
              (SELECT count(*) FROM selection_procedures) procedures, (SELECT count(*) FROM workflow_links) links`,
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  }

  /** Sends a request that must be refused with `status` and `code`, and checks that no row was written. */
  async function refused(send: () => Promise<{ status: number; body: unknown }>, status: number, code: string): Promise<Problem> {
    const before = await counts();
    const res = await send();
    const problem = res.body as Problem;
    expect({ status: res.status, code: problem.code }).toEqual({ status, code });
    expect(await counts()).toEqual(before);
    return problem;
  }

  const refusedStep = (id: string, path: string, at: string, body: object, status: number, code: string) =>
    refused(() => {
      clock.set(at);
      return t.http.post(`/selection/procedures/${id}/${path}`).set('Authorization', t.auth('office')).send(body);
    }, status, code);

  function setupBody(setup: SelectionSetup, extra: object = {}): Record<string, unknown> {
    return {
      module: setup.module,
      title: setup.title,
      callText: setup.callText,
      deadline: setup.deadline,
      criteria: setup.criteria.map((c) => ({ key: c.key, name: c.name, weight: formatHundredths(c.weightBp) })),
      scaleMax: setup.scaleMax,
      requiredEvaluators: setup.requiredEvaluators,
      fte: formatHundredths(setup.fteAvailableHundredths),
      municipalities: [...setup.municipalities],
      ...extra,
    };
  }

  async function create(setup: SelectionSetup): Promise<string> {
    clock.set(T.drafted);
    return (await post<ProcedureDto>('/selection/procedures', setupBody(setup))).id;
  }

  async function declare(id: string, key: ProviderKey, municipalities: readonly string[] = COESFELD_MUNICIPALITIES): Promise<string> {
    const res = await step(id, 'declarations', T.received, { providerId: provider[key], concept: `Konzept von ${PROVIDERS[key].name}`, receivedAt: T.received, municipalities });
    return res.event.payload.declarationId as string;
  }

  async function scoreAll(id: string, declarationId: string, marks: Marks, evaluators: readonly string[] = EVALUATORS): Promise<void> {
    for (const [criterionKey, points] of Object.entries(marks)) {
      for (const [i, p] of points.entries()) {
        if (i < evaluators.length) await step(id, 'scores', T.evaluation, { declarationId, criterionKey, evaluatorId: evaluators[i], points: p, comment: `${criterionKey}: ${p}` });
      }
    }
  }

  const allocation = (shares: readonly Allocation[]) =>
    shares.map((a) => ({ providerId: provider[FIXTURE_IDS[a.providerId]!], municipality: a.municipality, fte: formatHundredths(a.fteHundredths) }));

  /** Module I up to the provider talks: three declarations, closed by hand, scored by two evaluators, three talks. */
  async function moduleIAtTalks(): Promise<{ id: string; declarations: Record<'caritas' | 'kolping' | 'awo', string> }> {
    const id = await create(MODULE_I);
    await step(id, 'publish', T.published);
    const declarations = { caritas: await declare(id, 'caritas'), kolping: await declare(id, 'kolping', NORTH), awo: await declare(id, 'awo', SOUTH) };
    await step(id, 'close', T.afterDeadline);
    await step(id, 'start-evaluation', T.evaluation);
    for (const key of ['caritas', 'kolping', 'awo'] as const) await scoreAll(id, declarations[key], MODULE_I_MARKS[key]);
    await step(id, 'start-talks', T.talks);
    for (const key of ['caritas', 'kolping', 'awo'] as const) {
      await step(id, 'talks', T.talks, { declarationId: declarations[key], date: '2020-04-15', participants: ['KI', 'Jobcenter', PROVIDERS[key].name], resultNote: 'Konzept erläutert; Personalplanung besprochen.' });
    }
    return { id, declarations };
  }

  // ---------------------------------------------------------------- the real case

  it('runs the module VI procedure: Caritasverband selected for 1.50 FTE, 0.50 staffed from 01.05.2020, 1.00 recruiting', async () => {
    const id = await create(MODULE_VI);
    const p = await get<ProcedureDto>(`/selection/procedures/${id}`);
    expect(p).toMatchObject({ state: 'draft', programme: PROGRAMME, module: 'VI', fteAvailable: '1.50', deadline: '2020-03-31T23:59:59.000+02:00', closeDue: false });
    expect(p.criteria).toEqual([
      { key: 'concept', name: 'Konzept und Methodik', weight: '40.00' },
      { key: 'experience', name: 'Erfahrung mit der Zielgruppe', weight: '30.00' },
      { key: 'network', name: 'Vernetzung im Kreisgebiet', weight: '20.00' },
      { key: 'staff', name: 'Personal und Qualifikation', weight: '10.00' },
    ]);
    expect(p.nextSteps.find((s) => s.command === 'PUBLISH')).toMatchObject({ allowed: true, method: 'POST', path: `/selection/procedures/${id}/publish` });

    const published = await step(id, 'publish', T.published);
    expect(published.procedure.state).toBe('receiving');
    const timer = await sql.query<{ params: unknown }>(`SELECT params FROM outbox WHERE instance_id = $1 AND action_type = 'scheduleTimer'`, [id]);
    expect(timer.rows.map((r) => r.params)).toEqual([{ name: 'callDeadline', fireAt: MODULE_VI.deadline, event: { type: 'DEADLINE_REACHED', deadline: 'callDeadline' } }]);

    // the name is the register's; the client sends only the id
    const declared = await step(id, 'declarations', T.received, { providerId: provider.caritas, concept: 'Teilhabemanagement in allen elf Kommunen', receivedAt: '2020-03-20T11:00:00+01:00', municipalities: COESFELD_MUNICIPALITIES });
    expect(declared.event.payload).toMatchObject({ declarationId: 'D-1', providerId: provider.caritas, providerName: PROVIDERS.caritas.name });
    expect(declared.procedure.declarations[0]).toMatchObject({ receivedAt: '2020-03-20T11:00:00.000+01:00', late: false, admitted: true });

    // the deadline passed and the timer has not fired: the next command closes the call first
    clock.set(T.evaluation);
    expect(await get<ProcedureDto>(`/selection/procedures/${id}`)).toMatchObject({ state: 'receiving', closeDue: true });
    const started = await step(id, 'start-evaluation', T.evaluation);
    // one event: the machine closed the due call within START_EVALUATION's own transition
    expect(started).toMatchObject({ event: { type: 'START_EVALUATION', seq: 3 }, procedure: { state: 'evaluation', closedBy: 'command', closedAt: started.event.at } });

    await scoreAll(id, 'D-1', CARITAS_MARKS);
    const ranking = await get<RankingDto>(`/selection/procedures/${id}/ranking`);
    expect(ranking.rows).toHaveLength(1);
    expect(ranking.rows[0]).toMatchObject({ rank: 1, tied: false, complete: true, providerName: PROVIDERS.caritas.name, total: '89.00' });
    expect(ranking.rows[0]!.perCriterion.map((c) => [c.criterionKey, c.mean, c.weighted])).toEqual([
      ['concept', '4.50', '36.00'],
      ['experience', '5.00', '30.00'],
      ['network', '4.00', '16.00'],
      ['staff', '3.50', '7.00'],
    ]);

    await step(id, 'start-talks', T.talks);
    await step(id, 'talks', T.talks, { declarationId: 'D-1', date: '2020-04-15', participants: ['KI', 'Jobcenter', 'Caritasverband'], resultNote: 'Start mit 0,5 Stellen zum 01.05.2020.' });
    const shares = evenShares(150, COESFELD_MUNICIPALITIES).map((s) => ({ providerId: provider.caritas, municipality: s.municipality, fte: formatHundredths(s.fteHundredths) }));
    const decided = await step(id, 'decision', T.decided, { selectedProviderIds: [provider.caritas], allocation: shares });
    expect(decided.procedure).toMatchObject({ state: 'selected', selection: { deviates: false, deviationReason: null, pilotMunicipalities: null, decidedBy: 'demo-office' } });

    await step(id, 'staffing', T.staffed, { providerId: provider.caritas, fte: '0.50', from: '2020-05-01', status: 'staffed' });
    const staffing = await step(id, 'staffing', T.staffed, { providerId: provider.caritas, fte: '1.00', from: '2020-05-01', status: 'recruiting' });
    expect(staffing.procedure.staffing).toEqual([
      {
        providerId: provider.caritas,
        providerName: PROVIDERS.caritas.name,
        fte: '1.50',
        staffed: '0.50',
        open: '1.00',
        entries: [
          { providerId: provider.caritas, fte: '0.50', from: '2020-05-01', status: 'staffed', recordedAt: '2020-05-04T10:00:00.000+02:00' },
          { providerId: provider.caritas, fte: '1.00', from: '2020-05-01', status: 'recruiting', recordedAt: '2020-05-04T10:00:00.000+02:00' },
        ],
      },
    ]);
    await refusedStep(id, 'inform-committee', T.informed, { bodyId: '00000000-0000-4000-8000-000000000000', date: '2020-05-27' }, 422, 'SELECTION.UNKNOWN_BODY');
    const wrongMeeting = await refusedStep(id, 'inform-committee', T.informed, { bodyId: body.social, meetingId: meeting.integration, date: '2020-05-27' }, 422, 'SELECTION.UNKNOWN_MEETING');
    expect(wrongMeeting.detail).toContain('not a meeting of the Ausschuss für Arbeit, Soziales, Senioren und Gesundheit');
    await step(id, 'inform-committee', T.informed, { bodyId: body.integration, meetingId: meeting.integration, date: '2020-05-27' });
    const done = await step(id, 'complete', T.completed);
    expect(done.procedure).toMatchObject({ state: 'done', status: 'done', nextSteps: [], committee: { bodyId: body.integration, meetingId: meeting.integration, date: '2020-05-27' } });

    const coverage = await get<CoverageDto>(`/selection/procedures/${id}/coverage`);
    expect(coverage).toMatchObject({ decided: true, fteAvailable: '1.50', fteAllocated: '1.50', pilotMunicipalities: null });
    expect(coverage.municipalities.map((m) => [m.municipality, m.covered, m.fte])).toEqual(
      COESFELD_MUNICIPALITIES.map((m, i) => [m, true, i < 7 ? '0.14' : '0.13']),
    );

    expect(await get<SelectedProvidersDto>('/selection/modules/VI/selected', 'clerk')).toEqual({
      module: 'VI',
      decided: true,
      procedureId: id,
      providers: [{ providerId: provider.caritas, providerName: PROVIDERS.caritas.name, fte: '1.50' }],
    });
    const history = await get<EventPageDto>(`/instances/${id}/events?pageSize=200`);
    expect(history.items.map((e) => e.type)).toEqual([
      // START_EVALUATION after the deadline closed the call within its own transition: no CLOSE event
      'PUBLISH', 'RECEIVE_DECLARATION', 'START_EVALUATION', ...Array<string>(8).fill('SCORE'),
      'START_TALKS', 'RECORD_TALK', 'DECIDE_SELECTION', 'RECORD_STAFFING', 'RECORD_STAFFING', 'INFORM_COMMITTEE', 'COMPLETE',
    ]);
    expect(new Set(history.items.map((e) => e.actor.id))).toEqual(new Set(['demo-office']));
  });

  it('runs module I: several declarations, weighted scoring, talks, and an allocation covering all 11 municipalities', async () => {
    const { id, declarations } = await moduleIAtTalks();
    // a fourth declaration arrived after the deadline: on file, excluded from the ranking
    const late = await step(id, 'late-declarations', T.talks, { providerId: provider.diakonie, concept: 'Verspätet eingegangen', receivedAt: '2020-04-02T09:30:00+02:00', municipalities: ['Olfen'] });
    expect(late.procedure.declarations.map((d) => [d.declarationId, d.providerName, d.late, d.admitted])).toEqual([
      ['D-1', PROVIDERS.caritas.name, false, true],
      ['D-2', PROVIDERS.kolping.name, false, true],
      ['D-3', PROVIDERS.awo.name, false, true],
      ['D-4', PROVIDERS.diakonie.name, true, false],
    ]);
    expect(late.procedure).toMatchObject({ state: 'talks', closedBy: 'command', closedAt: '2020-04-01T08:00:00.000+02:00' });

    const ranking = await get<RankingDto>(`/selection/procedures/${id}/ranking`);
    expect(ranking.rows.map((r) => [r.rank, r.providerName, r.total, r.tied, r.complete])).toEqual([
      [1, PROVIDERS.caritas.name, '89.00', false, true],
      [2, PROVIDERS.kolping.name, '73.00', false, true],
      [3, PROVIDERS.awo.name, '72.00', false, true],
    ]);
    const kolpingConcept = ranking.rows[1]!.perCriterion[0];
    expect(kolpingConcept).toEqual({
      criterionKey: 'concept',
      name: 'Konzept und Methodik',
      weight: '40.00',
      evaluations: 2,
      pointsSum: 8,
      mean: '4.00',
      weighted: '32.00',
      scores: [
        { evaluatorId: 'eval-ki', points: 4, comment: 'concept: 4' },
        { evaluatorId: 'eval-jobcenter', points: 4, comment: 'concept: 4' },
      ],
    });
    expect(declarations.kolping).toBe('D-2');

    const decided = await step(id, 'decision', T.decided, { selectedProviderIds: [provider.kolping, provider.caritas], allocation: allocation(followingTheRanking) });
    expect(decided.procedure.selection).toMatchObject({ deviates: false, selected: [{ providerName: PROVIDERS.kolping.name }, { providerName: PROVIDERS.caritas.name }] });

    const coverage = await get<CoverageDto>(`/selection/procedures/${id}/coverage`);
    expect(coverage).toMatchObject({ decided: true, fteAvailable: '3.00', fteAllocated: '3.00' });
    expect(coverage.municipalities).toHaveLength(11);
    expect(coverage.municipalities.every((m) => m.covered)).toBe(true);
    expect(coverage.municipalities.find((m) => m.municipality === 'Dülmen')).toEqual({
      municipality: 'Dülmen',
      covered: true,
      fte: '0.60',
      providers: [{ providerId: provider.caritas, providerName: PROVIDERS.caritas.name, fte: '0.60' }],
    });

    expect((await get<SelectedProvidersDto>('/selection/modules/I/selected')).providers).toEqual([
      { providerId: provider.kolping, providerName: PROVIDERS.kolping.name, fte: '1.20' },
      { providerId: provider.caritas, providerName: PROVIDERS.caritas.name, fte: '1.80' },
    ]);
  });

  it('answers the selected-providers query with "not decided" for a module whose procedure is still open, and 400 for a malformed code', async () => {
    await create({ ...MODULE_VI, module: 'III', title: 'Baustein III' });
    expect(await get<SelectedProvidersDto>('/selection/modules/III/selected')).toEqual({ module: 'III', decided: false, procedureId: null, providers: [] });
    expect(await get<SelectedProvidersDto>('/selection/modules/IV/selected')).toEqual({ module: 'IV', decided: false, procedureId: null, providers: [] });
    const bad = await t.http.get('/selection/modules/not%20a%20code/selected').set('Authorization', t.auth('auditor'));
    expect(bad.status).toBe(400);
  });

  it('models the pilot phase: 0.50 of 1.50 FTE in Dülmen, the rest visibly unallocated, then the roll-out to all 11 municipalities; coverage shows both', async () => {
    const id = await create({ ...MODULE_VI, module: 'GK' });
    await step(id, 'publish', T.published);
    await declare(id, 'caritas');
    await step(id, 'start-evaluation', T.evaluation);
    await scoreAll(id, 'D-1', CARITAS_MARKS);
    await step(id, 'start-talks', T.talks);
    const decided = await step(id, 'decision', T.decided, {
      selectedProviderIds: [provider.caritas],
      allocation: [{ providerId: provider.caritas, municipality: 'Dülmen', fte: '0.50' }],
      pilotMunicipalities: ['Dülmen'],
    });
    expect(decided.procedure.selection).toMatchObject({ pilotMunicipalities: ['Dülmen'], allocation: [{ municipality: 'Dülmen', fte: '0.50' }], fteUnallocated: '1.00', rollOut: null });
    const pilot = await get<CoverageDto>(`/selection/procedures/${id}/coverage`);
    expect(pilot).toMatchObject({ fteAvailable: '1.50', fteAllocated: '0.50', fteUnallocated: '1.00', pilotMunicipalities: ['Dülmen'] });
    expect(pilot.municipalities.filter((m) => m.covered).map((m) => m.municipality)).toEqual(['Dülmen']);
    expect(pilot.phases.map((p) => [p.phase, p.current, p.fteAllocated, p.fteUnallocated, p.coveredMunicipalities])).toEqual([['pilot', true, '0.50', '1.00', ['Dülmen']]]);
    expect((await get<SelectedProvidersDto>('/selection/modules/GK/selected')).providers).toEqual([{ providerId: provider.caritas, providerName: PROVIDERS.caritas.name, fte: '0.50' }]);

    await step(id, 'inform-committee', T.informed, { bodyId: body.integration, date: '2020-05-27' });
    // completing before the roll-out: refused, nothing written, the roll-out named as the allowed step
    clock.set(T.completed);
    const pending = await t.http.post(`/selection/procedures/${id}/complete`).set('Authorization', t.auth('office')).send({});
    expect(pending.status).toBe(422);
    const problem = pending.body as Problem & { detail: string; nextSteps: { command: string; allowed: boolean }[] };
    expect(problem.code).toBe('SELECTION.ROLL_OUT_PENDING');
    expect(problem.detail).toContain('Dülmen');
    expect(problem.nextSteps.filter((s) => s.allowed).map((s) => s.command)).toEqual(expect.arrayContaining(['ROLL_OUT']));
    expect(problem.nextSteps.find((s) => s.command === 'COMPLETE')).toMatchObject({ allowed: false });
    await refusedStep(id, 'complete', T.completed, {}, 422, 'SELECTION.ROLL_OUT_PENDING');
    // a roll-out that leaves Olfen out is refused, naming it
    const everywhere = allocation(evenShares(150, COESFELD_MUNICIPALITIES).map((s) => ({ providerId: 'p-caritas', ...s })));
    const short = await refusedStep(id, 'roll-out', T.completed, { allocation: everywhere.filter((a) => a.municipality !== 'Olfen') }, 422, 'SELECTION.FTE_MISMATCH');
    expect(short.detail).toContain('0.');

    // a share for Kolping, which was not selected (nor declared here): named from the register, not by its id
    const withKolping = everywhere.map((a) => (a.municipality === 'Olfen' ? { ...a, providerId: provider.kolping } : a));
    const stranger = await refusedStep(id, 'roll-out', T.completed, { allocation: withKolping }, 422, 'SELECTION.ALLOCATION_INVALID');
    expect(stranger.detail).toContain(`shares for providers that are not selected: ${PROVIDERS.kolping.name}`);
    expect(stranger.detail).not.toContain(provider.kolping);
    const rolled = await step(id, 'roll-out', T.completed, { allocation: everywhere });
    expect(rolled.event).toMatchObject({ type: 'ROLL_OUT' });
    expect(rolled.procedure.selection).toMatchObject({ pilotMunicipalities: ['Dülmen'], fteUnallocated: '0.00', rollOut: { decidedBy: 'demo-office', decidedAt: '2020-08-19T10:00:00.000+02:00' } });
    expect(rolled.procedure.selection?.rollOut?.allocation).toHaveLength(11);
    const both = await get<CoverageDto>(`/selection/procedures/${id}/coverage`);
    expect(both).toMatchObject({ fteAllocated: '1.50', fteUnallocated: '0.00', pilotMunicipalities: ['Dülmen'] });
    expect(both.municipalities.every((m) => m.covered)).toBe(true);
    expect(both.phases.map((p) => [p.phase, p.current, p.fteAllocated, p.fteUnallocated, p.coveredMunicipalities.length])).toEqual([
      ['pilot', false, '0.50', '1.00', 1],
      ['rollOut', true, '1.50', '0.00', 11],
    ]);
    expect(both.phases[0]!.municipalities.find((m) => m.municipality === 'Dülmen')).toMatchObject({ covered: true, fte: '0.50' });
    expect((await get<SelectedProvidersDto>('/selection/modules/GK/selected')).providers).toEqual([{ providerId: provider.caritas, providerName: PROVIDERS.caritas.name, fte: '1.50' }]);
    await refusedStep(id, 'roll-out', T.completed, { allocation: everywhere }, 422, 'SELECTION.ALREADY_ROLLED_OUT');
    expect((await step(id, 'complete', T.completed)).procedure.state).toBe('done');
  });

  it('closes a call whose deadline passed exactly once when commands arrive together', async () => {
    const id = await create(MODULE_VI);
    await step(id, 'publish', T.published);
    clock.set(T.afterDeadline);
    const late = (key: ProviderKey) =>
      t.http.post(`/selection/procedures/${id}/late-declarations`).set('Authorization', t.auth('office'))
        .send({ providerId: provider[key], concept: 'verspätet', receivedAt: '2020-04-01T07:30:00+02:00', municipalities: ['Olfen'] });
    const answers = await Promise.all((['caritas', 'kolping', 'awo', 'diakonie'] as const).map(late));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    // the first of them closed the call within its own transition: seqs 2–5, no separate CLOSE event
    expect(answers.map((r) => (r.body as StepResultDto).event.seq).sort()).toEqual([2, 3, 4, 5]);
    const history = await get<EventPageDto>(`/instances/${id}/events`);
    // the first of them closed the call within its own transition: no separate CLOSE event
    expect(history.items.map((e) => e.type)).toEqual(['PUBLISH', ...Array<string>(4).fill('RECORD_LATE_DECLARATION')]);
    expect((await get<ProcedureDto>(`/selection/procedures/${id}`)).declarations.map((d) => d.declarationId).sort()).toEqual(['D-1', 'D-2', 'D-3', 'D-4']);
  });

  it('edits the draft, and publishes only once the weights add up to 100 %', async () => {
    const id = await create(MODULE_VI);
    const patch = (body: object) => t.http.patch(`/selection/procedures/${id}`).set('Authorization', t.auth('office')).send(body);
    const weights = (staff: string) => MODULE_VI.criteria.map((c) => ({ key: c.key, name: c.name, weight: c.key === 'staff' ? staff : formatHundredths(c.weightBp) }));
    const edited = await patch({ fte: '2.00', criteria: weights('5.00') });
    expect(edited.status).toBe(200);
    expect((edited.body as StepResultDto).procedure).toMatchObject({ fteAvailable: '2.00', state: 'draft' });
    expect((edited.body as StepResultDto).procedure.nextSteps.find((s) => s.command === 'PUBLISH')).toMatchObject({ allowed: false, violations: [{ code: 'SELECTION.WEIGHTS_NOT_100' }] });
    await refusedStep(id, 'publish', T.published, {}, 422, 'SELECTION.WEIGHTS_NOT_100');
    await refused(() => patch({}), 400, 'VALIDATION.FAILED');
    await refused(() => patch({ module: 'I' }), 400, 'VALIDATION.FAILED');
    expect((await patch({ criteria: weights('10.00') })).status).toBe(200);
    await step(id, 'publish', T.published);
    await refused(() => patch({ fte: '1.00' }), 409, 'WORKFLOW.EVENT_NOT_ALLOWED');
  });

  it('keeps an evaluator with a declared conflict from scoring that provider, and withdraws their scores', async () => {
    const id = await create(MODULE_VI);
    await step(id, 'publish', T.published);
    await declare(id, 'caritas');
    await step(id, 'start-evaluation', T.evaluation);
    await scoreAll(id, 'D-1', CARITAS_MARKS, ['eval-ki']);
    const conflict = await step(id, 'conflicts', T.evaluation, { evaluatorId: 'eval-ki', evaluatorName: 'Anna Beispiel', providerId: provider.caritas, note: 'Mitglied im Vorstand' });
    expect(conflict.procedure.conflicts).toEqual([
      { evaluatorId: 'eval-ki', evaluatorName: 'Anna Beispiel', providerId: provider.caritas, note: 'Mitglied im Vorstand', declaredAt: '2020-04-02T10:00:00.000+02:00', withdrawnScores: 4 },
    ]);
    expect(conflict.procedure.scores).toEqual([]);
    const score = { declarationId: 'D-1', criterionKey: 'concept', evaluatorId: 'eval-ki', points: 5, comment: 'befangen' };
    // the evaluator by name, not by the identifier the office chose
    const scoring = await refusedStep(id, 'scores', T.evaluation, score, 422, 'SELECTION.EVALUATOR_CONFLICT');
    expect(scoring.detail).toBe(`Anna Beispiel declared a conflict of interest with ${PROVIDERS.caritas.name} and cannot score its declaration.`);
    // declared twice: the refusal names the evaluator and the provider, not their ids
    const twice = await refusedStep(id, 'conflicts', T.evaluation, { evaluatorId: 'eval-ki', evaluatorName: 'Anna Beispiel', providerId: provider.caritas }, 422, 'SELECTION.CONFLICT_ALREADY_DECLARED');
    expect(twice.detail).toBe(`The conflict of interest of Anna Beispiel with ${PROVIDERS.caritas.name} is already on record.`);
    // a Befangenheitserklärung names the person
    await refusedStep(id, 'conflicts', T.evaluation, { evaluatorId: 'eval-jobcenter', providerId: provider.caritas }, 400, 'VALIDATION.FAILED');
    // Kolping declared nothing here: its name comes from the register with the event
    await step(id, 'conflicts', T.evaluation, { evaluatorId: 'eval-ki', evaluatorName: 'Anna Beispiel', providerId: provider.kolping });
    const kolping = await refusedStep(id, 'conflicts', T.evaluation, { evaluatorId: 'eval-ki', evaluatorName: 'Anna Beispiel', providerId: provider.kolping }, 422, 'SELECTION.CONFLICT_ALREADY_DECLARED');
    expect(kolping.detail).toContain(PROVIDERS.kolping.name);
  });

  it('cancels before the decision, and ends a call without declarations as "no suitable declaration"', async () => {
    const cancelled = await create(MODULE_VI);
    await step(cancelled, 'publish', T.published);
    await refusedStep(cancelled, 'cancel', T.received, { reason: ' ' }, 400, 'VALIDATION.FAILED');
    const res = await step(cancelled, 'cancel', T.received, { reason: 'Förderaufruf des Landes zurückgezogen.' });
    expect(res.procedure).toMatchObject({ state: 'cancelled', status: 'done', cancellation: { reason: 'Förderaufruf des Landes zurückgezogen.', by: 'demo-office' } });
    const cancelTimer = await sql.query<{ params: unknown }>(`SELECT params FROM outbox WHERE instance_id = $1 AND action_type = 'cancelTimer'`, [cancelled]);
    expect(cancelTimer.rows.map((r) => r.params)).toEqual([{ name: 'callDeadline' }]);

    const empty = await create({ ...MODULE_VI, module: 'II', title: 'Baustein II' });
    await step(empty, 'publish', T.published);
    await refusedStep(empty, 'start-evaluation', T.evaluation, {}, 422, 'SELECTION.NO_ADMITTED_DECLARATION');
    const ended = await step(empty, 'no-suitable-declaration', T.evaluation, { reason: 'Keine Interessenbekundung eingegangen.' });
    expect(ended).toMatchObject({ event: { seq: 2 }, procedure: { state: 'noSuitableDeclaration', closedBy: 'command', closedAt: ended.event.at, noSuitableDeclaration: { reason: 'Keine Interessenbekundung eingegangen.' } } });
    expect((await get<SelectedProvidersDto>('/selection/modules/II/selected')).decided).toBe(false);
  });

  // ---------------------------------------------------------------- refusals write nothing

  describe('refuses, with the rule code, and writes nothing', () => {
    it('a declaration received after the deadline (the due close is rolled back with it)', async () => {
      const id = await create(MODULE_VI);
      await step(id, 'publish', T.published);
      const body = { providerId: provider.caritas, concept: 'zu spät', receivedAt: '2020-04-01T07:00:00+02:00', municipalities: ['Coesfeld'] };
      const problem = await refusedStep(id, 'declarations', T.afterDeadline, body, 422, 'SELECTION.DECLARATION_LATE');
      // both times in Europe/Berlin, whatever offset they were sent or stored with
      expect(problem.detail).toContain(`The declaration of ${PROVIDERS.caritas.name} was received at 2020-04-01T07:00:00+02:00, after the deadline 2020-03-31T23:59:59+02:00.`);
      expect(await get<ProcedureDto>(`/selection/procedures/${id}`)).toMatchObject({ state: 'receiving', version: 1, closedAt: null, closeDue: true });
      // recorded as late instead: kept on file, excluded
      const late = await step(id, 'late-declarations', T.afterDeadline, body);
      expect(late).toMatchObject({ event: { seq: 2 }, procedure: { state: 'closed', closedBy: 'command', closedAt: late.event.at, declarations: [{ late: true, admitted: false }] } });
    });

    it('scoring before the deadline', async () => {
      const id = await create(MODULE_VI);
      await step(id, 'publish', T.published);
      const declarationId = await declare(id, 'caritas');
      await refusedStep(id, 'scores', T.beforeDeadline, { declarationId, criterionKey: 'concept', evaluatorId: 'eval-ki', points: 5, comment: 'zu früh' }, 422, 'SELECTION.CALL_NOT_CLOSED');
    });

    it('starting the talks with scoring incomplete, and says so in the allowed steps', async () => {
      const id = await create(MODULE_VI);
      await step(id, 'publish', T.published);
      await declare(id, 'caritas');
      await step(id, 'start-evaluation', T.evaluation);
      await scoreAll(id, 'D-1', CARITAS_MARKS, ['eval-ki']);
      const blocked = (await get<ProcedureDto>(`/selection/procedures/${id}`)).nextSteps.find((s) => s.command === 'START_TALKS');
      expect(blocked).toMatchObject({ allowed: false, violations: [{ code: 'SELECTION.SCORING_INCOMPLETE' }] });
      const problem = await refusedStep(id, 'start-talks', T.talks, {}, 422, 'SELECTION.SCORING_INCOMPLETE');
      expect(problem.detail).toMatch(/4 missing/);
    });

    describe('a decision on module I', () => {
      let id: string;
      beforeAll(async () => {
        ({ id } = await moduleIAtTalks());
      });
      const withDuelmen = (fteHundredths: number) => followingTheRanking.map((a) => (a.municipality === 'Dülmen' ? { ...a, fteHundredths } : a));
      const decide = (shares: readonly Allocation[], extra: object = {}) => ({ selectedProviderIds: [provider.kolping, provider.caritas], allocation: allocation(shares), ...extra });

      it('that allocates more FTE than available', async () => {
        const problem = await refusedStep(id, 'decision', T.decided, decide(withDuelmen(70)), 422, 'SELECTION.FTE_MISMATCH');
        expect(problem.detail).toContain('uses 3.10 FTE, but exactly 3.00 FTE are available (0.10 FTE too much)');
      });

      it('that leaves FTE unallocated', async () => {
        const problem = await refusedStep(id, 'decision', T.decided, decide(withDuelmen(50)), 422, 'SELECTION.FTE_MISMATCH');
        expect(problem.detail).toContain('(0.10 FTE short)');
      });

      it('that leaves a municipality uncovered outside a pilot', async () => {
        const withoutOlfen = withDuelmen(80).filter((a) => a.municipality !== 'Olfen');
        const problem = await refusedStep(id, 'decision', T.decided, decide(withoutOlfen), 422, 'SELECTION.MUNICIPALITY_UNCOVERED');
        expect(problem.detail).toMatch(/uncovered: Olfen/);
      });

      it('that deviates from the ranking without a reason, and accepts it with one', async () => {
        const passing = { selectedProviderIds: [provider.awo, provider.caritas], allocation: allocation(passingOverKolping) };
        const problem = await refusedStep(id, 'decision', T.decided, passing, 422, 'SELECTION.DEVIATION_WITHOUT_REASON');
        expect(problem.detail).toContain(`${PROVIDERS.kolping.name} (rank 2, 73.00 points)`);
        await refusedStep(id, 'decision', T.decided, { ...passing, deviationReason: '   ' }, 422, 'SELECTION.DEVIATION_WITHOUT_REASON');
        const decided = await step(id, 'decision', T.decided, { ...passing, deviationReason: 'Trägergespräch: Kolping kann 2020 kein Personal stellen.' });
        expect(decided.procedure.selection).toMatchObject({ deviates: true, tieBroken: false, deviationReason: 'Trägergespräch: Kolping kann 2020 kein Personal stellen.' });
      });
    });

    it('a tie on the weighted total broken without a reason, and accepts it with one', async () => {
      const { id, declarations } = await moduleIAtTalks();
      // after its talk Kolping's staff mark drops by one point: 72.00, level with AWO
      await step(id, 'scores', T.talks, { declarationId: declarations.kolping, criterionKey: 'staff', evaluatorId: 'eval-ki', points: 3, comment: 'Personal erst teilweise' });
      const ranking = await get<RankingDto>(`/selection/procedures/${id}/ranking`);
      expect(ranking.rows.map((r) => [r.providerName, r.rank, r.tied, r.total])).toEqual([
        [PROVIDERS.caritas.name, 1, false, '89.00'],
        [PROVIDERS.awo.name, 2, true, '72.00'],
        [PROVIDERS.kolping.name, 2, true, '72.00'],
      ]);
      const awo = { selectedProviderIds: [provider.awo, provider.caritas], allocation: allocation(passingOverKolping) };
      const problem = (await refusedStep(id, 'decision', T.decided, awo, 422, 'SELECTION.TIE_WITHOUT_REASON')) as Problem & { nextSteps: { command: string; allowed: boolean }[] };
      expect(problem.detail).toContain(`${PROVIDERS.awo.name}, ${PROVIDERS.kolping.name} tie at 72.00 points`);
      expect(problem.detail).toContain(`leaves out ${PROVIDERS.kolping.name}`);
      expect(problem.detail).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(problem.nextSteps.filter((s) => s.allowed).map((s) => s.command)).toEqual(expect.arrayContaining(['DECIDE_SELECTION', 'CANCEL']));
      await refusedStep(id, 'decision', T.decided, { ...awo, deviationReason: '  ' }, 422, 'SELECTION.TIE_WITHOUT_REASON');
      const reason = 'Gleichstand: AWO kann zum 01.05.2020 im Süden beginnen.';
      const decided = await step(id, 'decision', T.decided, { ...awo, deviationReason: reason });
      expect(decided.procedure.selection).toMatchObject({ deviates: false, tieBroken: true, deviationReason: reason });
      expect(decided.event.payload).toMatchObject({ deviationReason: reason });
    });

    it('weights that do not add up to 100 % at creation', async () => {
      const criteria = MODULE_VI.criteria.map((c) => ({ ...c, weightBp: c.key === 'staff' ? 1500 : c.weightBp }));
      clock.set(T.drafted);
      await refused(() => t.http.post('/selection/procedures').set('Authorization', t.auth('office')).send(setupBody({ ...MODULE_VI, criteria })), 422, 'SELECTION.WEIGHTS_NOT_100');
    });

    it.each([
      ['FTE as a float', { fte: 1.5 }],
      ['FTE with a comma', { fte: '1,50' }],
      ['FTE with three decimals', { fte: '1.505' }],
      ['a weight as a number', { criteria: [{ key: 'concept', name: 'Konzept', weight: 100 }] }],
      ['a deadline without offset', { deadline: '2020-03-31T23:59:59' }],
      ['no municipalities', { municipalities: [] }],
      ['an unknown field', { budget: '13500.00' }],
      ['a malformed motion id', { motionInstanceId: 'SV-9-1600/1' }],
    ])('a create body with %s (400)', async (_, change) => {
      await refused(() => t.http.post('/selection/procedures').set('Authorization', t.auth('office')).send({ ...setupBody(MODULE_VI), ...change }), 400, 'VALIDATION.FAILED');
    });

    it('an unknown module, an unknown provider, and a read-only role', async () => {
      await refused(() => t.http.post('/selection/procedures').set('Authorization', t.auth('office')).send(setupBody({ ...MODULE_VI, module: 'VII' })), 422, 'SELECTION.UNKNOWN_MODULE');
      const id = await create(MODULE_VI);
      await step(id, 'publish', T.published);
      const stranger = { providerId: '00000000-0000-4000-8000-000000000000', concept: 'x', receivedAt: T.received, municipalities: ['Olfen'] };
      await refusedStep(id, 'declarations', T.received, stranger, 422, 'SELECTION.UNKNOWN_PROVIDER');
      await refused(() => t.http.post(`/selection/procedures/${id}/close`).set('Authorization', t.auth('auditor')).send({}), 403, 'AUTH.FORBIDDEN');
      await refused(() => t.http.post(`/selection/procedures/${id}/close`).set('Authorization', t.auth('clerk')).send({}), 403, 'AUTH.FORBIDDEN');
    });

    it('a step the state does not offer (409) and selection events through the generic engine API', async () => {
      const id = await create(MODULE_VI);
      const problem = await refusedStep(id, 'start-talks', T.published, {}, 409, 'WORKFLOW.EVENT_NOT_ALLOWED');
      expect(problem.allowedEvents).toEqual(expect.arrayContaining(['PUBLISH', 'CANCEL']));
      await refused(() => t.http.post(`/instances/${id}/events`).set('Authorization', t.auth('office')).send({ type: 'PUBLISH' }), 409, 'WORKFLOW.USE_DOMAIN_API');
      await refused(() => t.http.post('/workflows/selection/instances').set('Authorization', t.auth('office')).send({ input: {} }), 409, 'WORKFLOW.USE_DOMAIN_API');
    });

    it('a motion link to something that is not a motion, or to nothing', async () => {
      clock.set(T.drafted);
      const sample = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Laptops', amountCents: 1 } });
      const send = (motionInstanceId: string) => () => t.http.post('/selection/procedures').set('Authorization', t.auth('office')).send(setupBody(MODULE_VI, { motionInstanceId }));
      await refused(send((sample.body as { id: string }).id), 422, 'SELECTION.NOT_A_MOTION');
      await refused(send('00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    });
  });

  it('links the procedure to the motion that authorises it, in the same transaction', async () => {
    clock.set('2020-01-20T09:00:00+01:00');
    const motion = await post<{ id: string }>('/motions', { reference: 'SV-9-1600', title: 'Umsetzung der Landesinitiativen Durchstarten in Ausbildung und Arbeit', department: 'Kommunales Integrationszentrum' }, 'clerk');
    clock.set(T.drafted);
    const created = await post<ProcedureDto>('/selection/procedures', setupBody(MODULE_VI, { motionInstanceId: motion.id }));
    const { rows } = await sql.query('SELECT from_instance, to_instance, relation, tenant FROM workflow_links WHERE to_instance = $1', [created.id]);
    expect(rows).toEqual([{ from_instance: motion.id, to_instance: created.id, relation: 'authorises', tenant: 'kreis-coesfeld' }]);
  });

  // ---------------------------------------------------------------- lists and master data

  it('lists procedures newest first, filtered by module and state, paginated', async () => {
    const all = await get<ProcedurePageDto>('/selection/procedures?pageSize=200');
    const rows = await sql.query<{ n: string }>(`SELECT count(*) n FROM workflow_instances WHERE workflow_type = 'selection'`);
    expect(all.total).toBe(Number(rows.rows[0]!.n));
    const done = await get<ProcedurePageDto>('/selection/procedures?module=VI&state=done');
    expect(done).toMatchObject({ total: 1, items: [{ module: 'VI', state: 'done', programme: PROGRAMME, deadline: '2020-03-31T23:59:59.000+02:00' }] });
    const page = await get<ProcedurePageDto>('/selection/procedures?module=VI&pageSize=2&page=2');
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(4);
    const bad = await t.http.get('/selection/procedures?state=finished').set('Authorization', t.auth('auditor'));
    expect((bad.body as Problem).code).toBe('VALIDATION.FAILED');
  });

  it('keeps programmes, modules and providers per Körperschaft, with unique names and codes', async () => {
    const programmes = await get<ProgrammeDto[]>('/selection/programmes');
    expect(programmes).toHaveLength(1);
    expect(programmes[0]!.modules.map((m) => m.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'GK']);
    const programmeId = programmes[0]!.id;
    await refused(() => t.http.post(`/selection/programmes/${programmeId}/modules`).set('Authorization', t.auth('office')).send({ code: 'VI', title: 'doppelt' }), 409, 'SELECTION.MODULE_EXISTS');
    await refused(() => t.http.post('/selection/providers').set('Authorization', t.auth('admin')).send(PROVIDERS.caritas), 409, 'SELECTION.PROVIDER_EXISTS');
    await refused(() => t.http.post('/selection/providers').set('Authorization', t.auth('office')).send({ name: '  ', legalForm: 'e.V.' }), 400, 'VALIDATION.FAILED');
    const page = await get<ProviderPageDto>('/selection/providers?pageSize=2&page=2');
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page.items.map((p) => p.name)).toEqual([PROVIDERS.diakonie.name, PROVIDERS.kolping.name]);
    expect(page.items[0]!.createdAt).toBe('2020-02-01T10:00:00.000+01:00');
  });

  it('keeps each Körperschaft to its own procedures, programmes and providers', async () => {
    const key = await t.app.get(AuthService).issue('kreis-borken', 'borken-office', 'office', 'Geschäftsführende Stelle Borken', null);
    const borken = `Bearer ${key.token}`;
    const coesfeldVI = (await get<ProcedurePageDto>('/selection/procedures?module=VI&state=done')).items[0]!.id;
    const hidden = await t.http.get(`/selection/procedures/${coesfeldVI}`).set('Authorization', borken);
    expect({ status: hidden.status, code: (hidden.body as Problem).code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    await refused(() => t.http.post(`/selection/procedures/${coesfeldVI}/cancel`).set('Authorization', borken).send({ reason: 'fremd' }), 404, 'NOT_FOUND');
    expect((await t.http.get('/selection/procedures').set('Authorization', borken)).body).toMatchObject({ total: 0, items: [] });
    expect((await t.http.get('/selection/providers').set('Authorization', borken)).body).toMatchObject({ total: 0, items: [] });
    expect((await t.http.get('/selection/modules/VI/selected').set('Authorization', borken)).body).toMatchObject({ decided: false, providers: [] });
    // the same names are free in another Körperschaft
    const programme = await t.http.post('/selection/programmes').set('Authorization', borken).send({ name: PROGRAMME });
    expect(programme.status).toBe(201);
    expect((await t.http.post(`/selection/programmes/${(programme.body as ProgrammeDto).id}/modules`).set('Authorization', borken).send({ code: 'VI', title: 'Teilhabe' })).status).toBe(201);
    const mine = await t.http.post('/selection/procedures').set('Authorization', borken).send(setupBody(MODULE_VI));
    expect(mine.status).toBe(201);
    const id = (mine.body as ProcedureDto).id;
    clock.set(T.published);
    expect((await t.http.post(`/selection/procedures/${id}/publish`).set('Authorization', borken).send()).status).toBe(201);
    const foreignProvider = { providerId: provider.caritas, concept: 'x', receivedAt: T.received, municipalities: ['Olfen'] };
    clock.set(T.received);
    await refused(() => t.http.post(`/selection/procedures/${id}/declarations`).set('Authorization', borken).send(foreignProvider), 422, 'SELECTION.UNKNOWN_PROVIDER');
    // and a programme id of another Körperschaft is not found
    const coesfeldProgramme = (await get<ProgrammeDto[]>('/selection/programmes'))[0]!.id;
    await refused(() => t.http.post(`/selection/programmes/${coesfeldProgramme}/modules`).set('Authorization', borken).send({ code: 'I', title: 'Coaching' }), 404, 'NOT_FOUND');
  });
});
