import { COESFELD_MUNICIPALITIES, evenShares } from './fixtures';
import type { Command } from './testing';
import type { Allocation, ReceiveDeclarationEvent, RecordLateDeclarationEvent, RecordTalkEvent } from './types';

/**
 * The two procedures of the real case as command lists, shared by the specs (and usable by
 * seeds and e2e tests): module VI with the Caritasverband alone, module I with three providers.
 */

export const T = {
  drafted: '2020-02-01T09:00:00.000Z',
  published: '2020-02-03T08:00:00.000Z',
  received: '2020-03-20T10:00:00.000Z',
  beforeDeadline: '2020-03-31T21:00:00.000Z',
  /** The same instant as the setups' deadline 2020-03-31T23:59:59+02:00. */
  deadline: '2020-03-31T21:59:59.000Z',
  afterDeadline: '2020-04-01T06:00:00.000Z',
  evaluation: '2020-04-02T08:00:00.000Z',
  talks: '2020-04-15T08:00:00.000Z',
  decided: '2020-04-20T08:00:00.000Z',
  staffed: '2020-05-04T08:00:00.000Z',
  informed: '2020-05-27T08:00:00.000Z',
  completed: '2020-08-19T08:00:00.000Z',
} as const;

export const EVALUATORS = ['eval-ki', 'eval-jobcenter'] as const;

export const CARITAS = { providerId: 'p-caritas', providerName: 'Caritasverband für den Kreis Coesfeld e.V.' } as const;
export const KOLPING = { providerId: 'p-kolping', providerName: 'Kolping-Bildungswerk' } as const;
export const AWO = { providerId: 'p-awo', providerName: 'AWO Unterbezirk' } as const;

export const NORTH = ['Billerbeck', 'Coesfeld', 'Dülmen', 'Havixbeck', 'Nottuln', 'Rosendahl'];
export const SOUTH = ['Ascheberg', 'Dülmen', 'Lüdinghausen', 'Nordkirchen', 'Olfen', 'Senden'];

export function declare(
  declarationId: string,
  provider: { providerId: string; providerName: string },
  municipalities: readonly string[] = COESFELD_MUNICIPALITIES,
  receivedAt: string = T.received,
): Omit<ReceiveDeclarationEvent, 'actor'> {
  return {
    type: 'RECEIVE_DECLARATION',
    at: receivedAt,
    declarationId,
    ...provider,
    concept: `Konzept von ${provider.providerName}`,
    receivedAt,
    municipalities,
  };
}

/** A declaration received after the deadline, recorded as late (kept on file, excluded). */
export function declareLate(
  declarationId: string,
  provider: { providerId: string; providerName: string },
  municipalities: readonly string[],
  receivedAt: string,
): Omit<RecordLateDeclarationEvent, 'actor'> {
  return { ...declare(declarationId, provider, municipalities, receivedAt), type: 'RECORD_LATE_DECLARATION' };
}

/** Points per criterion, one entry per evaluator (in EVALUATORS order). */
export type Marks = Readonly<Record<'concept' | 'experience' | 'network' | 'staff', readonly number[]>>;

export function scoreAll(declarationId: string, marks: Marks, at: string = T.evaluation): Command[] {
  return Object.entries(marks).flatMap(([criterionKey, points]) =>
    points.map((p, i): Command => ({
      type: 'SCORE',
      at,
      declarationId,
      criterionKey,
      evaluatorId: EVALUATORS[i] ?? `eval-${i}`,
      points: p,
      comment: `${criterionKey}: ${p}`,
    })),
  );
}

export const publish: Command = { type: 'PUBLISH', at: T.published };
export const deadlineTimer: Command = { type: 'DEADLINE_REACHED', deadline: 'callDeadline', at: T.deadline };
export const startEvaluation: Command = { type: 'START_EVALUATION', at: T.evaluation };
export const startTalks: Command = { type: 'START_TALKS', at: T.talks };

export function talk(declarationId: string, resultNote = 'Konzept erläutert; Personalplanung besprochen.'): Omit<RecordTalkEvent, 'actor'> {
  return { type: 'RECORD_TALK', at: T.talks, declarationId, date: '2020-04-15', participants: ['KI', 'Jobcenter', 'Träger'], resultNote };
}

// ------------------------------------------------------------------ module VI

export const CARITAS_MARKS: Marks = { concept: [5, 4], experience: [5, 5], network: [4, 4], staff: [4, 3] };

/** Up to the talks: Caritas declared, the timer closed the call, two evaluators scored, talk held. */
export const moduleVIUntilTalks: readonly Command[] = [
  publish,
  declare('d-vi-caritas', CARITAS),
  deadlineTimer,
  startEvaluation,
  ...scoreAll('d-vi-caritas', CARITAS_MARKS),
  startTalks,
  talk('d-vi-caritas'),
];

/** 1.5 FTE over all 11 municipalities (seven get 0.14, four 0.13). */
export const caritasEverywhere: Allocation[] = evenShares(150, COESFELD_MUNICIPALITIES).map((s) => ({ providerId: CARITAS.providerId, ...s }));

export const decideVI: Command = {
  type: 'DECIDE_SELECTION',
  at: T.decided,
  selected: [{ providerId: CARITAS.providerId }],
  allocation: caritasEverywhere,
};

export const moduleVIToTheEnd: readonly Command[] = [
  ...moduleVIUntilTalks,
  decideVI,
  { type: 'RECORD_STAFFING', at: T.staffed, providerId: CARITAS.providerId, fteHundredths: 50, from: '2020-05-01', status: 'staffed' },
  { type: 'RECORD_STAFFING', at: T.staffed, providerId: CARITAS.providerId, fteHundredths: 100, from: '2020-05-01', status: 'recruiting' },
  { type: 'INFORM_COMMITTEE', at: T.informed, bodyId: 'integrationsausschuss', date: '2020-05-27' },
  { type: 'COMPLETE', at: T.completed },
];

// ------------------------------------------------------------------ module I

/** Caritas 89.00, Kolping 73.00, AWO 72.00 points. */
export const MODULE_I_MARKS = {
  caritas: { concept: [5, 4], experience: [5, 5], network: [4, 4], staff: [4, 3] },
  kolping: { concept: [4, 4], experience: [3, 4], network: [3, 3], staff: [4, 4] },
  awo: { concept: [4, 3], experience: [4, 4], network: [4, 3], staff: [3, 3] },
} satisfies Record<string, Marks>;

export const moduleIUntilTalks: readonly Command[] = [
  publish,
  declare('d-i-caritas', CARITAS),
  declare('d-i-kolping', KOLPING, NORTH),
  declare('d-i-awo', AWO, SOUTH),
  { type: 'CLOSE', at: T.afterDeadline },
  startEvaluation,
  ...scoreAll('d-i-caritas', MODULE_I_MARKS.caritas),
  ...scoreAll('d-i-kolping', MODULE_I_MARKS.kolping),
  ...scoreAll('d-i-awo', MODULE_I_MARKS.awo),
  startTalks,
  talk('d-i-caritas'),
  talk('d-i-kolping'),
  talk('d-i-awo'),
];

const share = (providerId: string, municipality: string, fteHundredths: number): Allocation => ({ providerId, municipality, fteHundredths });

/** The two best ranked: Kolping in the north (1.20 FTE), Caritas in the south and Dülmen (1.80 FTE). */
export const followingTheRanking: Allocation[] = [
  share(KOLPING.providerId, 'Billerbeck', 20),
  share(KOLPING.providerId, 'Coesfeld', 40),
  share(KOLPING.providerId, 'Havixbeck', 20),
  share(KOLPING.providerId, 'Nottuln', 20),
  share(KOLPING.providerId, 'Rosendahl', 20),
  share(CARITAS.providerId, 'Ascheberg', 20),
  share(CARITAS.providerId, 'Dülmen', 60),
  share(CARITAS.providerId, 'Lüdinghausen', 30),
  share(CARITAS.providerId, 'Nordkirchen', 20),
  share(CARITAS.providerId, 'Olfen', 20),
  share(CARITAS.providerId, 'Senden', 30),
];

/** AWO (rank 3) instead of Kolping (rank 2): a deviation from the ranking. */
export const passingOverKolping: Allocation[] = [
  share(AWO.providerId, 'Ascheberg', 20),
  share(AWO.providerId, 'Lüdinghausen', 30),
  share(AWO.providerId, 'Nordkirchen', 20),
  share(AWO.providerId, 'Olfen', 20),
  share(AWO.providerId, 'Senden', 30),
  share(CARITAS.providerId, 'Billerbeck', 20),
  share(CARITAS.providerId, 'Coesfeld', 60),
  share(CARITAS.providerId, 'Dülmen', 40),
  share(CARITAS.providerId, 'Havixbeck', 20),
  share(CARITAS.providerId, 'Nottuln', 20),
  share(CARITAS.providerId, 'Rosendahl', 20),
];
