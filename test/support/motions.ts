/**
 * Test support for the motions e2e specs (imported by `*.e2e-spec.ts` only): the Coesfeld council
 * as data, an HTTP client that asserts status codes, and a fingerprint of every table a motion
 * command may write, to prove that a refusal wrote nothing.
 */
import { Client } from 'pg';
import type { TestApp } from './app';
import type { BodyDto, CompetenceDto, MembershipDto } from '../../src/council/dto/council.dto';
import type { MeetingDetailDto } from '../../src/meetings/dto/meetings.dto';
import type { MotionDto } from '../../src/motions/dto/motion-view.dto';

export const LIT_S = '§ 26 Abs. 1 lit. s) KrO NRW';
export const DELEGATED = 'Zuständigkeitsordnung § 4: Zuschüsse an freie Träger bis 25.000 EUR';

export const PROPOSAL_1 =
  'Die Verwaltung wird beauftragt, die Landesinitiativen „Durchstarten in Ausbildung und Arbeit“ inkl. des Bausteins VI „Gemeinsam klappt’s – Teilhabemanagement“ zusammen mit dem Kreisjobcenter als Teil der geschäftsführenden Stelle im Kreis Coesfeld umzusetzen.';
export const PROPOSAL_2 =
  'Für das laufende Jahr 2020 und vorbehaltlich der Haushaltsberatungen für 2021 wird die Verwaltung ermächtigt, einen Teil der Mittel aus der Integrationspauschale nach § 14c TIntG zur Sicherstellung des innerhalb der Landesinitiativen unter 1. geforderten Eigenanteils zur Umsetzung einzuplanen.';

export interface SeatedBody extends BodyDto {
  /** Voting members, in order of creation. */
  members: string[];
}

export interface Council {
  kreistag: SeatedBody;
  kreisausschuss: SeatedBody;
  integrationsausschuss: SeatedBody;
  sozialausschuss: SeatedBody;
  litS: CompetenceDto;
  delegated: CompetenceDto;
}

type Role = 'clerk' | 'office' | 'auditor' | 'admin';

/** JSON over HTTP as a role; `expect` is the status the call must answer with. */
export function client(t: TestApp) {
  const call = async <T>(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body: unknown, expected: number, role: Role): Promise<T> => {
    const req = t.http[method](path).set('Authorization', t.auth(role));
    const res = body === undefined ? await req : await req.send(body as object);
    if (res.status !== expected) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status}, expected ${expected}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  };
  /** A command's answer is `{ <resource>: view, event, nextSteps }`: these return the resource. */
  const resource = async <T>(answer: Promise<Record<string, unknown>>): Promise<T> => {
    const body = await answer;
    const key = Object.keys(body).find((k) => k !== 'event' && k !== 'nextSteps');
    if (!key || !('event' in body)) throw new Error(`not a command answer: ${JSON.stringify(body).slice(0, 200)}`);
    return body[key] as T;
  };
  return {
    command: {
      post: <T>(path: string, body: unknown = {}, expected = 200, role: Role = 'clerk') => resource<T>(call('post', path, body, expected, role)),
      put: <T>(path: string, body: unknown, expected = 200, role: Role = 'clerk') => resource<T>(call('put', path, body, expected, role)),
      patch: <T>(path: string, body: unknown, expected = 200, role: Role = 'clerk') => resource<T>(call('patch', path, body, expected, role)),
      delete: <T>(path: string, expected = 200, role: Role = 'clerk') => resource<T>(call('delete', path, undefined, expected, role)),
    },
    get: <T>(path: string, expected = 200, role: Role = 'auditor') => call<T>('get', path, undefined, expected, role),
    post: <T>(path: string, body: unknown = {}, expected = 200, role: Role = 'clerk') => call<T>('post', path, body, expected, role),
    put: <T>(path: string, body: unknown, expected = 200, role: Role = 'clerk') => call<T>('put', path, body, expected, role),
    patch: <T>(path: string, body: unknown, expected = 200, role: Role = 'clerk') => call<T>('patch', path, body, expected, role),
    delete: <T>(path: string, expected = 200, role: Role = 'clerk') => call<T>('delete', path, undefined, expected, role),
  };
}
export type Api = ReturnType<typeof client>;

/** The bodies of Kreis Coesfeld with full voting membership, and the competences the case needs. */
export async function seedCouncil(api: Api): Promise<Council> {
  const competence = (citation: string, text: string, holderKinds: string[], reserved: boolean, verified = false) =>
    api.post<CompetenceDto>('/competences', { citation, text, verified, holderKinds, reserved }, 201, 'admin');
  const litS = await competence(LIT_S, 'Ausschließliche Zuständigkeit des Kreistags nach § 26 Abs. 1 lit. s) KrO NRW (Wortlaut nicht geprüft).', ['kreistag'], true);
  await competence('§ 26 Abs. 1 lit. a) KrO NRW', 'Die allgemeinen Grundsätze, nach denen die Verwaltung geführt werden soll.', ['kreistag'], true, true);
  await competence('§ 50 Abs. 1 KrO NRW', 'Der Kreisausschuss beschließt über alle Angelegenheiten, die nicht dem Kreistag vorbehalten sind.', ['kreisausschuss'], false);
  await competence('§ 50 Abs. 3 KrO NRW', 'Dringlichkeitsentscheidung des Kreisausschusses anstelle des Kreistags.', ['kreisausschuss'], false);
  const delegated = await competence(DELEGATED, 'Vom Kreistag übertragene Entscheidung über Zuschüsse an freie Träger bis 25.000 EUR.', [], false);

  const body = async (name: string, kind: string, statutoryMembers: number): Promise<SeatedBody> => {
    const created = await api.post<BodyDto>('/bodies', { name, kind, statutoryMembers, invitationPeriodDays: 6, urgentInvitationPeriodDays: 3 }, 201, 'admin');
    const members = Array.from({ length: statutoryMembers }, (_, i) => ({ name: `${name} Mitglied ${i + 1}`, start: '2014-06-01', end: '2020-10-31', votingRight: true }));
    const seats = await api.post<MembershipDto[]>(`/bodies/${created.id}/memberships`, { members }, 201, 'admin');
    return { ...created, members: seats.map((s) => s.personId) };
  };
  return {
    kreistag: await body('Kreistag', 'kreistag', 55),
    kreisausschuss: await body('Kreisausschuss', 'kreisausschuss', 16),
    integrationsausschuss: await body('Integrationsausschuss', 'ausschuss', 15),
    sozialausschuss: await body('Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', 'ausschuss', 15),
    litS,
    delegated,
  };
}

/** A Coesfeld-style motion in draft: two proposals on § 26 Abs. 1 lit. s) KrO NRW. */
export function coesfeldMotion(reference: string, steps: { bodyId: string; role: string }[] = []) {
  return {
    reference,
    title: 'Umsetzung der Landesinitiativen Durchstarten in Ausbildung und Arbeit und Gemeinsam klappt’s',
    department: 'Kommunales Integrationszentrum',
    requiredCosigners: ['Jobcenter', 'Kämmerei'],
    outline: {
      problemAndSolution: 'Durchstarten in Ausbildung und Arbeit / Gemeinsam klappt’s: Bausteine I–VI …',
      alternatives: 'keine',
      impacts: 'Eigenanteil bis zu 20 %: 2020 ca. 13.500 €, 2021 ca. 102.900 €, refinanziert aus der Integrationspauschale (bis 30.11.2021).',
      competence: `Die Zuständigkeit des Kreistages für die Entscheidung ergibt sich aus ${LIT_S}.`,
    },
    proposals: [
      { key: '1', text: PROPOSAL_1, legalBasis: LIT_S },
      { key: '2', text: PROPOSAL_2, legalBasis: LIT_S },
    ],
    ...(steps.length ? { steps } : {}),
  };
}

/** Integrationsausschuss → (Kenntnisnahme ASG) → Kreisausschuss → Kreistag. */
export const coesfeldSteps = (c: Council) => [
  { bodyId: c.integrationsausschuss.id, role: 'vorberatung' },
  { bodyId: c.sozialausschuss.id, role: 'kenntnisnahme' },
  { bodyId: c.kreisausschuss.id, role: 'vorberatung' },
  { bodyId: c.kreistag.id, role: 'entscheidung' },
];

export const meeting = (api: Api, bodyId: string, start: string, location = 'Kreishaus Coesfeld, Sitzungssaal') =>
  api.post<MeetingDetailDto>('/meetings', { bodyId, start, location }, 201);

/** Submits, co-signs for both departments and releases. */
export async function release(api: Api, id: string): Promise<MotionDto> {
  await api.post(`/motions/${id}/submit`);
  await api.post(`/motions/${id}/cosign`, { department: 'Jobcenter' });
  await api.post(`/motions/${id}/cosign`, { department: 'Kämmerei' });
  return api.command.post<MotionDto>(`/motions/${id}/release`);
}

/** Records the first `present` members as attending and marks the meeting held (the clock must be past its start). */
export async function holdMeeting(api: Api, meetingId: string, body: SeatedBody, present: number): Promise<MeetingDetailDto> {
  await api.put(`/meetings/${meetingId}/attendance`, { personIds: body.members.slice(0, present) });
  return (await api.post<{ meeting: MeetingDetailDto }>(`/meetings/${meetingId}/held`)).meeting;
}

export const votes = (ja: number, nein = 0, enthaltung = 0, befangen = 0) => ({ ja, nein, enthaltung, befangen });

/** The same outcome for proposals 1 and 2. */
export const both = (outcome: string, v?: ReturnType<typeof votes>) =>
  ['1', '2'].map((proposalKey) => ({ proposalKey, outcome, ...(v ? { votes: v } : {}) }));

const TABLES = [
  'workflow_instances',
  'workflow_events',
  'outbox',
  'bodies',
  'competence_catalogue',
  'body_competences',
  'persons',
  'memberships',
  'meetings',
  'agenda_items',
  'motions',
  'workflow_links',
];

/** Row count and a digest of the contents of every table a motion or meeting command may write. */
export async function tableState(t: TestApp): Promise<Record<string, string>> {
  const db = new Client({ connectionString: t.db.url });
  await db.connect();
  try {
    const state: Record<string, string> = {};
    for (const table of TABLES) {
      // The outbox dispatcher delivers rows in the background (status, attempts): compare what commands write.
      const rowsOf = table === 'outbox' ? '(SELECT id, instance_id, tenant, seq, action_type, params FROM outbox)' : table;
      const { rows } = await db.query<{ n: number; digest: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM ${rowsOf} x`,
      );
      state[table] = `${rows[0]!.n} rows, ${rows[0]!.digest}`;
    }
    return state;
  } finally {
    await db.end();
  }
}
