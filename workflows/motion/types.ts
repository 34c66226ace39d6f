/**
 * The motion (Sitzungsvorlage) as the machine records it. The context is the decision record:
 * plain JSON, rebuilt exactly by replaying the event log.
 */
import type { MeetingState } from '../meeting/types';
import type { IsoDate } from '../shared/calendar';
import type { DocumentIssued, DocumentsRecord } from '../shared/documents';
import type { Predecessor } from './follow-up';

export type { IsoDate };

export type BodyKind = 'kreistag' | 'kreisausschuss' | 'ausschuss';
export type StepRole = 'vorberatung' | 'entscheidung' | 'kenntnisnahme' | 'anhoerung';

/**
 * The majority a decision needs. Recommendations always need a simple majority; the legal basis
 * of a proposal may demand more at the deciding body.
 * - `simple`: more Ja than Nein (Enthaltungen do not count as votes cast)
 * - `majorityOfStatutoryMembers`: Ja from more than half of the statutory members
 * - `twoThirdsOfStatutoryMembers`: Ja from at least two thirds of the statutory members
 * - `twoThirdsOfVotesCast`: Ja at least two thirds of Ja + Nein
 */
export type Majority = 'simple' | 'majorityOfStatutoryMembers' | 'twoThirdsOfStatutoryMembers' | 'twoThirdsOfVotesCast';

export interface LegalBasis {
  /** e.g. `§ 26 Abs. 1 lit. s) KrO NRW`; matched against the deciding body's competences. */
  citation: string;
  /** When set, only bodies of these kinds may decide (e.g. `['kreistag']` for § 26 Abs. 1 KrO NRW). */
  competentBodyKinds?: BodyKind[];
  majority?: Majority;
}

/** One step of the Beratungsfolge. */
export interface ConsultationStep {
  bodyId: string;
  bodyName: string;
  bodyKind: BodyKind;
  role: StepRole;
}

/** The fixed outline of a Coesfeld Vorlage (I.–IV.). */
export interface Outline {
  problemAndSolution?: string;
  alternatives?: string;
  impacts?: string;
  competence?: string;
}

export type VersionOrigin =
  | { by: 'administration' }
  | { by: 'body'; consultationNo: number; bodyId: string; bodyName: string; meetingId: string | null };

export interface ProposalVersion {
  /** 1, 2, 3 … */
  version: number;
  text: string;
  origin: VersionOrigin;
  at: string | null;
  /** Released versions have been put before a body; they are never changed, only followed by new ones. */
  released: boolean;
}

/** A Beschlussvorschlag. The last version is the current text. */
export interface Proposal {
  key: string;
  legalBasis: LegalBasis;
  versions: ProposalVersion[];
}

export type RecommendationOutcome = 'recommended' | 'recommendedWithAmendment' | 'notRecommended';
export type DecisionOutcome = 'adopted' | 'adoptedWithAmendment' | 'rejected';
export type ProceduralOutcome = 'postponed' | 'referredBack';
export type Outcome = RecommendationOutcome | DecisionOutcome | ProceduralOutcome | 'takenNote';

export interface Votes {
  ja: number;
  nein: number;
  enthaltung: number;
  /** Members excluded for bias; they do not vote. */
  befangen: number;
}

export interface Attendance {
  present: number;
  statutoryMembers: number;
}

/** What a clerk records for one proposal at a consultation. */
export interface ProposalOutcomeInput {
  outcome: Outcome;
  votes?: Votes;
  /** Required for `recommendedWithAmendment` / `adoptedWithAmendment`: the changed text. */
  amendedText?: string;
}

export interface ProposalResult {
  outcome: Outcome;
  votes: Votes | null;
  /** The version the body deliberated on. */
  deliberatedVersion: number;
  /** The version the amendment created, if any. */
  newVersion: number | null;
}

/**
 * A consultation step's role, or one of the urgent-decision records:
 * `dringlichkeitsentscheidung` (Kreisausschuss decides in place of the Kreistag),
 * `genehmigung` (Kreistag approves it), `aufhebung` (Kreistag revokes it).
 */
export type ConsultationRole = StepRole | 'dringlichkeitsentscheidung' | 'genehmigung' | 'aufhebung';

/** One appearance of the motion before a body (OParl: Consultation). Postponing adds a new one. */
export interface Consultation {
  /** 1, 2, 3 … in order of creation. */
  no: number;
  stepIndex: number;
  bodyId: string;
  bodyName: string;
  bodyKind: BodyKind;
  role: ConsultationRole;
  meetingId: string | null;
  meetingStart: string | null;
  /**
   * The Berlin day the invitation that carried this item went out: the meeting's own invitation
   * (known from the meeting once it is sent; null until then), or the supplementary invitation of
   * the day the item was added to an agenda whose invitation was already out.
   */
  invitationDate: IsoDate | null;
  /** Set when only the shorter urgent invitation period was met. */
  urgentInvitationReason: string | null;
  status: 'scheduled' | 'held' | 'removed';
  scheduledAt: string | null;
  /** When the meeting was held (the meeting's record), not when the outcome was entered. */
  heldAt: string | null;
  removedReason: string | null;
  attendance: Attendance | null;
  /** Per proposal key. */
  results: Record<string, ProposalResult> | null;
  /** A single vote on the whole item (Genehmigung, Aufhebung). */
  vote: Votes | null;
  /** Why (Dringlichkeitsentscheidung, Aufhebung). */
  reason: string | null;
  /** An urgent decision outside a meeting (§ 50 Abs. 3 Satz 2 KrO NRW): the Landrat and the member who decided. */
  decidedBy?: NamedPerson[];
}

export interface Cosignature {
  department: string;
  at: string;
  by: string;
}

export interface CosignRefusal extends Cosignature {
  reason: string;
}

export interface AdoptedText {
  version: number;
  text: string;
}

export interface MotionDecision {
  consultationNo: number;
  /** For the Landrat's urgent decision: the Landrat and the member of the Kreisausschuss. */
  decidedBy?: NamedPerson[];
  bodyId: string;
  bodyName: string;
  at: string;
  urgent: boolean;
  outcomes: Record<string, DecisionOutcome>;
  /** Per adopted proposal key: the version the decision adopted and its text (rejected proposals are absent). */
  adopted: Record<string, AdoptedText>;
  /** For an urgent decision: the Genehmigung consultation, once the Kreistag approved. */
  approvalConsultationNo: number | null;
}

export type TaskStatus = 'open' | 'inProgress' | 'done' | 'cancelled';

export interface TaskReport {
  at: string;
  by: string;
  status: TaskStatus;
  text: string | null;
}

/** A Beschlusskontrolle task. */
export interface ImplementationTask {
  taskId: string;
  title: string;
  owner: string;
  dueDate: IsoDate;
  proposalKey: string | null;
  status: TaskStatus;
  createdAt: string;
  /** Set by the due-date timer when the task was still open at the end of its due day. */
  overdueSince: string | null;
  completedAt: string | null;
  reports: TaskReport[];
}

export interface Note {
  reason: string;
  at: string;
  by: string;
}

/** The clerk took the motion back from co-signing to draft; the co-signatures given so far were voided. */
export interface DraftReturn extends Note {
  voidedCosignatures: string[];
}

export interface MotionInput {
  /** e.g. `SV-9-1600` */
  reference: string;
  title: string;
  /** Federführung */
  department: string;
  /** Departments that must co-sign (Mitzeichnung). */
  requiredCosigners?: string[];
  outline?: Outline;
  proposals?: { key: string; text: string; legalBasis: LegalBasis }[];
  steps?: ConsultationStep[];
  /** When the motion was created; dates the first proposal versions. */
  createdAt?: string;
  /** The withdrawn motion whose subject this one submits again (a follow-up, see follow-up.ts). */
  predecessor?: Predecessor;
}

export interface MotionContext extends DocumentsRecord {
  reference: string;
  /** The withdrawn motion this one follows up; null for a new subject (absent in records from before it existed). */
  predecessor?: Predecessor | null;
  title: string;
  department: string;
  requiredCosigners: string[];
  outline: Outline;
  proposals: Proposal[];
  steps: ConsultationStep[];
  /** Co-signatures of the current round (cleared when the motion is submitted again). */
  cosignatures: Cosignature[];
  cosignRefusals: CosignRefusal[];
  /** Returns from co-signing to draft (absent in records from before it existed). */
  draftReturns?: DraftReturn[];
  releasedAt: string | null;
  /** The step of the Beratungsfolge the motion is at (never a Kenntnisnahme step); null before release. */
  currentStepIndex: number | null;
  consultations: Consultation[];
  decision: MotionDecision | null;
  tasks: ImplementationTask[];
  withdrawal: Note | null;
  closing: Note | null;
}

// ---- events -------------------------------------------------------------------------------

export interface Actor {
  id: string;
  role: string;
}
/** Added by the engine to every event. */
export interface EventMeta {
  at: string;
  actor: Actor;
}

/** Competence citations per body id, looked up by the service from the competence catalogue. */
export type Competences = Record<string, string[]>;

/**
 * The meeting an event concerns, as the service finds it (locked) when it sends the event: its
 * lifecycle state (workflows/meeting). The motion's rules on the meeting (agenda open, item
 * removable, outcomes recordable) read it; codes MEETING.*.
 */
export interface MeetingFact {
  state: MeetingState;
  /** The meeting's body, so refusals name the meeting by body and day, not by its id. */
  bodyName?: string;
  /** The meeting's start (ISO instant with offset); sent with outcomes and decisions. */
  start?: string;
  /** The Berlin day the meeting's invitation went out; null while it has not. */
  invitationDate?: IsoDate | null;
  /** When the meeting was marked held (its own record); null before. */
  heldAt?: string | null;
}

/** Facts a preview of the next steps may use when the caller has them (see `steps`). */
export interface MotionPreviewFacts {
  competences: Competences;
}

export type EditMotion = EventMeta & {
  type: 'EDIT_MOTION';
  title?: string;
  department?: string;
  requiredCosigners?: string[];
  outline?: Outline;
};
export type AddProposal = EventMeta & { type: 'ADD_PROPOSAL'; key: string; text: string; legalBasis: LegalBasis };
export type EditProposal = EventMeta & { type: 'EDIT_PROPOSAL'; key: string; text?: string; legalBasis?: LegalBasis };
export type RemoveProposal = EventMeta & { type: 'REMOVE_PROPOSAL'; key: string };
export type SetConsultationSequence = EventMeta & { type: 'SET_CONSULTATION_SEQUENCE'; steps: ConsultationStep[] };
export type SubmitForCosigning = EventMeta & { type: 'SUBMIT_FOR_COSIGNING' };
export type Cosign = EventMeta & { type: 'COSIGN'; department: string };
export type RefuseCosign = EventMeta & { type: 'REFUSE_COSIGN'; department: string; reason: string };
/** The clerk takes a motion in co-signing back to draft (e.g. after a refused release), with a reason. */
export type ReturnToDraft = EventMeta & { type: 'RETURN_TO_DRAFT'; reason: string };
export type Release = EventMeta & { type: 'RELEASE'; competences: Competences };
export type Schedule = EventMeta & {
  type: 'SCHEDULE';
  /** Which step; defaults to the current step, or an open Kenntnisnahme step of `bodyId`. */
  stepIndex?: number;
  meetingId: string;
  bodyId: string;
  /** ISO instant with offset. */
  meetingStart: string;
  /** When the meeting's invitation goes (or went) out; defaults to `at`. */
  invitationDate?: string;
  invitationPeriodDays: number;
  urgentInvitationPeriodDays?: number;
  /** Required to use the shorter urgent period. */
  urgentReason?: string;
  /** Other open (not held, not cancelled) meetings of this body whose agenda already lists this motion. */
  openAgendaMeetingIds?: string[];
  /** The meeting's state: its agenda must still be open (scheduled or invited). */
  meeting: MeetingFact;
};
export type Unschedule = EventMeta & {
  type: 'UNSCHEDULE';
  meetingId: string;
  reason: string;
  /** The meeting's state (before a cancellation that takes the item off): its minutes not yet approved. */
  meeting: MeetingFact;
};
export type RecordOutcome = EventMeta & {
  type: 'RECORD_OUTCOME';
  meetingId: string;
  /** One entry per proposal key. */
  outcomes: Record<string, ProposalOutcomeInput>;
  /** The meeting's recorded attendance; absent (or null) while none is recorded. */
  attendance?: Attendance | null;
  /** The meeting's state: held, with its minutes still open. */
  meeting: MeetingFact;
};
export type Revise = EventMeta & { type: 'REVISE' };
/**
 * A Dringlichkeitsvorlage: the motion goes onto a Kreisausschuss meeting's agenda out of the
 * regular step order, for an urgent decision in place of the Kreistag, with the shorter urgent
 * invitation period and a recorded reason.
 */
export type ScheduleUrgent = EventMeta & {
  type: 'SCHEDULE_URGENT';
  meetingId: string;
  bodyId: string;
  bodyName: string;
  bodyKind: BodyKind;
  meetingStart: string;
  invitationDate?: string;
  invitationPeriodDays: number;
  urgentInvitationPeriodDays: number;
  /** Why the Kreistag cannot decide in time: required, and it is the urgency reason of the invitation too. */
  urgentReason: string;
  meeting: MeetingFact;
};
/** A named person, looked up by the service. */
export interface NamedPerson {
  personId: string;
  name: string;
}
/**
 * The second form of § 50 Abs. 3 KrO NRW: when even the Kreisausschuss cannot be convened in time,
 * the Landrat decides together with one member of the Kreisausschuss, outside a meeting.
 */
export type UrgentDecisionByLandrat = EventMeta & {
  type: 'URGENT_DECISION_BY_LANDRAT';
  landrat: NamedPerson;
  /** The member of the Kreisausschuss who decides with the Landrat; `seated`: holds a seat on it today (fact). */
  member: NamedPerson & { seated: boolean };
  /** The Kreisausschuss (whose member decides). */
  bodyId: string;
  bodyName: string;
  reason: string;
  outcomes: Record<string, ProposalOutcomeInput>;
};
export type UrgentDecision = EventMeta & {
  type: 'URGENT_DECISION';
  bodyId: string;
  bodyName: string;
  bodyKind: BodyKind;
  meetingId?: string;
  reason: string;
  outcomes: Record<string, ProposalOutcomeInput>;
  /** The meeting's recorded attendance; absent (or null) while none is recorded, which the rules refuse. */
  attendance?: Attendance | null;
  /** The meeting's state, when decided at a meeting (`meetingId`): held, with its minutes still open. */
  meeting?: MeetingFact;
};
export type ApproveUrgentDecision = EventMeta & {
  type: 'APPROVE_URGENT_DECISION';
  bodyId: string;
  meetingId: string;
  /** The meeting's recorded attendance; absent (or null) while none is recorded, which the rules refuse. */
  attendance?: Attendance | null;
  votes: Votes;
  /** The meeting's state: held, with its minutes still open. */
  meeting: MeetingFact;
};
export type RevokeUrgentDecision = EventMeta & {
  type: 'REVOKE_URGENT_DECISION';
  bodyId: string;
  meetingId: string;
  /** The meeting's recorded attendance; absent (or null) while none is recorded, which the rules refuse. */
  attendance?: Attendance | null;
  votes: Votes;
  /** The meeting's state: held, with its minutes still open. */
  meeting: MeetingFact;
  reason: string;
  /** § 50 Abs. 3 KrO NRW: no revocation once rights of others have arisen from carrying it out. */
  thirdPartyRightsArisen?: boolean;
};
export type AddTask = EventMeta & {
  type: 'ADD_TASK';
  taskId: string;
  title: string;
  owner: string;
  dueDate: IsoDate;
  proposalKey?: string;
};
export type UpdateTask = EventMeta & {
  type: 'UPDATE_TASK';
  taskId: string;
  status?: TaskStatus;
  report?: string;
  owner?: string;
  dueDate?: IsoDate;
};
/** Sent by the engine's timer at the end of a task's due day. */
export type TaskDue = EventMeta & { type: 'TASK_DUE'; taskId: string };
export type CompleteImplementation = EventMeta & { type: 'COMPLETE_IMPLEMENTATION' };
export type Close = EventMeta & { type: 'CLOSE'; reason?: string };
export type Withdraw = EventMeta & { type: 'WITHDRAW'; reason: string };

export type MotionEvent =
  | EditMotion
  | AddProposal
  | EditProposal
  | RemoveProposal
  | SetConsultationSequence
  | SubmitForCosigning
  | Cosign
  | RefuseCosign
  | ReturnToDraft
  | Release
  | Schedule
  | Unschedule
  | RecordOutcome
  | Revise
  | ScheduleUrgent
  | UrgentDecision
  | UrgentDecisionByLandrat
  | ApproveUrgentDecision
  | RevokeUrgentDecision
  | AddTask
  | UpdateTask
  | TaskDue
  | CompleteImplementation
  | Close
  | Withdraw
  | DocumentIssued;

export type MotionEventType = MotionEvent['type'];
export type MotionEventOf<T extends MotionEventType> = Extract<MotionEvent, { type: T }>;
