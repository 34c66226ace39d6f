import fc from 'fast-check';
import { DECIMAL_PATTERN, formatHundredths, parseHundredths } from './decimal';

describe('decimal strings ↔ integer hundredths', () => {
  it.each([
    ['0', 0],
    ['0.5', 50],
    ['0.50', 50],
    ['0.05', 5],
    ['1.5', 150],
    ['1.50', 150],
    ['100.00', 10000],
    ['999999.99', 99999999],
  ])('parses %s as %i hundredths', (text, hundredths) => {
    expect(parseHundredths(text)).toBe(hundredths);
  });

  it.each(['', '1.', '.5', '1.505', '-1.00', '+1', '1e2', '01.00', ' 1.00', '1,50', '1000000'])('refuses %j', (text) => {
    expect(DECIMAL_PATTERN.test(text)).toBe(false);
    expect(() => parseHundredths(text)).toThrow(/not a decimal/);
  });

  it('round-trips every value: format then parse gives the hundredths back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (hundredths) => {
        expect(parseHundredths(formatHundredths(hundredths))).toBe(hundredths);
      }),
    );
  });

  it('adds exactly where floats do not: 0.1 + 0.2 FTE', () => {
    expect(parseHundredths('0.1') + parseHundredths('0.2')).toBe(parseHundredths('0.3'));
    expect(formatHundredths(parseHundredths('0.5') + parseHundredths('1.0'))).toBe('1.50');
  });
});
