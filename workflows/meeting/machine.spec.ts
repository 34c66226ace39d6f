import { MeetingViolation as V } from './rules';
import { asgInput, created, e, given, members, path, times, when } from './fixtures';
import { INVITATION_DUE_TIMER } from './machine';

const invitationDueTimer = {
  type: 'scheduleTimer',
  params: { name: INVITATION_DUE_TIMER, fireAt: '2020-08-13T22:00:00.000Z', event: { type: 'INVITATION_DUE' } },
};
const cancelInvitationDue = { type: 'cancelTimer', params: { name: INVITATION_DUE_TIMER } };

describe('meeting lifecycle', () => {
  describe('creation', () => {
    it('given the body facts, when the meeting is created, then it is scheduled with the Ladungsfrist on record', () => {
      const { snapshot } = created();
      expect(snapshot.value).toBe('scheduled');
      expect(snapshot.context).toEqual({
        ...asgInput,
        lastRegularInvitationDay: '2020-08-13',
        invitationOverdue: false,
        invitationDate: null,
        urgentInvitationReason: null,
        attendees: null,
        presentMembers: null,
        heldAt: null,
        minutesApprovedAt: null,
        cancelledAt: null,
        cancelReason: null,
      });
    });

    it('when the meeting is created, then a durable timer waits for the end of the last regular invitation day', () => {
      // 19.08. minus 6 days = 13.08.; its end is midnight CEST, 22:00 UTC
      expect(created().actions).toEqual([invitationDueTimer]);
    });

    it('given a winter meeting, then the timer fires at midnight CET', () => {
      const { actions } = created({ ...asgInput, start: '2020-12-09T17:00:00+01:00', invitationPeriodDays: 7 });
      expect(actions[0]?.params).toMatchObject({ fireAt: '2020-12-02T23:00:00.000Z' });
    });

    it('given input the service never sends, then the machine does not start (the engine answers 422)', () => {
      const noOffset = created({ ...asgInput, start: '2020-08-19T17:00' }).snapshot;
      expect(noOffset.status).toBe('error');
      expect(String(noOffset.error)).toMatch(/ISO instant/);
      expect(String(created({ ...asgInput, invitationPeriodDays: 1.5 }).snapshot.error)).toMatch(/whole numbers/);
    });
  });

  describe('invitation', () => {
    it('given a scheduled meeting, when the invitation goes out in time, then it is invited on that Berlin day and the timer is cancelled', () => {
      const then = when(given(), e.invite('2020-08-12T23:30:00Z')); // already 13.08. in Berlin
      expect(then.accepted).toBe(true);
      expect(then.snapshot.value).toBe('invited');
      expect(then.snapshot.context).toMatchObject({ invitationDate: '2020-08-13', urgentInvitationReason: null });
      expect(then.actions).toEqual([cancelInvitationDue]);
    });

    it('given a reason, when only the urgent period is met, then the trimmed reason goes on record', () => {
      const then = when(given(), e.invite(times.fourDaysAhead, '  Antragsfrist des Landes '));
      expect(then.snapshot.context).toMatchObject({ invitationDate: '2020-08-15', urgentInvitationReason: 'Antragsfrist des Landes' });
    });

    it('given a reason, when the regular period is met anyway, then no urgency is recorded', () => {
      const then = when(given(), e.invite(times.sixDaysAhead, 'vorsorglich'));
      expect(then.snapshot.context.urgentInvitationReason).toBeNull();
    });
  });

  describe('the invitationDue timer', () => {
    it('given no invitation, when the timer fires, then the record says the regular invitation is overdue', () => {
      const then = when(given(), e.invitationDue());
      expect(then.accepted).toBe(true);
      expect(then.snapshot.value).toBe('scheduled');
      expect(then.snapshot.context.invitationOverdue).toBe(true);
      expect(then.actions).toEqual([]); // stays scheduled: the timer is neither re-armed nor cancelled
    });

    it('given an overdue invitation, then the urgent invitation with a reason is still possible', () => {
      const then = when(given([e.invitationDue()]), e.invite(times.fourDaysAhead, 'Landesfrist'));
      expect(then.snapshot.value).toBe('invited');
      expect(then.snapshot.context).toMatchObject({ invitationOverdue: true, urgentInvitationReason: 'Landesfrist' });
    });

    it('given the invitation went out, when a late timer event arrives, then the state does not handle it', () => {
      const then = when(given(path.invited()), e.invitationDue());
      expect(then.accepted).toBe(false);
      expect(then.codes).toEqual([]);
    });
  });

  describe('plain agenda items', () => {
    it.each(['scheduled', 'invited'] as const)('given a %s meeting, when a plain item is added, then it is on record (the event carries title and part)', (state) => {
      const then = when(given(path[state]()), e.addItem('Grundstücksangelegenheit', false));
      expect([then.accepted, then.snapshot.value, then.violations]).toEqual([true, state, []]);
      expect(when(then.snapshot, e.addItem()).accepted).toBe(true);
      expect(when(then.snapshot, e.addItem('  ')).accepted).toBe(false);
    });

    it.each(['held', 'minutesApproved', 'cancelled'] as const)('given a %s meeting, when an item is added, then MEETING.AGENDA_CLOSED says where it can go instead', (state) => {
      const then = when(given(path[state]()), e.addItem());
      expect(then.accepted).toBe(false);
      expect(then.codes).toEqual([V.AGENDA_CLOSED]);
      expect(then.violations[0]!.message).toMatch(/later meeting|another meeting/);
    });

    it('given a blank title, then MEETING.ITEM_TITLE_REQUIRED', () => {
      expect(when(given(), e.addItem('   ')).codes).toEqual([V.ITEM_TITLE_REQUIRED]);
    });
  });

  describe('the meeting itself', () => {
    it('given an invited meeting that has begun, when attendance is recorded, then persons and voting members are on record', () => {
      const then = when(given(path.invited()), e.attendance(10, times.during, 9));
      expect(then.snapshot.value).toBe('invited');
      expect(then.snapshot.context).toMatchObject({ attendees: members.slice(0, 10), presentMembers: 9 });
    });

    it('given recorded attendance, when it is recorded again in the held meeting, then the new list replaces it', () => {
      const then = when(given(path.held()), e.attendance(12));
      expect(then.snapshot.value).toBe('held');
      expect(then.snapshot.context).toMatchObject({ attendees: members.slice(0, 12), presentMembers: 12 });
    });

    it('when the meeting is marked held and its minutes approved, then both times are on record and the meeting is final', () => {
      const held = given(path.held());
      expect(held.context.heldAt).toBe(times.during);
      const then = when(held, e.approveMinutes());
      expect(then.snapshot.value).toBe('minutesApproved');
      expect(then.snapshot.status).toBe('done');
      expect(then.snapshot.context.minutesApprovedAt).toBe(times.weekAfter);
    });
  });

  describe('cancellation', () => {
    it('given a scheduled meeting, when it is cancelled, then the reason is on record and the timer is cancelled', () => {
      const then = when(given(), e.cancel(' Beschlussunfähigkeit absehbar '));
      expect(then.snapshot.value).toBe('cancelled');
      expect(then.snapshot.status).toBe('done');
      expect(then.snapshot.context).toMatchObject({ cancelledAt: times.fourDaysAhead, cancelReason: 'Beschlussunfähigkeit absehbar' });
      expect(then.actions).toEqual([cancelInvitationDue]);
    });

    it('given an invited meeting, when it is cancelled, then no timer is left to cancel', () => {
      const then = when(given(path.invited()), e.cancel());
      expect(then.snapshot.value).toBe('cancelled');
      expect(then.actions).toEqual([]);
    });
  });

  describe('events the state does not handle', () => {
    it.each([
      ['scheduled', path.scheduled(), [e.held(), e.approveMinutes(), e.attendance(9)]],
      ['invited', path.invited(), [e.invite(), e.approveMinutes()]],
      ['held', path.held(), [e.invite(), e.held(), e.cancel()]],
      ['minutesApproved', path.minutesApproved(), [e.invite(), e.attendance(9), e.cancel()]],
      ['cancelled', path.cancelled(), [e.invite(), e.held(), e.cancel()]],
    ])('given a %s meeting, then they change nothing and the clerk is told the state does not allow it', (_state, events, refused) => {
      const s = given(events);
      for (const event of refused) {
        const then = when(s, event);
        expect(then.accepted).toBe(false);
        expect(then.snapshot).toBe(s);
        expect(then.codes).toEqual([V.INVALID_TRANSITION]);
        expect(then.violations[0]?.message).toMatch(/^The meeting is .*; you cannot .*\. Possible now: .*\.$/);
      }
    });

    it('given a held meeting, when a timer event it does not handle arrives, then there is nothing to explain', () => {
      const s = given(path.held());
      expect(when(s, { type: 'INVITATION_DUE', at: '2020-08-13T22:00:00Z', actor: { id: 'timer', role: 'system' } }).codes).toEqual([]);
    });
  });
});
