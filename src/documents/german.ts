/** German dates (Europe/Berlin) and the terms of art the documents print. */

const DATE = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const WEEKDAY = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'long' });

const asDate = (value: string | Date): Date => (value instanceof Date ? value : /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value));

/** `12.08.2020`; a calendar date (YYYY-MM-DD) stays that day. */
export const datum = (value: string | Date): string => DATE.format(asDate(value));
/** `17:00 Uhr` */
export const uhrzeit = (value: string | Date): string => `${TIME.format(asDate(value))} Uhr`;
/** `Mittwoch, 12.08.2020, 17:00 Uhr` */
export const termin = (value: string | Date): string => `${WEEKDAY.format(asDate(value))}, ${datum(value)}, ${uhrzeit(value)}`;

export const ROLE_DE: Record<string, string> = {
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
  kenntnisnahme: 'Kenntnisnahme',
  anhoerung: 'Anhörung',
  dringlichkeitsentscheidung: 'Dringlichkeitsentscheidung',
  genehmigung: 'Genehmigung',
  aufhebung: 'Aufhebung',
};

export const OUTCOME_DE: Record<string, string> = {
  recommended: 'empfohlen',
  recommendedWithAmendment: 'mit Änderung empfohlen',
  notRecommended: 'nicht empfohlen',
  adopted: 'beschlossen',
  adoptedWithAmendment: 'mit Änderung beschlossen',
  rejected: 'abgelehnt',
  postponed: 'vertagt',
  referredBack: 'zurückverwiesen',
  takenNote: 'zur Kenntnis genommen',
};

export const OUTLINE_DE = [
  ['problemAndSolution', 'I. Problem und Lösung'],
  ['alternatives', 'II. Alternativen'],
  ['impacts', 'III. Auswirkungen'],
  ['competence', 'IV. Zuständigkeit'],
] as const;

export interface VoteCount {
  ja: number;
  nein: number;
  enthaltung: number;
  befangen: number;
}

/** `Ja 47 · Nein 2 · Enthaltung 1 · befangen 0` */
export const stimmen = (v: VoteCount): string => `Ja ${v.ja} · Nein ${v.nein} · Enthaltung ${v.enthaltung} · befangen ${v.befangen}`;

/** A file name without path separators or control characters. */
export const fileSafe = (s: string): string => s.replace(/[/\\:*?"<>|\p{Cc}]+/gu, '-').replace(/\s+/g, ' ').trim();
