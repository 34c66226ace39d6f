import { deadlines, endOfBerlinDay, type GrantContext } from '../../workflows/grant';
import { INVITATION_DUE_TIMER, type MeetingContext } from '../../workflows/meeting';
import { timerName, type MotionContext } from '../../workflows/motion';
import { DEADLINE_TIMER, type SelectionContext } from '../../workflows/selection';

/** One upcoming deadline of any workflow, in the same shape for all. `dueAt` is a UTC instant. */
export interface DeadlineRow {
  workflowType: string;
  instanceId: string;
  subject: string;
  name: string;
  label: string;
  dueAt: string;
}

export interface ActiveInstance {
  id: string;
  workflowType: string;
  /** The leaf state name (motions nest; only the leaf matters here). */
  state: string;
  context: unknown;
}

/** Selection states in which the call deadline still lies ahead of the procedure. */
const CALL_OPEN = ['draft', 'receiving'];
const OPEN_TASK = ['open', 'inProgress'];

/**
 * The pending deadlines an active instance carries, read from its context with the workflows' own
 * names, so each row names the timer that will fire for it.
 */
export function deadlineRows(instance: ActiveInstance): DeadlineRow[] {
  const row = (subject: string, name: string, label: string, dueAt: string): DeadlineRow => ({ workflowType: instance.workflowType, instanceId: instance.id, subject, name, label, dueAt });
  switch (instance.workflowType) {
    case 'grant': {
      const c = instance.context as GrantContext;
      return deadlines(c)
        .filter((d) => d.status === 'pending')
        .map((d) => row(c.application.programme, d.name, d.label, d.dueAt));
    }
    case 'selection': {
      const c = instance.context as SelectionContext;
      if (!CALL_OPEN.includes(instance.state) || typeof c.deadline !== 'string') return [];
      return [row(c.title, DEADLINE_TIMER, `Frist für Interessenbekundungen (Baustein ${c.module})`, new Date(c.deadline).toISOString())];
    }
    case 'motion': {
      const c = instance.context as MotionContext;
      return c.tasks
        .filter((t) => OPEN_TASK.includes(t.status))
        .map((t) => row(`${c.reference} ${c.title}`, timerName(t.taskId), `Beschlusskontrolle: ${t.title} (${t.owner})`, endOfBerlinDay(t.dueDate)));
    }
    case 'meeting': {
      const c = instance.context as MeetingContext;
      if (instance.state !== 'scheduled' || c.invitationOverdue) return [];
      return [row(`${c.bodyName}, ${c.start}`, INVITATION_DUE_TIMER, `Ladungsfrist: letzter Tag für die Einladung (${c.bodyName})`, endOfBerlinDay(c.lastRegularInvitationDay))];
    }
    default:
      return [];
  }
}
