/**
 * The documents' layouts: pure functions from the facts (already in German terms) to pdfmake content.
 * No I/O and no clock, so the same facts give the same PDF.
 */
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { DocumentPart } from '../../workflows/shared/documents';
import { datum, OUTCOME_DE, ROLE_DE, stimmen, termin, uhrzeit, type VoteCount } from './german';

const PART_DE: Record<DocumentPart, string> = { public: 'Öffentlicher Teil', nonPublic: 'Nichtöffentlicher Teil' };

const facts = (rows: [string, string][]): Content => ({
  table: { widths: [120, '*'], body: rows.map(([k, v]): TableCell[] => [{ text: k, bold: true }, v]) },
  layout: 'noBorders',
  margin: [0, 4, 0, 4],
});

const grid = (head: string[], rows: TableCell[][], widths: (number | string)[]): Content => ({
  table: { headerRows: 1, widths, body: [head.map((h): TableCell => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...rows] },
  layout: 'lightHorizontalLines',
  margin: [0, 2, 0, 6],
});

const marker = (part: DocumentPart): Content => ({ text: part === 'nonPublic' ? 'NICHTÖFFENTLICH' : 'öffentlich', style: 'marker', alignment: 'right' });

export interface VorlageFacts {
  part: DocumentPart;
  reference: string;
  title: string;
  department: string;
  releasedAt: string;
  cosignatures: { department: string; at: string }[];
  steps: { bodyName: string; role: string }[];
  proposals: { key: string; text: string; citation: string }[];
  /** Each outline section with its text; null: in the nichtöffentlicher Teil, not printed here. */
  outline: { heading: string; text: string | null }[];
}

export function vorlage(f: VorlageFacts): Content[] {
  return [
    marker(f.part),
    { text: 'Sitzungsvorlage', style: 'kind' },
    { text: f.reference, fontSize: 14, bold: true },
    facts([
      ['Betreff', f.title],
      ['Federführung', f.department],
      ['Mitzeichnung', f.cosignatures.map((c) => `${c.department} (${datum(c.at)})`).join(', ') || '—'],
      ['Freigegeben am', datum(f.releasedAt)],
    ]),
    { text: 'Beratungsfolge', style: 'heading' },
    grid(['Nr.', 'Gremium', 'Zuständigkeit'], f.steps.map((s, i) => [String(i + 1), s.bodyName, ROLE_DE[s.role] ?? s.role]), [24, '*', 110]),
    { text: 'Beschlussvorschlag', style: 'heading' },
    ...f.proposals.flatMap((p): Content[] => [
      { text: `${p.key}. ${p.text}`, margin: [0, 0, 0, 2] },
      { text: `Rechtsgrundlage: ${p.citation}`, style: 'small', margin: [0, 0, 0, 8] },
    ]),
    { text: 'Begründung', style: 'heading' },
    ...f.outline.flatMap((s): Content[] => [
      { text: s.heading, style: 'subheading' },
      s.text === null ? { text: 'Im nichtöffentlichen Teil der Vorlage.', italics: true } : { text: s.text },
    ]),
  ];
}

export interface AgendaEntry {
  /** `1`, `2` … within the part */
  number: number;
  title: string;
  /** The Vorlage's reference, when the item is a motion. */
  reference: string | null;
}

export interface EinladungFacts {
  part: DocumentPart;
  bodyName: string;
  start: string;
  location: string;
  invitedAt: string;
  invitationPeriodDays: number;
  lastRegularInvitationDay: string;
  urgentInvitationPeriodDays: number;
  urgentInvitationReason: string | null;
  items: AgendaEntry[];
}

export function einladung(f: EinladungFacts): Content[] {
  const frist = f.urgentInvitationReason
    ? `verkürzt auf ${f.urgentInvitationPeriodDays} Tage (Dringlichkeit: ${f.urgentInvitationReason})`
    : `${f.invitationPeriodDays} Tage, gewahrt (Einladung spätestens am ${datum(f.lastRegularInvitationDay)})`;
  return [
    marker(f.part),
    { text: 'Einladung', style: 'kind' },
    { text: `zur Sitzung des Gremiums ${f.bodyName}`, fontSize: 12 },
    facts([
      ['Sitzung', termin(f.start)],
      ['Ort', f.location],
      ['Einladung vom', datum(f.invitedAt)],
      ['Ladungsfrist', frist],
    ]),
    { text: `Tagesordnung – ${PART_DE[f.part]}`, style: 'heading' },
    f.items.length
      ? grid(['TOP', 'Gegenstand', 'Vorlage'], f.items.map((i) => [String(i.number), i.title, i.reference ?? '—']), [30, '*', 90])
      : { text: 'Keine Tagesordnungspunkte.', italics: true },
  ];
}

export interface ItemResult {
  proposalKey: string;
  outcome: string;
  votes: VoteCount | null;
}

export interface NiederschriftFacts {
  part: DocumentPart;
  bodyName: string;
  start: string;
  location: string;
  heldAt: string;
  attendees: { name: string; votingRight: boolean }[];
  presentMembers: number;
  statutoryMembers: number;
  quorate: boolean;
  items: (AgendaEntry & { results: ItemResult[]; vote: VoteCount | null })[];
}

export function niederschrift(f: NiederschriftFacts): Content[] {
  const befangen = f.items.flatMap((i) => [...i.results.map((r) => ({ item: i.number, key: `Beschlussvorschlag ${r.proposalKey}`, n: r.votes?.befangen ?? 0 })), { item: i.number, key: 'Abstimmung', n: i.vote?.befangen ?? 0 }]).filter((b) => b.n > 0);
  return [
    marker(f.part),
    { text: 'Niederschrift', style: 'kind' },
    { text: `über die Sitzung des Gremiums ${f.bodyName}`, fontSize: 12 },
    facts([
      ['Sitzung', termin(f.start)],
      ['Ort', f.location],
      ['Beginn', `${datum(f.heldAt)}, ${uhrzeit(f.heldAt)}`],
      ['Anwesenheit', `${f.presentMembers} von ${f.statutoryMembers} Mitgliedern (gesetzliche Mitgliederzahl) – ${f.quorate ? 'beschlussfähig' : 'nicht beschlussfähig'}`],
    ]),
    { text: 'Anwesend', style: 'heading' },
    { ul: f.attendees.map((a) => (a.votingRight ? a.name : `${a.name} (ohne Stimmrecht)`)) },
    { text: `Tagesordnung und Ergebnisse – ${PART_DE[f.part]}`, style: 'heading' },
    ...(f.items.length
      ? f.items.flatMap((i): Content[] => [
          { text: `TOP ${i.number}: ${i.title}${i.reference ? ` (Vorlage ${i.reference})` : ''}`, style: 'subheading' },
          i.results.length || i.vote
            ? grid(
                ['Gegenstand', 'Ergebnis', 'Abstimmung'],
                [
                  ...i.results.map((r) => [`Beschlussvorschlag ${r.proposalKey}`, OUTCOME_DE[r.outcome] ?? r.outcome, r.votes ? stimmen(r.votes) : 'ohne Abstimmung']),
                  ...(i.vote ? [['Abstimmung', '', stimmen(i.vote)]] : []),
                ],
                [110, 110, '*'],
              )
            : { text: 'Kein Ergebnis festgehalten.', italics: true },
        ])
      : [{ text: 'Keine Tagesordnungspunkte.', italics: true }]),
    { text: 'Befangenheit', style: 'heading' },
    befangen.length
      ? { ul: befangen.map((b) => `TOP ${b.item}, ${b.key}: ${b.n} ${b.n === 1 ? 'Mitglied hat' : 'Mitglieder haben'} wegen Befangenheit nicht mitgewirkt`) }
      : { text: 'Befangenheit wurde nicht angezeigt.' },
  ];
}

export interface BeschlussauszugFacts {
  reference: string;
  title: string;
  department: string;
  bodyName: string;
  meetingStart: string | null;
  decidedAt: string;
  urgent: boolean;
  proposalKey: string;
  outcome: string;
  text: string;
  version: number;
  citation: string;
  votes: VoteCount | null;
}

export function beschlussauszug(f: BeschlussauszugFacts): Content[] {
  return [
    { text: 'Beschlussauszug', style: 'kind' },
    { text: f.urgent ? `Dringlichkeitsentscheidung des Gremiums ${f.bodyName}` : `aus der Sitzung des Gremiums ${f.bodyName}`, fontSize: 12 },
    facts([
      ['Sitzung', f.meetingStart ? termin(f.meetingStart) : '—'],
      ['Beschlossen am', datum(f.decidedAt)],
      ['Vorlage', `${f.reference} – ${f.title}`],
      ['Federführung', f.department],
    ]),
    { text: `Beschluss zu Beschlussvorschlag ${f.proposalKey}`, style: 'heading' },
    { text: f.text, margin: [0, 0, 0, 6] },
    { text: `Fassung ${f.version} · Rechtsgrundlage: ${f.citation}`, style: 'small', margin: [0, 0, 0, 8] },
    facts([
      ['Ergebnis', OUTCOME_DE[f.outcome] ?? f.outcome],
      ['Abstimmung', f.votes ? stimmen(f.votes) : 'ohne Abstimmung'],
    ]),
    { text: `Zur Umsetzung an: ${f.department}`, margin: [0, 12, 0, 0] },
  ];
}

export interface AuditReportFacts {
  subject: string;
  instanceId: string;
  workflowType: string;
  verification: { ok: boolean; events: number; broken: string | null };
  checkpoint: { id: string; createdAt: string; size: number; root: string; keyFingerprint: string } | null;
  steps: { seq: number; at: string; type: string; actor: string; state: string; hash: string }[];
}

export function auditReport(f: AuditReportFacts): Content[] {
  return [
    marker('nonPublic'),
    { text: 'Prüfbericht', style: 'kind' },
    { text: f.subject, fontSize: 12 },
    facts([
      ['Vorgang', `${f.workflowType} ${f.instanceId}`],
      ['Ereignisse', String(f.verification.events)],
      ['Prüfung', f.verification.ok ? 'in Ordnung: Reihenfolge, Hash-Kette, Nachvollzug (Replay) und gespeicherter Zustand stimmen überein' : `GEBROCHEN: ${f.verification.broken ?? 'unbekannt'}`],
      ['Checkpoint', f.checkpoint ? `Nr. ${f.checkpoint.id} vom ${datum(f.checkpoint.createdAt)}, ${uhrzeit(f.checkpoint.createdAt)}, über ${f.checkpoint.size} Ereignisse der Körperschaft` : 'noch kein signierter Checkpoint'],
      ...(f.checkpoint ? ([['Wurzel', f.checkpoint.root], ['Schlüssel', f.checkpoint.keyFingerprint]] as [string, string][]) : []),
    ]),
    { text: 'Verlauf', style: 'heading' },
    {
      ...(grid(
        ['Nr.', 'Zeitpunkt', 'Ereignis', 'durch', 'Zustand danach', 'Hash'],
        f.steps.map((s) => [String(s.seq), `${datum(s.at)} ${uhrzeit(s.at)}`, s.type, s.actor, s.state, { text: s.hash.slice(0, 16), fontSize: 7 }]),
        [18, 82, '*', 80, 90, 64],
      ) as object),
      fontSize: 8,
    } as Content,
  ];
}
