import fc from 'fast-check';
import { EURO_AMOUNT, toCents, toDecimal } from './money';

describe('euro amounts as decimal strings', () => {
  it.each([
    ['13500.00', 1_350_000],
    ['102900', 10_290_000],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['0.1', 10],
    ['1.5', 150],
    ['0', 0],
    ['9999999999999.99', 999_999_999_999_999],
  ])('reads %s as %i cents exactly', (text, cents) => {
    expect(toCents(text)).toBe(cents);
  });

  it.each(['13500.001', '-5.00', '1e5', '01.00', ' 1.00', '1,00', '10000000000000.00', ''])('refuses %j', (text) => {
    expect(EURO_AMOUNT.test(text)).toBe(false);
    expect(() => toCents(text)).toThrow();
  });

  it('writes cents with two decimals, signed', () => {
    expect([0, 5, 29, 1_350_000, -5].map(toDecimal)).toEqual(['0.00', '0.05', '0.29', '13500.00', '-0.05']);
  });

  it('round-trips every amount the API accepts', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (cents) => toCents(toDecimal(cents)) === cents));
  });
});
