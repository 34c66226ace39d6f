/**
 * Europe/Berlin calendar arithmetic without Date or Intl, so rules stay pure and replay
 * gives the same answer on any machine. Summer time follows the EU rule (since 1996):
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 */
import type { IsoDate } from './types';

const MINUTES_PER_DAY = 1440;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Day number of the last Sunday of a 31-day month (March, October). 1970-01-01 was a Thursday. */
function lastSunday(year: number, month: 3 | 10): number {
  const last = daysFromCivil(year, month, 31);
  const weekday = (((last + 4) % 7) + 7) % 7; // 0 = Sunday
  return last - weekday;
}

function isSummerTimeAtUtc(utcMinutes: number): boolean {
  const year = Number(civilFromDays(Math.floor(utcMinutes / MINUTES_PER_DAY)).slice(0, 4));
  const start = lastSunday(year, 3) * MINUTES_PER_DAY + 60;
  const end = lastSunday(year, 10) * MINUTES_PER_DAY + 60;
  return utcMinutes >= start && utcMinutes < end;
}

function dayNumber(date: IsoDate): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const days = dayNumber(value);
  return days !== undefined && civilFromDays(days) === value;
}

/** The Europe/Berlin calendar date of an ISO instant, e.g. '2021-11-30T23:30:00Z' → '2021-12-01'. */
export function berlinDate(at: string): IsoDate | undefined {
  const m = INSTANT.exec(at);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, zone] = m as unknown as [string, string, string, string, string, string, string];
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const utc = daysFromCivil(Number(y), Number(mo), Number(d)) * MINUTES_PER_DAY + Number(h) * 60 + Number(mi) - offset;
  const local = utc + (isSummerTimeAtUtc(utc) ? 120 : 60);
  return civilFromDays(Math.floor(local / MINUTES_PER_DAY));
}

/**
 * The UTC instant at which a Berlin calendar day has fully passed (midnight starting the next day),
 * e.g. '2021-11-30' → '2021-11-30T23:00:00.000Z'. This is when a deadline on that day is reached.
 */
export function endOfBerlinDay(date: IsoDate): string {
  const days = dayNumber(date);
  if (days === undefined) throw new Error(`not a calendar date: ${date}`);
  const next = days + 1;
  const year = Number(civilFromDays(next).slice(0, 4));
  // Local midnight precedes the 02:00/03:00 switch, so the day before a switch day sets the offset.
  const summer = next > lastSunday(year, 3) && next <= lastSunday(year, 10);
  const utc = next * MINUTES_PER_DAY - (summer ? 120 : 60);
  const utcDay = Math.floor(utc / MINUTES_PER_DAY);
  const minutes = utc - utcDay * MINUTES_PER_DAY;
  return `${civilFromDays(utcDay)}T${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}:00.000Z`;
}
