import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { Client } from 'pg';
import { seedDatabase } from '../../seeds/seed';
import type { SeededCase } from '../../seeds/loader';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/db';
import { client, coesfeldMotion, type Api } from '../support/motions';
import { crawl, fetchOParl, objectsIn, oparlValidators, type Fetched, type Json } from '../support/oparl';

/** Scheme and host come from PUBLIC_BASE_URL, whatever host the request used. */
const BASE = 'https://ris.kreis-coesfeld.example';
const ROOT = `${BASE}/oparl/v1.1`;
const BODY = `${ROOT}/body/kreis-coesfeld`;
const LISTS = ['organization', 'person', 'membership', 'legislative-term', 'meeting', 'agenda-item', 'paper', 'consultation', 'location', 'file'];
const SINCE_2000 = 'modified_since=2000-01-01T00%3A00%3A00%2B01%3A00';

/** An issued document as the API lists it. */
interface Document {
  instanceId: string;
  seq: number;
  title: string;
  fileName: string;
  size: number;
  sha512: string;
}

/** Text that exists in the database but must never reach the public. */
const SECRETS = {
  agendaItem: 'Grundstücksangelegenheit GEHEIM-4711',
  outlineSection: 'VERTRAULICH-0815 Personalkosten im Detail',
  draftTitle: 'ENTWURF-1234 noch nicht freigegeben',
};

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const get = (t: TestApp, url: string) => fetchOParl(t, BASE, url);
const list = (f: Fetched) => f.body as { data: Json[]; pagination: Json; links: Record<string, string> };

/** Every page of a list, following `next`. */
async function allPages(t: TestApp, first: string): Promise<Fetched[]> {
  const pages: Fetched[] = [];
  for (let url: string | undefined = first; url; url = list(pages[pages.length - 1]!).links.next) {
    const page = await get(t, url);
    expect(page.status).toBe(200);
    pages.push(page);
    if (pages.length > 500) throw new Error('more than 500 pages');
  }
  return pages;
}

/**
 * The OParl 1.1 endpoint on the seeded Kreis Coesfeld case, taken a little further: the
 * Integrationsausschuss recommends the motion, its Kenntnisnahme is taken off the ASG's agenda
 * (deleted objects), and non-public content is added (a non-public agenda item, a non-public
 * outline section, a motion still in draft) that must never show.
 */
describe('OParl 1.1', () => {
  jest.setTimeout(300_000);
  let t: TestApp;
  let api: Api;
  let seeded: SeededCase;
  let validators: Map<string, ValidateFunction>;
  let crawled: Map<string, Fetched>;
  let secondMotion: string;
  let draftMotion: string;
  let secretItem: string;
  let secondMotionItem: string;
  /** Documents issued below: what OParl must serve as File, and what it must not. */
  const files = { public: [] as Document[], hidden: [] as Document[] };

  const env = { PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL, RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE };

  beforeAll(async () => {
    process.env.PUBLIC_BASE_URL = BASE;
    process.env.RATE_LIMIT_PER_MINUTE = '1000000';
    const db = await createTestDatabase();
    seeded = (await seedDatabase(db.url))!;
    t = await startTestApp({ db });
    api = client(t);
    validators = oparlValidators();

    const members = async (bodyId: string, n: number) =>
      (await api.get<{ personId: string }[]>(`/bodies/${bodyId}/memberships`)).slice(0, n).map((m) => m.personId);
    // 12.08.2020: the Integrationsausschuss recommends both proposals
    t.clock.set('2020-08-12T17:05:00+02:00');
    await api.put(`/meetings/${seeded.meetings.integrationsausschuss}/attendance`, { personIds: await members(seeded.bodies.integrationsausschuss, 13) });
    await api.post(`/meetings/${seeded.meetings.integrationsausschuss}/held`);
    t.clock.set('2020-08-12T18:00:00+02:00');
    const votes = { ja: 12, nein: 0, enthaltung: 1, befangen: 0 };
    await api.post(`/motions/${seeded.motionId}/outcomes`, {
      meetingId: seeded.meetings.integrationsausschuss,
      outcomes: [{ proposalKey: '1', outcome: 'recommended', votes }, { proposalKey: '2', outcome: 'recommended', votes }],
    });
    // 12.08., after the meeting: the Vorlage, the Einladung and the Niederschrift are handed out
    t.clock.set('2020-08-12T18:30:00+02:00');
    const issue = async (resource: 'motions' | 'meetings', id: string, body: Json, role: 'clerk' | 'auditor' = 'clerk'): Promise<Document> => {
      const answer = await api.post<Record<string, { documents: Document[] }>>(`/${resource}/${id}/documents`, body, 201, role);
      return answer[resource === 'motions' ? 'motionDocuments' : 'meetingDocuments']!.documents.at(-1)!;
    };
    files.public.push(await issue('motions', seeded.motionId, { kind: 'vorlage' }));
    files.public.push(await issue('meetings', seeded.meetings.integrationsausschuss, { kind: 'einladung' }), await issue('meetings', seeded.meetings.integrationsausschuss, { kind: 'niederschrift' }));
    // 13.08.: the Kenntnisnahme is taken off the ASG's agenda: its item and consultation are deleted objects
    t.clock.set('2020-08-13T09:00:00+02:00');
    await api.post(`/motions/${seeded.motionId}/unschedule`, { meetingId: seeded.meetings.sozialausschuss, reason: 'Vorlage wird in der nächsten Sitzung zur Kenntnis gegeben' });
    // non-public content
    t.clock.set('2020-08-14T09:00:00+02:00');
    await api.post(`/meetings/${seeded.meetings.kreisausschuss}/agenda-items`, { title: 'Mitteilungen der Verwaltung', public: true }, 201);
    await api.post(`/meetings/${seeded.meetings.kreisausschuss}/agenda-items`, { title: SECRETS.agendaItem, public: false }, 201);
    const steps = [
      { bodyId: seeded.bodies.kreisausschuss, role: 'vorberatung' },
      { bodyId: seeded.bodies.kreistag, role: 'entscheidung' },
    ];
    const second = coesfeldMotion('SV-9-1701', steps);
    secondMotion = (await api.post<{ id: string }>('/motions', { ...second, outline: { ...second.outline, impacts: SECRETS.outlineSection, nonPublicSections: ['impacts'] } }, 201)).id;
    await api.post(`/motions/${secondMotion}/submit`);
    await api.post(`/motions/${secondMotion}/cosign`, { department: 'Jobcenter' });
    await api.post(`/motions/${secondMotion}/cosign`, { department: 'Kämmerei' });
    await api.post(`/motions/${secondMotion}/release`);
    await api.post(`/motions/${secondMotion}/schedule`, { meetingId: seeded.meetings.kreisausschuss, public: false });
    draftMotion = (await api.post<{ id: string }>('/motions', { ...coesfeldMotion('SV-9-1702'), title: SECRETS.draftTitle }, 201)).id;
    const agenda = await api.get<{ agenda: { id: string; title: string }[] }>(`/meetings/${seeded.meetings.kreisausschuss}`);
    secretItem = agenda.agenda.find((i) => i.title === SECRETS.agendaItem)!.id;
    secondMotionItem = agenda.agenda.find((i) => i.title.startsWith('SV-9-1701'))!.id;
    // a member's name as a legacy import left it: with a control character
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    await pg.query(`UPDATE persons SET name = name || E'\\u0007' WHERE name = 'Kreistag: Mitglied 1'`);
    await pg.end();

    // documents: public parts are Files; non-public parts and audit reports never are
    t.clock.set('2020-08-14T10:00:00+02:00');
    const integration = seeded.meetings.integrationsausschuss;
    files.public.push(await issue('motions', secondMotion, { kind: 'vorlage' }));
    files.hidden.push(await issue('motions', secondMotion, { kind: 'vorlage', part: 'nonPublic' }), await issue('meetings', integration, { kind: 'niederschrift', part: 'nonPublic' }));
    await api.post('/audit/checkpoints', undefined, 201, 'auditor');
    files.hidden.push(await issue('motions', secondMotion, { kind: 'auditReport' }, 'auditor'));

    crawled = await crawl(t, BASE, [ROOT, ...LISTS.map((l) => `${BODY}/${l}?${SINCE_2000}`)], ROOT);
  });
  afterAll(async () => {
    await t?.close();
    // the jest worker runs other files after this one
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  /** Why `o` fails its type's official schema; '' when it passes. */
  const problemsOf = (o: Json): string => {
    const validate = validators.get(o.type as string);
    if (!validate) return `${String(o.id)}: no schema for ${String(o.type)}`;
    const id = String(o.id);
    return validate(o) ? '' : `${id}: ${JSON.stringify(validate.errors)}`;
  };
  const objects = () => [...crawled.values()].flatMap((f) => objectsIn(f.body));
  const objectsOfType = (type: string) => objects().filter((o) => o.type === `https://schema.oparl.org/1.1/${type}`);

  describe('conformance with the official schema', () => {
    it('validates every object the case produces, embedded ones included, against its type’s schema', () => {
      const all = objects();
      const failures = all.map(problemsOf).filter(Boolean);
      expect(failures).toEqual([]);
      const types = new Set(all.map((o) => (o.type as string).split('/').pop()));
      expect([...types].sort()).toEqual(['AgendaItem', 'Body', 'Consultation', 'File', 'Location', 'Meeting', 'Membership', 'Organization', 'Paper', 'Person', 'System']);
    });

    it('answers every page of every list with data, pagination and links, each entry valid', async () => {
      for (const name of LISTS) {
        for (const query of ['', '?limit=1', `?${SINCE_2000}&limit=2`, '?omit_internal=true&limit=3']) {
          for (const page of await allPages(t, `${BODY}/${name}${query}`)) {
            const body = list(page);
            expect(Object.keys(body).sort()).toEqual(['data', 'links', 'pagination']);
            expect(Array.isArray(body.data)).toBe(true);
            expect(body.links.self).toBe(page.url);
            expect(body.data.map(problemsOf).filter(Boolean)).toEqual([]);
          }
        }
      }
    });

    it('serves the seeded motion as a Paper with its public outline, consultations and the link to its audit record', async () => {
      const paper = (await get(t, `${ROOT}/paper/${seeded.motionId}`)).body as Json;
      expect(paper).toMatchObject({
        reference: 'SV-9-1600/1',
        paperType: 'Beschlussvorlage',
        date: '2020-07-24',
        body: BODY,
        'beschlussweg:auditRecord': `${BASE}/audit/instances/${seeded.motionId}/history`,
      });
      const consultations = paper.consultation as Json[];
      // the ASG's Kenntnisnahme was taken off the agenda: a deleted consultation is not embedded
      expect(consultations.map((c) => [c.role, c.authoritative, c.organization])).toEqual([['Vorberatung', false, [`${ROOT}/organization/${seeded.bodies.integrationsausschuss}`]]]);
      expect(consultations[0]).toMatchObject({ meeting: `${ROOT}/meeting/${seeded.meetings.integrationsausschuss}` });
      expect(consultations[0]!.paper).toBeUndefined();
      const item = (await get(t, consultations[0]!.agendaItem as string)).body as Json;
      expect(item).toMatchObject({ public: true, result: expect.stringContaining('Beschlussvorschlag 1: empfohlen (Ja 12, Nein 0, Enthaltung 1)') as unknown });
      expect(item.resolutionText).toContain('1. ');
    });

    it('serves meetings with their state, location and public agenda, and the link to their audit record', async () => {
      const ia = (await get(t, `${ROOT}/meeting/${seeded.meetings.integrationsausschuss}`)).body as Json;
      expect(ia).toMatchObject({ meetingState: 'durchgeführt', cancelled: false, start: '2020-08-12T17:00:00+02:00', 'beschlussweg:auditRecord': `${BASE}/audit/instances/${seeded.meetings.integrationsausschuss}/history` });
      expect((ia.location as Json).description).toBe('Kreishaus Coesfeld, Sitzungssaal');
      const ka = (await get(t, `${ROOT}/meeting/${seeded.meetings.kreisausschuss}`)).body as Json;
      expect(ka.meetingState).toBe('terminiert');
      expect((ka.agendaItem as Json[]).map((a) => a.name)).toEqual(['Mitteilungen der Verwaltung']);
    });

    it('takes modified from the event log: later events move the paper, its meeting and its agenda item', async () => {
      const at = (iso: string) => encodeURIComponent(iso);
      const ids = async (l: string, query: string) => list(await get(t, `${BODY}/${l}?${query}`)).data.map((o) => o.id);
      const paper = `${ROOT}/paper/${seeded.motionId}`;
      const ia = `${ROOT}/meeting/${seeded.meetings.integrationsausschuss}`;
      expect(await ids('paper', `modified_since=${at('2020-08-12T17:59:00+02:00')}`)).toContain(paper);
      expect(await ids('paper', `modified_until=${at('2020-08-12T17:59:00+02:00')}`)).not.toContain(paper);
      expect(await ids('meeting', `modified_since=${at('2020-08-12T17:59:00+02:00')}`)).toContain(ia);
      expect(await ids('meeting', `modified_until=${at('2020-08-12T17:59:00+02:00')}`)).not.toContain(ia);
      // the paper was released on 24.07. and last changed when the Kenntnisnahme was unscheduled
      expect((await get(t, paper)).body).toMatchObject({ created: '2020-07-24T11:00:00+02:00', modified: '2020-08-13T09:00:00+02:00' });
      // the agenda item that carries the recommendation changed with it
      const item = ((await get(t, ia)).body as { agendaItem: Json[] }).agendaItem[0]!;
      expect(item).toMatchObject({ created: '2020-07-27T09:00:00+02:00', modified: '2020-08-13T09:00:00+02:00' });
      expect(await ids('paper', `created_since=${at('2020-07-24T11:00:01+02:00')}`)).not.toContain(paper);
      expect(await ids('paper', `created_until=${at('2020-07-24T11:00:00+02:00')}`)).toContain(paper);
    });
  });

  describe('deleted objects', () => {
    const deletedIn = async (l: string, query: string) => list(await get(t, `${BODY}/${l}${query}`)).data.filter((o) => o.deleted === true);

    it('lists the item and consultation taken off the agenda as deleted only under modified_since', async () => {
      const since = `?modified_since=${encodeURIComponent('2020-08-13T00:00:00+02:00')}`;
      for (const l of ['agenda-item', 'consultation']) {
        const deleted = await deletedIn(l, since);
        expect(deleted).toHaveLength(1);
        expect(deleted[0]).toMatchObject({ modified: '2020-08-13T09:00:00+02:00', deleted: true });
        expect(await deletedIn(l, '')).toEqual([]);
        expect(await deletedIn(l, `?created_since=${encodeURIComponent('2000-01-01T00:00:00+01:00')}`)).toEqual([]);
      }
    });

    it('never embeds a deleted object', () => {
      const embedded: string[] = [];
      for (const f of crawled.values()) {
        if (f.bytes) continue;
        const body = f.body as Json & { data?: Json[] };
        for (const top of body.data ?? [body]) for (const o of Object.values(top).flatMap((v) => objectsIn(v))) if (o.deleted) embedded.push(String(o.id));
      }
      expect(embedded).toEqual([]);
      // while the list under modified_since does hold deleted ones (the check above has something to find)
      expect(objects().filter((o) => o.deleted).length).toBeGreaterThanOrEqual(2);
    });

    it('serves a deleted object at its URL with 200, its id, type, created and modified', async () => {
      const [deleted] = await deletedIn('consultation', `?${SINCE_2000}`);
      const res = await get(t, deleted!.id as string);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body as Json).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
    });
  });

  describe('the crawler, from System through every link', () => {
    it('resolves every link with 200 and an object whose id is its URL', () => {
      const bad = [...crawled.values()].filter((f) => f.status !== 200).map((f) => `${f.url}: ${f.status}`);
      expect(bad).toEqual([]);
      for (const f of crawled.values()) {
        if (f.bytes) continue; // a File's PDF (the files tests check those)
        const body = f.body as Json;
        if ('data' in body) expect((body.links as Json).self).toBe(f.url);
        else expect(body.id).toBe(f.url);
      }
      expect(crawled.size).toBeGreaterThan(150);
    });

    it('lets nothing non-public out: titles, sections, drafts, non-public items, attendance, internals', () => {
      const all = [...crawled.values()].map((f) => f.text).join('\n');
      const leaked = [...Object.values(SECRETS), draftMotion, secretItem, secondMotionItem].filter((secret) => all.includes(secret));
      expect(leaked).toEqual([]);
      // the released second motion is public, but its non-public section and agenda item are not
      const paper = objectsOfType('Paper').find((p) => p.id === `${ROOT}/paper/${secondMotion}`)!;
      expect(paper['beschlussweg:outline']).toEqual(expect.not.objectContaining({ impacts: expect.anything() as unknown }));
      expect((paper.consultation as Json[])[0]!.agendaItem).toBeUndefined();
      for (const word of ['attendees', 'presentMembers', 'tasks', 'cosignatures', 'withdrawal', 'nonPublicSections', 'statutoryMembers', 'votingMemberCount']) {
        expect(all.includes(`"${word}"`) ? word : '').toBe('');
      }
      expect(objectsOfType('Person').every((p) => Object.keys(p).every((k) => ['id', 'type', 'body', 'name', 'membership', 'created', 'modified'].includes(k)))).toBe(true);
    });

    it('answers 404 in the OParl error format for what is not public', async () => {
      for (const url of [`${ROOT}/paper/${draftMotion}`, `${ROOT}/agenda-item/${secretItem}`, `${ROOT}/agenda-item/${secondMotionItem}`, `${ROOT}/paper/00000000-0000-4000-8000-000000000000`, `${ROOT}/nothing/here`, `${ROOT}/body/kreis-nirgendwo/paper`, `${ROOT}/body/kreis-nirgendwo/file?modified_since=2000-01-01T00%3A00%3A00%2B01%3A00`, `${ROOT}/legislative-term/00000000-0000-4000-8000-000000000000`]) {
        const res = await get(t, url);
        expect([url, res.status]).toEqual([url, 404]);
        expect(res.body).toEqual({ type: 'https://schema.oparl.org/1.1/Error', message: 'Das angefragte Objekt gibt es nicht.' });
        expect(res.headers['access-control-allow-origin']).toBe('*');
      }
    });
  });

  describe('errors before any OParl route runs', () => {
    it('answers them in the OParl error format with CORS too: an unknown deeper path, a NUL, broken percent-encoding, an overlong key', async () => {
      const cases: [string, number, string][] = [
        ['/oparl/v1.1/body/kreis-coesfeld/paper/extra/deep', 404, 'NOT_FOUND'],
        ['/oparl/v1.1/paper/%00', 400, 'REQUEST.MALFORMED'],
        ['/oparl/v1.1/paper/%E0%A4%A', 400, 'REQUEST.MALFORMED'],
        [`/oparl/v1.1/paper/${'a'.repeat(101)}`, 414, 'REQUEST.PARAMETER_TOO_LONG'],
      ];
      for (const [path, status, code] of cases) {
        const res = await t.http.get(path);
        expect([path, res.status, res.headers['content-type'], res.headers['access-control-allow-origin']]).toEqual([path, status, 'application/json; charset=utf-8', '*']);
        expect(res.body).toEqual({ type: 'https://schema.oparl.org/1.1/Error', message: expect.any(String) as string, debug: expect.stringMatching(new RegExp(`^${code.replace('.', '\\.')}: `)) as string });
      }
      // the rest of the API keeps problem+json
      const api = await t.http.get('/motions/%00');
      expect([api.status, api.headers['content-type']]).toEqual([400, 'application/problem+json; charset=utf-8']);
    });
  });

  describe('files: the issued documents', () => {
    const fileUrl = (d: Document) => `${ROOT}/file/${d.instanceId}-${d.seq}`;

    it('embeds the Vorlage as the Paper’s mainFile and the Einladung and Niederschrift as the Meeting’s invitation and resultsProtocol', async () => {
      const paper = (await get(t, `${ROOT}/paper/${seeded.motionId}`)).body as Json;
      expect(paper.mainFile).toEqual(expect.objectContaining({ id: fileUrl(files.public[0]!), type: 'https://schema.oparl.org/1.1/File', mimeType: 'application/pdf', fileName: files.public[0]!.fileName, date: '2020-08-12', created: '2020-08-12T18:30:00+02:00' }));
      expect((paper.mainFile as Json).paper).toBeUndefined(); // embedded: no back-reference to its parent
      const meeting = (await get(t, `${ROOT}/meeting/${seeded.meetings.integrationsausschuss}`)).body as Json;
      expect([(meeting.invitation as Json).id, (meeting.resultsProtocol as Json).id, meeting.auxiliaryFile]).toEqual([fileUrl(files.public[1]!), fileUrl(files.public[2]!), undefined]);
      // issuing is an event of the meeting: it moved the meeting's modified (the non-public Niederschrift on 14.08. too)
      expect(meeting.modified).toBe('2020-08-14T10:00:00+02:00');
    });

    it('serves each File at its URL with its parent, and its bytes at accessUrl and downloadUrl: the recorded size and SHA-512, public, with CORS', async () => {
      for (const d of files.public) {
        const file = (await get(t, fileUrl(d))).body as Json;
        expect(file).toEqual(expect.objectContaining({ id: fileUrl(d), size: d.size, sha512Checksum: d.sha512, name: d.title }));
        expect(file[d.instanceId === seeded.meetings.integrationsausschuss ? 'meeting' : 'paper']).toEqual([expect.stringMatching(new RegExp(`/(paper|meeting)/${d.instanceId}$`))]);
        for (const [link, disposition] of [[file.accessUrl, 'inline'], [file.downloadUrl, 'attachment']] as const) {
          const res = crawled.get(link as string)!;
          expect([res.status, res.headers['content-type'], res.headers['access-control-allow-origin'], res.headers['content-disposition']?.split(';')[0]]).toEqual([200, 'application/pdf', '*', disposition]);
          expect(res.bytes!.subarray(0, 5).toString()).toBe('%PDF-');
          expect([res.bytes!.length, createHash('sha512').update(res.bytes!).digest('hex')]).toEqual([d.size, d.sha512]);
        }
      }
      // the Body's file list holds exactly the public files, in key order
      const listed = (await allPages(t, `${BODY}/file?limit=2`)).flatMap((p) => list(p).data.map((f) => f.id));
      expect([...listed].sort()).toEqual(files.public.map(fileUrl).sort());
    });

    it('never shows a non-public part or an audit report: not embedded, not at its URL, not its bytes', async () => {
      const shown = new Set(objectsOfType('File').map((f) => f.id));
      for (const d of files.hidden) {
        expect(shown.has(fileUrl(d))).toBe(false);
        for (const url of [fileUrl(d), `${fileUrl(d)}/download`, `${fileUrl(d)}/access`]) expect([url, (await get(t, url)).status]).toEqual([url, 404]);
      }
      // the second motion's Vorlage is public; its non-public Begründung part is another file
      const second = (await get(t, `${ROOT}/paper/${secondMotion}`)).body as Json;
      expect([(second.mainFile as Json).id, second.auxiliaryFile]).toEqual([fileUrl(files.public[3]!), undefined]);
    });

    it('answers other spellings of a file’s URL with 301, and unknown files with 404', async () => {
      const d = files.public[0]!;
      const path = (u: string) => u.slice(BASE.length);
      const res = await t.http.get(path(`${fileUrl(d).replace(/-(\d+)$/, '-0$1')}/Download`));
      expect([res.status, res.headers.location]).toEqual([301, `${fileUrl(d)}/download`]);
      for (const url of [`${fileUrl(d)}/print`, `${ROOT}/file/${d.instanceId}-999/download`, `${ROOT}/file/not-a-key/access`]) expect([url, (await get(t, url)).status]).toEqual([url, 404]);
    });
  });

  describe('the known vendor faults, which we do not make', () => {
    it('Sternberg: an empty modified_since result is a list page with empty data, not 404 or a bare []', async () => {
      const res = await get(t, `${BODY}/paper?modified_since=${encodeURIComponent('2099-01-01T00:00:00+01:00')}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: [], pagination: { elementsPerPage: 100 }, links: { first: res.url, self: res.url } });
    });

    it('Sternberg: the body list is a list of every body, not one object', async () => {
      const system = (await get(t, ROOT)).body as Json;
      const bodies = (await get(t, system.body as string)).body as { data: Json[] };
      expect(Array.isArray(bodies.data)).toBe(true);
      expect(bodies.data.map((b) => b.id)).toContain(BODY);
    });

    it('Sternberg: deleted entries keep their type', async () => {
      const deleted = [...crawled.values()].flatMap((f) => objectsIn(f.body)).filter((o) => o.deleted);
      expect(deleted.length).toBeGreaterThanOrEqual(2);
      for (const o of deleted) expect([o.type, o.id, o.created, o.modified]).toEqual([expect.stringMatching(/^https:\/\/schema\.oparl\.org\/1\.1\/(AgendaItem|Consultation)$/), expect.any(String), expect.any(String), expect.any(String)]);
    });

    it('Sternberg: wherever the schema wants a URL there is a URL, never an embedded object', () => {
      const wrong: string[] = [];
      for (const o of objects()) {
        const schema = JSON.parse(JSON.stringify(validators.get(o.type as string)!.schema)) as { properties: Record<string, { type?: string; format?: string; items?: { format?: string } }> };
        for (const [name, prop] of Object.entries(schema.properties)) {
          const value = o[name];
          if (value === undefined) continue;
          const urls = prop.type === 'string' && prop.format === 'url' ? [value] : prop.type === 'array' && prop.items?.format === 'url' ? (value as unknown[]) : [];
          for (const u of urls) if (typeof u !== 'string' || !/^https:\/\//.test(u)) wrong.push(`${String(o.id)} ${name}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('ALLRIS: valid UTF-8 JSON without control characters and without placeholder strings', () => {
      const strings: string[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === 'string') strings.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
        else expect(v === null ? 'null' : typeof v).not.toBe('null');
      };
      for (const f of crawled.values()) {
        // fetchOParl decoded with a fatal UTF-8 decoder; no raw control character, no BOM
        expect(f.text.charCodeAt(0)).not.toBe(0xfeff);
        expect([...f.text].filter((c) => c < ' ')).toEqual([]);
        walk(f.body);
      }
      const control = (s: string) => [...s].some((c) => (c < ' ' && c !== '\n' && c !== '\t' && c !== '\r') || (c >= '\u007f' && c <= '\u009f'));
      expect(strings.filter(control)).toEqual([]);
      expect(strings.filter((s) => s === '' || /^(n\/a|null|undefined|-)$/i.test(s))).toEqual([]);
      // the member whose name carries a BEL in the database
      expect(objectsOfType('Person').map((p) => p.name)).toContain('Kreistag: Mitglied 1');
    });

    it('SessionNet: takes URL-encoded queries (and unencoded ones) and answers the same request the same every time', async () => {
      const encoded = `${BODY}/paper?modified_since=${encodeURIComponent('2020-01-01T00:00:00+01:00')}&limit=1`;
      const first = await get(t, encoded);
      expect(first.status).toBe(200);
      const raw = await t.http.get(`${BODY.slice(BASE.length)}/paper?limit=1&modified_since=2020-01-01T00:00:00+01:00`);
      expect([raw.status, raw.headers.location]).toEqual([301, encoded]);
      const again = await Promise.all(Array.from({ length: 40 }, () => get(t, encoded)));
      expect(new Set(again.map((r) => `${r.status} ${r.text}`))).toEqual(new Set([`200 ${first.text}`]));
    });

    it('all vendors: next links keep every filter, and paging through them yields exactly the filtered list', async () => {
      const query = `created_since=${encodeURIComponent('2020-01-01T00:00:00+01:00')}&created_until=${encodeURIComponent('2020-12-31T23:59:59+01:00')}&modified_since=${encodeURIComponent('2020-01-01T00:00:00+01:00')}&modified_until=${encodeURIComponent('2099-01-01T00:00:00+01:00')}&omit_internal=true`;
      for (const l of ['membership', 'agenda-item', 'consultation', 'person']) {
        const whole = list(await get(t, `${BODY}/${l}?${query}&limit=250`)).data;
        const pages = await allPages(t, `${BODY}/${l}?${query}&limit=2`);
        for (const p of pages) for (const link of Object.values(list(p).links)) expect(link).toContain(`${query}&limit=2`);
        expect(pages.flatMap((p) => list(p).data)).toEqual(whole);
        // and back again through prev
        const back: Json[] = [];
        for (let url: string | undefined = pages[pages.length - 1]!.url; url; ) {
          const page = list(await get(t, url));
          back.unshift(...page.data);
          url = page.links.prev;
        }
        expect(back).toEqual(whole);
      }
    });

    it('all vendors: each id is the URL it is served at; other spellings answer 301 to it', async () => {
      const paper = `${ROOT}/paper/${seeded.motionId}`;
      const path = (u: string) => u.slice(BASE.length);
      for (const other of [paper.toUpperCase().replace('HTTPS://', 'https://').replace(BASE.toUpperCase(), BASE), `${paper}/`, `${paper}?x=1`, `${ROOT}/Paper/${seeded.motionId}`]) {
        const res = await t.http.get(path(other));
        expect([other, res.status, res.headers.location, res.headers['access-control-allow-origin']]).toEqual([other, 301, paper, '*']);
      }
      const consultation = (((await get(t, paper)).body as Json).consultation as Json[])[0]!.id as string;
      const padded = consultation.replace(/-(\d+)$/, '-00$1');
      expect((await t.http.get(path(padded))).headers.location).toBe(consultation);
      expect(((await get(t, consultation)).body as Json).id).toBe(consultation);
      const reordered = await t.http.get(`${path(BODY)}/paper?limit=1&omit_internal=true`);
      expect([reordered.status, reordered.headers.location]).toEqual([301, `${BODY}/paper?omit_internal=true&limit=1`]);
    });

    it('all vendors: date-times with their offset, dates as yyyy-mm-dd', () => {
      const wrong: string[] = [];
      for (const o of objects()) {
        const schema = validators.get(o.type as string)!.schema as { properties: Record<string, { format?: string }> };
        for (const [name, prop] of Object.entries(schema.properties)) {
          const value = o[name];
          if (value === undefined) continue;
          if (prop.format === 'date-time' && !DATE_TIME.test(value as string)) wrong.push(`${String(o.id)} ${name}=${JSON.stringify(value)}`);
          if (prop.format === 'date' && !DATE.test(value as string)) wrong.push(`${String(o.id)} ${name}=${JSON.stringify(value)}`);
        }
        if (!o.created || !o.modified) wrong.push(`${String(o.id)} without created/modified`);
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('HTTP', () => {
    it('sends Access-Control-Allow-Origin: * on every answer, errors included', async () => {
      for (const f of crawled.values()) expect(f.headers['access-control-allow-origin']).toBe('*');
      const bad = await get(t, `${BODY}/paper?modified_since=gestern`);
      expect(bad.status).toBe(400);
      expect(bad.headers['access-control-allow-origin']).toBe('*');
      expect(bad.body).toMatchObject({ type: 'https://schema.oparl.org/1.1/Error', message: expect.stringContaining('modified_since') as unknown });
    });

    it('needs no token, honours limit up to its maximum, and refuses unknown parameters', async () => {
      const res = await get(t, `${BODY}/membership?limit=250`);
      expect(list(res).data.length).toBeGreaterThan(100);
      const capped = await t.http.get(`${BODY.slice(BASE.length)}/membership?limit=100000`);
      expect([capped.status, capped.headers.location]).toEqual([301, `${BODY}/membership?limit=250`]);
      const unknown = await get(t, `${BODY}/paper?page=2`);
      expect([unknown.status, (unknown.body as Json).message]).toEqual([400, expect.stringContaining('page') as unknown]);
    });
  });
});
