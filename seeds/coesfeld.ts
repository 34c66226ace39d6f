/**
 * The Kreis Coesfeld case of 2020 (../shared/seeds/000_6ec3ffeba74bc287.txt) as data.
 *
 * From the document: the motion with both resolution proposals, its outline and the § 26 Abs. 1
 * lit. s) KrO NRW basis; the bodies; the Kenntnisnahme meeting on 19.08.2020; Bausteine I–VI and the
 * state of each selection; Caritasverband (Baustein VI, 1.5 FTE, 0.5 staffed from 01.05.2020);
 * VHS Lüdinghausen (Bausteine III and IV, early start for the course from 17.08.2020); Baustein V
 * not considered; own share ca. 13,500 EUR (2020) and ca. 102,900 EUR (2021) from the
 * Integrationspauschale, to be spent by 30.11.2021, 2021 subject to the budget.
 *
 * Marked `illustrative`: everything the document does not give — member counts and names, meeting
 * dates other than 19.08.2020, call deadlines, scores, total costs, file numbers, the unnamed
 * providers ("Träger A/B/C").
 */

export const TENANT = { id: 'kreis-coesfeld', name: 'Kreis Coesfeld' };

export const LIT_S = '§ 26 Abs. 1 lit. s) KrO NRW';

export const COMPETENCES = [
  { citation: LIT_S, text: 'Ausschließliche Zuständigkeit des Kreistags nach § 26 Abs. 1 lit. s) KrO NRW (Wortlaut nicht geprüft).', holderKinds: ['kreistag'], reserved: true, verified: false },
  { citation: '§ 26 Abs. 1 lit. a) KrO NRW', text: 'Die allgemeinen Grundsätze, nach denen die Verwaltung geführt werden soll.', holderKinds: ['kreistag'], reserved: true, verified: true },
  { citation: '§ 26 Abs. 1 lit. f) KrO NRW', text: 'Erlass, Änderung und Aufhebung von Satzungen.', holderKinds: ['kreistag'], reserved: true, verified: false },
  { citation: '§ 26 Abs. 1 lit. g) KrO NRW', text: 'Haushaltssatzung, Stellenplan, überplanmäßige und außerplanmäßige Aufwendungen.', holderKinds: ['kreistag'], reserved: true, verified: false },
  { citation: '§ 50 Abs. 1 KrO NRW', text: 'Der Kreisausschuss beschließt über alle Angelegenheiten, die nicht dem Kreistag vorbehalten sind.', holderKinds: ['kreisausschuss'], reserved: false, verified: false },
  { citation: '§ 50 Abs. 3 KrO NRW', text: 'Dringlichkeitsentscheidung des Kreisausschusses anstelle des Kreistags.', holderKinds: ['kreisausschuss'], reserved: false, verified: false },
];

/** Member counts are illustrative: the document gives none. */
export const BODIES = {
  kreistag: { name: 'Kreistag', kind: 'kreistag', statutoryMembers: 55 },
  kreisausschuss: { name: 'Kreisausschuss', kind: 'kreisausschuss', statutoryMembers: 16 },
  integrationsausschuss: { name: 'Integrationsausschuss', kind: 'ausschuss', statutoryMembers: 15 },
  sozialausschuss: { name: 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', kind: 'ausschuss', statutoryMembers: 15 },
} as const;
export type BodyKey = keyof typeof BODIES;

/** Standing orders (illustrative): six calendar days' notice, three when urgent. */
export const INVITATION = { invitationPeriodDays: 6, urgentInvitationPeriodDays: 3 };

/** 19.08.2020 is in the document (ASG, Kenntnisnahme); the other dates are illustrative. */
export const MEETINGS: Record<BodyKey, { start: string; illustrative: boolean }> = {
  integrationsausschuss: { start: '2020-08-12T17:00:00+02:00', illustrative: true },
  sozialausschuss: { start: '2020-08-19T17:00:00+02:00', illustrative: false },
  kreisausschuss: { start: '2020-08-26T16:00:00+02:00', illustrative: true },
  kreistag: { start: '2020-09-02T17:00:00+02:00', illustrative: true },
};
export const LOCATION = 'Kreishaus Coesfeld, Sitzungssaal';

export const MOTION = {
  reference: 'SV-9-1600/1',
  title: 'Umsetzung der Landesinitiativen Durchstarten in Ausbildung und Arbeit und Gemeinsam klappt’s',
  department: 'Kommunales Integrationszentrum',
  requiredCosigners: ['Jobcenter', 'Kämmerei'],
  outline: {
    problemAndSolution:
      'Das Land NRW möchte sich jungen Erwachsenen zwischen 18 und 27 Jahren mit Duldung oder Gestattung ohne Zugang zu SGB-Leistungen mit der Initiative „Durchstarten in Ausbildung und Arbeit“ intensiver annehmen. ' +
      'Bausteine: I Coaching (mehrere Interessenbekundungen; Trägergespräche folgen), II berufsbegleitende Qualifizierung/Sprachförderung (eine Interessenbekundung), III nachträglicher Erwerb des Hauptschulabschlusses (VHS Lüdinghausen; Vorbereitungskurs ab 17.08.2020), ' +
      'IV schul-/ausbildungs- und berufsvorbereitende Kurse (VHS Lüdinghausen und ein weiterer Träger; vorzeitiger Maßnahmebeginn für die VHS bewilligt), V Innovationsfonds (Wettbewerb, Stichtag 31.03.2020; der unterstützte Antrag wird nicht berücksichtigt), ' +
      'VI Teilhabemanagement „Gemeinsam klappt’s“ (1,5 Vollzeitstellen beantragt; Caritasverband für den Kreis Coesfeld e.V. beauftragt; 0,5 Stelle seit 01.05.2020 besetzt).',
    alternatives: 'keine',
    impacts:
      'Der vom Land geforderte Eigenanteil von bis zu 20 % wird in den Jahren 2020 (ca. 13.500 €) und 2021 (ca. 102.900 €) aus Mitteln der Integrationspauschale refinanziert, welche bis zum 30.11.2021 zu verwenden ist.',
    competence: `Vorberatung im Integrationsausschuss (vorrangige Zuständigkeit des Kommunalen Integrationszentrums; Produktgruppe 00.02); Kenntnisnahme im Ausschuss für Arbeit, Soziales, Senioren und Gesundheit am 19.08.2020. Die Zuständigkeit des Kreistages für die Entscheidung ergibt sich aus ${LIT_S}.`,
  },
  proposals: [
    {
      key: '1',
      text: 'Die Verwaltung wird beauftragt, die Landesinitiativen „Durchstarten in Ausbildung und Arbeit“ inkl. des Bausteins VI „Gemeinsam klappt’s – Teilhabemanagement“ zusammen mit dem Kreisjobcenter als Teil der geschäftsführenden Stelle im Kreis Coesfeld umzusetzen.',
      legalBasis: LIT_S,
    },
    {
      key: '2',
      text: 'Für das laufende Jahr 2020 und vorbehaltlich der Haushaltsberatungen für 2021 wird die Verwaltung ermächtigt, einen Teil der Mittel aus der Integrationspauschale nach § 14c TIntG zur Sicherstellung des innerhalb der Landesinitiativen unter 1. geforderten Eigenanteils zur Umsetzung einzuplanen.',
      legalBasis: LIT_S,
    },
  ],
  /** Integrationsausschuss → (Kenntnisnahme ASG) → Kreisausschuss → Kreistag. */
  steps: [
    { body: 'integrationsausschuss', role: 'vorberatung' },
    { body: 'sozialausschuss', role: 'kenntnisnahme' },
    { body: 'kreisausschuss', role: 'vorberatung' },
    { body: 'kreistag', role: 'entscheidung' },
  ] as { body: BodyKey; role: string }[],
};

export const PROGRAMME = 'Durchstarten in Ausbildung und Arbeit';
export const MODULES = [
  { code: 'I', title: 'Coaching' },
  { code: 'II', title: 'Berufsbegleitende Qualifizierung / Sprachförderung' },
  { code: 'III', title: 'Nachträglicher Erwerb des Hauptschulabschlusses' },
  { code: 'IV', title: 'Schul-/ausbildungs- und berufsvorbereitende Kurse, Jugendintegrationskurse' },
  { code: 'V', title: 'Innovationsfonds' },
  { code: 'VI', title: 'Gemeinsam klappt’s – Teilhabemanagement' },
];

export const PROVIDERS = {
  vhs: { name: 'VHS Lüdinghausen', legalForm: 'Volkshochschule (kommunaler Zweckverband)' },
  caritas: { name: 'Caritasverband für den Kreis Coesfeld e.V.', legalForm: 'eingetragener Verein' },
  a: { name: 'Träger A (im Dokument nicht genannt)', legalForm: 'eingetragener Verein' },
  b: { name: 'Träger B (im Dokument nicht genannt)', legalForm: 'gGmbH' },
  c: { name: 'Träger C (im Dokument nicht genannt)', legalForm: 'eingetragener Verein' },
} as const;
export type ProviderKey = keyof typeof PROVIDERS;

export const MUNICIPALITIES = ['Ascheberg', 'Billerbeck', 'Coesfeld', 'Dülmen', 'Havixbeck', 'Lüdinghausen', 'Nordkirchen', 'Nottuln', 'Olfen', 'Rosendahl', 'Senden'];
export const NORTH = ['Billerbeck', 'Coesfeld', 'Dülmen', 'Havixbeck', 'Nottuln', 'Rosendahl'];
export const SOUTH = ['Ascheberg', 'Lüdinghausen', 'Nordkirchen', 'Olfen', 'Senden'];

/** Quality criteria of the Interessenbekundungsverfahren (illustrative weights). */
export const CRITERIA = [
  { key: 'concept', name: 'Konzept und Zielgruppenbezug', weight: '40.00' },
  { key: 'experience', name: 'Erfahrung in der Integrationsarbeit', weight: '25.00' },
  { key: 'network', name: 'Vernetzung im Kreisgebiet', weight: '20.00' },
  { key: 'staff', name: 'Personal und Qualifikation', weight: '15.00' },
];
export const EVALUATORS = ['ki-bewertung-1', 'jobcenter-bewertung-1'];

interface Declaration {
  provider: ProviderKey;
  receivedAt: string;
  municipalities: string[];
  concept: string;
  /** Points per criterion (0–5) for each evaluator: illustrative. */
  points?: Record<string, [number, number]>;
}

export interface SelectionSeed {
  module: string;
  callText: string;
  publishedAt: string;
  deadline: string;
  fte: string;
  declarations: Declaration[];
  /** How far the document says the procedure has come. */
  stage: 'closed' | 'evaluation' | 'talks' | 'committeeInformed';
  talks?: { provider: ProviderKey; date: string; resultNote: string }[];
  decision?: { at: string; allocation: { provider: ProviderKey; municipalities: string[]; fte: string[] }[] };
  staffing?: { at: string; provider: ProviderKey; fte: string; from: string; status: 'staffed' | 'recruiting' }[];
  committee?: { at: string; body: BodyKey; date: string };
}

const scoresGood = { concept: [5, 4], experience: [5, 5], network: [4, 4], staff: [4, 5] } as Record<string, [number, number]>;
const scoresFair = { concept: [4, 3], experience: [3, 4], network: [3, 3], staff: [4, 3] } as Record<string, [number, number]>;
const scoresWeak = { concept: [3, 3], experience: [3, 2], network: [2, 3], staff: [3, 3] } as Record<string, [number, number]>;

/** Per Baustein: the stage of the provider selection that the document describes. Dates illustrative. */
export const SELECTIONS: SelectionSeed[] = [
  {
    module: 'VI',
    callText: 'Interessenbekundungsverfahren Teilhabemanagement „Gemeinsam klappt’s“: 1,5 Vollzeitstellen für das kommunale Teilhabemanagement im Kreis Coesfeld.',
    publishedAt: '2020-02-03T09:00:00+01:00',
    deadline: '2020-02-28T23:59:59+01:00',
    fte: '1.50',
    declarations: [{ provider: 'caritas', receivedAt: '2020-02-20T11:00:00+01:00', municipalities: MUNICIPALITIES, concept: 'Teilhabemanagement in allen elf Kommunen, Start mit einer Pilotkommune möglich.', points: scoresGood }],
    stage: 'committeeInformed',
    talks: [{ provider: 'caritas', date: '2020-03-10', resultNote: 'Konzept bestätigt; Stellenbesetzung zum 01.05.2020 (0,5 VZÄ), Ausschreibung der übrigen Stelle.' }],
    decision: { at: '2020-03-16T10:00:00+01:00', allocation: [{ provider: 'caritas', municipalities: MUNICIPALITIES, fte: ['0.15', '0.13', '0.13', '0.13', '0.14', '0.14', '0.14', '0.14', '0.13', '0.13', '0.14'] }] },
    staffing: [
      { at: '2020-05-04T09:00:00+02:00', provider: 'caritas', fte: '0.50', from: '2020-05-01', status: 'staffed' },
      { at: '2020-05-04T09:05:00+02:00', provider: 'caritas', fte: '1.00', from: '2020-05-01', status: 'recruiting' },
    ],
    committee: { at: '2020-05-27T12:00:00+02:00', body: 'integrationsausschuss', date: '2020-05-27' },
  },
  {
    module: 'I',
    callText: 'Interessenbekundungsverfahren Baustein I – Coaching vor, während und nach Fördermaßnahmen.',
    publishedAt: '2020-05-04T09:00:00+02:00',
    deadline: '2020-06-05T23:59:59+02:00',
    fte: '2.00',
    declarations: [
      { provider: 'a', receivedAt: '2020-05-28T10:00:00+02:00', municipalities: NORTH, concept: 'Coaching im Nordkreis.', points: scoresGood },
      { provider: 'b', receivedAt: '2020-06-02T15:30:00+02:00', municipalities: SOUTH, concept: 'Coaching im Südkreis.', points: scoresFair },
      { provider: 'c', receivedAt: '2020-06-04T09:15:00+02:00', municipalities: MUNICIPALITIES, concept: 'Kreisweites Coaching.', points: scoresWeak },
    ],
    stage: 'talks',
  },
  {
    module: 'II',
    callText: 'Interessenbekundungsverfahren Baustein II – berufsbegleitende Qualifizierung und Sprachförderung.',
    publishedAt: '2020-05-04T09:00:00+02:00',
    deadline: '2020-06-05T23:59:59+02:00',
    fte: '0.50',
    declarations: [{ provider: 'b', receivedAt: '2020-06-03T14:00:00+02:00', municipalities: MUNICIPALITIES, concept: 'Berufsbegleitende Sprachförderung über Arbeitgeber.' }],
    stage: 'closed',
  },
  {
    module: 'III',
    callText: 'Interessenbekundungsverfahren Baustein III – nachträglicher Erwerb des Hauptschulabschlusses.',
    publishedAt: '2020-05-04T09:00:00+02:00',
    deadline: '2020-06-05T23:59:59+02:00',
    fte: '1.00',
    declarations: [{ provider: 'vhs', receivedAt: '2020-06-01T10:00:00+02:00', municipalities: MUNICIPALITIES, concept: 'Hauptschulabschluss nach Klasse 9 mit Sprachförderung und „Lernen lernen“.' }],
    stage: 'closed',
  },
  {
    module: 'IV',
    callText: 'Interessenbekundungsverfahren Baustein IV – schul-, ausbildungs- und berufsvorbereitende Kurse.',
    publishedAt: '2020-05-04T09:00:00+02:00',
    deadline: '2020-06-05T23:59:59+02:00',
    fte: '1.00',
    declarations: [
      { provider: 'vhs', receivedAt: '2020-06-01T10:30:00+02:00', municipalities: MUNICIPALITIES, concept: 'Vorbereitungskurs für den Hauptschulabschlusskurs ab 17.08.2020 (Deutsch, Englisch, Mathematik).' },
      { provider: 'a', receivedAt: '2020-06-04T16:00:00+02:00', municipalities: NORTH, concept: 'Niederschwellige Kurse mit beruflicher Orientierung.' },
    ],
    stage: 'evaluation',
  },
];

export const BUDGET_SOURCE = {
  key: 'integrationspauschale',
  name: 'Integrationspauschale (§ 14c TIntG)',
  legalBasis: '§ 14c TIntG',
  spendBy: '2021-11-30',
  years: [
    { year: 2020, amount: '13500.00', conditional: false },
    { year: 2021, amount: '102900.00', conditional: true },
  ],
};

/**
 * The grant for Bausteine I–IV and VI: own share 13,500 + 102,900 EUR = 20 % of an (illustrative)
 * eligible cost of 582,000 EUR. Baustein V: the innovation-fund application that was not considered.
 */
export const GRANTS = {
  main: {
    create: {
      programme: PROGRAMME,
      modules: ['I', 'II', 'III', 'IV', 'VI'],
      grantingAuthority: 'Bezirksregierung Arnsberg',
      eligibleCost: '582000.00',
      requested: '465600.00',
      fundingPeriod: { from: '2020-05-01', to: '2021-12-31' },
      financing: [
        { year: 2020, totalCost: '67500.00', stateShare: '54000.00', ownShare: '13500.00', sourceKey: 'integrationspauschale' },
        { year: 2021, totalCost: '514500.00', stateShare: '411600.00', ownShare: '102900.00', sourceKey: 'integrationspauschale' },
      ],
      proofOfUseDue: '2022-06-30',
    },
    createdAt: '2020-06-22T09:00:00+02:00',
    submittedAt: '2020-06-26T10:00:00+02:00',
    earlyStart: { at: '2020-08-04T11:00:00+02:00', date: '2020-08-04', modules: ['IV'], provider: 'vhs' as ProviderKey, description: 'Vorzeitiger Maßnahmebeginn für den schul-, ausbildungs- und berufsvorbereitenden Kurs der VHS Lüdinghausen (Vorbereitungskurs ab 17.08.2020).' },
  },
  moduleV: {
    create: {
      programme: PROGRAMME,
      modules: ['V'],
      grantingAuthority: 'Bezirksregierung Arnsberg',
      eligibleCost: '50000.00',
      requested: '50000.00',
      fundingPeriod: { from: '2020-06-01', to: '2021-05-31' },
      financing: [{ year: 2020, totalCost: '50000.00', stateShare: '50000.00', ownShare: '0.00', sourceKey: 'integrationspauschale' }],
    },
    createdAt: '2020-03-25T09:00:00+01:00',
    submittedAt: '2020-03-30T10:00:00+02:00',
    rejectedAt: '2020-07-15T09:00:00+02:00',
    rejection: { date: '2020-07-15', reason: 'Innovationsfonds (Wettbewerb, Stichtag 31.03.2020): der unterstützte Antrag wird nicht berücksichtigt.' },
  },
};

/** The motion's own timeline up to where the document leaves it: released and on the agendas. */
export const MOTION_TIMELINE = {
  draftedAt: '2020-07-20T09:00:00+02:00',
  submittedAt: '2020-07-21T09:00:00+02:00',
  cosigned: [
    { department: 'Jobcenter', at: '2020-07-22T10:00:00+02:00' },
    { department: 'Kämmerei', at: '2020-07-23T14:00:00+02:00' },
  ],
  releasedAt: '2020-07-24T11:00:00+02:00',
  scheduledAt: '2020-07-27T09:00:00+02:00',
  invitations: [{ body: 'integrationsausschuss' as BodyKey, at: '2020-08-03T09:00:00+02:00' }],
  /** Where the seeded history ends: the document is the Vorlage for the Integrationsausschuss. */
  end: '2020-08-05T12:00:00+02:00',
};
