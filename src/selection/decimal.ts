import { formatHundredths } from '../../workflows/selection';

/**
 * FTE, weights and points travel through the API as exact decimal strings ("1.50", "40.00") and
 * live in the machine as integer hundredths. Parsing works on the digits, never on a float, so
 * "0.1" + "0.2" stays 30 hundredths.
 */

/** Up to six whole digits and up to two decimals: "1.5", "1.50", "100.00". No sign, no exponent. */
export const DECIMAL_PATTERN = /^(0|[1-9]\d{0,5})(\.\d{1,2})?$/;

export function parseHundredths(value: string): number {
  const m = DECIMAL_PATTERN.exec(value);
  if (!m) throw new Error(`not a decimal with up to two places: ${value}`);
  const whole = Number(m[1]);
  const fraction = Number((m[2] ?? '.').slice(1).padEnd(2, '0'));
  return whole * 100 + fraction;
}

export { formatHundredths };
