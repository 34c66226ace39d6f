/**
 * The meeting rules live with the `meeting` machine (workflows/meeting); this module re-exports
 * what the motions module uses and turns a violation into a problem response before anything is
 * written.
 */
import type { Violation } from '../../workflows';
import { MeetingViolation } from '../../workflows/meeting';
import { DomainError } from '../common/problem';

export { agendaOpen, MeetingViolation, startsInFuture, stateAllows } from '../../workflows/meeting';

/** Throws the first violation as a problem: 409 for a state that does not allow the action, 422 otherwise. */
export function refuse(...found: (Violation | undefined)[]): void {
  const v = found.find((x) => x !== undefined);
  if (v) throw new DomainError(v.code === MeetingViolation.INVALID_TRANSITION ? 409 : 422, v.code, v.message);
}
