/**
 * Spec support: the Coesfeld motion (SV-9-1600 follow-up, 2020) and a given / when / then fold
 * over XState's pure `transition()`. Imported by specs only.
 */
import { initialTransition, transition } from 'xstate';
import { accepts } from '../shared/rules-kit';
import type { Violation } from '../definition';
import { addDays, berlinDate } from '../shared/calendar';
import { explainMotion, type MotionSnapshot } from './index';
import { motionMachine } from './machine';
import type {
  MeetingFact,
  Attendance,
  Competences,
  ConsultationStep,
  EventMeta,
  LegalBasis,
  MotionEvent,
  MotionEventOf,
  MotionInput,
  ProposalOutcomeInput,
  Votes,
} from './types';

export const clerk = { id: 'clerk-sitzungsdienst', role: 'clerk' };

export const bodies = {
  integrationsausschuss: { bodyId: 'body-ia', bodyName: 'Integrationsausschuss', bodyKind: 'ausschuss' as const, statutoryMembers: 15 },
  sozialausschuss: {
    bodyId: 'body-asg',
    bodyName: 'Ausschuss für Arbeit, Soziales, Senioren und Gesundheit',
    bodyKind: 'ausschuss' as const,
    statutoryMembers: 15,
  },
  kreisausschuss: { bodyId: 'body-ka', bodyName: 'Kreisausschuss', bodyKind: 'kreisausschuss' as const, statutoryMembers: 16 },
  kreistag: { bodyId: 'body-kt', bodyName: 'Kreistag', bodyKind: 'kreistag' as const, statutoryMembers: 55 },
};
type BodyName = keyof typeof bodies;

export const LIT_S = '§ 26 Abs. 1 lit. s) KrO NRW';
export const kreistagMatter: LegalBasis = { citation: LIT_S, competentBodyKinds: ['kreistag'] };

export const competences: Competences = {
  'body-kt': ['§ 26 Abs. 1 lit. a) KrO NRW', LIT_S],
  'body-ka': ['§ 50 Abs. 1 KrO NRW', '§ 50 Abs. 3 KrO NRW'],
  'body-ia': [],
  'body-asg': [],
};

export const step = (body: BodyName, role: ConsultationStep['role']): ConsultationStep => {
  const { bodyId, bodyName, bodyKind } = bodies[body];
  return { bodyId, bodyName, bodyKind, role };
};

/** Integrationsausschuss → (Kenntnisnahme ASG) → Kreisausschuss → Kreistag. */
export const coesfeldSteps: ConsultationStep[] = [
  step('integrationsausschuss', 'vorberatung'),
  step('sozialausschuss', 'kenntnisnahme'),
  step('kreisausschuss', 'vorberatung'),
  step('kreistag', 'entscheidung'),
];

export const PROPOSAL_1 =
  'Die Verwaltung wird beauftragt, die Landesinitiativen „Durchstarten in Ausbildung und Arbeit“ inkl. des Bausteins VI „Gemeinsam klappt’s – Teilhabemanagement“ zusammen mit dem Kreisjobcenter als Teil der geschäftsführenden Stelle im Kreis Coesfeld umzusetzen.';
export const PROPOSAL_2 =
  'Für das laufende Jahr 2020 und vorbehaltlich der Haushaltsberatungen für 2021 wird die Verwaltung ermächtigt, einen Teil der Mittel aus der Integrationspauschale nach § 14c TIntG zur Sicherstellung des innerhalb der Landesinitiativen unter 1. geforderten Eigenanteils zur Umsetzung einzuplanen.';

export const coesfeldInput = (overrides: Partial<MotionInput> = {}): MotionInput => ({
  reference: 'SV-9-1600/1',
  title: 'Umsetzung der Landesinitiativen Durchstarten in Ausbildung und Arbeit und Gemeinsam klappt’s',
  department: 'Kommunales Integrationszentrum',
  requiredCosigners: ['Jobcenter', 'Kämmerei'],
  outline: {
    problemAndSolution: 'Durchstarten in Ausbildung und Arbeit / Gemeinsam klappt’s …',
    alternatives: 'keine',
    impacts: 'Eigenanteil bis zu 20 %: 2020 ca. 13.500 €, 2021 ca. 102.900 €, aus der Integrationspauschale.',
    competence: `Die Zuständigkeit des Kreistages für die Entscheidung ergibt sich aus ${LIT_S}.`,
  },
  proposals: [
    { key: '1', text: PROPOSAL_1, legalBasis: kreistagMatter },
    { key: '2', text: PROPOSAL_2, legalBasis: kreistagMatter },
  ],
  steps: coesfeldSteps,
  createdAt: '2020-07-20T09:00:00+02:00',
  ...overrides,
});

// ---- events -------------------------------------------------------------------------------

/** What a test writes: the payload without the engine's fields; the meeting fact may be left to `ev`. */
type Payload<E extends MotionEvent> = Omit<E, keyof EventMeta | 'meeting'> & { meeting?: MeetingFact };

/**
 * The state the meeting is in when the service sends the event, unless the test says otherwise:
 * invited while its agenda changes, held when outcomes and decisions are recorded.
 */
const MEETING_STATE: Partial<Record<MotionEvent['type'], MeetingFact['state']>> = {
  SCHEDULE: 'invited',
  SCHEDULE_URGENT: 'invited',
  UNSCHEDULE: 'invited',
  RECORD_OUTCOME: 'held',
  URGENT_DECISION: 'held',
  APPROVE_URGENT_DECISION: 'held',
  REVOKE_URGENT_DECISION: 'held',
};

/** Build an event as the engine sends it; `at` defaults to a fixed day in summer 2020. */
export const ev = <E extends MotionEvent>(payload: Payload<E>, at = '2020-07-21T10:00:00+02:00'): E => {
  const state = MEETING_STATE[payload.type];
  return ({ ...(state ? { meeting: { state } } : {}), ...payload, at, actor: clerk }) as unknown as E;
};

export const votes = (ja: number, nein = 0, enthaltung = 0, befangen = 0): Votes => ({ ja, nein, enthaltung, befangen });
export const attendance = (body: BodyName, present?: number): Attendance => ({
  present: present ?? bodies[body].statutoryMembers,
  statutoryMembers: bodies[body].statutoryMembers,
});

export const meetings = {
  ia: { meetingId: 'ia-2020-08-12', body: 'integrationsausschuss' as const, start: '2020-08-12T17:00:00+02:00' },
  asg: { meetingId: 'asg-2020-08-19', body: 'sozialausschuss' as const, start: '2020-08-19T17:00:00+02:00' },
  ka: { meetingId: 'ka-2020-08-26', body: 'kreisausschuss' as const, start: '2020-08-26T16:00:00+02:00' },
  kt: { meetingId: 'kt-2020-09-02', body: 'kreistag' as const, start: '2020-09-02T17:00:00+02:00' },
};
type MeetingName = keyof typeof meetings;

/** The held meeting as the meeting workflow records it: invited a week ahead, marked held ten minutes after its start. */
export const heldMeeting = (m: MeetingName): MeetingFact => {
  const start = meetings[m].start;
  return { state: 'held', start, invitationDate: addDays(berlinDate(start)!, -7), heldAt: start.replace(':00:00+', ':10:00+') };
};

export const e = {
  submit: (at?: string) => ev<MotionEventOf<'SUBMIT_FOR_COSIGNING'>>({ type: 'SUBMIT_FOR_COSIGNING' }, at),
  cosign: (department: string, at?: string) => ev<MotionEventOf<'COSIGN'>>({ type: 'COSIGN', department }, at),
  release: (c: Competences = competences, at?: string) => ev<MotionEventOf<'RELEASE'>>({ type: 'RELEASE', competences: c }, at),
  /** Schedules on a meeting 30+ days ahead of `at` unless told otherwise. */
  schedule: (m: MeetingName, extra: Partial<Payload<MotionEventOf<'SCHEDULE'>>> = {}, at = '2020-07-22T10:00:00+02:00') =>
    ev<MotionEventOf<'SCHEDULE'>>(
      {
        type: 'SCHEDULE',
        meetingId: meetings[m].meetingId,
        bodyId: bodies[meetings[m].body].bodyId,
        meetingStart: meetings[m].start,
        invitationPeriodDays: 7,
        urgentInvitationPeriodDays: 3,
        ...extra,
      },
      at,
    ),
  /** Records the same outcome for both proposals: two members absent, the rest voting as the outcome says. */
  outcome: (m: MeetingName, outcome: ProposalOutcomeInput['outcome'], extra: Partial<Payload<MotionEventOf<'RECORD_OUTCOME'>>> = {}) => {
    const present = bodies[meetings[m].body].statutoryMembers - 2;
    const against = outcome === 'notRecommended' || outcome === 'rejected';
    const voted = !['postponed', 'takenNote', 'referredBack'].includes(outcome);
    const one: ProposalOutcomeInput = voted ? { outcome, votes: against ? votes(1, present - 1) : votes(present) } : { outcome };
    return ev<MotionEventOf<'RECORD_OUTCOME'>>(
      {
        type: 'RECORD_OUTCOME',
        meetingId: meetings[m].meetingId,
        outcomes: { '1': one, '2': one },
        meeting: heldMeeting(m),
        ...(outcome === 'postponed' || outcome === 'takenNote' ? {} : { attendance: attendance(meetings[m].body, present) }),
        ...extra,
      },
      afterMeeting(m),
    );
  },
  /** The motion as a Dringlichkeitsvorlage on the Kreisausschuss meeting of 26.08.2020. */
  scheduleUrgent: (extra: Partial<Payload<MotionEventOf<'SCHEDULE_URGENT'>>> = {}, at = '2020-07-21T09:00:00+02:00') =>
    ev<MotionEventOf<'SCHEDULE_URGENT'>>(
      {
        type: 'SCHEDULE_URGENT',
        meetingId: meetings.ka.meetingId,
        bodyId: bodies.kreisausschuss.bodyId,
        bodyName: bodies.kreisausschuss.bodyName,
        bodyKind: 'kreisausschuss',
        meetingStart: meetings.ka.start,
        invitationPeriodDays: 7,
        urgentInvitationPeriodDays: 3,
        urgentReason: 'Förderfrist endet vor der nächsten Kreistagssitzung',
        ...extra,
      },
      at,
    ),
  withdraw: (reason = 'Landesprogramm eingestellt', at?: string) => ev<MotionEventOf<'WITHDRAW'>>({ type: 'WITHDRAW', reason }, at),
};

/** An hour after the meeting began. */
export const afterMeeting = (m: MeetingName): string => meetings[m].start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`);

// ---- given / when / then ------------------------------------------------------------------

export interface Step {
  snapshot: MotionSnapshot;
  actions: { type: string; params: unknown }[];
}

/** Folds events through the machine; every one must be accepted. */
export function given(events: MotionEvent[] = [], input: MotionInput = coesfeldInput()): MotionSnapshot {
  let [snapshot] = initialTransition(motionMachine, input);
  for (const event of events) {
    const result = when(snapshot, event);
    if (!result.accepted) {
      throw new Error(`given: ${event.type} was refused in ${JSON.stringify(snapshot.value)}: ${JSON.stringify(result.violations)}`);
    }
    snapshot = result.snapshot;
  }
  return snapshot;
}

export interface Outcome extends Step {
  accepted: boolean;
  violations: Violation[];
  codes: string[];
}

/** One event, as the engine runs it: refused when `transition()` returns the same snapshot. */
export function when(snapshot: MotionSnapshot, event: MotionEvent): Outcome {
  const [next, actions] = transition(motionMachine, snapshot, event);
  const accepted = accepts(snapshot, event);
  const violations = accepted ? [] : explainMotion(snapshot, event);
  // what the engine writes to the outbox: named actions with their params
  const effects = actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => ({ type: a.type, params: a.params }));
  return { snapshot: next, actions: effects, accepted, violations, codes: violations.map((v) => v.code) };
}

/** Events that take the Coesfeld motion to the given milestone. */
export const path = {
  cosigning: (): MotionEvent[] => [e.submit()],
  released: (): MotionEvent[] => [...path.cosigning(), e.cosign('Jobcenter'), e.cosign('Kämmerei'), e.release()],
  atKreisausschuss: (): MotionEvent[] => [...path.released(), e.schedule('ia'), e.outcome('ia', 'recommended')],
  atKreistag: (): MotionEvent[] => [
    ...path.atKreisausschuss(),
    e.schedule('ka', {}, afterMeeting('ia')),
    e.outcome('ka', 'recommended'),
  ],
  kreistagScheduled: (): MotionEvent[] => [...path.atKreistag(), e.schedule('kt', {}, afterMeeting('ka'))],
  /** Released, and on the Kreisausschuss agenda as a Dringlichkeitsvorlage. */
  urgentReady: (): MotionEvent[] => [...path.released(), e.scheduleUrgent()],
  decided: (): MotionEvent[] => [...path.kreistagScheduled(), e.outcome('kt', 'adopted')],
};
