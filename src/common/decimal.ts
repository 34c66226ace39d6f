/**
 * Exact decimal strings with up to two places ("13500.00", "1.5") and the integer hundredths machines
 * keep (cents, FTE hundredths, percent hundredths). Parsing reads the digits, never a float:
 * "0.29" is 29, not 28.999…. A decimal library would add nothing: the format is fixed, the
 * arithmetic integer.
 */
export { formatHundredths } from '../../workflows/selection';

/** Up to `maxWholeDigits` digits before the point (no sign, no leading zero, no exponent), up to two after. */
export const decimalPattern = (maxWholeDigits: number): RegExp => new RegExp(`^(0|[1-9]\\d{0,${maxWholeDigits - 1}})(?:\\.(\\d{1,2}))?$`);

export function parseHundredths(value: string, pattern: RegExp): number {
  const m = pattern.exec(value);
  if (!m) throw new Error(`not a decimal with up to two places: ${value}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
