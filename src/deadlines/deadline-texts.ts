import { Injectable } from '@nestjs/common';
import type { MotionContext } from '../../workflows/motion';
import type { RequestContext } from '../engine/types';
import type { PendingTimer } from './deadlines.repository';

/** How a deadline is worded: what it belongs to, and what it is. */
export interface DeadlineText {
  subject: string;
  label: string;
}

/** What a describer gets of a pending timer (the rest it looks up itself). */
export type DeadlineTimer = Pick<PendingTimer, 'instanceId' | 'name' | 'event'>;

/**
 * Words the pending timers of one workflow type, one text per timer in the same order. The owning
 * module answers through its own query API (its repository or read model), inside the caller's
 * Körperschaft; the deadlines module reads nothing but the timers table.
 */
export type DeadlineDescriber = (ctx: RequestContext, timers: readonly DeadlineTimer[]) => Promise<DeadlineText[]>;

/**
 * Which deadlines exist and when they fall comes from the timers table; how each is worded is asked of
 * the module that owns the workflow. Each module registers its describer in `onModuleInit`. A timer of a type without one is listed under the workflow's title and the timer's name.
 */
@Injectable()
export class DeadlineTexts {
  private readonly describers = new Map<string, DeadlineDescriber>();

  register(workflowType: string, describer: DeadlineDescriber): void {
    this.describers.set(workflowType, describer);
  }

  registered(workflowType: string): boolean {
    return this.describers.has(workflowType);
  }

  /** One text per timer, in order: each type's timers go to its describer in one call. */
  async describe(ctx: RequestContext, timers: readonly (DeadlineTimer & { workflowType: string })[], fallbackSubject: (workflowType: string) => string): Promise<DeadlineText[]> {
    const texts = new Map<DeadlineTimer, DeadlineText>();
    for (const type of new Set(timers.map((t) => t.workflowType))) {
      const ofType = timers.filter((t) => t.workflowType === type);
      const describer = this.describers.get(type);
      const worded = describer ? await describer(ctx, ofType) : ofType.map((t) => ({ subject: fallbackSubject(type), label: t.name }));
      ofType.forEach((t, i) => texts.set(t, worded[i] ?? { subject: fallbackSubject(type), label: t.name }));
    }
    return timers.map((t) => texts.get(t)!);
  }
}

/** The wording of a motion's implementation-task timer, from the motion's context. */
export function motionDeadlineText(context: MotionContext, timer: Pick<DeadlineTimer, 'name' | 'event'>): DeadlineText {
  const task = context.tasks.find((t) => t.taskId === timer.event.taskId);
  return { subject: `${context.reference} ${context.title}`, label: task ? `Beschlusskontrolle: ${task.title} (${task.owner})` : timer.name };
}

/** The wording of a meeting's invitation timer: its body and start. */
export function meetingDeadlineText(context: { bodyName: string; start: string }): DeadlineText {
  return { subject: `${context.bodyName}, ${context.start}`, label: `Ladungsfrist: letzter Tag für die Einladung (${context.bodyName})` };
}
