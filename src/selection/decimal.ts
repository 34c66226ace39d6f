import { decimalPattern, formatHundredths, parseHundredths as parse } from '../common/decimal';

/**
 * FTE, weights and points travel through the API as exact decimal strings ("1.50", "40.00") and
 * live in the machine as integer hundredths, so "0.1" + "0.2" stays 30 hundredths.
 * Up to six whole digits and up to two decimals: "1.5", "1.50", "100.00".
 */
export const DECIMAL_PATTERN = decimalPattern(6);

export const parseHundredths = (value: string): number => parse(value, DECIMAL_PATTERN);

export { formatHundredths };
