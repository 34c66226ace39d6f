/**
 * Pure read helpers for the service layer: where the motion stands, what a clerk can do next
 * (and why not), and how its implementation is doing.
 */
import type { StateValue } from 'xstate';
import { berlinDate } from '../shared/calendar';
import type { SnapshotFrom } from 'xstate';
import type { motionMachine } from './machine';
import { adoptedKeys, describeStep, isNoted, openConsultations, pendingCosigners, schedulableKenntnisnahmeSteps } from './rules';
import type { ConsultationStep, ImplementationTask, MotionContext, MotionEventType } from './types';

export type MotionSnapshot = SnapshotFrom<typeof motionMachine>;

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

// ---- the decision, as other workflows rely on it ------------------------------------------

/**
 * The motion is decided (Beschluss gefasst) and stays so: decided by the deciding body, or by an
 * urgent decision the Kreistag has approved. Exactly the states released.decided,
 * released.implementation and done (graph.spec walks them all). An urgent decision awaiting
 * approval is not yet a decision others may rely on; a revoked one is gone.
 */
export function isDecided(context: MotionContext): boolean {
  const d = context.decision;
  return d !== null && (!d.urgent || d.approvalConsultationNo !== null);
}

/** Decided, with at least one proposal adopted: what a budget year or a procedure may rest on. */
export const hasAdoptedDecision = (context: MotionContext): boolean => isDecided(context) && adoptedKeys(context).length > 0;

// ---- next steps ---------------------------------------------------------------------------

/**
 * What an allowed step would do now, when there is something useful to say (the definition's `hint`;
 * whether a step is allowed is the rules kit's `steps`).
 */
export function motionHint(snapshot: MotionSnapshot, event: string): string | undefined {
  return Object.hasOwn(HINTS, event) ? HINTS[event as MotionEventType]?.(snapshot) : undefined;
}

const HINTS: Partial<Record<MotionEventType, (snapshot: MotionSnapshot) => string | undefined>> = {
  SUBMIT_FOR_COSIGNING: ({ context: c }) => (c.requiredCosigners.length ? `Co-signing by ${c.requiredCosigners.join(', ')}` : undefined),
  COSIGN: ({ context: c }) => `Awaiting ${pendingCosigners(c).join(', ')}`,
  REFUSE_COSIGN: ({ context: c }) => `Awaiting ${pendingCosigners(c).join(', ')}`,
  SCHEDULE: (snapshot) => {
    const c = snapshot.context;
    const noting = schedulableKenntnisnahmeSteps(c).map((i) => describeStep(i, c.steps[i]!));
    const step = currentStep(c);
    const awaiting = snapshot.matches({ released: { inConsultation: 'awaitingSchedule' } }) && step;
    return [...(awaiting ? [`Schedule ${describeStep(step.index, step.step)}`] : []), ...noting].join('; ') || undefined;
  },
  UNSCHEDULE: ({ context: c }) => openConsultations(c).map((o) => `${o.bodyName} (${o.role})`).join('; '),
  RECORD_OUTCOME: ({ context: c }) => openConsultations(c).map((o) => `${o.bodyName} (${o.role})`).join('; '),
};

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
