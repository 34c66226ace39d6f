/** The German words the console shows for the API's codes. Unknown codes are shown as they are. */

export const ROLE_LABEL: Record<string, string> = {
  clerk: 'Sitzungsdienst',
  office: 'Geschäftsführende Stelle',
  auditor: 'Rechnungsprüfung',
  admin: 'Administration',
};

export const MOTION_STATUS_LABEL: Record<string, string> = {
  draft: 'Entwurf',
  cosigning: 'In Mitzeichnung',
  awaitingSchedule: 'Freigegeben, nicht terminiert',
  scheduled: 'In Beratung',
  referredBack: 'Zurückverwiesen',
  urgentDecided: 'Dringlichkeitsentscheidung',
  decided: 'Beschlossen',
  implementation: 'In Umsetzung',
  done: 'Erledigt',
  withdrawn: 'Zurückgezogen',
};

export const MEETING_STATE_LABEL: Record<string, string> = {
  scheduled: 'Geplant',
  invited: 'Eingeladen',
  held: 'Durchgeführt',
  minutesApproved: 'Niederschrift genehmigt',
  cancelled: 'Abgesagt',
};

export const STEP_ROLE_LABEL: Record<string, string> = {
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
  kenntnisnahme: 'Kenntnisnahme',
  anhoerung: 'Anhörung',
  dringlichkeitsentscheidung: 'Dringlichkeitsentscheidung',
  genehmigung: 'Genehmigung',
  aufhebung: 'Aufhebung',
};

export const OUTCOME_LABEL: Record<string, string> = {
  recommended: 'Empfohlen',
  recommendedWithAmendment: 'Mit Änderung empfohlen',
  notRecommended: 'Nicht empfohlen',
  adopted: 'Beschlossen',
  adoptedWithAmendment: 'Mit Änderung beschlossen',
  rejected: 'Abgelehnt',
  postponed: 'Vertagt',
  referredBack: 'Zurückverwiesen',
  takenNote: 'Zur Kenntnis genommen',
};

/** The outcomes a consultation of this role can record (as workflows/motion/rules.ts allows them). */
export const OUTCOMES_BY_ROLE: Record<string, string[]> = {
  vorberatung: ['recommended', 'recommendedWithAmendment', 'notRecommended', 'postponed', 'referredBack'],
  anhoerung: ['recommended', 'recommendedWithAmendment', 'notRecommended', 'postponed', 'referredBack'],
  entscheidung: ['adopted', 'adoptedWithAmendment', 'rejected', 'postponed'],
  kenntnisnahme: ['takenNote', 'postponed'],
};

export const TASK_STATUS_LABEL: Record<string, string> = {
  open: 'Offen',
  inProgress: 'In Arbeit',
  done: 'Erledigt',
  cancelled: 'Entfallen',
};

export const label = (table: Record<string, string>, code: string | null | undefined): string => (code ? (table[code] ?? code) : '–');
