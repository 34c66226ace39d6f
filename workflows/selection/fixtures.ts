import type { Criterion, SelectionSetup } from './types';

/**
 * The real case as data (Kreis Coesfeld, "Durchstarten in Ausbildung und Arbeit", 2020), for specs,
 * seeds and e2e tests. Criteria and dates are illustrative: the source names neither.
 */

export const COESFELD_MUNICIPALITIES = [
  'Ascheberg',
  'Billerbeck',
  'Coesfeld',
  'Dülmen',
  'Havixbeck',
  'Lüdinghausen',
  'Nordkirchen',
  'Nottuln',
  'Olfen',
  'Rosendahl',
  'Senden',
] as const;

export const PROGRAMME = 'Durchstarten in Ausbildung und Arbeit';

export const QUALITY_CRITERIA: readonly Criterion[] = [
  { key: 'concept', name: 'Konzept und Methodik', weightBp: 4000 },
  { key: 'experience', name: 'Erfahrung mit der Zielgruppe', weightBp: 3000 },
  { key: 'network', name: 'Vernetzung im Kreisgebiet', weightBp: 2000 },
  { key: 'staff', name: 'Personal und Qualifikation', weightBp: 1000 },
];

const common = {
  programme: PROGRAMME,
  deadline: '2020-03-31T23:59:59+02:00',
  criteria: QUALITY_CRITERIA,
  scaleMax: 5,
  requiredEvaluators: 2,
  municipalities: COESFELD_MUNICIPALITIES,
} satisfies Partial<SelectionSetup>;

/** Baustein VI: 1.5 FTE Teilhabemanagement (the Caritasverband was commissioned). */
export const MODULE_VI: SelectionSetup = {
  ...common,
  module: 'VI',
  title: 'Gemeinsam klappt’s – Teilhabemanagement',
  callText: 'Interessenbekundungsverfahren für das kommunale Teilhabemanagement (1,5 Vollzeitstellen) im Kreis Coesfeld.',
  fteAvailableHundredths: 150,
};

/** Baustein I: Coaching, several declarations; the FTE figure is illustrative. */
export const MODULE_I: SelectionSetup = {
  ...common,
  module: 'I',
  title: 'Coaching',
  callText: 'Interessenbekundungsverfahren für das Coaching junger Geflüchteter im gesamten Kreisgebiet.',
  fteAvailableHundredths: 300,
};

/** Spreads `totalHundredths` over the municipalities as evenly as whole hundredths allow. */
export function evenShares(totalHundredths: number, municipalities: readonly string[]): { municipality: string; fteHundredths: number }[] {
  const base = Math.floor(totalHundredths / municipalities.length);
  const rest = totalHundredths % municipalities.length;
  return municipalities.map((municipality, i) => ({ municipality, fteHundredths: base + (i < rest ? 1 : 0) }));
}
