import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../../workflows/shared/calendar';
import { EURO_AMOUNT } from '../money';

/** A euro amount as a decimal string with at most two decimals, e.g. "13500.00". */
export const IsEuroAmount = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isEuroAmount',
      validator: {
        validate: (value) => typeof value === 'string' && EURO_AMOUNT.test(value),
        defaultMessage: (args) => `${args?.property ?? 'amount'} must be a euro amount as a decimal string with at most two decimals, e.g. "13500.00"`,
      },
    },
    options,
  );

/** A calendar date YYYY-MM-DD that exists (no 2021-02-30). */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isIsoDate(value),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
