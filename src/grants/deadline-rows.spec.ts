import { approvalNotice, coesfeldInput, given as grantGiven, submit } from '../../workflows/grant/fixtures';
import { ev, given as motionGiven, path } from '../../workflows/motion/fixtures';
import type { MotionEventOf } from '../../workflows/motion';
import { MODULE_VI } from '../../workflows/selection/fixtures';
import { moduleVIUntilTalks } from '../../workflows/selection/scenario';
import { given as selectionGiven } from '../../workflows/selection/testing';
import { asgInput, e as meetingEvent, given as meetingGiven } from '../../workflows/meeting/fixtures';
import { deadlineRows } from './deadline-rows';

const instance = (workflowType: string, state: string, context: unknown) => ({ id: 'i-1', workflowType, state, context });

describe('deadline rows across workflows', () => {
  it('given an approved grant, lists its pending spend-by and proof-of-use deadlines by the timer names', () => {
    const s = grantGiven(coesfeldInput, submit, approvalNotice);
    expect(deadlineRows(instance('grant', String(s.value), s.context))).toEqual([
      { workflowType: 'grant', instanceId: 'i-1', subject: coesfeldInput.programme, name: 'spendBy:integrationspauschale', label: 'Integrationspauschale (§ 14c TIntG): zu verwenden bis', dueAt: '2021-11-30T23:00:00.000Z' },
      { workflowType: 'grant', instanceId: 'i-1', subject: coesfeldInput.programme, name: 'proofOfUseDue', label: 'Verwendungsnachweis fällig', dueAt: '2022-06-30T22:00:00.000Z' },
    ]);
  });

  it('given a grant before its approval notice, lists nothing', () => {
    const s = grantGiven(coesfeldInput, submit);
    expect(deadlineRows(instance('grant', String(s.value), s.context))).toEqual([]);
  });

  it('lists a selection call deadline while the call is open, and not once it is closed', () => {
    const draft = selectionGiven(MODULE_VI);
    expect(deadlineRows(instance('selection', String(draft.value), draft.context))).toEqual([
      { workflowType: 'selection', instanceId: 'i-1', subject: MODULE_VI.title, name: 'callDeadline', label: 'Frist für Interessenbekundungen (Baustein VI)', dueAt: '2020-03-31T21:59:59.000Z' },
    ]);
    const talks = selectionGiven(MODULE_VI, moduleVIUntilTalks);
    expect(deadlineRows(instance('selection', String(talks.value), talks.context))).toEqual([]);
  });

  it('lists open implementation tasks of a motion at the end of their due day, not finished ones', () => {
    const task = (taskId: string, dueDate: string) => ev<MotionEventOf<'ADD_TASK'>>({ type: 'ADD_TASK', taskId, title: `Aufgabe ${taskId}`, owner: 'KI', dueDate }, '2020-09-03T10:00:00+02:00');
    const done = ev<MotionEventOf<'UPDATE_TASK'>>({ type: 'UPDATE_TASK', taskId: 't-2', status: 'done' }, '2020-09-04T10:00:00+02:00');
    const s = motionGiven([...path.decided(), task('t-1', '2020-10-30'), task('t-2', '2020-11-30'), done]);
    expect(deadlineRows(instance('motion', 'implementation', s.context))).toEqual([
      { workflowType: 'motion', instanceId: 'i-1', subject: expect.stringContaining('SV-9-1600/1') as unknown, name: 'task-due:t-1', label: 'Beschlusskontrolle: Aufgabe t-1 (KI)', dueAt: '2020-10-30T23:00:00.000Z' },
    ]);
  });

  it('knows no deadlines of other workflow types', () => {
    expect(deadlineRows(instance('sample', 'draft', {}))).toEqual([]);
  });

  it('lists a meeting’s last regular invitation day until the invitation goes out or the day passes', () => {
    const scheduled = meetingGiven();
    expect(deadlineRows(instance('meeting', String(scheduled.value), scheduled.context))).toEqual([
      { workflowType: 'meeting', instanceId: 'i-1', subject: `${asgInput.bodyName}, ${asgInput.start}`, name: 'invitationDue', label: `Ladungsfrist: letzter Tag für die Einladung (${asgInput.bodyName})`, dueAt: '2020-08-13T22:00:00.000Z' },
    ]);
    const invited = meetingGiven([meetingEvent.invite()]);
    expect(deadlineRows(instance('meeting', String(invited.value), invited.context))).toEqual([]);
    const overdue = meetingGiven([meetingEvent.invitationDue()]);
    expect(deadlineRows(instance('meeting', String(overdue.value), overdue.context))).toEqual([]);
  });
});
