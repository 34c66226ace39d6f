/**
 * Pure read helpers for the service layer: where the motion stands, what a clerk can do next
 * (and why not), and how its implementation is doing.
 */
import type { StateValue } from 'xstate';
import type { Violation } from '../definition';
import { berlinDate } from '../shared/calendar';
import { handledEvents, type MotionSnapshot } from './explain';
import {
  allCosigned,
  decidingBodyCompetent,
  describeStep,
  isClosedTask,
  isNoted,
  MotionViolation,
  noOpenTasks,
  nothingAdopted,
  openConsultations,
  pendingCosigners,
  schedulableKenntnisnahmeSteps,
  submitRules,
  urgentDecisionApplicable,
  violations,
} from './rules';
import type { Competences, ConsultationStep, ImplementationTask, MotionContext, MotionEventType } from './types';

/** The leaf state as one word, for lists and filters. */
export type MotionStatus =
  | 'draft'
  | 'cosigning'
  | 'awaitingSchedule'
  | 'scheduled'
  | 'referredBack'
  | 'urgentDecided'
  | 'decided'
  | 'implementation'
  | 'done'
  | 'withdrawn';

export function statusOf(value: StateValue): MotionStatus {
  let v: StateValue = value;
  while (typeof v !== 'string') {
    const [child] = Object.values(v);
    if (child === undefined) throw new Error('empty state value');
    v = child;
  }
  return v as MotionStatus;
}

/** The step of the Beratungsfolge the motion is at; null before release. */
export function currentStep(context: MotionContext): { index: number; step: ConsultationStep } | null {
  const index = context.currentStepIndex;
  const step = index === null ? undefined : context.steps[index];
  return step ? { index: index!, step } : null;
}

/** Each Kenntnisnahme step: noted yet, and the meeting it is on (if any). */
export function kenntnisnahmeStatus(context: MotionContext): { stepIndex: number; bodyId: string; bodyName: string; noted: boolean; meetingId: string | null }[] {
  return context.steps.flatMap((s, i) =>
    s.role !== 'kenntnisnahme'
      ? []
      : [
          {
            stepIndex: i,
            bodyId: s.bodyId,
            bodyName: s.bodyName,
            noted: isNoted(context, i),
            meetingId: openConsultations(context).find((c) => c.stepIndex === i && c.role === 'kenntnisnahme')?.meetingId ?? null,
          },
        ],
  );
}

// ---- next steps ---------------------------------------------------------------------------

export type MotionCommand = Exclude<MotionEventType, 'TASK_DUE'>;

export interface NextStep {
  command: MotionCommand;
  allowed: boolean;
  /** Why it is blocked (stable code and plain reason); absent when allowed. */
  code?: string;
  reason?: string;
  /** What it would do now, when allowed. */
  hint?: string;
}

const COMMAND_ORDER: readonly MotionCommand[] = [
  'EDIT_MOTION',
  'ADD_PROPOSAL',
  'EDIT_PROPOSAL',
  'REMOVE_PROPOSAL',
  'SET_CONSULTATION_SEQUENCE',
  'SUBMIT_FOR_COSIGNING',
  'COSIGN',
  'REFUSE_COSIGN',
  'RELEASE',
  'SCHEDULE',
  'UNSCHEDULE',
  'RECORD_OUTCOME',
  'URGENT_DECISION',
  'REVISE',
  'APPROVE_URGENT_DECISION',
  'REVOKE_URGENT_DECISION',
  'ADD_TASK',
  'UPDATE_TASK',
  'COMPLETE_IMPLEMENTATION',
  'CLOSE',
  'WITHDRAW',
];

/**
 * The commands the motion's state accepts, each allowed or blocked with a plain reason. Only what
 * does not depend on the command's own payload is checked here; the guards check the rest when the
 * command is sent. Pass `competences` (per body id) to have RELEASE's competence check previewed.
 */
export function nextSteps(snapshot: MotionSnapshot, facts: { competences?: Competences } = {}): NextStep[] {
  const handled = new Set(handledEvents(snapshot));
  return COMMAND_ORDER.filter((command) => handled.has(command)).map((command) => assess(snapshot, command, facts));
}

function assess(snapshot: MotionSnapshot, command: MotionCommand, facts: { competences?: Competences }): NextStep {
  const c = snapshot.context;
  const blocked = (v: Violation): NextStep => ({ command, allowed: false, code: v.code, reason: v.message });
  const allowed = (hint?: string): NextStep => (hint ? { command, allowed: true, hint } : { command, allowed: true });
  const firstOf = (found: Violation[], hint?: string): NextStep => (found[0] ? blocked(found[0]) : allowed(hint));

  switch (command) {
    case 'EDIT_PROPOSAL':
    case 'REMOVE_PROPOSAL':
      return c.proposals.length ? allowed() : blocked({ code: MotionViolation.NO_PROPOSALS, message: 'The motion has no proposal yet.' });
    case 'SUBMIT_FOR_COSIGNING':
      return firstOf(violations(submitRules, c, undefined), c.requiredCosigners.length ? `Co-signing by ${c.requiredCosigners.join(', ')}` : undefined);
    case 'COSIGN':
    case 'REFUSE_COSIGN': {
      const pending = pendingCosigners(c);
      return pending.length
        ? allowed(`Awaiting ${pending.join(', ')}`)
        : blocked({ code: MotionViolation.ALREADY_COSIGNED, message: 'All required departments have co-signed.' });
    }
    case 'RELEASE': {
      const found = violations([allCosigned, ...submitRules], c, undefined);
      if (facts.competences) found.push(...violations([decidingBodyCompetent], c, { competences: facts.competences }));
      return firstOf(found);
    }
    case 'SCHEDULE': {
      const noting = schedulableKenntnisnahmeSteps(c).map((i) => describeStep(i, c.steps[i]!));
      const step = currentStep(c);
      if (snapshot.matches({ released: { inConsultation: 'awaitingSchedule' } }) && step) {
        return allowed([`Schedule ${describeStep(step.index, step.step)}`, ...noting].join('; '));
      }
      if (noting.length) return allowed(noting.join('; '));
      const open = openConsultations(c).find((o) => o.role !== 'kenntnisnahme');
      return blocked(
        open
          ? { code: MotionViolation.ALREADY_ON_OPEN_AGENDA, message: `The motion is on the agenda of meeting ${open.meetingId} (${open.bodyName}); record its outcome or remove it first.` }
          : { code: MotionViolation.STEP_NOT_CURRENT, message: 'No step is waiting to be scheduled.' },
      );
    }
    case 'UNSCHEDULE':
    case 'RECORD_OUTCOME': {
      const open = openConsultations(c);
      return open.length
        ? allowed(open.map((o) => `Meeting ${o.meetingId}: ${o.bodyName} (${o.role})`).join('; '))
        : blocked({ code: MotionViolation.NOT_ON_AGENDA, message: 'The motion is on no open agenda.' });
    }
    case 'URGENT_DECISION':
      return firstOf(violations([urgentDecisionApplicable], c, undefined));
    case 'UPDATE_TASK':
      return c.tasks.some((t) => !isClosedTask(t))
        ? allowed()
        : blocked({ code: MotionViolation.TASK_CLOSED, message: 'Every task is done or cancelled.' });
    case 'COMPLETE_IMPLEMENTATION':
      return firstOf(violations([noOpenTasks], c, undefined));
    case 'CLOSE':
      return firstOf(violations([nothingAdopted], c, undefined));
    case 'EDIT_MOTION':
    case 'ADD_PROPOSAL':
    case 'SET_CONSULTATION_SEQUENCE':
    case 'REVISE':
    case 'APPROVE_URGENT_DECISION':
    case 'REVOKE_URGENT_DECISION':
    case 'ADD_TASK':
    case 'WITHDRAW':
      return allowed();
  }
}

// ---- Beschlusskontrolle -------------------------------------------------------------------

export type TaskState = 'onTrack' | 'overdue' | 'done' | 'cancelled';

/** A task is overdue once its due day (Europe/Berlin) has passed and it is neither done nor cancelled. */
export function taskState(task: ImplementationTask, nowIso: string): TaskState {
  if (task.status === 'done' || task.status === 'cancelled') return task.status;
  const today = berlinDate(nowIso);
  if (today === undefined) throw new Error(`not an ISO instant: ${nowIso}`);
  return today > task.dueDate ? 'overdue' : 'onTrack';
}

export const overdueTasks = (context: MotionContext, nowIso: string): ImplementationTask[] =>
  context.tasks.filter((t) => taskState(t, nowIso) === 'overdue');

/** Counts for the per-body report (the service groups motions by their deciding body). */
export function implementationSummary(context: MotionContext, nowIso: string): Record<TaskState, number> {
  const summary: Record<TaskState, number> = { onTrack: 0, overdue: 0, done: 0, cancelled: 0 };
  for (const t of context.tasks) summary[taskState(t, nowIso)] += 1;
  return summary;
}
