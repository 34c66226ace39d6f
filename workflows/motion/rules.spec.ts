/**
 * Every guard, refused (the violation code via `explain`) and accepted. Each case reads:
 * given <events>, when <event>, then refused with <code> / accepted.
 */
import { afterMeeting, attendance, coesfeldInput, competences, e, ev, given, kreistagMatter, path, PROPOSAL_1, step, votes, when } from './fixtures';
import type { MotionSnapshot } from './index';
import { MotionViolation as V } from './rules';
import type { MotionEvent, MotionEventOf, MotionInput } from './types';

interface Case {
  name: string;
  given: MotionEvent[];
  input?: MotionInput;
  when: MotionEvent;
}

const refusedWith = (c: Case & { code: string }) => {
  const result = when(given(c.given, c.input), c.when);
  expect(result.accepted).toBe(false);
  expect(result.codes).toContain(c.code);
  expect(result.violations.find((v) => v.code === c.code)!.message.length).toBeGreaterThan(10);
};

const acceptedWithout = (c: Case) => {
  const result = when(given(c.given, c.input), c.when);
  expect(result.violations).toEqual([]);
  expect(result.accepted).toBe(true);
  return result.snapshot;
};
const accepted = (c: Case): void => void acceptedWithout(c);

const add = (key: string, text = 'Text.', citation = '§ 50 Abs. 1 KrO NRW') =>
  ev<MotionEventOf<'ADD_PROPOSAL'>>({ type: 'ADD_PROPOSAL', key, text, legalBasis: { citation } });
const edit = (payload: Omit<MotionEventOf<'EDIT_PROPOSAL'>, 'type' | 'at' | 'actor'>) => ev<MotionEventOf<'EDIT_PROPOSAL'>>({ type: 'EDIT_PROPOSAL', ...payload });
const sequence = (steps: MotionEventOf<'SET_CONSULTATION_SEQUENCE'>['steps']) =>
  ev<MotionEventOf<'SET_CONSULTATION_SEQUENCE'>>({ type: 'SET_CONSULTATION_SEQUENCE', steps });
const refuse = (department: string, reason = 'Finanzierung ungeklärt') =>
  ev<MotionEventOf<'REFUSE_COSIGN'>>({ type: 'REFUSE_COSIGN', department, reason });
const unschedule = (meetingId: string, reason = 'Sitzung abgesagt') => ev<MotionEventOf<'UNSCHEDULE'>>({ type: 'UNSCHEDULE', meetingId, reason });
const record = (meeting: 'ia' | 'kt', outcomes: MotionEventOf<'RECORD_OUTCOME'>['outcomes'], present?: number) =>
  e.outcome(meeting, 'recommended', {
    outcomes,
    attendance: attendance(meeting === 'ia' ? 'integrationsausschuss' : 'kreistag', present),
  });
const both = (outcome: MotionEventOf<'RECORD_OUTCOME'>['outcomes'][string]) => ({ '1': outcome, '2': outcome });

const atIntegrationsausschuss = (): MotionEvent[] => [...path.released(), e.schedule('ia')];
const urgent = (patch: Partial<MotionEventOf<'URGENT_DECISION'>> = {}) =>
  ev<MotionEventOf<'URGENT_DECISION'>>({
    type: 'URGENT_DECISION',
    bodyId: 'body-ka',
    bodyName: 'Kreisausschuss',
    bodyKind: 'kreisausschuss',
    meetingId: 'ka-2020-08-26',
    reason: 'Förderfrist',
    outcomes: both({ outcome: 'adopted', votes: votes(14) }),
    attendance: attendance('kreisausschuss', 14),
    ...patch,
  });
const kreistagOn = <T extends 'APPROVE_URGENT_DECISION' | 'REVOKE_URGENT_DECISION'>(type: T, patch: Record<string, unknown> = {}) =>
  ev<MotionEventOf<T>>({
    type,
    bodyId: 'body-kt',
    meetingId: 'kt-2020-09-02',
    attendance: attendance('kreistag', 50),
    votes: votes(45, 5),
    reason: 'Kreistag entscheidet selbst',
    ...patch,
  } as never);
const addTask = (patch: Partial<MotionEventOf<'ADD_TASK'>> = {}) =>
  ev<MotionEventOf<'ADD_TASK'>>({ type: 'ADD_TASK', taskId: 't1', title: 'Vereinbarung mit dem Jobcenter', owner: 'KI', dueDate: '2020-10-31', ...patch });
const updateTask = (patch: Partial<MotionEventOf<'UPDATE_TASK'>>) => ev<MotionEventOf<'UPDATE_TASK'>>({ type: 'UPDATE_TASK', taskId: 't1', ...patch });

const decidedWithTask = (): MotionEvent[] => [...path.decided(), addTask()];
/** A motion the Integrationsausschuss decides itself (a delegated matter). */
const committeeDecides = coesfeldInput({
  steps: [step('integrationsausschuss', 'entscheidung')],
  proposals: [{ key: '1', text: PROPOSAL_1, legalBasis: { citation: 'Zuständigkeitsordnung § 3' } }],
});

/** Both proposals need Ja from more than half of the Kreistag's 55 statutory members (28). */
const statutoryMajority = coesfeldInput({
  proposals: coesfeldInput().proposals!.map((p) => ({ ...p, legalBasis: { ...kreistagMatter, majority: 'majorityOfStatutoryMembers' as const } })),
});

describe('motion rules', () => {
  describe('drafting', () => {
    it.each<Case & { code: string }>([
      { name: 'a proposal key twice', given: [], when: add('1'), code: V.DUPLICATE_PROPOSAL },
      { name: 'a proposal without text', given: [], when: add('3', '  '), code: V.TEXT_REQUIRED },
      { name: 'a proposal without legal basis', given: [], when: add('3', 'Text.', ''), code: V.LEGAL_BASIS_MISSING },
      { name: 'editing an unknown proposal', given: [], when: edit({ key: '9', text: 'x' }), code: V.UNKNOWN_PROPOSAL },
      { name: 'emptying a proposal text', given: [], when: edit({ key: '1', text: '' }), code: V.TEXT_REQUIRED },
      { name: 'dropping the legal basis', given: [], when: edit({ key: '1', legalBasis: { citation: ' ' } }), code: V.LEGAL_BASIS_MISSING },
      { name: 'removing an unknown proposal', given: [], when: ev<MotionEventOf<'REMOVE_PROPOSAL'>>({ type: 'REMOVE_PROPOSAL', key: '9' }), code: V.UNKNOWN_PROPOSAL },
      {
        name: 'a step with an unknown role',
        given: [],
        when: sequence([{ ...step('kreistag', 'entscheidung'), role: 'beschluss' as never }]),
        code: V.INVALID_STEP,
      },
      { name: 'submitting without proposals', given: [], input: coesfeldInput({ proposals: [] }), when: e.submit(), code: V.NO_PROPOSALS },
      {
        name: 'submitting a proposal created without legal basis',
        given: [],
        input: coesfeldInput({ proposals: [{ key: '1', text: PROPOSAL_1, legalBasis: { citation: '' } }] }),
        when: e.submit(),
        code: V.LEGAL_BASIS_MISSING,
      },
      {
        name: 'submitting a proposal created without text',
        given: [],
        input: coesfeldInput({ proposals: [{ key: '1', text: ' ', legalBasis: kreistagMatter }] }),
        when: e.submit(),
        code: V.TEXT_REQUIRED,
      },
      {
        name: 'submitting without a deciding step',
        given: [sequence([step('integrationsausschuss', 'vorberatung'), step('kreisausschuss', 'vorberatung')])],
        when: e.submit(),
        code: V.NO_DECIDING_STEP,
      },
      {
        name: 'submitting with two deciding steps',
        given: [sequence([step('kreisausschuss', 'entscheidung'), step('kreistag', 'entscheidung')])],
        when: e.submit(),
        code: V.MULTIPLE_DECIDING_STEPS,
      },
      {
        name: 'a Vorberatung after the decision',
        given: [sequence([step('kreistag', 'entscheidung'), step('kreisausschuss', 'vorberatung')])],
        when: e.submit(),
        code: V.STEP_AFTER_DECISION,
      },
    ])('refuses $name', refusedWith);

    it.each<Case>([
      { name: 'a new proposal', given: [], when: add('3') },
      { name: 'an edited text and legal basis', given: [], when: edit({ key: '1', text: 'Neu.', legalBasis: kreistagMatter }) },
      { name: 'removing a proposal', given: [], when: ev<MotionEventOf<'REMOVE_PROPOSAL'>>({ type: 'REMOVE_PROPOSAL', key: '2' }) },
      { name: 'a well-formed sequence', given: [], when: sequence([step('kreisausschuss', 'anhoerung'), step('kreistag', 'entscheidung')]) },
      { name: 'Kenntnisnahme after the decision', given: [sequence([step('kreistag', 'entscheidung'), step('sozialausschuss', 'kenntnisnahme')])], when: e.submit() },
    ])('accepts $name', accepted);
  });

  describe('co-signing and release', () => {
    it.each<Case & { code: string }>([
      { name: 'a department not asked to co-sign', given: path.cosigning(), when: e.cosign('Bauamt'), code: V.NOT_A_COSIGNER },
      { name: 'co-signing twice', given: [...path.cosigning(), e.cosign('Jobcenter')], when: e.cosign('Jobcenter'), code: V.ALREADY_COSIGNED },
      { name: 'refusing after co-signing', given: [...path.cosigning(), e.cosign('Jobcenter')], when: refuse('Jobcenter'), code: V.ALREADY_COSIGNED },
      { name: 'a refusal without reason', given: path.cosigning(), when: refuse('Kämmerei', ' '), code: V.REASON_REQUIRED },
      { name: 'release with a co-signature missing', given: [...path.cosigning(), e.cosign('Jobcenter')], when: e.release(), code: V.COSIGN_MISSING },
      {
        name: 'release when a committee would decide a matter reserved to the Kreistag',
        given: [sequence([step('integrationsausschuss', 'entscheidung')]), e.submit(), e.cosign('Jobcenter'), e.cosign('Kämmerei')],
        when: e.release({ ...competences, 'body-ia': ['§ 26 Abs. 1 lit. s) KrO NRW'] }),
        code: V.NOT_COMPETENT,
      },
      {
        name: 'release when the deciding body lacks the competence',
        given: [...path.cosigning(), e.cosign('Jobcenter'), e.cosign('Kämmerei')],
        when: e.release({ 'body-kt': ['§ 26 Abs. 1 lit. a) KrO NRW'] }),
        code: V.NOT_COMPETENT,
      },
      { name: 'withdrawal without reason', given: [], when: e.withdraw(''), code: V.REASON_REQUIRED },
    ])('refuses $name', refusedWith);

    it('names the body and the legal basis when it is not competent', () => {
      const result = when(given([...path.cosigning(), e.cosign('Jobcenter'), e.cosign('Kämmerei')]), e.release({}));
      expect(result.violations).toEqual([
        {
          code: V.NOT_COMPETENT,
          message: 'Kreistag cannot decide this motion: proposal 1 rests on § 26 Abs. 1 lit. s) KrO NRW, which is not among its competences; proposal 2 rests on § 26 Abs. 1 lit. s) KrO NRW, which is not among its competences.',
        },
      ]);
    });

    it.each<Case>([
      { name: 'a required co-signature', given: path.cosigning(), when: e.cosign('Kämmerei') },
      { name: 'a refusal with reason', given: path.cosigning(), when: refuse('Kämmerei') },
      { name: 'release when all co-signed and the Kreistag is competent (citation spacing aside)', given: [...path.cosigning(), e.cosign('Jobcenter'), e.cosign('Kämmerei')], when: e.release({ 'body-kt': ['§ 26  Abs. 1 lit. S) KrO NRW'] }) },
      { name: 'a committee deciding a delegated matter', given: [e.submit(), e.cosign('Jobcenter'), e.cosign('Kämmerei')], input: committeeDecides, when: e.release({ 'body-ia': ['Zuständigkeitsordnung § 3'] }) },
      { name: 'withdrawal with reason', given: [], when: e.withdraw() },
    ])('accepts $name', accepted);
  });

  describe('scheduling', () => {
    it.each<Case & { code: string }>([
      { name: 'a step that does not exist', given: path.released(), when: e.schedule('ia', { stepIndex: 9 }), code: V.UNKNOWN_STEP },
      { name: 'a later step before the current one', given: path.released(), when: e.schedule('kt'), code: V.STEP_NOT_CURRENT },
      { name: 'the deciding step once decided', given: path.decided(), when: e.schedule('kt', { meetingStart: '2020-10-07T17:00:00+02:00' }, afterMeeting('kt')), code: V.STEP_NOT_CURRENT },
      {
        name: 'a Kenntnisnahme already taken',
        given: [...path.released(), e.schedule('asg'), e.outcome('asg', 'takenNote')],
        when: e.schedule('asg', { stepIndex: 1, meetingId: 'asg-2', meetingStart: '2020-09-30T17:00:00+02:00' }, afterMeeting('asg')),
        // no Kenntnisnahme is left to schedule: the motion as it stands says so before the payload is judged
        code: V.STEP_NOT_CURRENT,
      },
      { name: 'a meeting of another body', given: path.released(), when: e.schedule('ia', { bodyId: 'body-ka', stepIndex: 0 }), code: V.WRONG_BODY },
      { name: 'a malformed meeting start', given: path.released(), when: e.schedule('ia', { meetingStart: 'next Wednesday' }), code: V.INVALID_DATE },
      { name: 'a meeting in the past', given: path.released(), when: e.schedule('ia', {}, '2020-08-12T17:30:00+02:00'), code: V.MEETING_IN_PAST },
      { name: 'an invitation within the period', given: path.released(), when: e.schedule('ia', {}, '2020-08-08T10:00:00+02:00'), code: V.INVITATION_TOO_LATE },
      {
        name: 'an urgent invitation within even the urgent period',
        given: path.released(),
        when: e.schedule('ia', { urgentReason: 'Antragsfrist' }, '2020-08-10T10:00:00+02:00'),
        code: V.INVITATION_TOO_LATE,
      },
      {
        name: 'an item added after the invitation went out, too late for a supplementary one',
        given: path.released(),
        when: e.schedule('ia', { invitationDate: '2020-08-01' }, '2020-08-07T10:00:00+02:00'),
        code: V.INVITATION_TOO_LATE,
      },
      { name: 'a second open agenda slot of the same body', given: atIntegrationsausschuss(), when: e.schedule('ia', { meetingId: 'ia-2020-08-19', meetingStart: '2020-08-19T17:00:00+02:00' }), code: V.ALREADY_ON_OPEN_AGENDA },
      { name: 'a motion the agenda service already lists elsewhere', given: path.released(), when: e.schedule('ia', { openAgendaMeetingIds: ['ia-2020-08-05'] }), code: V.ALREADY_ON_OPEN_AGENDA },
      { name: 'taking a motion off an agenda it is not on', given: atIntegrationsausschuss(), when: unschedule('ka-2020-08-26'), code: V.NOT_ON_AGENDA },
      { name: 'taking it off without reason', given: atIntegrationsausschuss(), when: unschedule('ia-2020-08-12', ''), code: V.REASON_REQUIRED },
    ])('refuses $name', refusedWith);

    it('explains the invitation period and the urgent alternative', () => {
      const result = when(given(path.released()), e.schedule('ia', {}, '2020-08-08T10:00:00+02:00'));
      expect(result.violations[0]!.message).toBe(
        'The invitation would go out on 2020-08-08, 4 days before the meeting on 2020-08-12; the body\'s invitation period is 7 days. With a recorded urgency reason the shorter period of 3 days would apply.',
      );
    });

    it('accepts the shorter urgent period with a reason, and records the reason', () => {
      const s = acceptedWithout({ name: '', given: path.released(), when: e.schedule('ia', { urgentReason: 'Antragsfrist des Landes' }, '2020-08-08T10:00:00+02:00') });
      // the meeting's invitation has not gone out yet: its day comes from the meeting with the outcome
      expect(s.context.consultations[0]).toMatchObject({ invitationDate: null, urgentInvitationReason: 'Antragsfrist des Landes' });
    });

    it('counts Berlin calendar days: late evening UTC is already the next day', () => {
      // 2020-08-04T22:30Z is already 05.08., 00:30 in Coesfeld: exactly 7 days before the meeting on 12.08.
      // an item added after the invitation went out rides on a supplementary invitation of that Berlin day
      const s = acceptedWithout({ name: '', given: path.released(), when: e.schedule('ia', { invitationDate: '2020-08-01' }, '2020-08-04T22:30:00Z') });
      expect(s.context.consultations[0]!.invitationDate).toBe('2020-08-05');
      const late = when(given(path.released()), e.schedule('ia', {}, '2020-08-05T22:30:00Z'));
      expect(late.codes).toEqual([V.INVITATION_TOO_LATE]);
    });

    it.each<Case>([
      { name: 'the current step on a meeting of its body, in time', given: path.released(), when: e.schedule('ia') },
      { name: 'a planned invitation date in time', given: path.released(), when: e.schedule('ia', { invitationDate: '2020-08-05' }, '2020-07-22T10:00:00+02:00') },
      { name: 'a Kenntnisnahme beside the current step', given: atIntegrationsausschuss(), when: e.schedule('asg') },
      { name: 'a Kenntnisnahme by explicit step index', given: path.released(), when: e.schedule('asg', { stepIndex: 1 }) },
      { name: 'taking the motion off an agenda', given: atIntegrationsausschuss(), when: unschedule('ia-2020-08-12') },
      { name: 'taking a Kenntnisnahme off an agenda', given: [...path.released(), e.schedule('asg')], when: unschedule('asg-2020-08-19') },
    ])('accepts $name', accepted);
  });

  describe('recording outcomes', () => {
    it.each<Case & { code: string }>([
      { name: 'an outcome for a meeting the motion is not on', given: atIntegrationsausschuss(), when: { ...e.outcome('ia', 'recommended'), meetingId: 'ka-2020-08-26' }, code: V.NOT_ON_AGENDA },
      { name: 'an outcome before the meeting began', given: atIntegrationsausschuss(), when: { ...e.outcome('ia', 'recommended'), at: '2020-08-12T16:59:00+02:00' }, code: V.MEETING_NOT_YET_HELD },
      { name: 'an outcome for one proposal only', given: atIntegrationsausschuss(), when: record('ia', { '1': { outcome: 'recommended', votes: votes(13) } }), code: V.OUTCOME_MISSING },
      { name: 'an outcome for an unknown proposal', given: atIntegrationsausschuss(), when: record('ia', { ...both({ outcome: 'recommended', votes: votes(13) }), '3': { outcome: 'recommended', votes: votes(13) } }), code: V.UNKNOWN_PROPOSAL },
      { name: 'a decision by a pre-deliberating committee', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'adopted', votes: votes(13) })), code: V.OUTCOME_NOT_ALLOWED },
      { name: 'a recommendation by the deciding body', given: path.kreistagScheduled(), when: record('kt', both({ outcome: 'recommended', votes: votes(50) })), code: V.OUTCOME_NOT_ALLOWED },
      { name: 'a recommendation at a Kenntnisnahme', given: [...path.released(), e.schedule('asg')], when: { ...e.outcome('asg', 'recommended') }, code: V.OUTCOME_NOT_ALLOWED },
      { name: 'postponing one proposal only', given: atIntegrationsausschuss(), when: record('ia', { '1': { outcome: 'postponed' }, '2': { outcome: 'recommended', votes: votes(13) } }), code: V.MIXED_PROCEDURAL_OUTCOME },
      { name: 'a resolution without attendance', given: atIntegrationsausschuss(), when: { ...record('ia', both({ outcome: 'recommended', votes: votes(13) })), attendance: undefined }, code: V.ATTENDANCE_MISSING },
      { name: 'an attendance without statutory members', given: atIntegrationsausschuss(), when: { ...record('ia', both({ outcome: 'recommended', votes: votes(3) })), attendance: { present: 3, statutoryMembers: 0 } }, code: V.INVALID_ATTENDANCE },
      { name: 'a resolution without quorum (7 of 15)', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommended', votes: votes(7) }), 7), code: V.NO_QUORUM },
      { name: 'a referral back without quorum', given: atIntegrationsausschuss(), when: { ...e.outcome('ia', 'referredBack'), attendance: attendance('integrationsausschuss', 5) }, code: V.NO_QUORUM },
      { name: 'a recommendation without votes', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommended' })), code: V.VOTES_MISSING },
      { name: 'negative votes', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommended', votes: votes(13, -1) })), code: V.INVALID_VOTES },
      { name: 'more votes than members present', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommended', votes: votes(10, 2, 1, 1) }), 13), code: V.INVALID_VOTES },
      { name: 'a recommendation the votes reject', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommended', votes: votes(5, 7, 1) })), code: V.RESULT_CONTRADICTS_VOTES },
      { name: 'a rejection the votes carry', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'notRecommended', votes: votes(7, 5, 1) })), code: V.RESULT_CONTRADICTS_VOTES },
      { name: 'an adoption on a tie', given: path.kreistagScheduled(), when: record('kt', both({ outcome: 'adopted', votes: votes(25, 25, 3) })), code: V.RESULT_CONTRADICTS_VOTES },
      {
        name: 'an adoption without the statutory majority its legal basis demands',
        given: path.kreistagScheduled(),
        input: statutoryMajority,
        when: record('kt', both({ outcome: 'adopted', votes: votes(27, 10, 3) }), 40),
        code: V.RESULT_CONTRADICTS_VOTES,
      },
      { name: 'an amendment without new text', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommendedWithAmendment', votes: votes(13) })), code: V.AMENDMENT_TEXT_MISSING },
      { name: 'an amendment repeating the current text', given: atIntegrationsausschuss(), when: record('ia', { '1': { outcome: 'recommendedWithAmendment', votes: votes(13), amendedText: PROPOSAL_1 }, '2': { outcome: 'recommended', votes: votes(13) } }), code: V.AMENDMENT_TEXT_MISSING },
      { name: 'a new text with an unamended outcome', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommended', votes: votes(13), amendedText: 'Neu.' })), code: V.AMENDMENT_TEXT_UNEXPECTED },
    ])('refuses $name', refusedWith);

    it('names the meetings by body and Berlin day and time, never by id', () => {
      const early = when(given(atIntegrationsausschuss()), { ...e.outcome('ia', 'recommended'), at: '2020-08-12T14:59:00Z' });
      expect(early.violations).toEqual([
        { code: V.MEETING_NOT_YET_HELD, message: 'The meeting of Integrationsausschuss on 2020-08-12 begins at 2020-08-12T17:00:00+02:00; outcomes are recorded once it is held.' },
      ]);
      // a start sent in UTC is shown in Berlin time
      const past = when(given(path.released()), e.schedule('ia', { meetingStart: '2020-07-01T15:00:00Z' }));
      expect(past.violations.find((v) => v.code === V.MEETING_IN_PAST)?.message).toBe('The meeting started at 2020-07-01T17:00:00+02:00, which is not in the future.');
    });

    it('says which proposal contradicts which count', () => {
      const result = when(given(atIntegrationsausschuss()), record('ia', { '1': { outcome: 'recommended', votes: votes(13) }, '2': { outcome: 'recommended', votes: votes(5, 7, 1) } }));
      expect(result.violations).toEqual([
        {
          code: V.RESULT_CONTRADICTS_VOTES,
          message: 'The result contradicts the votes: proposal 2 is recorded as recommended, but 5 Ja, 7 Nein, 1 Enthaltung, 0 befangen does not carry it (it needs more Ja than Nein).',
        },
      ]);
    });

    it.each<Case>([
      { name: 'a quorate recommendation (8 of 15 present)', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommended', votes: votes(5, 2, 1) }), 8) },
      { name: 'a rejection on a tie', given: path.kreistagScheduled(), when: record('kt', both({ outcome: 'rejected', votes: votes(25, 25, 3) })) },
      { name: 'members excluded for bias', given: atIntegrationsausschuss(), when: record('ia', both({ outcome: 'recommended', votes: votes(8, 2, 1, 2) }), 13) },
      { name: 'a postponement without quorum', given: atIntegrationsausschuss(), when: { ...e.outcome('ia', 'postponed'), attendance: attendance('integrationsausschuss', 4) } },
      { name: 'a Kenntnisnahme without votes or attendance', given: [...path.released(), e.schedule('asg')], when: e.outcome('asg', 'takenNote') },
      {
        name: 'an adoption with the statutory majority',
        given: path.kreistagScheduled(),
        input: statutoryMajority,
        when: record('kt', both({ outcome: 'adopted', votes: votes(28, 10, 2) }), 40),
      },
    ])('accepts $name', accepted);
  });

  describe('urgent decision (§ 50 Abs. 3 KrO NRW)', () => {
    it.each<Case & { code: string }>([
      {
        name: 'an urgent decision when the Kreistag does not decide',
        given: [e.submit(), e.cosign('Jobcenter'), e.cosign('Kämmerei'), e.release({ 'body-ia': ['Zuständigkeitsordnung § 3'] })],
        input: committeeDecides,
        when: urgent(),
        code: V.URGENT_DECISION_NOT_APPLICABLE,
      },
      { name: 'an urgent decision by a committee', given: path.urgentReady(), when: urgent({ bodyKind: 'ausschuss', bodyName: 'Integrationsausschuss' }), code: V.WRONG_BODY },
      { name: 'an urgent decision without reason', given: path.urgentReady(), when: urgent({ reason: '' }), code: V.REASON_REQUIRED },
      { name: 'an urgent postponement', given: path.urgentReady(), when: urgent({ outcomes: both({ outcome: 'postponed' }) }), code: V.OUTCOME_NOT_ALLOWED },
      { name: 'an urgent decision without quorum', given: path.urgentReady(), when: urgent({ attendance: attendance('kreisausschuss', 8), outcomes: both({ outcome: 'adopted', votes: votes(8) }) }), code: V.NO_QUORUM },
      { name: 'an approval by another body', given: [...path.urgentReady(), urgent(), e.schedule('kt')], when: kreistagOn('APPROVE_URGENT_DECISION', { bodyId: 'body-ka' }), code: V.WRONG_BODY },
      { name: 'an approval without quorum', given: [...path.urgentReady(), urgent(), e.schedule('kt')], when: kreistagOn('APPROVE_URGENT_DECISION', { attendance: attendance('kreistag', 27), votes: votes(27) }), code: V.NO_QUORUM },
      { name: 'an approval the votes reject', given: [...path.urgentReady(), urgent(), e.schedule('kt')], when: kreistagOn('APPROVE_URGENT_DECISION', { votes: votes(20, 25) }), code: V.RESULT_CONTRADICTS_VOTES },
      { name: 'a revocation once rights of others arose', given: [...path.urgentReady(), urgent(), e.schedule('kt')], when: kreistagOn('REVOKE_URGENT_DECISION', { thirdPartyRightsArisen: true }), code: V.REVOCATION_BARRED },
      { name: 'a revocation without reason', given: [...path.urgentReady(), urgent(), e.schedule('kt')], when: kreistagOn('REVOKE_URGENT_DECISION', { reason: '' }), code: V.REASON_REQUIRED },
    ])('refuses $name', refusedWith);

    it.each<Case>([
      { name: 'an urgent decision by the Kreisausschuss', given: path.urgentReady(), when: urgent() },
      { name: 'an approval by the Kreistag', given: [...path.urgentReady(), urgent(), e.schedule('kt')], when: kreistagOn('APPROVE_URGENT_DECISION') },
      { name: 'a revocation by the Kreistag', given: [...path.urgentReady(), urgent(), e.schedule('kt')], when: kreistagOn('REVOKE_URGENT_DECISION') },
    ])('accepts $name', accepted);
  });

  describe('implementation', () => {
    it.each<Case & { code: string }>([
      { name: 'a task id twice', given: decidedWithTask(), when: addTask(), code: V.DUPLICATE_TASK },
      { name: 'a task without owner', given: path.decided(), when: addTask({ owner: '' }), code: V.TASK_INCOMPLETE },
      { name: 'a German-style due date', given: path.decided(), when: addTask({ dueDate: '31.10.2020' }), code: V.INVALID_DATE },
      { name: 'a task for a rejected proposal', given: [...path.kreistagScheduled(), record('kt', { '1': { outcome: 'adopted', votes: votes(50) }, '2': { outcome: 'rejected', votes: votes(10, 40) } })], when: addTask({ proposalKey: '2' }), code: V.PROPOSAL_NOT_ADOPTED },
      { name: 'updating an unknown task', given: decidedWithTask(), when: updateTask({ taskId: 't9', report: 'x' }), code: V.UNKNOWN_TASK },
      { name: 'updating a finished task', given: [...decidedWithTask(), updateTask({ status: 'done' })], when: updateTask({ report: 'noch etwas' }), code: V.TASK_CLOSED },
      { name: 'an empty update', given: decidedWithTask(), when: updateTask({}), code: V.EMPTY_UPDATE },
      { name: 'an invalid new due date', given: decidedWithTask(), when: updateTask({ dueDate: '2020-02-30' }), code: V.INVALID_DATE },
      { name: 'completing with a task open', given: decidedWithTask(), when: ev({ type: 'COMPLETE_IMPLEMENTATION' }), code: V.TASKS_OPEN },
      { name: 'closing an adopted motion without tasks', given: path.decided(), when: ev({ type: 'CLOSE' }), code: V.IMPLEMENTATION_REQUIRED },
    ])('refuses $name', refusedWith);

    it('names tasks by title, owner and due day, not by their (generated) ids', () => {
      const id = 'b5e0c7a2-3f4d-4e1a-9c8b-7d6e5f4a3b2c';
      const withTask = [...path.decided(), addTask({ taskId: id })];
      const another = addTask({ taskId: 't2', title: 'Mittelabruf', owner: 'Kämmerei', dueDate: '2020-12-31' });
      const closed = when(given([...withTask, another, updateTask({ taskId: id, status: 'done' })]), updateTask({ taskId: id, report: 'noch etwas' }));
      const open = when(given(withTask), ev({ type: 'COMPLETE_IMPLEMENTATION' }));
      expect([...closed.violations, ...open.violations]).toEqual([
        { code: V.TASK_CLOSED, message: 'Task "Vereinbarung mit dem Jobcenter" (KI, due 2020-10-31) is already done.' },
        { code: V.TASKS_OPEN, message: 'Still open: "Vereinbarung mit dem Jobcenter" (KI, due 2020-10-31); mark each done or cancelled first.' },
      ]);
    });

    it.each<Case>([
      { name: 'a task for an adopted proposal', given: path.decided(), when: addTask({ proposalKey: '1' }) },
      { name: 'a status report', given: decidedWithTask(), when: updateTask({ status: 'inProgress', report: 'Gespräche laufen' }) },
      { name: 'completing when all tasks are done', given: [...decidedWithTask(), updateTask({ status: 'done' })], when: ev({ type: 'COMPLETE_IMPLEMENTATION' }) },
    ])('accepts $name', accepted);
  });

  it('explains nothing for an event the state does not handle', () => {
    const s: MotionSnapshot = given(path.decided());
    expect(when(s, e.release()).violations).toEqual([]);
  });
});
