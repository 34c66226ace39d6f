import { addDays, berlinDay, berlinMidnight, countdown, formatDate, formatDateTime } from '../../web/src/shared/dates';

/** The console's dates are Berlin's, whatever zone the browser (or this test) runs in. */
describe('console dates (Europe/Berlin, German)', () => {
  it('formats instants in Berlin time and calendar days as they are', () => {
    expect(formatDateTime('2020-08-12T15:00:00Z')).toBe('12.08.2020, 17:00 Uhr');
    expect(formatDateTime('2020-12-01T23:30:00Z')).toBe('02.12.2020, 00:30 Uhr');
    expect(formatDate('2020-08-13')).toBe('13.08.2020');
    expect(berlinDay('2020-08-12T22:30:00Z')).toBe('2020-08-13');
  });

  it('finds the instant a Berlin day begins, in summer and in winter time', () => {
    expect(berlinMidnight('2020-08-14').toISOString()).toBe('2020-08-13T22:00:00.000Z');
    expect(berlinMidnight('2020-12-01').toISOString()).toBe('2020-11-30T23:00:00.000Z');
    expect(berlinMidnight('2020-03-29').toISOString()).toBe('2020-03-28T23:00:00.000Z');
    expect(addDays('2020-09-02', -6)).toBe('2020-08-27');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
  });

  it('counts down to a deadline and says when it has passed', () => {
    const lastDayEnds = berlinMidnight(addDays('2020-08-13', 1));
    expect(countdown(lastDayEnds, new Date('2020-08-13T09:00:00+02:00'))).toBe('noch 15 Std. 0 Min.');
    expect(countdown(lastDayEnds, new Date('2020-08-11T21:00:00+02:00'))).toBe('noch 2 Tage 3 Std.');
    expect(countdown(lastDayEnds, new Date('2020-08-14T00:20:00+02:00'))).toBe('seit 20 Min. abgelaufen');
  });
});
