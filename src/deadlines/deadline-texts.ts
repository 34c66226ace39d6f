import { Injectable } from '@nestjs/common';
import type { MeetingContext } from '../../workflows/meeting';
import type { MotionContext } from '../../workflows/motion';
import type { SelectionContext } from '../../workflows/selection';
import type { InstanceRecord } from '../engine/types';
import type { PendingTimer } from './deadlines.repository';

/** How a deadline is worded: what it belongs to, and what it is. */
export interface DeadlineText {
  subject: string;
  label: string;
}

/** Words one timer of an instance of the describer's workflow type (the owning module knows its names). */
export type DeadlineDescriber = (instance: Pick<InstanceRecord, 'context'>, timer: Pick<PendingTimer, 'name' | 'event'>) => DeadlineText;

/**
 * Which deadlines exist and when they fall comes from the timers table; how each is worded is asked of
 * the module that owns the workflow. A module registers its describer in `onModuleInit` (the grants
 * module does). A timer of a type without one is listed under its instance's title and timer name.
 */
@Injectable()
export class DeadlineTexts {
  private readonly describers = new Map<string, DeadlineDescriber>(Object.entries(INTERIM));

  register(workflowType: string, describer: DeadlineDescriber): void {
    this.describers.set(workflowType, describer);
  }

  describe(instance: Pick<InstanceRecord, 'workflowType' | 'title' | 'context'>, timer: Pick<PendingTimer, 'name' | 'event'>): DeadlineText {
    return this.describers.get(instance.workflowType)?.(instance, timer) ?? { subject: instance.title, label: timer.name };
  }
}

/**
 * TRANSITIONAL describers for the workflows whose modules are being converted in parallel (issue 12):
 * the wording reads the instance record the engine's public `get` answers, exactly as GET /deadlines
 * worded these rows before. Each owning module takes its entry over by registering its own describer
 * (its query API), after which the entry here is deleted. They decide nothing: which deadlines are
 * listed, and when, comes from the timers alone.
 */
const INTERIM: Record<string, DeadlineDescriber> = {
  motion: (instance, timer) => {
    const c = instance.context as MotionContext;
    const task = c.tasks.find((t) => t.taskId === timer.event.taskId);
    return { subject: `${c.reference} ${c.title}`, label: task ? `Beschlusskontrolle: ${task.title} (${task.owner})` : timer.name };
  },
  selection: (instance) => {
    const c = instance.context as SelectionContext;
    return { subject: c.title, label: `Frist für Interessenbekundungen (Baustein ${c.module})` };
  },
  meeting: (instance) => {
    const c = instance.context as MeetingContext;
    return { subject: `${c.bodyName}, ${c.start}`, label: `Ladungsfrist: letzter Tag für die Einladung (${c.bodyName})` };
  },
};
