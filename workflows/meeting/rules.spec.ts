import type { MeetingEvent } from './types';
import { asgInput, e, given, members, path, times, when } from './fixtures';
import { allowedActions, stateAllows } from './queries';
import { meetingWorkflow } from './index';
import {
  agendaOpen,
  berlinDaysBetween,
  itemRemovable,
  lastRegularInvitationDay,
  MeetingViolation as V,
  outcomesRecordable,
  startsInFuture,
  usesUrgentPeriod,
} from './rules';

describe('meeting rules', () => {
  describe('each guard refuses with its code, and passes otherwise', () => {
    const refusals: { name: string; given: MeetingEvent[]; when: MeetingEvent; code: string }[] = [
      { name: 'an invitation when the meeting begins', given: [], when: e.invite(asgInput.start, 'Landesfrist'), code: V.IN_PAST },
      { name: 'an invitation within the regular period without a reason', given: [], when: e.invite(times.fourDaysAhead), code: V.INVITATION_TOO_LATE },
      { name: 'an invitation with a blank reason', given: [], when: e.invite(times.fourDaysAhead, '   '), code: V.INVITATION_TOO_LATE },
      { name: 'an urgent invitation within even the urgent period', given: [], when: e.invite(times.twoDaysAhead, 'Landesfrist'), code: V.INVITATION_TOO_LATE },
      { name: 'attendance before the meeting begins', given: path.invited(), when: e.attendance(9, times.justBefore), code: V.NOT_YET_BEGUN },
      { name: 'more voting members than persons present', given: path.invited(), when: e.attendance(3, times.during, 4), code: V.INVALID_ATTENDANCE },
      { name: 'a fractional count of voting members', given: path.invited(), when: e.attendance(3, times.during, 1.5), code: V.INVALID_ATTENDANCE },
      {
        name: 'a person listed twice',
        given: path.invited(),
        when: { ...e.attendance(2), personIds: [members[0]!, members[0]!], votingPresent: 1 },
        code: V.INVALID_ATTENDANCE,
      },
      { name: '"held" before the meeting begins', given: path.invited(), when: e.held(times.justBefore), code: V.NOT_YET_BEGUN },
      { name: 'a cancellation without a reason', given: [], when: e.cancel('  '), code: V.REASON_REQUIRED },
    ];

    it.each(refusals)('refuses $name with $code first, writing nothing', ({ given: events, when: event, code }) => {
      const s = given(events);
      const then = when(s, event);
      expect(then.accepted).toBe(false);
      expect(then.snapshot).toBe(s);
      expect(then.codes[0]).toBe(code);
    });

    const accepted: { name: string; given: MeetingEvent[]; when: MeetingEvent }[] = [
      { name: 'an invitation exactly the regular period ahead', given: [], when: e.invite(times.sixDaysAhead) },
      { name: 'an urgent invitation with a reason within the urgent period', given: [], when: e.invite(times.fourDaysAhead, 'Landesfrist') },
      { name: 'an urgent invitation exactly the urgent period ahead', given: [], when: e.invite('2020-08-16T23:59:00+02:00', 'Landesfrist') },
      { name: 'attendance at the start', given: path.invited(), when: e.attendance(9, asgInput.start) },
      { name: 'attendance with non-voting members present', given: path.invited(), when: e.attendance(11, times.during, 9) },
      { name: 'empty attendance', given: path.invited(), when: e.attendance(0) },
      { name: '"held" at the start', given: path.invited(), when: e.held(asgInput.start) },
      { name: 'a cancellation with a reason', given: path.invited(), when: e.cancel('Beschlussunfähigkeit absehbar') },
    ];

    it.each(accepted)('accepts $name', ({ given: events, when: event }) => {
      const then = when(given(events), event);
      expect(then.violations).toEqual([]);
      expect(then.accepted).toBe(true);
    });
  });

  describe('explanations a clerk can act on', () => {
    it('names the lead time, the period and the urgent alternative', () => {
      const late = when(given(), e.invite(times.fourDaysAhead));
      expect(late.violations[0]?.message).toBe(
        "An invitation sent on 2020-08-15 reaches the meeting on 2020-08-19 4 days ahead; the body's invitation period is 6 days. With a recorded urgency reason the shorter period of 3 days would apply.",
      );
      const tooLate = when(given(), e.invite(times.twoDaysAhead, 'Landesfrist'));
      expect(tooLate.violations[0]?.message).toMatch(/2 days ahead.*Even the urgent period of 3 days is not met\.$/);
    });

    it('gives the meeting start in Berlin time, however it was stored', () => {
      const utc = { ...asgInput, start: '2020-08-19T15:00:00Z' };
      expect(when(given(path.invited(), utc), e.held(times.justBefore)).violations[0]?.message).toBe(
        'The meeting begins at 2020-08-19T17:00:00+02:00; this can only be done once it has begun.',
      );
      expect(when(given([], utc), e.invite(asgInput.start, 'Landesfrist')).violations[0]?.message).toBe('The meeting start 2020-08-19T17:00:00+02:00 is not in the future.');
    });

    it('reports the first stage that breaks a rule: the time before the payload', () => {
      expect(when(given(path.invited()), e.attendance(2, times.justBefore, 3)).codes).toEqual([V.NOT_YET_BEGUN]);
      expect(when(given(path.invited()), e.attendance(2, times.during, 3)).codes).toEqual([V.INVALID_ATTENDANCE]);
      expect(when(given(), e.invite(asgInput.start, 'Landesfrist')).codes).toEqual([V.IN_PAST]);
      expect(when(given(), e.invite(times.fourDaysAhead)).codes).toEqual([V.INVITATION_TOO_LATE]);
    });
  });

  describe('calendar', () => {
    it('counts invitation lead time in Berlin calendar days', () => {
      // 23:30 UTC on 12 August is already 13 August in Berlin
      expect(berlinDaysBetween('2020-08-12T23:30:00Z', asgInput.start)).toBe(6);
      expect(berlinDaysBetween('2020-08-12T21:30:00Z', asgInput.start)).toBe(7);
      expect(berlinDaysBetween('gestern', asgInput.start)).toBeNaN();
    });

    it('knows the last regular invitation day and when only the urgent period applies', () => {
      expect(lastRegularInvitationDay(asgInput)).toBe('2020-08-13');
      expect(lastRegularInvitationDay({ ...asgInput, start: 'bald' })).toBeUndefined();
      expect(usesUrgentPeriod(asgInput, times.sixDaysAhead)).toBe(false);
      expect(usesUrgentPeriod(asgInput, times.fourDaysAhead)).toBe(true);
    });

    it('needs a future start to create a meeting', () => {
      expect(startsInFuture(asgInput.start, times.justBefore)).toBeUndefined();
      expect(startsInFuture(asgInput.start, '2020-08-19T15:00:00Z')?.code).toBe(V.IN_PAST);
      expect(startsInFuture(asgInput.start, 'jetzt')?.code).toBe(V.IN_PAST);
    });

    it('is what the workflow admits: the engine refuses a start that is not in the future before anything is written', () => {
      expect(meetingWorkflow.admit!(asgInput, times.justBefore)).toEqual([]);
      expect(meetingWorkflow.admit!(asgInput, asgInput.start).map((v) => v.code)).toEqual([V.IN_PAST]);
    });
  });

  describe('what a state allows', () => {
    it('lists the actions each state handles, derived from the machine', () => {
      expect(allowedActions('scheduled')).toEqual(['invite', 'addItem', 'cancel']);
      expect(allowedActions('invited')).toEqual(['addItem', 'recordAttendance', 'markHeld', 'cancel']);
      expect(allowedActions('held')).toEqual(['recordAttendance', 'approveMinutes']);
      expect(allowedActions('minutesApproved')).toEqual([]);
      expect(allowedActions('cancelled')).toEqual([]);
    });

    it('explains a refused transition with what is possible instead', () => {
      const v = stateAllows({ state: 'scheduled' }, 'markHeld');
      expect(v?.code).toBe(V.INVALID_TRANSITION);
      expect(v?.message).toMatch(/no invitation sent yet.*send the invitation, add an agenda item, cancel it/);
      expect(stateAllows({ state: 'invited' }, 'markHeld')).toBeUndefined();
      expect(stateAllows({ state: 'cancelled' }, 'cancel')?.message).toMatch(/Possible now: nothing\.$/);
    });

    it('keeps the agenda open until the meeting, removable until the minutes, outcomes only while held', () => {
      expect(agendaOpen({ state: 'invited' })).toBeUndefined();
      expect(agendaOpen({ state: 'held' })?.code).toBe(V.AGENDA_CLOSED);
      // a refusal says what to do instead (issue 13, point 7)
      expect(agendaOpen({ state: 'held' })?.message).toBe(
        'The meeting is held; its agenda can no longer change. Put the item on the agenda of a later meeting of the body (the next regular one, or a special meeting with the urgent invitation period and a reason).',
      );
      expect(agendaOpen({ state: 'cancelled' })?.message).toMatch(/another meeting of the body/);
      expect(itemRemovable({ state: 'minutesApproved' })?.message).toMatch(/What it recorded stands/);
      expect(itemRemovable({ state: 'held' })).toBeUndefined();
      expect(itemRemovable({ state: 'minutesApproved' })?.code).toBe(V.AGENDA_CLOSED);
      expect(outcomesRecordable({ state: 'held' })).toBeUndefined();
      expect(outcomesRecordable({ state: 'invited' })?.message).toMatch(/mark it as held/);
      expect(outcomesRecordable({ state: 'minutesApproved' })?.message).toMatch(/minutes of this meeting are approved/);
    });
  });
});
