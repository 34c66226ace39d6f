/** German words for the selection and grant procedures (the managing office's terms of art). */

export const PROCEDURE_STATE_LABEL: Record<string, string> = {
  draft: 'Entwurf',
  receiving: 'Interessenbekundung läuft',
  closed: 'Frist abgelaufen',
  evaluation: 'In Bewertung',
  talks: 'Trägergespräche',
  selected: 'Auswahl getroffen',
  committeeInformed: 'Ausschuss informiert',
  done: 'Abgeschlossen',
  cancelled: 'Aufgehoben',
  noSuitableDeclaration: 'Ohne geeignete Bekundung beendet',
};

export const GRANT_STATE_LABEL: Record<string, string> = {
  drafted: 'Antrag in Vorbereitung',
  submitted: 'Beantragt',
  approved: 'Bewilligt',
  contracting: 'Weiterleitungsverträge',
  fundsCalled: 'Mittel abgerufen',
  proofSubmitted: 'Verwendungsnachweis eingereicht',
  closed: 'Abgeschlossen',
  rejected: 'Abgelehnt',
  withdrawn: 'Zurückgezogen',
};

export const WORKFLOW_TYPE_LABEL: Record<string, string> = {
  motion: 'Vorlage',
  meeting: 'Sitzung',
  selection: 'Auswahlverfahren',
  grant: 'Zuwendung',
  sample: 'Beispielverfahren',
};

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const decimal2 = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "25000.00" → "25.000,00 €" (the API's exact decimals, shown German). */
export const formatEuro = (value: string | null | undefined): string => (value == null ? '–' : euro.format(Number(value)));
/** "1.50" → "1,50" (Vollzeitäquivalente, weights, points). */
export const formatDecimal = (value: string | null | undefined): string => (value == null ? '–' : decimal2.format(Number(value)));
/** A criterion's weight: the API states it in percent ("25.00" → "25 %"). */
export const formatWeight = (value: string): string => `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(Number(value))} %`;

export { label } from '../../shared/labels';
