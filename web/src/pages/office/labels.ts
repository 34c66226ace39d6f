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

export const OFFICE_COMMAND_LABEL: Record<string, string> = {
  EDIT: 'Entwurf bearbeiten',
  PUBLISH: 'Aufruf veröffentlichen',
  RECEIVE_DECLARATION: 'Interessenbekundung erfassen',
  RECORD_LATE_DECLARATION: 'Verspätete Bekundung erfassen',
  DECLARE_CONFLICT: 'Befangenheit erklären',
  CLOSE: 'Abschließen',
  START_EVALUATION: 'Bewertung beginnen',
  SCORE: 'Bewertung erfassen',
  START_TALKS: 'Trägergespräche beginnen',
  RECORD_TALK: 'Trägergespräch erfassen',
  DECIDE_SELECTION: 'Auswahl entscheiden',
  RECORD_STAFFING: 'Stellenbesetzung melden',
  INFORM_COMMITTEE: 'Ausschuss informieren',
  COMPLETE: 'Verfahren abschließen',
  CANCEL: 'Verfahren aufheben',
  NO_SUITABLE_DECLARATION: 'Ohne geeignete Bekundung beenden',
  SUBMIT: 'Antrag einreichen',
  APPROVE_EARLY_START: 'Vorzeitigen Maßnahmebeginn erfassen',
  RECORD_MEASURE_START: 'Maßnahmebeginn erfassen',
  APPROVAL_NOTICE: 'Bewilligungsbescheid erfassen',
  REJECT: 'Ablehnung erfassen',
  WITHDRAW: 'Antrag zurückziehen',
  CONCLUDE_CONTRACT: 'Weiterleitungsvertrag schließen',
  SPEND_OWN_SHARE: 'Eigenanteil verausgaben',
  RECORD_BUDGET_ADOPTION: 'Haushaltsbeschluss erfassen',
  CALL_FUNDS: 'Mittel abrufen',
  SUBMIT_PROOF_OF_USE: 'Verwendungsnachweis einreichen',
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
