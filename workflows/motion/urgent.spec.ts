/**
 * Urgent decisions (§ 50 Abs. 3 KrO NRW) go through the meetings' agendas (issue 13, point 2): the
 * Dringlichkeitsvorlage onto a Kreisausschuss meeting out of step order, the Kreistag's approval
 * onto its next meeting, and the second form: the Landrat with one member outside a meeting.
 */
import { attendance, e, ev, given, path, votes, when } from './fixtures';
import { motionSteps } from './index';
import { statusOf } from './queries';
import type { MotionEvent, MotionEventOf } from './types';

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
const approve = (patch: Record<string, unknown> = {}) =>
  ev<MotionEventOf<'APPROVE_URGENT_DECISION'>>({ type: 'APPROVE_URGENT_DECISION', bodyId: 'body-kt', meetingId: 'kt-2020-09-02', attendance: attendance('kreistag', 50), votes: votes(45, 5), ...patch } as never);
const landrat = (patch: Partial<MotionEventOf<'URGENT_DECISION_BY_LANDRAT'>> = {}) =>
  ev<MotionEventOf<'URGENT_DECISION_BY_LANDRAT'>>({
    type: 'URGENT_DECISION_BY_LANDRAT',
    landrat: { personId: 'p-landrat', name: 'Dr. Christian Schulze Pellengahr' },
    member: { personId: 'p-member', name: 'Anna Beispiel', seated: true },
    bodyId: 'body-ka',
    bodyName: 'Kreisausschuss',
    reason: 'Der Kreisausschuss kann vor Fristablauf nicht einberufen werden; der Förderanspruch entfiele.',
    outcomes: { '1': { outcome: 'adopted' }, '2': { outcome: 'adopted' } },
    ...patch,
  });

const refused = (before: MotionEvent[], event: MotionEvent) => {
  const s = given(before);
  const result = when(s, event);
  expect(result.accepted).toBe(false);
  expect(result.snapshot).toBe(s);
  return result;
};

describe('the Dringlichkeitsvorlage on a Kreisausschuss meeting', () => {
  it('given a released motion at its first step, when it goes onto a Kreisausschuss meeting as Dringlichkeitsvorlage, then it is on that agenda out of step order, reason on record', () => {
    const s = given([...path.released(), e.scheduleUrgent({}, '2020-08-22T10:00:00+02:00')]);
    expect(s.context.currentStepIndex).toBe(0);
    expect(s.context.consultations).toEqual([
      expect.objectContaining({ role: 'dringlichkeitsentscheidung', bodyName: 'Kreisausschuss', meetingId: 'ka-2020-08-26', status: 'scheduled', urgentInvitationReason: 'Förderfrist endet vor der nächsten Kreistagssitzung' }),
    ]);
  });

  it('given only the urgent period is left, when there is no reason, then MOTION.REASON_REQUIRED; when even the urgent period is missed, then MOTION.INVITATION_TOO_LATE', () => {
    expect(refused(path.released(), e.scheduleUrgent({ urgentReason: ' ' }, '2020-08-22T10:00:00+02:00')).codes).toEqual(['MOTION.REASON_REQUIRED']);
    const late = refused(path.released(), e.scheduleUrgent({}, '2020-08-24T10:00:00+02:00'));
    expect(late.codes).toEqual(['MOTION.INVITATION_TOO_LATE']);
    expect(late.violations[0]!.message).toMatch(/Even the urgent period of 3 days is not met/);
  });

  it('given a committee meeting, then MOTION.WRONG_BODY', () => {
    expect(refused(path.released(), e.scheduleUrgent({ bodyKind: 'ausschuss', bodyName: 'Integrationsausschuss' })).codes).toEqual(['MOTION.WRONG_BODY']);
  });

  it('given the motion is on no agenda of that meeting, when the Kreisausschuss decides urgently, then MOTION.NOT_ON_AGENDA naming both ways onto it', () => {
    const result = refused(path.released(), urgent());
    expect(result.codes).toEqual(['MOTION.NOT_ON_AGENDA']);
    expect(result.violations[0]!.message).toMatch(/Put it there first: as its step of the Beratungsfolge \(SCHEDULE\) or as a Dringlichkeitsvorlage \(SCHEDULE_URGENT\)/);
  });

  it('when the Kreisausschuss decides on the Dringlichkeitsvorlage, then that agenda item is the held urgent decision and the regular slot comes off', () => {
    const s = given([...path.released(), e.schedule('ia'), e.scheduleUrgent(), urgent()]);
    expect(statusOf(s.value)).toBe('urgentDecided');
    expect(s.context.consultations.map((c) => [c.no, c.bodyName, c.role, c.status])).toEqual([
      [1, 'Integrationsausschuss', 'vorberatung', 'removed'],
      [2, 'Kreisausschuss', 'dringlichkeitsentscheidung', 'held'],
    ]);
    expect(s.context.decision).toMatchObject({ consultationNo: 2, urgent: true });
  });
});

describe('the Kreistag’s approval is an agenda item of its meeting', () => {
  it('given an urgent decision, when the Kreistag approves at a meeting whose agenda does not hold it, then MOTION.NOT_ON_AGENDA', () => {
    const result = refused([...path.urgentReady(), urgent()], approve());
    expect(result.codes).toEqual(['MOTION.NOT_ON_AGENDA']);
    expect(result.violations[0]!.message).toBe(
      "The Dringlichkeitsentscheidung is not on the agenda of this meeting of Kreistag. Put its approval on the agenda of Kreistag's next meeting first (SCHEDULE).",
    );
  });

  it('given its approval on the agenda, when the Kreistag approves, then that item is the held Genehmigung', () => {
    const s = given([...path.urgentReady(), urgent(), e.schedule('kt'), approve()]);
    expect(statusOf(s.value)).toBe('decided');
    expect(s.context.consultations.at(-1)).toMatchObject({ role: 'genehmigung', status: 'held', meetingId: 'kt-2020-09-02', vote: votes(45, 5) });
  });
});

describe('the Landrat with one member of the Kreisausschuss (§ 50 Abs. 3 Satz 2 KrO NRW)', () => {
  it('when both decide outside a meeting, then the decision names them, and the Kreistag approves it at its next meeting like any urgent decision', () => {
    let s = given([...path.released(), e.schedule('ia'), landrat()]);
    expect(statusOf(s.value)).toBe('urgentDecided');
    expect(s.context.consultations.at(-1)).toMatchObject({
      role: 'dringlichkeitsentscheidung',
      meetingId: null,
      status: 'held',
      decidedBy: [
        { personId: 'p-landrat', name: 'Dr. Christian Schulze Pellengahr' },
        { personId: 'p-member', name: 'Anna Beispiel' },
      ],
    });
    expect(s.context.consultations[0]).toMatchObject({ status: 'removed', removedReason: 'Dringlichkeitsentscheidung des Landrats' });
    expect(s.context.decision).toMatchObject({ urgent: true, decidedBy: [{ name: 'Dr. Christian Schulze Pellengahr' }, { name: 'Anna Beispiel' }] });
    s = when(s, e.schedule('kt')).snapshot;
    s = when(s, approve()).snapshot;
    expect(statusOf(s.value)).toBe('decided');
  });

  it.each([
    ['no member named', { member: { personId: '', name: '', seated: false } }, 'MOTION.DECIDERS_MISSING', /Name the Landrat and the one member/],
    ['the Landrat twice', { member: { personId: 'p-landrat', name: 'Dr. Christian Schulze Pellengahr', seated: true } }, 'MOTION.DECIDERS_MISSING', /cannot decide twice/],
    ['a member without a seat', { member: { personId: 'p-x', name: 'Bernd Außenstehend', seated: false } }, 'MOTION.WRONG_BODY', /Bernd Außenstehend holds no seat on Kreisausschuss/],
    ['no reason', { reason: '' }, 'MOTION.REASON_REQUIRED', /reason/],
    ['a postponement', { outcomes: { '1': { outcome: 'postponed' as const }, '2': { outcome: 'postponed' as const } } }, 'MOTION.OUTCOME_NOT_ALLOWED', /Dringlichkeitsentscheidung can end in/],
  ])('refuses %s, by name', (_name, patch, code, message) => {
    const result = refused(path.released(), landrat(patch));
    expect(result.codes).toContain(code);
    expect(result.violations.map((v) => v.message).join(' ')).toMatch(message);
  });
});

describe('an outcome sent for an item of the urgent procedure gets the one reason that applies', () => {
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  const vorlage = () => [...path.released(), e.schedule('ia'), e.scheduleUrgent()];

  it('given the Dringlichkeitsvorlage on a meeting not yet held, when RECORD_OUTCOME is sent for it with unfit outcomes, then only MOTION.URGENT_ITEM, pointing to URGENT_DECISION', () => {
    // before: MEETING.NOT_HELD, OUTCOME_NOT_ALLOWED, MIXED_PROCEDURAL_OUTCOME, ATTENDANCE_MISSING and VOTES_MISSING together,
    // none of them saying that an urgent decision is not recorded as an outcome
    const result = refused(
      vorlage(),
      e.outcome('ka', 'adopted', { meeting: { state: 'invited' }, attendance: null, outcomes: { '1': { outcome: 'adopted' }, '2': { outcome: 'postponed' } } }),
    );
    expect(result.violations).toEqual([
      {
        code: 'MOTION.URGENT_ITEM',
        message:
          "On the agenda of the meeting of Kreisausschuss on 2020-08-26 the motion is a Dringlichkeitsvorlage: record the Kreisausschuss's decision in place of the Kreistag with URGENT_DECISION (outcomes, votes and the reason), not as an outcome.",
      },
    ]);
  });

  it('given the Dringlichkeitsvorlage at its held meeting, when a well-formed outcome is sent for it, then MOTION.URGENT_ITEM (before: refused without any reason)', () => {
    expect(refused(vorlage(), e.outcome('ka', 'adopted')).codes).toEqual(['MOTION.URGENT_ITEM']);
  });

  it('given only the Dringlichkeitsvorlage on an agenda, then the next steps offer URGENT_DECISION and block RECORD_OUTCOME with the same reason', () => {
    const s = given(path.urgentReady());
    const steps = motionSteps(s, '2020-08-26T18:00:00+02:00');
    expect(steps.find((x) => x.event === 'URGENT_DECISION')).toMatchObject({ allowed: true });
    expect(steps.find((x) => x.event === 'RECORD_OUTCOME')).toMatchObject({ allowed: false, violations: [expect.objectContaining({ code: 'MOTION.URGENT_ITEM' })] });
  });

  it('given the Genehmigung on the Kreistag agenda, when RECORD_OUTCOME is sent for it, then MOTION.URGENT_ITEM, pointing to APPROVE_ and REVOKE_URGENT_DECISION', () => {
    const result = refused([...path.urgentReady(), urgent(), e.schedule('kt')], e.outcome('kt', 'adopted'));
    expect(result.violations).toEqual([
      {
        code: 'MOTION.URGENT_ITEM',
        message:
          "On the agenda of the meeting of Kreistag on 2020-09-02 the motion is the Genehmigung of the Dringlichkeitsentscheidung: record the Kreistag's vote on it with APPROVE_URGENT_DECISION or REVOKE_URGENT_DECISION, not as an outcome.",
      },
    ]);
  });

  it('given a meeting whose agenda does not hold the motion, then only MOTION.NOT_ON_AGENDA, naming that meeting and the one that holds it by body and day, no id', () => {
    const meetingId = '6f1c2a9e-8d7b-4c3a-9e1f-2b3c4d5e6f70';
    const result = refused(
      vorlage(),
      e.outcome('kt', 'adopted', { meetingId, meeting: { state: 'invited', bodyName: 'Kreistag', start: '2020-09-02T17:00:00+02:00' } }),
    );
    expect(result.violations).toEqual([
      {
        code: 'MOTION.NOT_ON_AGENDA',
        message:
          'The motion is not on the open agenda of the meeting of Kreistag on 2020-09-02. It is on the agenda of the meeting of Integrationsausschuss on 2020-08-12 and the meeting of Kreisausschuss on 2020-08-26.',
      },
    ]);
    expect(result.violations[0]!.message).not.toMatch(UUID);
  });
});
