import { addDays, addMonths, berlinDay, berlinInstant, berlinLocal, berlinMidnight, countdown, formatDate, formatDateTime, monthWeeks, weekdayIndex } from '../../web/src/shared/dates';

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

describe('console dates for forms and the calendar', () => {
  it('turns a Berlin wall-clock time into an instant with its offset, and back', () => {
    expect(berlinInstant('2020-08-19T17:00')).toBe('2020-08-19T17:00:00+02:00');
    expect(berlinInstant('2020-12-01T09:30')).toBe('2020-12-01T09:30:00+01:00');
    // the day the clocks go back: from 03:00 summer time it is winter time again
    expect(berlinInstant('2020-10-25T03:30')).toBe('2020-10-25T03:30:00+01:00');
    expect(berlinLocal('2020-08-19T15:00:00Z')).toBe('2020-08-19T17:00');
    expect(berlinLocal('2020-06-05T23:59:59.000+02:00')).toBe('2020-06-05T23:59');
    expect(new Date(berlinInstant(berlinLocal('2021-01-31T22:15:00Z'))).toISOString()).toBe('2021-01-31T22:15:00.000Z');
  });

  it('lays a month out in weeks from Monday to Sunday', () => {
    const weeks = monthWeeks('2020-08');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual(['2020-07-27', '2020-07-28', '2020-07-29', '2020-07-30', '2020-07-31', '2020-08-01', '2020-08-02']);
    expect(weeks.at(-1)).toEqual(['2020-08-31', '2020-09-01', '2020-09-02', '2020-09-03', '2020-09-04', '2020-09-05', '2020-09-06']);
    expect(monthWeeks('2021-02')).toHaveLength(4);
    expect(weekdayIndex('2020-09-02')).toBe(2);
    expect(addMonths('2020-12', 1)).toBe('2021-01');
    expect(addMonths('2020-01', -1)).toBe('2019-12');
  });
});
