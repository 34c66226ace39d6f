/** Shapes of the text fields the selection API accepts; the DTOs validate against these. */

/** Text that must say something: not empty, not only spaces. */
export const NON_BLANK = /\S/;

/** A module (Baustein) code, e.g. `VI`. */
export const MODULE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/** An instant with an explicit offset: a deadline without one would depend on the server's zone. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date, e.g. `2020-05-01`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const INSTANT_MESSAGE = (field: string) => `${field} must be an ISO 8601 instant with offset, e.g. 2020-03-31T23:59:59+02:00`;
export const DATE_MESSAGE = (field: string) => `${field} must be a date YYYY-MM-DD, e.g. 2020-05-01`;
export const DECIMAL_MESSAGE = (field: string, example: string) => `${field} is a decimal string with up to two places, e.g. "${example}"`;
