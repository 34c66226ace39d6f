import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datum, termin } from './german';
import { beschlussauszug } from './layouts';
import { renderPdf } from './pdf';

const facts = {
  reference: 'SV-9-1600/1',
  title: 'Umsetzung der Landesinitiativen',
  department: 'Kommunales Integrationszentrum',
  bodyName: 'Kreistag',
  meetingStart: '2020-09-02T17:00:00.000+02:00',
  decidedAt: '2020-09-02T19:00:00.000+02:00',
  urgent: false,
  proposalKey: '1',
  outcome: 'adopted',
  text: 'Die Verwaltung wird beauftragt, „Gemeinsam klappt’s“ umzusetzen (§ 26 Abs. 1 lit. s) KrO NRW; Größe ß).',
  version: 1,
  citation: '§ 26 Abs. 1 lit. s) KrO NRW',
  votes: { ja: 47, nein: 2, enthaltung: 1, befangen: 0 },
};
const meta = (at: string) => ({ title: 'Beschlussauszug SV-9-1600/1', subject: 'beschlussauszug', at: new Date(at), footer: 'Vorgang x, Ereignis 9' });

describe('PDF rendering', () => {
  it('given the same facts and log time, then the bytes are the same; another time gives another file', async () => {
    const a = await renderPdf(meta('2020-09-02T17:00:00Z'), beschlussauszug(facts));
    const b = await renderPdf(meta('2020-09-02T17:00:00Z'), beschlussauszug(facts));
    const c = await renderPdf(meta('2020-09-02T17:00:01Z'), beschlussauszug(facts));
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.sha512).toBe(b.sha512);
    expect(c.sha256).not.toBe(a.sha256);
    expect(a.bytes.toString('latin1')).toContain('<xmp:CreateDate>2020-09-02T17:00:00Z</xmp:CreateDate>');
  });

  it('given German text, then pdftotext reads it back unchanged, umlauts, quotes and § included', async () => {
    const { bytes } = await renderPdf(meta('2020-09-02T17:00:00Z'), beschlussauszug(facts));
    const dir = mkdtempSync(join(tmpdir(), 'bw-pdf-'));
    try {
      writeFileSync(join(dir, 'a.pdf'), bytes);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain(facts.text);
      expect(text).toContain('Beschlossen am 02.09.2020');
      expect(text).toContain('Mittwoch, 02.09.2020, 17:00 Uhr');
      expect(text).toContain('Ja 47 · Nein 2 · Enthaltung 1 · befangen 0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('given instants and calendar days, then dates are Berlin dates in German form', () => {
    expect(datum('2020-08-26T22:30:00Z')).toBe('27.08.2020');
    expect(datum('2020-08-27')).toBe('27.08.2020');
    expect(termin('2020-12-10T16:00:00Z')).toBe('Donnerstag, 10.12.2020, 17:00 Uhr');
  });
});
