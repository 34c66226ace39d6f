import { berlinDate, daysBetween, endOfBerlinDay, instantMs, isIsoDate } from '../shared/calendar';
import { competences, e, ev, given, path } from './fixtures';
import { motionSteps } from './index';
import { currentStep, implementationSummary, kenntnisnahmeStatus, motionHint, overdueTasks, statusOf, taskState, type MotionSnapshot } from './queries';
import { MotionViolation as V } from './rules';
import type { MotionEventOf, MotionPreviewFacts } from './types';

interface NextStep {
  command: string;
  allowed: boolean;
  code?: string;
  reason?: string;
  hint?: string;
}

/** The definition's steps with their hints, as the dispatcher lists them (first violation only). */
function nextSteps(s: MotionSnapshot, at: string, facts?: Partial<MotionPreviewFacts>): NextStep[] {
  return motionSteps(s, at, facts).map(({ event: command, allowed, violations: [first] }) => {
    if (!allowed) return first ? { command, allowed, code: first.code, reason: first.message } : { command, allowed };
    const hint = motionHint(s, command);
    return hint ? { command, allowed, hint } : { command, allowed };
  });
}
const byCommand = (steps: NextStep[]) => Object.fromEntries(steps.map((s) => [s.command, s]));

describe('motion queries', () => {
  describe('statusOf / currentStep', () => {
    it('names the leaf state and the step the motion is at', () => {
      expect(statusOf('draft')).toBe('draft');
      expect(statusOf({ released: { inConsultation: 'scheduled' } })).toBe('scheduled');
      expect(statusOf({ released: 'implementation' })).toBe('implementation');
      expect(currentStep(given().context)).toBeNull();
      expect(currentStep(given(path.atKreisausschuss()).context)).toEqual({
        index: 2,
        step: { bodyId: 'body-ka', bodyName: 'Kreisausschuss', bodyKind: 'kreisausschuss', role: 'vorberatung' },
      });
    });
  });

  describe('nextSteps', () => {
    /** The motion's pre rules read no time; any instant will do. */
    const NOW = '2020-07-22T10:00:00+02:00';
    it('in draft: editing, submitting and withdrawing', () => {
      const steps = nextSteps(given(), NOW);
      expect(steps.map((s) => s.command).sort()).toEqual(
        ['EDIT_MOTION', 'ADD_PROPOSAL', 'EDIT_PROPOSAL', 'REMOVE_PROPOSAL', 'SET_CONSULTATION_SEQUENCE', 'SUBMIT_FOR_COSIGNING', 'WITHDRAW'].sort(),
      );
      expect(steps.every((s) => s.allowed)).toBe(true);
      expect(byCommand(steps).SUBMIT_FOR_COSIGNING!.hint).toBe('Co-signing by Jobcenter, Kämmerei');
    });

    it('blocks submitting a sequence without a deciding body, with the reason', () => {
      const s = given([ev<MotionEventOf<'SET_CONSULTATION_SEQUENCE'>>({ type: 'SET_CONSULTATION_SEQUENCE', steps: [] })]);
      expect(byCommand(nextSteps(s, NOW)).SUBMIT_FOR_COSIGNING).toEqual({
        command: 'SUBMIT_FOR_COSIGNING',
        allowed: false,
        code: V.NO_DECIDING_STEP,
        reason: 'The consultation sequence needs a step with the role Entscheidung.',
      });
    });

    it('in co-signing: release is blocked until every department signed; competence is previewed when given', () => {
      const s = given([...path.cosigning(), e.cosign('Jobcenter')]);
      expect(byCommand(nextSteps(s, NOW))).toEqual({
        COSIGN: { command: 'COSIGN', allowed: true, hint: 'Awaiting Kämmerei' },
        REFUSE_COSIGN: { command: 'REFUSE_COSIGN', allowed: true, hint: 'Awaiting Kämmerei' },
        RETURN_TO_DRAFT: { command: 'RETURN_TO_DRAFT', allowed: true },
        RELEASE: { command: 'RELEASE', allowed: false, code: V.COSIGN_MISSING, reason: 'Co-signature missing from Kämmerei.' },
        WITHDRAW: { command: 'WITHDRAW', allowed: true },
      });
      const signed = given([...path.cosigning(), e.cosign('Jobcenter'), e.cosign('Kämmerei')]);
      expect(byCommand(nextSteps(signed, NOW)).RELEASE!.allowed).toBe(true);
      expect(byCommand(nextSteps(signed, NOW, { competences })).RELEASE!.allowed).toBe(true);
      expect(byCommand(nextSteps(signed, NOW, { competences: {} })).RELEASE).toMatchObject({ allowed: false, code: V.NOT_COMPETENT });
    });

    it('while awaiting a slot: what to schedule next, Kenntnisnahme included', () => {
      const steps = byCommand(nextSteps(given(path.released()), NOW));
      expect(steps.SCHEDULE!.hint).toBe(
        'Schedule step 1, Integrationsausschuss (Vorberatung); step 2, Ausschuss für Arbeit, Soziales, Senioren und Gesundheit (Kenntnisnahme)',
      );
      expect(steps.RECORD_OUTCOME).toMatchObject({ allowed: false, code: V.NOT_ON_AGENDA });
      expect(steps.URGENT_DECISION!.allowed).toBe(true);
    });

    it('once scheduled: outcome allowed, a second slot blocked with the reason', () => {
      const steps = byCommand(nextSteps(given([...path.released(), e.schedule('ia'), e.schedule('asg')]), NOW));
      expect(steps.RECORD_OUTCOME).toEqual({
        command: 'RECORD_OUTCOME',
        allowed: true,
        hint: 'Integrationsausschuss (vorberatung); Ausschuss für Arbeit, Soziales, Senioren und Gesundheit (kenntnisnahme)',
      });
      expect(steps.SCHEDULE).toMatchObject({ allowed: false, code: V.ALREADY_ON_OPEN_AGENDA });
    });

    it('after the decision: no withdrawal; closing blocked while something was adopted', () => {
      const steps = nextSteps(given(path.decided()), NOW);
      expect(steps.map((s) => s.command).sort()).toEqual(['ADD_TASK', 'CLOSE', 'RECORD_OUTCOME', 'SCHEDULE', 'UNSCHEDULE']);
      expect(byCommand(steps).CLOSE).toMatchObject({ allowed: false, code: V.IMPLEMENTATION_REQUIRED });
      expect(byCommand(steps).SCHEDULE!.hint).toContain('Kenntnisnahme');
    });

    it('is empty when the motion is finished', () => {
      expect(nextSteps(given([e.withdraw()]), NOW)).toEqual([]);
    });
  });

  describe('Beschlusskontrolle', () => {
    const task = (taskId: string, dueDate: string) =>
      ev<MotionEventOf<'ADD_TASK'>>({ type: 'ADD_TASK', taskId, title: taskId, owner: 'KI', dueDate });
    const s = given([
      ...path.decided(),
      task('due-today', '2020-10-01'),
      task('late', '2020-09-30'),
      task('finished', '2020-09-01'),
      ev<MotionEventOf<'UPDATE_TASK'>>({ type: 'UPDATE_TASK', taskId: 'finished', status: 'done' }),
    ]);

    it('a task is overdue once its Berlin due day has passed', () => {
      // 2020-09-30T22:30Z is already 1 October in Coesfeld
      expect(overdueTasks(s.context, '2020-09-30T22:30:00Z').map((t) => t.taskId)).toEqual(['late']);
      expect(overdueTasks(s.context, '2020-09-30T21:30:00Z')).toEqual([]);
      expect(taskState(s.context.tasks[2]!, '2021-01-01T00:00:00Z')).toBe('done');
    });

    it('summarises on-track, overdue and done', () => {
      expect(implementationSummary(s.context, '2020-10-01T12:00:00+02:00')).toEqual({ onTrack: 1, overdue: 1, done: 1, cancelled: 0 });
    });

    it('shows each Kenntnisnahme and whether it was taken', () => {
      const noted = given([...path.released(), e.schedule('asg'), e.outcome('asg', 'takenNote')]);
      expect(kenntnisnahmeStatus(noted.context)).toEqual([
        { stepIndex: 1, bodyId: 'body-asg', bodyName: 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', noted: true, meetingId: null },
      ]);
      expect(kenntnisnahmeStatus(given([...path.released(), e.schedule('asg')]).context)[0]).toMatchObject({ noted: false, meetingId: 'asg-2020-08-19' });
    });
  });

  describe('calendar (Europe/Berlin)', () => {
    it('reads instants with offsets and validates dates', () => {
      expect(instantMs('2020-08-19T17:00:00+02:00')).toBe(instantMs('2020-08-19T15:00:00.000Z'));
      expect(instantMs('2020-08-19 17:00')).toBeUndefined();
      expect(isIsoDate('2020-02-29')).toBe(true);
      expect(isIsoDate('2021-02-29')).toBe(false);
      expect(daysBetween('2020-08-05', '2020-08-12')).toBe(7);
    });

    it('knows summer and winter time', () => {
      expect(berlinDate('2020-08-04T22:30:00Z')).toBe('2020-08-05');
      expect(berlinDate('2020-12-04T22:30:00Z')).toBe('2020-12-04');
      expect(berlinDate('2020-12-04T23:30:00Z')).toBe('2020-12-05');
      expect(endOfBerlinDay('2020-10-24')).toBe('2020-10-24T22:00:00.000Z'); // Sunday 25.10. starts in summer time
      expect(endOfBerlinDay('2020-10-25')).toBe('2020-10-25T23:00:00.000Z');
      expect(endOfBerlinDay('2020-03-29')).toBe('2020-03-29T22:00:00.000Z');
      expect(endOfBerlinDay('2020-12-31')).toBe('2020-12-31T23:00:00.000Z');
    });
  });
});

