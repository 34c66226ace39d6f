/**
 * Domain errors carry a stable code and an HTTP status; the one exception filter turns them into
 * RFC 7807 problem+json. Services throw these; nothing else builds HTTP errors.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string): DomainError =>
  new DomainError(404, 'NOT_FOUND', `${what} ${id} does not exist (or belongs to another Körperschaft).`, { resource: what, id });

export const invalid = (code: string, message: string, extras: Record<string, unknown> = {}): DomainError =>
  new DomainError(422, code, message, extras);
