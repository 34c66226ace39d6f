/**
 * Calendar arithmetic for every machine's rules, without `Date` or `Intl`, so a replay gives the
 * same answer anywhere. Instants are compared as epoch milliseconds (strings with other offsets or
 * precision, `...00Z` and `...00.000Z`, do not compare as text). Council deadlines count calendar days in Kreis Coesfeld, i.e. in
 * Europe/Berlin time: summer time (EU rule since 1996) runs from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October.
 */

/** `YYYY-MM-DD`, a calendar day in Europe/Berlin. */
export type IsoDate = string;

const MINUTES_PER_DAY = 1440;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

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

function validCivil(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return civilFromDays(daysFromCivil(year, month, day)) === `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day number of the last Sunday of March or October. 1970-01-01 was a Thursday. */
function lastSunday(year: number, month: 3 | 10): number {
  const last = daysFromCivil(year, month, 31);
  return last - ((((last + 4) % 7) + 7) % 7);
}

function berlinOffsetMinutes(utcMinutes: number): number {
  const year = Number(civilFromDays(Math.floor(utcMinutes / MINUTES_PER_DAY)).slice(0, 4));
  const start = lastSunday(year, 3) * MINUTES_PER_DAY + 60;
  const end = lastSunday(year, 10) * MINUTES_PER_DAY + 60;
  return utcMinutes >= start && utcMinutes < end ? 120 : 60;
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return !!m && validCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An ISO 8601 instant with an explicit offset (`Z` or `±HH:MM`), as milliseconds since 1970. */
export function instantMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = INSTANT.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [number, number, number, number, number];
  if (!validCivil(year, month, day) || hour > 23 || minute > 59) return undefined;
  const second = Number(m[6] ?? '0');
  if (second > 59) return undefined;
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const zone = m[8] ?? 'Z';
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return undefined;
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const minutes = daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute - offset;
  return minutes * 60_000 + second * 1000 + millis;
}

export function isInstant(value: unknown): value is string {
  return instantMs(value) !== undefined;
}

/** The Europe/Berlin calendar day of an instant; a plain `YYYY-MM-DD` is taken as that day. */
export function berlinDate(value: string): IsoDate | undefined {
  if (isIsoDate(value)) return value;
  const ms = instantMs(value);
  if (ms === undefined) return undefined;
  const utcMinutes = Math.floor(ms / 60_000);
  return civilFromDays(Math.floor((utcMinutes + berlinOffsetMinutes(utcMinutes)) / MINUTES_PER_DAY));
}

/**
 * An instant as Europe/Berlin wall time with its offset, to the second, for messages:
 * `2020-03-31T22:00:00Z` → `2020-04-01T00:00:00+02:00`. A plain date stays as it is; anything else is returned unchanged.
 */
export function berlinDateTime(value: string): string {
  if (isIsoDate(value)) return value;
  const ms = instantMs(value);
  if (ms === undefined) return value;
  const utcSeconds = Math.floor(ms / 1000);
  const offset = berlinOffsetMinutes(Math.floor(utcSeconds / 60));
  const local = utcSeconds + offset * 60;
  const day = Math.floor(local / 86400);
  const second = local - day * 86400;
  const time = `${pad(Math.floor(second / 3600), 2)}:${pad(Math.floor((second % 3600) / 60), 2)}:${pad(second % 60, 2)}`;
  return `${civilFromDays(day)}T${time}+${pad(offset / 60, 2)}:00`;
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = DATE.exec(from);
  const b = DATE.exec(to);
  if (!a || !b) return Number.NaN;
  return daysFromCivil(Number(b[1]), Number(b[2]), Number(b[3])) - daysFromCivil(Number(a[1]), Number(a[2]), Number(a[3]));
}

/** The calendar day `days` after `date` (before it when negative); undefined when `date` is not a date. */
export function addDays(date: IsoDate, days: number): IsoDate | undefined {
  const m = DATE.exec(date);
  if (!m || !isIsoDate(date) || !Number.isInteger(days)) return undefined;
  return civilFromDays(daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) + days);
}

/** The UTC instant at which the Berlin day after `date` begins: when something due on `date` is late. */
export function endOfBerlinDay(date: IsoDate): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const nextDay = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) + 1;
  const guess = nextDay * MINUTES_PER_DAY - 60;
  const utcMinutes = nextDay * MINUTES_PER_DAY - berlinOffsetMinutes(guess);
  const dayPart = civilFromDays(Math.floor(utcMinutes / MINUTES_PER_DAY));
  const minuteOfDay = utcMinutes - Math.floor(utcMinutes / MINUTES_PER_DAY) * MINUTES_PER_DAY;
  return `${dayPart}T${pad(Math.floor(minuteOfDay / 60), 2)}:${pad(minuteOfDay % 60, 2)}:00.000Z`;
}

/** A calendar date `YYYY-MM-DD` or a full instant (talk dates, meeting dates, staffing start). */
export function isDateOrInstant(value: unknown): value is string {
  return isIsoDate(value) || isInstant(value);
}

/** -1, 0 or 1; both arguments must be valid instants (check with `isInstant` first). */
export function compareInstants(a: string, b: string): number {
  return Math.sign((instantMs(a) ?? Number.NaN) - (instantMs(b) ?? Number.NaN));
}

/** True when `a` lies strictly after `b`; false when either is not an instant. */
export function isAfter(a: string, b: string): boolean {
  return compareInstants(a, b) > 0;
}
