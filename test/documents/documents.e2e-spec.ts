import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SeededCase } from '../../seeds/loader';
import { seedDatabase } from '../../seeds/seed';
import { MOTION } from '../../seeds/coesfeld';
import type { DocumentDto, DocumentListDto } from '../../src/documents/dto';
import type { MeetingDetailDto } from '../../src/meetings/dto/meetings.dto';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/db';
import { client, votes, type Api } from '../support/motions';

const run = promisify(execFile);
const sha = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');

/** The text of a PDF as poppler's pdftotext reads it (layout kept, so table rows stay on one line). */
async function pdfText(bytes: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-doc-'));
  try {
    writeFileSync(join(dir, 'd.pdf'), bytes);
    return (await run('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'd.pdf'), '-'])).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** poppler's pdffonts table: one row per font with its embedded flag (column `emb`). */
async function pdfFonts(bytes: Buffer): Promise<{ name: string; embedded: boolean }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-doc-'));
  try {
    writeFileSync(join(dir, 'd.pdf'), bytes);
    const lines = (await run('pdffonts', [join(dir, 'd.pdf')])).stdout.split('\n').slice(2).filter(Boolean);
    // name type encoding emb sub uni object ID: `emb` is the fourth column from the end
    return lines.map((l) => l.trim().split(/\s+/)).map((cols) => ({ name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Words of a PDF's text on one line each: pdftotext breaks long lines where the layout does. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/**
 * The seeded Coesfeld case, taken on to the Kreistag's decision, issues its documents: the Vorlage as
 * released, the Kreistag's Einladung (public and non-public part), its Niederschrift and the
 * Beschlussauszug of each adopted proposal. Each is read back with pdftotext, checked against the hash
 * its event recorded, issued twice to the same bytes, shown only to the roles that may see it, and
 * traced back to its event by `npm run audit -- verify-document`.
 */
describe('documents of the Coesfeld case', () => {
  let t: TestApp;
  let api: Api;
  let seeded: SeededCase;
  const issued: Record<string, DocumentDto> = {};

  const file = async (d: DocumentDto, role: 'clerk' | 'office' | 'auditor' = 'clerk', path = d.accessUrl) => {
    const res = await t.http.get(path).set('Authorization', t.auth(role)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(null, Buffer.concat(chunks)));
    });
    return { status: res.status, headers: res.headers as Record<string, string>, bytes: res.body as Buffer };
  };
  const issue = async (resource: 'motions' | 'meetings', id: string, body: object, expected = 201) => {
    const res = await t.http.post(`/${resource}/${id}/documents`).set('Authorization', t.auth('clerk')).send(body);
    expect(res.status).toBe(expected);
    const answer = res.body as Record<string, DocumentListDto> & { event: { seq: number; type: string; payload: { document: { sha256: string; sha512: string } } } };
    const list = answer[resource === 'motions' ? 'motionDocuments' : 'meetingDocuments']!;
    const doc = list.documents.find((d) => d.seq === answer.event.seq)!;
    expect(answer.event.type).toBe('DOCUMENT_ISSUED');
    return doc;
  };

  beforeAll(async () => {
    const db = await createTestDatabase();
    seeded = (await seedDatabase(db.url))!;
    t = await startTestApp({ db });
    api = client(t);
    const { motionId: id, meetings: m, bodies: b } = seeded;
    const members = async (body: string, n: number) => ((await api.get<{ personId: string }[]>(`/bodies/${body}/memberships`)).slice(0, n).map((x) => x.personId));
    const hold = async (meeting: string, body: string, n: number, at: string) => {
      t.clock.set(at);
      await api.put(`/meetings/${meeting}/attendance`, { personIds: await members(body, n) });
      await api.post(`/meetings/${meeting}/held`);
    };
    const outcomes = (meetingId: string, outcome: string, v?: ReturnType<typeof votes>, v2 = v) =>
      api.post(`/motions/${id}/outcomes`, { meetingId, outcomes: [{ proposalKey: '1', outcome, ...(v ? { votes: v } : {}) }, { proposalKey: '2', outcome, ...(v2 ? { votes: v2 } : {}) }] });

    // the walkthrough of README.md, in short: Integrationsausschuss, ASG, Kreisausschuss, Kreistag
    await hold(m.integrationsausschuss, b.integrationsausschuss, 13, '2020-08-12T17:05:00+02:00');
    await outcomes(m.integrationsausschuss, 'recommended', votes(12, 0, 1));
    t.clock.set('2020-08-13T09:00:00+02:00');
    await api.post(`/meetings/${m.sozialausschuss}/invitation`, {});
    await api.post(`/motions/${id}/schedule`, { meetingId: m.kreisausschuss });
    t.clock.set('2020-08-17T09:00:00+02:00');
    await api.post(`/meetings/${m.kreisausschuss}/invitation`, {});
    await hold(m.sozialausschuss, b.sozialausschuss, 11, '2020-08-19T17:30:00+02:00');
    await outcomes(m.sozialausschuss, 'takenNote');
    await hold(m.kreisausschuss, b.kreisausschuss, 15, '2020-08-26T16:05:00+02:00');
    await outcomes(m.kreisausschuss, 'recommended', votes(14, 1));
    t.clock.set('2020-08-27T08:00:00+02:00');
    await api.post(`/motions/${id}/schedule`, { meetingId: m.kreistag });
    await api.post(`/meetings/${m.kreistag}/agenda-items`, { title: 'Personalangelegenheit: Besetzung der Stelle Leitung KI', public: false }, 201);
    await api.post(`/meetings/${m.kreistag}/invitation`, {});
    await hold(m.kreistag, b.kreistag, 50, '2020-09-02T17:05:00+02:00');
    t.clock.set('2020-09-02T19:00:00+02:00');
    await outcomes(m.kreistag, 'adopted', votes(47, 2, 1), votes(45, 3, 2));
    t.clock.set('2020-09-03T10:00:00+02:00');
  });
  afterAll(() => t?.close());

  it('issues the Vorlage as released: reference, Beratungsfolge, both proposals and the release date, as PDF/A with its hashes in the log', async () => {
    const doc = await issue('motions', seeded.motionId, { kind: 'vorlage' });
    issued.vorlage = doc;
    expect(doc).toMatchObject({ kind: 'vorlage', part: 'public', mimeType: 'application/pdf', fileName: 'Vorlage SV-9-1600-1.pdf', accessUrl: `/documents/${seeded.motionId}/${doc.seq}` });

    const { status, headers, bytes } = await file(doc);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toBe(`inline; filename="Vorlage SV-9-1600-1.pdf"`);
    expect(headers.etag).toBe(`"${doc.sha256}"`);
    expect(Number(headers['content-length'])).toBe(doc.size);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    // what PDF/A-2b asks that a reader can check without a validator: the XMP identification, an
    // sRGB output intent with its ICC profile, and every font embedded
    const raw = bytes.toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toMatch(/\/OutputIntents\s*\[/);
    expect(raw).toMatch(/\/S\s*\/GTS_PDFA1/);
    expect(raw).toContain('/DestOutputProfile');
    const fonts = await pdfFonts(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);

    const text = flat(await pdfText(bytes));
    expect(text).toContain('Sitzungsvorlage');
    expect(text).toContain(MOTION.reference);
    expect(text).toContain('Freigegeben am 24.07.2020');
    expect(text).toContain('Jobcenter (22.07.2020), Kämmerei (23.07.2020)');
    for (const p of MOTION.proposals) expect(text).toContain(flat(p.text));
    expect(text).toMatch(/Integrationsausschuss Vorberatung/);
    expect(text).toMatch(/Kreistag Entscheidung/);

    // the hashes the event recorded are those of the file served
    const history = await api.get<{ steps: { seq: number; type: string; facts: { document?: { sha256: string; sha512: string; basis: { type: string } } } }[] }>(`/audit/instances/${seeded.motionId}/history`);
    const event = history.steps.find((s) => s.seq === doc.seq)!;
    expect(event.type).toBe('DOCUMENT_ISSUED');
    expect(event.facts.document).toMatchObject({ sha256: sha('sha256', bytes), sha512: sha('sha512', bytes), basis: { type: 'RELEASE' } });
    expect(doc.sha512).toBe(sha('sha512', bytes));
  });

  it('gives the same bytes when the same history is issued again, and answers 304 to the ETag', async () => {
    const again = await issue('motions', seeded.motionId, { kind: 'vorlage' });
    expect(again.seq).toBeGreaterThan(issued.vorlage!.seq);
    expect(again.sha256).toBe(issued.vorlage!.sha256);
    expect((await file(again)).bytes.equals((await file(issued.vorlage!)).bytes)).toBe(true);
    const res = await t.http.get(again.downloadUrl).set('Authorization', t.auth('office')).set('If-None-Match', `"${again.sha256}"`);
    expect(res.status).toBe(304);
    const beyond = await t.http.get(`/documents/${seeded.motionId}/2147483648`).set('Authorization', t.auth('clerk'));
    expect(beyond.status).toBe(400);
    expect(beyond.body).toMatchObject({ code: 'VALIDATION.FAILED' });
  });

  it('serves the download with an attachment disposition and a German file name', async () => {
    const ladung = await issue('meetings', seeded.meetings.kreistag, { kind: 'einladung', part: 'nonPublic' });
    const { headers } = await file(ladung, 'auditor', ladung.downloadUrl);
    expect(headers['content-disposition']).toBe(`attachment; filename="Einladung Kreistag 02.09.2020 nichtoeffentlich.pdf"; filename*=UTF-8''Einladung%20Kreistag%2002.09.2020%20nicht%C3%B6ffentlich.pdf`);
    issued.einladungNonPublic = ladung;
  });

  it('issues the Kreistag Einladung in two parts: the agenda as invited, the Ladungsfrist, non-public items only in the non-public part', async () => {
    const pub = await issue('meetings', seeded.meetings.kreistag, { kind: 'einladung' });
    const text = flat(await pdfText((await file(pub)).bytes));
    expect(text).toContain('Einladung');
    expect(text).toContain('Mittwoch, 02.09.2020, 17:00 Uhr');
    expect(text).toContain('Einladung vom 27.08.2020');
    expect(text).toContain('Ladungsfrist 6 Tage, gewahrt (Einladung spätestens am 27.08.2020)');
    expect(text).toContain('Tagesordnung – Öffentlicher Teil');
    expect(text).toContain(MOTION.reference);
    expect(text).not.toContain('Personalangelegenheit');

    const secret = flat(await pdfText((await file(issued.einladungNonPublic!)).bytes));
    expect(secret).toContain('NICHTÖFFENTLICH');
    expect(secret).toContain('Personalangelegenheit: Besetzung der Stelle Leitung KI');
    expect(secret).not.toContain(MOTION.reference);
  });

  it('shows non-public documents only to the roles that may see them', async () => {
    const np = issued.einladungNonPublic!;
    for (const role of ['clerk', 'auditor', 'admin'] as const) {
      const list = await api.get<DocumentListDto>(`/meetings/${seeded.meetings.kreistag}/documents`, 200, role);
      expect(list.documents.map((d) => d.seq)).toContain(np.seq);
    }
    const office = await api.get<DocumentListDto>(`/meetings/${seeded.meetings.kreistag}/documents`, 200, 'office');
    expect(office.documents.length).toBeGreaterThan(0);
    expect(office.documents.every((d) => d.part === 'public')).toBe(true);
    expect((await file(np, 'office')).status).toBe(404);
    expect((await file(np, 'office', np.downloadUrl)).status).toBe(404);
    expect((await file(np, 'auditor')).status).toBe(200);
  });

  it('issues the Niederschrift of the Kreistag: attendance, the outcome and votes of each proposal, Befangenheit', async () => {
    const doc = await issue('meetings', seeded.meetings.kreistag, { kind: 'niederschrift' });
    const text = flat(await pdfText((await file(doc)).bytes));
    expect(text).toContain('Niederschrift');
    expect(text).toContain('50 von 55 Mitgliedern (gesetzliche Mitgliederzahl) – beschlussfähig');
    expect(text).toContain('Kreistag: Mitglied 1');
    expect(text).toContain(`(Vorlage ${MOTION.reference})`);
    expect(text).toContain('Beschlussvorschlag 1 beschlossen Ja 47 · Nein 2 · Enthaltung 1 · befangen 0');
    expect(text).toContain('Beschlussvorschlag 2 beschlossen Ja 45 · Nein 3 · Enthaltung 2 · befangen 0');
    expect(text).toContain('Befangenheit wurde nicht angezeigt.');
  });

  it('issues a Beschlussauszug per adopted proposal with the adopted text, and refuses one for a proposal that does not exist', async () => {
    for (const [key, ja] of [['1', 'Ja 47'], ['2', 'Ja 45']] as const) {
      const doc = await issue('motions', seeded.motionId, { kind: 'beschlussauszug', proposalKey: key });
      expect(doc).toMatchObject({ kind: 'beschlussauszug', subject: key, fileName: `Beschlussauszug SV-9-1600-1 Beschlussvorschlag ${key}.pdf` });
      const text = flat(await pdfText((await file(doc, 'office')).bytes));
      expect(text).toContain('Beschlussauszug');
      expect(text).toContain('Beschlossen am 02.09.2020');
      expect(text).toContain(flat(MOTION.proposals.find((p) => p.key === key)!.text));
      expect(text).toContain(`Ergebnis beschlossen`);
      expect(text).toContain(ja);
      issued[`auszug${key}`] = doc;
    }
    const res = await t.http.post(`/motions/${seeded.motionId}/documents`).set('Authorization', t.auth('clerk')).send({ kind: 'beschlussauszug', proposalKey: '9' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'DOCUMENT.NOT_ADOPTED' });
  });

  it('refuses what is not yet possible or not allowed, writing nothing', async () => {
    const meeting = await api.post<MeetingDetailDto>('/meetings', { bodyId: seeded.bodies.kreistag, start: '2020-12-10T17:00:00+01:00', location: 'Kreishaus' }, 201, 'clerk');
    const before = (await api.get<DocumentListDto>(`/meetings/${meeting.id}/documents`)).documents.length;
    const early = await t.http.post(`/meetings/${meeting.id}/documents`).set('Authorization', t.auth('clerk')).send({ kind: 'niederschrift' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'DOCUMENT.NOT_HELD' });
    const office = await t.http.post(`/motions/${seeded.motionId}/documents`).set('Authorization', t.auth('office')).send({ kind: 'vorlage' });
    expect(office.status).toBe(403);
    const bad = await t.http.post(`/motions/${seeded.motionId}/documents`).set('Authorization', t.auth('clerk')).send({ kind: 'protokoll' });
    expect(bad.status).toBe(400);
    expect((await api.get<DocumentListDto>(`/meetings/${meeting.id}/documents`)).documents.length).toBe(before);
  });

  it('lets the auditor issue a Prüfbericht: history, verification and the signed checkpoint, non-public; other documents are not the auditor\'s', async () => {
    const checkpoint = await t.http.post('/audit/checkpoints').set('Authorization', t.auth('auditor'));
    expect(checkpoint.status).toBe(201);
    const res = await t.http.post(`/motions/${seeded.motionId}/documents`).set('Authorization', t.auth('auditor')).send({ kind: 'auditReport' });
    expect(res.status).toBe(201);
    const list = (res.body as { motionDocuments: DocumentListDto }).motionDocuments;
    const report = list.documents.at(-1)!;
    expect(report).toMatchObject({ kind: 'auditReport', part: 'nonPublic', issuedBy: expect.stringMatching(/.+/) });
    const text = flat(await pdfText((await file(report, 'auditor')).bytes));
    expect(text).toContain('Prüfbericht');
    expect(text).toContain(`Sitzungsvorlage ${MOTION.reference}`);
    expect(text).toContain('in Ordnung: Reihenfolge, Hash-Kette');
    expect(text).toMatch(/Checkpoint Nr\. \d+ vom \d\d\.\d\d\.\d{4}/);
    expect(text).toMatch(/\b5 24\.07\.2020 11:00 Uhr RELEASE\b/);
    expect((await file(report, 'office')).status).toBe(404);

    const refused = await t.http.post(`/motions/${seeded.motionId}/documents`).set('Authorization', t.auth('auditor')).send({ kind: 'vorlage' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'DOCUMENT.AUDITOR_REPORTS_ONLY' });
  });

  it('npm run audit -- verify-document names the instance and event that issued a file, and refuses a changed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-verify-'));
    try {
      const bytes = (await file(issued.auszug1!)).bytes;
      const good = join(dir, 'auszug.pdf');
      writeFileSync(good, bytes);
      const env = { ...process.env, DATABASE_URL: t.db.url };
      const cli = (path: string) => run('node', ['-r', '@swc-node/register', 'scripts/audit.ts', 'verify-document', path], { env, timeout: 120_000 });
      const { stdout } = await cli(good);
      expect(stdout).toContain(`ISSUED ${good}: Beschlussauszug SV-9-1600/1, Beschlussvorschlag 1`);
      expect(stdout).toContain(`by motion ${seeded.motionId}`);
      expect(stdout).toContain(`event #${issued.auszug1!.seq} DOCUMENT_ISSUED`);
      expect(stdout).toMatch(/made from event #\d+ RECORD_OUTCOME/);
      expect(stdout).toContain("the instance's log verifies");

      const changed = Buffer.from(bytes);
      changed.writeUInt8(changed.readUInt8(changed.length - 20) ^ 1, changed.length - 20);
      const bad = join(dir, 'changed.pdf');
      writeFileSync(bad, changed);
      const refused = await cli(bad).then(
        () => undefined,
        (error: { code: number; stdout: string }) => error,
      );
      expect(refused?.code).toBe(1);
      expect(refused?.stdout).toContain('NOT ISSUED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
