/** Shapes of the text fields the API accepts; the DTOs validate against these. */

/** Text that must say something: not empty, not only spaces. */
export const NON_BLANK = /\S/;

/** A calendar date, e.g. `2020-08-19`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = (field: string) => `${field} must be a date YYYY-MM-DD, e.g. 2020-08-19`;

/** An instant with an explicit offset: a meeting start without one would depend on the server's zone. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const INSTANT_MESSAGE = (field: string) => `${field} must be an ISO 8601 instant with offset, e.g. 2020-08-19T17:00:00+02:00`;

/** A module (Baustein) code, e.g. `VI`. */
export const MODULE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export const DECIMAL_MESSAGE = (field: string, example: string) => `${field} is a decimal string with up to two places, e.g. "${example}"`;

/** A motion reference such as `SV-9-1600` or `SV-9-1600/1`. */
export const REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/;

/** A proposal key such as `1` or `2a`. */
export const PROPOSAL_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/;

export const BODY_KINDS = ['kreistag', 'kreisausschuss', 'ausschuss'] as const;
export const STEP_ROLES = ['vorberatung', 'entscheidung', 'kenntnisnahme', 'anhoerung'] as const;
export const MAJORITIES = ['simple', 'majorityOfStatutoryMembers', 'twoThirdsOfStatutoryMembers', 'twoThirdsOfVotesCast'] as const;
