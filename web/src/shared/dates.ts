/** Dates as a German office reads them, always in Europe/Berlin (whatever the browser's zone). */
const ZONE = 'Europe/Berlin';

const dateTime = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const date = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const longDate = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const time = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
const monthYear = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, month: 'long', year: 'numeric' });

const parse = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

/** 12.08.2020, 18:00 */
export const formatDateTime = (value: string | Date): string => `${dateTime.format(parse(value))} Uhr`;
/** 12.08.2020 (a plain `YYYY-MM-DD` is a calendar day, not an instant) */
export const formatDate = (value: string | Date): string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('.') : date.format(parse(value));
/** Mittwoch, 12. August 2020 */
export const formatLongDate = (value: string | Date): string => longDate.format(parse(value));
/** 18:00 */
export const formatTime = (value: string | Date): string => time.format(parse(value));
/** August 2020 */
export const formatMonth = (value: string | Date): string => monthYear.format(parse(value));

/** The calendar day in Berlin as YYYY-MM-DD (for grouping and date inputs). */
export function berlinDay(value: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(parse(value));
  return parts;
}

/** "noch 3 Tage 4 Stunden" / "seit 2 Tagen abgelaufen", for deadlines such as the Ladungsfrist. */
export function countdown(until: string | Date, now: Date): string {
  const ms = parse(until).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const parts = days ? [`${days} ${days === 1 ? 'Tag' : 'Tage'}`, `${hours} Std.`] : hours ? [`${hours} Std.`, `${minutes} Min.`] : [`${minutes} Min.`];
  return ms >= 0 ? `noch ${parts.join(' ')}` : `seit ${parts.join(' ')} abgelaufen`;
}

const wallClock = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });

/** Berlin's offset from UTC at an instant, in milliseconds. */
function berlinOffset(at: number): number {
  const parts = wallClock.formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((x) => x.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}

/** The instant Berlin's calendar day `day` (YYYY-MM-DD) begins; right on the days the clocks change too. */
export function berlinMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // the offset at noon may differ from the one at midnight (the clocks change at night): ask again there
  const guess = wall - berlinOffset(wall + 12 * 3_600_000);
  return new Date(wall - berlinOffset(guess));
}

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');

/**
 * A wall-clock time in Berlin (`YYYY-MM-DDTHH:mm`, what a datetime-local input gives) as an instant
 * with its offset (`2020-08-19T17:00:00+02:00`), as the API wants it.
 */
export function berlinInstant(local: string): string {
  const [day = '', clock = '00:00'] = local.split('T');
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = clock.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offset = berlinOffset(wall - berlinOffset(wall));
  const minutes = Math.round(offset / 60_000);
  return `${day}T${pad(hh)}:${pad(mm)}:00${minutes < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
}

/** An instant as Berlin's wall-clock time `YYYY-MM-DDTHH:mm` (the value of a datetime-local input). */
export function berlinLocal(value: string | Date): string {
  const at = parse(value).getTime();
  return new Date(at + berlinOffset(at)).toISOString().slice(0, 16);
}

/** Monday = 0 … Sunday = 6 of a calendar day (YYYY-MM-DD). */
export function weekdayIndex(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** YYYY-MM plus `months` months. */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 7);
}

/**
 * The weeks of a month as a calendar shows them: Monday to Sunday, starting with the week of the
 * 1st and ending with the week of the last day (days of the neighbouring months fill the gaps).
 */
export function monthWeeks(month: string): string[][] {
  const first = `${month}-01`;
  const last = addDays(`${addMonths(month, 1)}-01`, -1);
  const weeks: string[][] = [];
  for (let day = addDays(first, -weekdayIndex(first)); day <= last; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  }
  return weeks;
}
