/**
 * Euro amounts cross the API as decimal strings ("13500.00") and live in machines as integer cents.
 * Parsing is done on the digits, never through floating point, so "0.29" is exactly 29 cents.
 * (A decimal library would add nothing here: the format is fixed and the arithmetic is integer.)
 */

/** At most 13 digits before the point keeps every amount within Number.MAX_SAFE_INTEGER cents. */
export const EURO_AMOUNT = /^(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/;

export function toCents(amount: string): number {
  const match = EURO_AMOUNT.exec(amount);
  if (!match) throw new Error(`not a euro amount: ${amount}`);
  const euros = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return euros * 100 + cents;
}

export function toDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
