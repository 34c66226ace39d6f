import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';
import { DATE_MESSAGE, DATE_PATTERN, INSTANT_MESSAGE, INSTANT_PATTERN } from './patterns';

/** A real calendar day `YYYY-MM-DD` (2020-02-30 is refused, not passed on to the database). */
export const IsCalendarDate = (field: string) =>
  applyDecorators(Matches(DATE_PATTERN, { message: DATE_MESSAGE(field) }), IsISO8601({ strict: true }, { message: DATE_MESSAGE(field) }));

/** A real instant with an explicit offset. */
export const IsInstant = (field: string) =>
  applyDecorators(Matches(INSTANT_PATTERN, { message: INSTANT_MESSAGE(field) }), IsISO8601({ strict: true }, { message: INSTANT_MESSAGE(field) }));
