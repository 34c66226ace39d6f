const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' });

const HOUR = 3_600_000;
/** Berlin's offset by UTC hour: it changes only on whole hours, and asking Intl costs microseconds per call. */
const offsets = new Map<number, string>();

/** `+01:00` or `+02:00`: the offset Europe/Berlin had at this instant. */
function offsetAt(date: Date): string {
  const hour = Math.floor(date.getTime() / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const name = formatter.formatToParts(new Date(hour * HOUR)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    offset = name.replace('GMT', '') || '+00:00';
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as ISO 8601 in Europe/Berlin local time with its offset, e.g. `2020-08-19T15:00:00.000+02:00`. */
export function toBerlinIso(date: Date): string {
  const offset = offsetAt(date);
  const minutes = (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(date.getTime() + minutes * 60_000);
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}${offset}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in Europe/Berlin. */
export function berlinDate(date: Date): string {
  return toBerlinIso(date).slice(0, 10);
}
