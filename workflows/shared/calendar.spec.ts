import { addDays, berlinDate, berlinDateTime, endOfBerlinDay, isIsoDate } from './calendar';

describe('berlinDate: the Europe/Berlin calendar day of an instant', () => {
  it.each([
    ['2021-11-30T22:59:59.999Z', '2021-11-30'], // 23:59 CET
    ['2021-11-30T23:00:00.000Z', '2021-12-01'], // 00:00 CET
    ['2020-08-16T21:59:00Z', '2020-08-16'], // 23:59 CEST
    ['2020-08-16T22:00:00Z', '2020-08-17'], // 00:00 CEST
    ['2021-03-28T00:59:00Z', '2021-03-28'], // 01:59 CET, just before the switch to summer time
    ['2021-10-30T22:00:00Z', '2021-10-31'], // 00:00 CEST on the switch-back day
    ['2021-12-31T23:30:00Z', '2022-01-01'], // across the year
    ['2021-12-01T00:30:00+01:00', '2021-12-01'],
    ['2021-11-30T18:00:00-05:00', '2021-12-01'],
    ['2024-02-28T23:00:00Z', '2024-02-29'], // leap day
  ])('given %s, then %s', (at, date) => {
    expect(berlinDate(at)).toBe(date);
  });

  it('given a plain date, then that day; given something that is neither, then undefined', () => {
    expect(berlinDate('2021-11-30')).toBe('2021-11-30');
    expect(berlinDate('2021-02-30')).toBeUndefined();
    expect(berlinDate('yesterday')).toBeUndefined();
  });
});

describe('endOfBerlinDay: when a deadline on that day is reached', () => {
  it.each([
    ['2021-11-30', '2021-11-30T23:00:00.000Z'], // winter
    ['2022-06-30', '2022-06-30T22:00:00.000Z'], // summer
    ['2021-03-27', '2021-03-27T23:00:00.000Z'], // next midnight is still CET
    ['2021-03-28', '2021-03-28T22:00:00.000Z'], // first CEST midnight
    ['2021-10-30', '2021-10-30T22:00:00.000Z'], // midnight before the switch back is CEST
    ['2021-10-31', '2021-10-31T23:00:00.000Z'],
    ['2021-12-31', '2021-12-31T23:00:00.000Z'],
  ])('given %s, then %s', (date, instant) => {
    expect(endOfBerlinDay(date)).toBe(instant);
    expect(berlinDate(instant)).not.toBe(date);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2021-11-30')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('30.11.2021')).toBe(false);
    expect(isIsoDate(20211130)).toBe(false);
  });
});

describe('addDays: calendar days forward or back', () => {
  it.each([
    ['2020-08-19', -6, '2020-08-13'],
    ['2020-03-02', -2, '2020-02-29'], // leap year
    ['2021-03-27', 1, '2021-03-28'], // across the switch to summer time: days, not 24 hours
    ['2020-12-30', 3, '2021-01-02'],
    ['2020-08-19', 0, '2020-08-19'],
  ])('given %s and %i days, then %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('given something that is not a date or a fractional count, then undefined', () => {
    expect(addDays('2020-02-30', 1)).toBeUndefined();
    expect(addDays('2020-08-19', 0.5)).toBeUndefined();
  });
});

describe('berlinDateTime', () => {
  it('gives an instant as Berlin wall time with its offset, in summer and in winter; dates and non-instants stay as they are', () => {
    expect(berlinDateTime('2020-03-31T21:59:59.000Z')).toBe('2020-03-31T23:59:59+02:00');
    expect(berlinDateTime('2020-01-20T08:00:00Z')).toBe('2020-01-20T09:00:00+01:00');
    expect(berlinDateTime('2020-10-25T00:59:59Z')).toBe('2020-10-25T02:59:59+02:00');
    expect(berlinDateTime('2020-10-25T01:00:00Z')).toBe('2020-10-25T02:00:00+01:00');
    expect(berlinDateTime('2020-05-27')).toBe('2020-05-27');
    expect(berlinDateTime('gestern')).toBe('gestern');
  });
});
