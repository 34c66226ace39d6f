import { decimalPattern, formatHundredths, parseHundredths } from '../common/decimal';

/**
 * Euro amounts cross the API as decimal strings ("13500.00") and live in machines as integer cents.
 * At most 13 digits before the point keeps every amount within Number.MAX_SAFE_INTEGER cents.
 */
export const EURO_AMOUNT = decimalPattern(13);

export const toCents = (amount: string): number => parseHundredths(amount, EURO_AMOUNT);

export const toDecimal = formatHundredths;
