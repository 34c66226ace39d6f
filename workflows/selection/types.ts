/**
 * Provider selection (Interessenbekundungsverfahren) for one funding module (Baustein).
 * Everything here is plain JSON: the context is the decision record that replay rebuilds.
 * FTE are integer hundredths (150 = 1.5 FTE), weights basis points (10000 = 100 %),
 * instants ISO 8601 with offset (`2020-03-31T22:00:00Z`), dates `YYYY-MM-DD`.
 */

export interface Criterion {
  /** Stable key that scores refer to, e.g. `concept`. */
  readonly key: string;
  readonly name: string;
  /** Share of the 100 points, in basis points; all criteria together make 10000. */
  readonly weightBp: number;
}

/** What the managing office sets up in the draft; the input at creation. */
export interface SelectionSetup {
  /** e.g. "Durchstarten in Ausbildung und Arbeit". */
  readonly programme: string;
  /** The Baustein, e.g. "VI". */
  readonly module: string;
  readonly title: string;
  /** The published call text. */
  readonly callText: string;
  /** Instant the call closes; a declaration received after it is late. */
  readonly deadline: string;
  readonly criteria: readonly Criterion[];
  /** Points run from 0 to scaleMax (whole points), e.g. 5. */
  readonly scaleMax: number;
  /** How many evaluators must score every admitted declaration on every criterion. */
  readonly requiredEvaluators: number;
  /** Positions to allocate, e.g. 150 = 1.5 FTE. */
  readonly fteAvailableHundredths: number;
  /** The area to cover, e.g. Kreis Coesfeld's 11 municipalities. */
  readonly municipalities: readonly string[];
}

export type SelectionInput = SelectionSetup;

/** An interest declaration (Interessenbekundung) of a provider (Träger). */
export interface Declaration {
  readonly declarationId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly concept: string;
  readonly receivedAt: string;
  /** Municipalities the provider offers to cover. */
  readonly municipalities: readonly string[];
  /** Received after the deadline: recorded for the file, excluded from evaluation. */
  readonly late: boolean;
  /** Takes part in evaluation and selection (on time). */
  readonly admitted: boolean;
  readonly recordedAt: string;
}

export interface Score {
  readonly declarationId: string;
  readonly criterionKey: string;
  readonly evaluatorId: string;
  readonly points: number;
  readonly comment: string;
  readonly scoredAt: string;
}

/** An evaluator's declared conflict of interest (Befangenheit) with a provider. */
export interface Conflict {
  readonly evaluatorId: string;
  /** Who declared it, by name (the Befangenheitserklärung names the person); null in records from before it was asked. */
  readonly evaluatorName?: string | null;
  readonly providerId: string;
  readonly note: string | null;
  readonly declaredAt: string;
  /** Scores this evaluator had already given that provider; they were withdrawn. */
  readonly withdrawnScores: number;
}

/** A provider talk (Trägergespräch). */
export interface Talk {
  readonly declarationId: string;
  readonly providerId: string;
  readonly date: string;
  readonly participants: readonly string[];
  readonly resultNote: string;
  readonly recordedAt: string;
}

/** One FTE share (Stellenanteil): a provider serving a municipality. */
export interface Allocation {
  readonly providerId: string;
  readonly municipality: string;
  readonly fteHundredths: number;
}

export interface Selection {
  readonly selected: readonly { readonly providerId: string }[];
  /** True when the selection does not follow the computed ranking. */
  readonly deviates: boolean;
  /** True when a provider with the same weighted total as a selected one was left out (a tie broken). */
  readonly tieBroken: boolean;
  /** Why the selection deviates from the ranking or breaks a tie; required for either. */
  readonly deviationReason: string | null;
  /**
   * The allocation decided with the selection. With a pilot phase it covers only the pilot
   * municipalities and may use part of the FTE (the rest stays unallocated until the roll-out).
   */
  readonly allocation: readonly Allocation[];
  /** A pilot phase covering only these municipalities; null means the whole area from the start. */
  readonly pilot: { readonly municipalities: readonly string[] } | null;
  readonly decidedAt: string;
  readonly decidedBy: string;
  /** After a pilot phase: the allocation that covers the whole area with exactly the FTE available. */
  readonly rollOut: RollOut | null;
}

/** The roll-out after a pilot phase (ROLL_OUT). */
export interface RollOut {
  readonly allocation: readonly Allocation[];
  readonly decidedAt: string;
  readonly decidedBy: string;
}

export interface CommitteeInformation {
  readonly bodyId: string;
  readonly meetingId: string | null;
  readonly date: string;
  readonly recordedAt: string;
}

export type StaffingStatus = 'staffed' | 'recruiting';

/** A staffing report after the selection, e.g. 0.5 FTE staffed from 2020-05-01, 1.0 FTE recruiting. */
export interface StaffingEntry {
  readonly providerId: string;
  readonly fteHundredths: number;
  readonly from: string;
  readonly status: StaffingStatus;
  readonly recordedAt: string;
}

export interface Closing {
  readonly reason: string;
  readonly at: string;
  readonly by: string;
}

export interface SelectionContext extends SelectionSetup {
  readonly publishedAt: string | null;
  readonly closedAt: string | null;
  /** `timer`: the durable deadline timer; `command`: the service closed it when the next command came. */
  readonly closedBy: 'timer' | 'command' | null;
  readonly evaluationStartedAt: string | null;
  readonly talksStartedAt: string | null;
  readonly declarations: readonly Declaration[];
  readonly conflicts: readonly Conflict[];
  readonly scores: readonly Score[];
  readonly talks: readonly Talk[];
  /** Set once, by DECIDE_SELECTION; non-null means the selection is decided. */
  readonly selection: Selection | null;
  readonly committee: CommitteeInformation | null;
  readonly staffing: readonly StaffingEntry[];
  readonly cancellation: Closing | null;
  readonly noSuitableDeclaration: Closing | null;
  readonly completedAt: string | null;
}

export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** Every event carries these; the engine sets them, never the caller. */
export interface Envelope {
  readonly at: string;
  readonly actor: Actor;
}

export interface DeclarationPayload {
  readonly declarationId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly concept: string;
  readonly receivedAt: string;
  readonly municipalities: readonly string[];
}

export type EditEvent = Envelope & { readonly type: 'EDIT' } & Partial<SelectionSetup>;
export type PublishEvent = Envelope & { readonly type: 'PUBLISH' };
export type ReceiveDeclarationEvent = Envelope & DeclarationPayload & { readonly type: 'RECEIVE_DECLARATION' };
export type RecordLateDeclarationEvent = Envelope & DeclarationPayload & { readonly type: 'RECORD_LATE_DECLARATION' };
export type CloseEvent = Envelope & { readonly type: 'CLOSE' };
export type DeadlineReachedEvent = Envelope & { readonly type: 'DEADLINE_REACHED'; readonly deadline?: string };
export type StartEvaluationEvent = Envelope & { readonly type: 'START_EVALUATION' };
export type DeclareConflictEvent = Envelope & {
  readonly type: 'DECLARE_CONFLICT';
  readonly evaluatorId: string;
  /** The evaluator's name, so the record and refusals name the person (optional: older events lack it). */
  readonly evaluatorName?: string;
  readonly providerId: string;
  readonly note?: string;
  /** Fact: register names of the providers the payload names (for messages). */
  readonly providerNames?: Readonly<Record<string, string>>;
};
export type ScoreEvent = Envelope & {
  readonly type: 'SCORE';
  readonly declarationId: string;
  readonly criterionKey: string;
  readonly evaluatorId: string;
  readonly points: number;
  readonly comment: string;
};
export type StartTalksEvent = Envelope & { readonly type: 'START_TALKS' };
export type RecordTalkEvent = Envelope & {
  readonly type: 'RECORD_TALK';
  readonly declarationId: string;
  readonly date: string;
  readonly participants: readonly string[];
  readonly resultNote: string;
};
export type DecideSelectionEvent = Envelope & {
  readonly type: 'DECIDE_SELECTION';
  readonly selected: readonly { readonly providerId: string }[];
  readonly deviationReason?: string;
  readonly allocation: readonly Allocation[];
  readonly pilot?: { readonly municipalities: readonly string[] };
  /** Fact: register names of the providers the payload names (for messages). */
  readonly providerNames?: Readonly<Record<string, string>>;
};
export type RollOutEvent = Envelope & {
  readonly type: 'ROLL_OUT';
  readonly allocation: readonly Allocation[];
  /** Fact: register names of the providers the payload names (for messages). */
  readonly providerNames?: Readonly<Record<string, string>>;
};
export type InformCommitteeEvent = Envelope & {
  readonly type: 'INFORM_COMMITTEE';
  readonly bodyId: string;
  readonly meetingId?: string;
  readonly date: string;
};
export type RecordStaffingEvent = Envelope & {
  readonly type: 'RECORD_STAFFING';
  readonly providerId: string;
  readonly fteHundredths: number;
  readonly from: string;
  readonly status: StaffingStatus;
  /** Fact: register names of the providers the payload names (for messages). */
  readonly providerNames?: Readonly<Record<string, string>>;
};
export type CompleteEvent = Envelope & { readonly type: 'COMPLETE' };
export type CancelEvent = Envelope & { readonly type: 'CANCEL'; readonly reason: string };
export type NoSuitableDeclarationEvent = Envelope & { readonly type: 'NO_SUITABLE_DECLARATION'; readonly reason: string };

export type SelectionEvent =
  | EditEvent
  | PublishEvent
  | ReceiveDeclarationEvent
  | RecordLateDeclarationEvent
  | CloseEvent
  | DeadlineReachedEvent
  | StartEvaluationEvent
  | DeclareConflictEvent
  | ScoreEvent
  | StartTalksEvent
  | RecordTalkEvent
  | DecideSelectionEvent
  | RollOutEvent
  | InformCommitteeEvent
  | RecordStaffingEvent
  | CompleteEvent
  | CancelEvent
  | NoSuitableDeclarationEvent;

export type SelectionEventType = SelectionEvent['type'];
export type SelectionEventOf<T extends SelectionEventType> = Extract<SelectionEvent, { type: T }>;
