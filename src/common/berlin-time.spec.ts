import { berlinDate, toBerlinIso } from './berlin-time';

/** What Intl says, field by field: the reference the cached offsets must agree with. */
const reference = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' });
function viaIntl(date: Date): string {
  const p = Object.fromEntries(reference.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${String(date.getUTCMilliseconds()).padStart(3, '0')}${(p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00'}`;
}

describe('Berlin time', () => {
  it('gives the local time with its offset, summer and winter', () => {
    expect(toBerlinIso(new Date('2020-08-19T13:00:00.250Z'))).toBe('2020-08-19T15:00:00.250+02:00');
    expect(toBerlinIso(new Date('2020-12-24T23:30:00Z'))).toBe('2020-12-25T00:30:00.000+01:00');
    expect(berlinDate(new Date('2020-08-18T22:30:00Z'))).toBe('2020-08-19');
  });

  it('switches on the hour of the change: 29.03.2020 02:00 → 03:00 and 25.10.2020 03:00 → 02:00', () => {
    expect(toBerlinIso(new Date('2020-03-29T00:59:59.999Z'))).toBe('2020-03-29T01:59:59.999+01:00');
    expect(toBerlinIso(new Date('2020-03-29T01:00:00Z'))).toBe('2020-03-29T03:00:00.000+02:00');
    expect(toBerlinIso(new Date('2020-10-25T00:59:59Z'))).toBe('2020-10-25T02:59:59.000+02:00');
    expect(toBerlinIso(new Date('2020-10-25T01:00:00Z'))).toBe('2020-10-25T02:00:00.000+01:00');
  });

  it('agrees with Intl at every quarter hour of 2020 and around the changes of 1996 to 2030', () => {
    const wrong: string[] = [];
    const check = (ms: number) => {
      const d = new Date(ms);
      if (toBerlinIso(d) !== viaIntl(d)) wrong.push(`${d.toISOString()}: ${toBerlinIso(d)} ≠ ${viaIntl(d)}`);
    };
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2021, 0, 1); ms += 900_000 + 1) check(ms);
    for (let year = 1996; year <= 2030; year++) for (const month of [2, 9]) for (let ms = Date.UTC(year, month, 20); ms < Date.UTC(year, month + 1, 1); ms += 599_999) check(ms);
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
