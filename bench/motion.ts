import { initialTransition } from 'xstate';
import { motionMachine } from '../workflows/motion';
import type { ConsultationStep, LegalBasis, MotionInput } from '../workflows/motion/types';

/**
 * The benchmark's motion: shaped like the Coesfeld Vorlage in workflows/motion/fixtures.ts (two
 * proposals, four consultation steps), so its persisted snapshot is about 2 KB. EDIT_MOTION is
 * accepted in draft again and again, so every benchmarked call is a real, accepted transition.
 */
const kreistag: LegalBasis = { citation: '§ 26 Abs. 1 lit. s) KrO NRW', competentBodyKinds: ['kreistag'] };
// Body ids are UUIDs as the motions module stores them; a draft needs no body rows behind them.
const steps: ConsultationStep[] = [
  { bodyId: 'b0d1e501-0000-4000-8000-000000000000', bodyName: 'Integrationsausschuss', bodyKind: 'ausschuss', role: 'vorberatung' },
  { bodyId: 'b0d1e502-0000-4000-8000-000000000000', bodyName: 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', bodyKind: 'ausschuss', role: 'kenntnisnahme' },
  { bodyId: 'b0d1e503-0000-4000-8000-000000000000', bodyName: 'Kreisausschuss', bodyKind: 'kreisausschuss', role: 'vorberatung' },
  { bodyId: 'b0d1e504-0000-4000-8000-000000000000', bodyName: 'Kreistag', bodyKind: 'kreistag', role: 'entscheidung' },
];

export const motionInput = (reference: string): MotionInput => ({
  reference,
  title: 'Umsetzung der Landesinitiativen Durchstarten in Ausbildung und Arbeit und Gemeinsam klappt’s',
  department: 'Kommunales Integrationszentrum',
  requiredCosigners: ['Jobcenter', 'Kämmerei'],
  outline: {
    problemAndSolution: 'Durchstarten in Ausbildung und Arbeit / Gemeinsam klappt’s: Teilhabemanagement für junge Geflüchtete.',
    alternatives: 'keine',
    impacts: 'Eigenanteil bis zu 20 %: 2020 ca. 13.500 €, 2021 ca. 102.900 €, aus der Integrationspauschale.',
    competence: 'Die Zuständigkeit des Kreistages für die Entscheidung ergibt sich aus § 26 Abs. 1 lit. s) KrO NRW.',
  },
  proposals: [
    { key: '1', text: 'Die Verwaltung wird beauftragt, die Landesinitiativen „Durchstarten in Ausbildung und Arbeit“ inkl. des Bausteins VI „Gemeinsam klappt’s – Teilhabemanagement“ zusammen mit dem Kreisjobcenter umzusetzen.', legalBasis: kreistag },
    { key: '2', text: 'Für das laufende Jahr 2020 und vorbehaltlich der Haushaltsberatungen für 2021 wird die Verwaltung ermächtigt, Mittel aus der Integrationspauschale nach § 14c TIntG für den Eigenanteil einzuplanen.', legalBasis: kreistag },
  ],
  steps,
  createdAt: '2020-07-20T09:00:00+02:00',
});

/** The facts of one EDIT_MOTION (about 300 B of JSON, so the event row is about 500 B). */
export const editMotion = (n: number): Record<string, unknown> => ({
  title: `Umsetzung der Landesinitiativen Durchstarten in Ausbildung und Arbeit und Gemeinsam klappt’s (Fassung ${n})`,
  outline: { impacts: `Eigenanteil bis zu 20 %: 2020 ca. 13.500 €, 2021 ca. 102.900 €, aus der Integrationspauschale (Stand ${n}).` },
});

export const MOTION_EVENT = 'EDIT_MOTION';

/** The persisted snapshot of a fresh motion, as the engine stores it: what the raw phase writes. */
export const motionSnapshotJson = (): string => JSON.stringify(motionMachine.getPersistedSnapshot(initialTransition(motionMachine, motionInput('BENCH-RAW'))[0]));
