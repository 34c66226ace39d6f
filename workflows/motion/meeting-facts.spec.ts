/**
 * Rules on the meeting an event concerns, which the service once checked itself: the meeting's
 * state and its recorded attendance now arrive in the event (`meeting`, `attendance`), and the
 * motion machine refuses with the MEETING.* codes the API always answered with.
 */
import { attendance, e, ev, given, path, votes, when } from './fixtures';
import type { MeetingFact, MotionEvent, MotionEventOf } from './types';

const at = (state: MeetingFact['state']) => ({ meeting: { state } });

const urgent = (patch: Partial<MotionEventOf<'URGENT_DECISION'>> = {}) =>
  ev<MotionEventOf<'URGENT_DECISION'>>({
    type: 'URGENT_DECISION',
    bodyId: 'body-ka',
    bodyName: 'Kreisausschuss',
    bodyKind: 'kreisausschuss',
    meetingId: 'ka-2020-08-26',
    reason: 'Förderfrist',
    outcomes: { '1': { outcome: 'adopted', votes: votes(14) }, '2': { outcome: 'adopted', votes: votes(14) } },
    attendance: attendance('kreisausschuss', 14),
    ...patch,
  });
const kreistag = <T extends 'APPROVE_URGENT_DECISION' | 'REVOKE_URGENT_DECISION'>(type: T, patch: Record<string, unknown> = {}) =>
  ev<MotionEventOf<T>>({ type, bodyId: 'body-kt', meetingId: 'kt-2020-09-02', attendance: attendance('kreistag', 50), votes: votes(45, 5), reason: 'Kreistag entscheidet selbst', ...patch } as never);

const refusedWith = (given_: MotionEvent[], event: MotionEvent, code: string) => {
  const s = given(given_);
  const result = when(s, event);
  expect(result.accepted).toBe(false);
  expect(result.snapshot).toBe(s);
  expect(result.codes[0]).toBe(code);
  return result;
};

describe('the meeting fact', () => {
  describe('SCHEDULE: the agenda is open until the meeting is held or cancelled', () => {
    it.each(['held', 'minutesApproved', 'cancelled'] as const)('given a released motion, when scheduled on a %s meeting, then MEETING.AGENDA_CLOSED', (state) => {
      const result = refusedWith(path.released(), e.schedule('ia', at(state)), 'MEETING.AGENDA_CLOSED');
      expect(result.violations[0]?.message).toMatch(/its agenda can no longer change/);
    });

    it.each(['scheduled', 'invited'] as const)('given a released motion, when scheduled on a %s meeting, then it is on the agenda', (state) => {
      expect(when(given(path.released()), e.schedule('ia', at(state))).accepted).toBe(true);
    });

    it('given a released motion, when the fact is missing, then it is refused rather than assumed', () => {
      const { meeting: _drop, ...without } = e.schedule('ia');
      refusedWith(path.released(), without as MotionEvent, 'MEETING.UNKNOWN');
    });
  });

  describe('UNSCHEDULE: an item comes off until the minutes are approved', () => {
    const off = (state: MeetingFact['state']) => ev<MotionEventOf<'UNSCHEDULE'>>({ type: 'UNSCHEDULE', meetingId: 'ia-2020-08-12', reason: 'abgesetzt', ...at(state) });

    it('given the motion on a meeting with approved minutes, when taken off, then MEETING.AGENDA_CLOSED', () => {
      refusedWith([...path.released(), e.schedule('ia')], off('minutesApproved'), 'MEETING.AGENDA_CLOSED');
    });

    it('given the motion on a held meeting, when taken off (abgesetzt in the meeting), then it waits for a new slot', () => {
      expect(when(given([...path.released(), e.schedule('ia')]), off('held')).accepted).toBe(true);
    });
  });

  describe('RECORD_OUTCOME: outcomes are recorded for a held meeting whose minutes are open', () => {
    it('given the motion on an invited meeting, when an outcome is recorded, then MEETING.NOT_HELD, before the motion’s own rules', () => {
      const result = refusedWith([...path.released(), e.schedule('ia')], e.outcome('ia', 'recommended', at('invited')), 'MEETING.NOT_HELD');
      expect(result.violations[0]?.message).toMatch(/mark it as held before recording outcomes/);
    });

    it('given the motion on a meeting with approved minutes, then MEETING.NOT_HELD: the outcomes can no longer change', () => {
      const result = refusedWith([...path.released(), e.schedule('ia')], e.outcome('ia', 'recommended', at('minutesApproved')), 'MEETING.NOT_HELD');
      expect(result.violations[0]?.message).toMatch(/minutes of this meeting are approved/);
    });
  });

  describe('urgent decisions need a held meeting and its recorded attendance', () => {
    it('given a motion decided by the Kreistag, when the Kreisausschuss decides urgently at a meeting not yet held, then MEETING.NOT_HELD', () => {
      refusedWith(path.urgentReady(), urgent(at('invited')), 'MEETING.NOT_HELD');
    });

    it('given a motion decided by the Kreistag, when decided urgently without recorded attendance, then MEETING.ATTENDANCE_NOT_RECORDED', () => {
      const result = refusedWith(path.urgentReady(), urgent({ attendance: null }), 'MEETING.ATTENDANCE_NOT_RECORDED');
      expect(result.violations[0]?.message).toBe('Record the attendance of the meeting of Kreisausschuss first: the decision needs a quorate body.');
    });

    it.each(['APPROVE_URGENT_DECISION', 'REVOKE_URGENT_DECISION'] as const)(
      'given an urgent decision, when the Kreistag votes on it (%s) without recorded attendance, then MEETING.ATTENDANCE_NOT_RECORDED',
      (type) => {
        const { attendance: _none, ...without } = kreistag(type);
        const result = refusedWith([...path.urgentReady(), urgent(), e.schedule('kt')], without, 'MEETING.ATTENDANCE_NOT_RECORDED');
        expect(result.violations[0]?.message).toMatch(/meeting of Kreistag first/);
      },
    );

    it.each(['APPROVE_URGENT_DECISION', 'REVOKE_URGENT_DECISION'] as const)('given an urgent decision, when the Kreistag votes on it (%s) before its meeting is held, then MEETING.NOT_HELD', (type) => {
      refusedWith([...path.urgentReady(), urgent(), e.schedule('kt')], kreistag(type, at('invited')), 'MEETING.NOT_HELD');
    });

    it('given an urgent decision, when the Kreistag approves it at its held meeting with attendance, then it is decided', () => {
      expect(when(given([...path.urgentReady(), urgent(), e.schedule('kt')]), kreistag('APPROVE_URGENT_DECISION')).snapshot.value).toEqual({ released: 'decided' });
    });
  });
});

describe('the consultation record takes its dates from the meeting (issue 13, point 3)', () => {
  const kt = { state: 'held' as const, start: '2020-09-09T17:00:00+02:00', invitationDate: '2020-08-31', heldAt: '2020-09-09T17:05:00+02:00' };

  it('given an item scheduled before the invitation went out, then its invitation day is open until the meeting says it', () => {
    const s = given([...path.released(), e.schedule('ia', {}, '2020-07-22T10:00:00+02:00')]);
    expect(s.context.consultations[0]).toMatchObject({ scheduledAt: '2020-07-22T10:00:00+02:00', invitationDate: null, heldAt: null });
  });

  it('when the outcome is recorded a day after the meeting, then heldAt is the meeting’s and the invitation day is the meeting’s invitation, not the scheduling day', () => {
    const record = { state: 'held' as const, start: '2020-08-12T17:00:00+02:00', invitationDate: '2020-08-03', heldAt: '2020-08-12T17:02:00+02:00' };
    const s = given([...path.released(), e.schedule('ia', {}, '2020-07-22T10:00:00+02:00'), { ...e.outcome('ia', 'recommended', { meeting: record }), at: '2020-08-13T09:00:00+02:00' }]);
    expect(s.context.consultations[0]).toMatchObject({ invitationDate: '2020-08-03', heldAt: '2020-08-12T17:02:00+02:00', scheduledAt: '2020-07-22T10:00:00+02:00' });
  });

  it('given an item added after the invitation went out, then it keeps the day of its supplementary invitation', () => {
    const late = e.schedule('ia', { invitationDate: '2020-08-01' }, '2020-08-04T10:00:00+02:00');
    const s = given([...path.released(), late, e.outcome('ia', 'recommended', { meeting: { state: 'held', invitationDate: '2020-08-01', heldAt: '2020-08-12T17:02:00+02:00' } })]);
    expect(s.context.consultations[0]).toMatchObject({ invitationDate: '2020-08-04', heldAt: '2020-08-12T17:02:00+02:00' });
  });

  it('given an urgent decision and its approval, then both records carry their meeting’s start, invitation day and held time', () => {
    const ka = { state: 'held' as const, start: '2020-08-26T16:00:00+02:00', invitationDate: '2020-08-20', heldAt: '2020-08-26T16:01:00+02:00' };
    const s = given([...path.urgentReady(), { ...urgent({ meeting: ka }), at: '2020-08-27T08:00:00+02:00' }, e.schedule('kt', { meetingId: 'kt-2020-09-09', meetingStart: kt.start }), kreistag('APPROVE_URGENT_DECISION', { meetingId: 'kt-2020-09-09', meeting: kt })]);
    expect(s.context.consultations.map((c) => [c.role, c.meetingStart, c.invitationDate, c.heldAt])).toEqual([
      ['dringlichkeitsentscheidung', ka.start, ka.invitationDate, ka.heldAt],
      ['genehmigung', kt.start, kt.invitationDate, kt.heldAt],
    ]);
  });
});

describe('refusals that say what to do (issue 13, point 7)', () => {
  it.each(['APPROVE_URGENT_DECISION', 'REVOKE_URGENT_DECISION'] as const)(
    'given no urgent decision was taken, when the Kreistag %s at a meeting not yet held, then there is nothing to approve — not “mark it as held”',
    (type) => {
      const result = refusedWith(path.kreistagScheduled(), kreistag(type, at('invited')), 'MOTION.NO_URGENT_DECISION');
      expect(result.violations).toEqual([
        {
          code: 'MOTION.NO_URGENT_DECISION',
          message: `There is nothing to ${type === 'APPROVE_URGENT_DECISION' ? 'approve' : 'revoke'}: no Dringlichkeitsentscheidung (§ 50 Abs. 3 KrO NRW) was taken on this motion.`,
        },
      ]);
    },
  );

  it('given an approved urgent decision, when approved again, then it says when it was approved', () => {
    const approved = [...path.urgentReady(), urgent(), e.schedule('kt'), kreistag('APPROVE_URGENT_DECISION', { meeting: { state: 'held', heldAt: '2020-09-02T17:05:00+02:00' } })];
    const result = refusedWith(approved, kreistag('APPROVE_URGENT_DECISION'), 'MOTION.NO_URGENT_DECISION');
    expect(result.violations[0]?.message).toBe(
      'There is nothing to approve: the Dringlichkeitsentscheidung of Kreisausschuss was already approved by Kreistag on 2020-09-02.',
    );
  });

  it('given a motion the Kreistag decided itself, when approval is asked for, then it says so', () => {
    const result = refusedWith(path.decided(), kreistag('APPROVE_URGENT_DECISION'), 'MOTION.NO_URGENT_DECISION');
    expect(result.violations[0]?.message).toBe('There is nothing to approve: Kreistag decided this motion itself on 2020-09-02; no Dringlichkeitsentscheidung was taken.');
  });

  it('given a held meeting, when a motion is scheduled on it, then the refusal says to use a later meeting', () => {
    const result = refusedWith(path.released(), e.schedule('ia', at('held')), 'MEETING.AGENDA_CLOSED');
    expect(result.violations[0]?.message).toMatch(/^The meeting is held; its agenda can no longer change\. Put the item on the agenda of a later meeting of the body/);
  });
});

describe('plain messages (issue 13, point 9)', () => {
  it('given the motion on a meeting’s agenda, when placed on another of the same body, then the refusal names the meeting by body and Berlin day, not by id', () => {
    const s = given([...path.released(), e.schedule('ia')]);
    const result = when(s, e.schedule('ia', { meetingId: 'ia-2020-08-19', meetingStart: '2020-08-19T17:00:00+02:00' }));
    expect(result.violations.map((v) => v.message)).toContain(
      'The motion is already on the agenda of the meeting of Integrationsausschuss on 2020-08-12; remove it there (UNSCHEDULE) before placing it on another.',
    );
    expect(JSON.stringify(result.violations)).not.toContain('ia-2020-08-12');
  });
});
