import {
  agendaOpen,
  allowedActions,
  berlinDaysBetween,
  hasBegun,
  invitationInTime,
  itemRemovable,
  MeetingViolation,
  outcomesRecordable,
  refuse,
  startsInFuture,
  stateAllows,
  usesUrgentPeriod,
  type MeetingFacts,
} from './meeting-rules';

const start = new Date('2020-08-19T15:00:00Z'); // 17:00 in Coesfeld
const meeting = (state: MeetingFacts['state']): MeetingFacts => ({ state, start });
const periods = { invitationPeriodDays: 6, urgentInvitationPeriodDays: 3 };

describe('meeting lifecycle rules', () => {
  it('allows each action only from its states', () => {
    expect(allowedActions('scheduled')).toEqual(['invite', 'cancel']);
    expect(allowedActions('invited')).toEqual(['recordAttendance', 'markHeld', 'cancel']);
    expect(allowedActions('held')).toEqual(['recordAttendance', 'approveMinutes']);
    expect(allowedActions('minutesApproved')).toEqual([]);
    expect(allowedActions('cancelled')).toEqual([]);
  });

  it('explains a refused transition with what is possible instead', () => {
    const v = stateAllows(meeting('scheduled'), 'markHeld');
    expect(v?.code).toBe(MeetingViolation.INVALID_TRANSITION);
    expect(v?.message).toMatch(/no invitation sent yet.*send the invitation, cancel it/);
    expect(stateAllows(meeting('invited'), 'markHeld')).toBeUndefined();
    expect(stateAllows(meeting('held'), 'cancel')?.code).toBe(MeetingViolation.INVALID_TRANSITION);
  });

  it('counts invitation lead time in Berlin calendar days', () => {
    // 23:30 UTC on 12 August is already 13 August in Berlin
    expect(berlinDaysBetween(new Date('2020-08-12T23:30:00Z'), start)).toBe(6);
    expect(berlinDaysBetween(new Date('2020-08-12T21:30:00Z'), start)).toBe(7);
  });

  it('requires the invitation period, or the urgent one with a reason', () => {
    const sixDaysAhead = new Date('2020-08-13T08:00:00Z');
    const fourDaysAhead = new Date('2020-08-15T08:00:00Z');
    const twoDaysAhead = new Date('2020-08-17T08:00:00Z');
    expect(invitationInTime(meeting('scheduled'), periods, sixDaysAhead)).toBeUndefined();
    expect(usesUrgentPeriod(meeting('scheduled'), periods, sixDaysAhead)).toBe(false);

    const late = invitationInTime(meeting('scheduled'), periods, fourDaysAhead);
    expect(late?.code).toBe(MeetingViolation.INVITATION_TOO_LATE);
    expect(late?.message).toMatch(/4 days ahead; the body's invitation period is 6 days\. With a recorded urgency reason/);

    expect(invitationInTime(meeting('scheduled'), periods, fourDaysAhead, 'Landesfrist')).toBeUndefined();
    expect(usesUrgentPeriod(meeting('scheduled'), periods, fourDaysAhead)).toBe(true);
    expect(invitationInTime(meeting('scheduled'), periods, fourDaysAhead, '   ')?.code).toBe(MeetingViolation.INVITATION_TOO_LATE);
    expect(invitationInTime(meeting('scheduled'), periods, twoDaysAhead, 'Landesfrist')?.message).toMatch(/Even the urgent period of 3 days/);
  });

  it('needs a future start to create or invite, and a begun meeting to record it', () => {
    expect(startsInFuture(start, new Date('2020-08-19T14:59:59Z'))).toBeUndefined();
    expect(startsInFuture(start, start)?.code).toBe(MeetingViolation.IN_PAST);
    expect(hasBegun(meeting('invited'), new Date('2020-08-19T14:59:59Z'))?.code).toBe(MeetingViolation.NOT_YET_BEGUN);
    expect(hasBegun(meeting('invited'), start)).toBeUndefined();
  });

  it('keeps the agenda open until the meeting, removable until the minutes, outcomes only while held', () => {
    expect(agendaOpen(meeting('invited'))).toBeUndefined();
    expect(agendaOpen(meeting('held'))?.code).toBe(MeetingViolation.AGENDA_CLOSED);
    expect(itemRemovable(meeting('held'))).toBeUndefined();
    expect(itemRemovable(meeting('minutesApproved'))?.code).toBe(MeetingViolation.AGENDA_CLOSED);
    expect(outcomesRecordable(meeting('held'))).toBeUndefined();
    expect(outcomesRecordable(meeting('invited'))?.message).toMatch(/mark it as held/);
    expect(outcomesRecordable(meeting('minutesApproved'))?.message).toMatch(/minutes of this meeting are approved/);
  });

  it('throws the first violation: 409 for the state, 422 for the facts', () => {
    expect(() => refuse(undefined, undefined)).not.toThrow();
    expect(() => refuse(stateAllows(meeting('held'), 'invite'))).toThrow(expect.objectContaining({ status: 409, code: MeetingViolation.INVALID_TRANSITION }));
    expect(() => refuse(undefined, hasBegun(meeting('invited'), new Date(0)))).toThrow(expect.objectContaining({ status: 422, code: MeetingViolation.NOT_YET_BEGUN }));
  });
});
