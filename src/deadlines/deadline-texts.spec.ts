import { transition } from 'xstate';
import { grantMachine } from '../../workflows/grant';
import { approvalNotice, coesfeldInput, given as grantGiven, submit } from '../../workflows/grant/fixtures';
import type { MotionEventOf } from '../../workflows/motion';
import { motionMachine } from '../../workflows/motion';
import { ev, given as motionGiven, path } from '../../workflows/motion/fixtures';
import { asgInput, created as meetingCreated } from '../../workflows/meeting/fixtures';
import { MODULE_VI } from '../../workflows/selection/fixtures';
import { publish } from '../../workflows/selection/scenario';
import { start as selectionStart, when as selectionWhen } from '../../workflows/selection/testing';
import { grantDeadlineText } from '../grants/grants.view';
import { selectionDeadlineText } from '../selection/selection.view';
import type { RequestContext } from '../engine/types';
import { DeadlineTexts, meetingDeadlineText, motionDeadlineText, type DeadlineText } from './deadline-texts';

type Action = { type: string; params?: unknown };
type Timer = { name: string; fireAt: string; event: { type: string; [key: string]: unknown } };

/** The timers a step asks the engine to schedule (what ends up in workflow_timers). */
const scheduled = (actions: readonly Action[]): Timer[] => actions.filter((a) => a.type === 'scheduleTimer').map((a) => a.params as Timer);

/** Each module's wording of its own record (what its registered describer answers per timer). */
const WORDING: Record<string, (context: unknown, timer: Timer) => DeadlineText> = {
  grant: (context, timer) => grantDeadlineText({ context }, timer),
  selection: (context, timer) => {
    const c = context as { title: string; module: string };
    return selectionDeadlineText({ title: c.title, module: c.module }, timer);
  },
  motion: (context, timer) => motionDeadlineText(context as never, timer),
  meeting: (context) => meetingDeadlineText(context as never),
};
const word = (workflowType: string, context: unknown, timers: Timer[]) => timers.map((t) => ({ name: t.name, fireAt: t.fireAt, ...WORDING[workflowType]!(context, t) }));
const ctx: RequestContext = { tenant: 'kreis-coesfeld', actor: { id: 'demo-office', role: 'office' } };

describe('deadline wording of the timers every workflow schedules', () => {
  it('words the spend-by and proof-of-use timers of an approval notice with the grant’s programme and labels', () => {
    const [approved, actions] = transition(grantMachine, grantGiven(coesfeldInput, submit), approvalNotice);
    expect(word('grant', approved.context, scheduled(actions))).toEqual([
      { name: 'proofOfUseDue', fireAt: '2022-06-30T22:00:00.000Z', subject: coesfeldInput.programme, label: 'Verwendungsnachweis fällig' },
      { name: 'spendBy:integrationspauschale', fireAt: '2021-11-30T23:00:00.000Z', subject: coesfeldInput.programme, label: 'Integrationspauschale (§ 14c TIntG): zu verwenden bis' },
    ]);
  });

  it('words the call deadline a selection schedules when it is published', () => {
    const published = selectionWhen(selectionStart(MODULE_VI), publish);
    expect(word('selection', published.snapshot.context, scheduled(published.actions))).toEqual([
      { name: 'callDeadline', fireAt: MODULE_VI.deadline, subject: MODULE_VI.title, label: 'Frist für Interessenbekundungen (Baustein VI)' },
    ]);
  });

  it('words the due timer of a motion’s implementation task with its reference, title and owner', () => {
    const decided = motionGiven(path.decided());
    const [next, actions] = transition(motionMachine, decided, ev<MotionEventOf<'ADD_TASK'>>({ type: 'ADD_TASK', taskId: 't-1', title: 'Aufgabe t-1', owner: 'KI', dueDate: '2020-10-30' }, '2020-09-03T10:00:00+02:00'));
    expect(word('motion', next.context, scheduled(actions))).toEqual([
      { name: 'task-due:t-1', fireAt: '2020-10-30T23:00:00.000Z', subject: expect.stringContaining('SV-9-1600/1') as unknown, label: 'Beschlusskontrolle: Aufgabe t-1 (KI)' },
    ]);
  });

  it('words the invitation timer a meeting schedules when it is created', () => {
    const { snapshot, actions } = meetingCreated();
    expect(word('meeting', snapshot.context, scheduled(actions))).toEqual([
      { name: 'invitationDue', fireAt: '2020-08-13T22:00:00.000Z', subject: `${asgInput.bodyName}, ${asgInput.start}`, label: `Ladungsfrist: letzter Tag für die Einladung (${asgInput.bodyName})` },
    ]);
  });

  it('asks each type’s describer once for all its timers, keeps the order, and lists a type without one under its title and timer name', async () => {
    const texts = new DeadlineTexts();
    const calls: string[][] = [];
    texts.register('selection', (_ctx, timers) => {
      calls.push(timers.map((t) => t.instanceId));
      return Promise.resolve(timers.map((t) => selectionDeadlineText(t.instanceId === 'p-1' ? { title: 'Baustein VI', module: 'VI' } : undefined, t)));
    });
    const timers = [
      { workflowType: 'selection', instanceId: 'p-1', name: 'callDeadline', event: { type: 'DEADLINE_REACHED' } },
      { workflowType: 'sample', instanceId: 's-1', name: 'reminder', event: { type: 'REMIND' } },
      { workflowType: 'selection', instanceId: 'p-2', name: 'callDeadline', event: { type: 'DEADLINE_REACHED' } },
    ];
    expect(await texts.describe(ctx, timers, (type) => `${type} title`)).toEqual([
      { subject: 'Baustein VI', label: 'Frist für Interessenbekundungen (Baustein VI)' },
      { subject: 'sample title', label: 'reminder' },
      { subject: 'Interessenbekundungsverfahren', label: 'callDeadline' },
    ]);
    expect(calls).toEqual([['p-1', 'p-2']]);
  });
});
