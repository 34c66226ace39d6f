import type { DomainError } from '../common/problem';

/** PostgreSQL's unique_violation, whether it comes straight from pg or wrapped by TypeORM. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | undefined;
  return (e?.driverError?.code ?? e?.code) === '23505';
}

/**
 * Runs an insert whose duplicate the caller has already looked for; a unique violation can then
 * only come from a concurrent insert, and is answered with the same refusal.
 */
export async function unique<T>(write: () => Promise<T>, refusal: DomainError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal;
    throw error;
  }
}
