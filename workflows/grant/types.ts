/**
 * Grant procedure (Zuwendungsverfahren) with the Bezirksregierung: the input, the context that
 * replay reconstructs (the decision record), and the events with their payloads.
 *
 * Conventions: money in integer cents; calendar dates as 'YYYY-MM-DD' (Europe/Berlin);
 * instants (`at`, `recordedAt`, `fireAt`) as ISO 8601 strings.
 */

/** A calendar date 'YYYY-MM-DD' in Europe/Berlin. */
export type IsoDate = string;

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** A budget source for the own contribution, e.g. the Integrationspauschale (§ 14c TIntG). */
export interface BudgetSource {
  /** Stable key, e.g. 'integrationspauschale'; names the spend-by deadline. */
  key: string;
  name: string;
  /** Last calendar day on which the source may be spent, e.g. '2021-11-30'. */
  spendBy: IsoDate;
}

/** One year of the financing plan (Finanzierungsplan). */
export interface FinancingYear {
  year: number;
  totalCostCents: number;
  stateShareCents: number;
  /** Eigenanteil. */
  ownShareCents: number;
  source: BudgetSource;
  /** The own share is subject to the adopted budget ('vorbehaltlich der Haushaltsberatungen'). */
  conditional: boolean;
}

/** The application (Antrag); also the input when a procedure is created. */
export interface GrantApplication {
  /** e.g. 'Durchstarten in Ausbildung und Arbeit'. */
  programme: string;
  /** Bausteine covered by this procedure, e.g. ['I', 'II', 'III', 'IV', 'VI'] or ['V']. */
  modules: string[];
  /** e.g. 'Bezirksregierung Arnsberg'. */
  grantingAuthority: string;
  eligibleCostCents: number;
  requestedCents: number;
  fundingPeriod: Period;
  financing: FinancingYear[];
  /** Due date of the Verwendungsnachweis, if known already; the approval notice may set it. */
  proofOfUseDue: IsoDate | null;
}

export type GrantInput = Omit<GrantApplication, 'proofOfUseDue'> & { proofOfUseDue?: IsoDate | null };

// ---------------------------------------------------------------- records in the context

/** Vorzeitiger Maßnahmebeginn: measures in scope may start (and contracts be concluded) from `date`. */
export interface EarlyStartApproval {
  date: IsoDate;
  scope: EarlyStartScope;
  recordedAt: string;
}

export interface EarlyStartScope {
  modules: string[];
  /** null: every provider of these modules. */
  providerIds: string[] | null;
  description: string;
}

export type Coverage = 'approval' | 'earlyStart';

export interface MeasureStart {
  providerId: string;
  module: string;
  startedAt: IsoDate;
  /** What allowed the start; null when nothing did (see `endangerments`). */
  coveredBy: Coverage | null;
  recordedAt: string;
}

/** A flag, not a refusal: a measure started without approval or early-start approval. */
export interface Endangerment {
  code: 'GRANT.MEASURE_ENDANGERS_GRANT';
  providerId: string;
  module: string;
  startedAt: IsoDate;
  reason: string;
  recordedAt: string;
}

/** Bewilligungsbescheid. */
export interface ApprovalNotice {
  date: IsoDate;
  fileNumber: string;
  approvedCents: number;
  period: Period;
  /** Nebenbestimmungen; passed on to every forwarding contract. */
  conditions: string[];
  proofOfUseDue: IsoDate | null;
  recordedAt: string;
}

export interface Rejection {
  date: IsoDate;
  reason: string;
  recordedAt: string;
}

export interface Withdrawal {
  reason: string;
  recordedAt: string;
}

/** Weiterleitungsvertrag with a selected provider (Träger). */
export interface ForwardingContract {
  contractId: string;
  providerId: string;
  providerName: string;
  module: string;
  amountCents: number;
  period: Period;
  /** The approval notice's conditions followed by the contract's own ones. */
  conditions: string[];
  /** What allowed concluding it: the approval notice or an early-start approval. */
  basis: Coverage;
  concludedOn: IsoDate;
  recordedAt: string;
}

export type BudgetDecisionSource = 'motion' | 'budget';

/** Lifts a year's budget condition: a motion decision or the adopted budget statute. */
export interface BudgetAdoption {
  year: number;
  source: BudgetDecisionSource;
  ref: string;
  recordedAt: string;
}

export interface OwnShareSpending {
  year: number;
  amountCents: number;
  spentOn: IsoDate;
  recordedAt: string;
}

/** Mittelabruf. */
export interface FundCall {
  callId: string;
  amountCents: number;
  date: IsoDate;
  recordedAt: string;
}

/** Verwendungsnachweis. */
export interface ProofOfUse {
  date: IsoDate;
  documentRef: string;
  recordedAt: string;
}

export type DeadlineStatus = 'pending' | 'reached' | 'cancelled';

export interface Deadline {
  /** 'proofOfUseDue' or 'spendBy:<source key>'; also the timer's name. */
  name: string;
  label: string;
  dueDate: IsoDate;
  /** Start of the day after `dueDate` in Europe/Berlin, as a UTC instant. */
  fireAt: string;
  status: DeadlineStatus;
  reachedAt: string | null;
  /** Set when reached: the proof is missing, or own share is left unspent. */
  overdue: boolean;
  note: string | null;
}

export interface GrantContext {
  application: GrantApplication;
  submittedAt: string | null;
  earlyStarts: EarlyStartApproval[];
  measureStarts: MeasureStart[];
  endangerments: Endangerment[];
  approval: ApprovalNotice | null;
  rejection: Rejection | null;
  withdrawal: Withdrawal | null;
  contracts: ForwardingContract[];
  budgetAdoptions: BudgetAdoption[];
  ownShareSpendings: OwnShareSpending[];
  fundCalls: FundCall[];
  proofOfUse: ProofOfUse | null;
  deadlines: Deadline[];
  closedAt: string | null;
}

// ---------------------------------------------------------------- events

export interface Actor {
  id: string;
  role: string;
}

/** Added by the engine to every event. */
export interface Envelope {
  /** ISO instant from the injected clock. */
  at: string;
  actor: Actor;
}

/** Facts about the selection procedure of the contract's module, looked up by the service. */
export interface SelectionFacts {
  /** The selection procedure for this module is decided (Auswahl getroffen). */
  decided: boolean;
  selectedProviderIds: string[];
}

/** Facts about the budget decision for a conditional year, looked up by the service. */
export interface BudgetDecisionFacts {
  recorded: boolean;
  source: BudgetDecisionSource;
  ref: string;
  /** For a motion: its reference (e.g. `SV-10-0042`), so messages name it as people do; `ref` is its id. */
  reference?: string;
  /**
   * The decision adopted the budget: always true for the budget statute (`budget`); for a motion,
   * whether its decision adopted a proposal (workflows/motion `hasAdoptedDecision`).
   */
  adopted: boolean;
}

export type GrantPayload =
  | ({ type: 'EDIT_APPLICATION' } & Partial<GrantApplication>)
  | { type: 'SUBMIT' }
  | {
      type: 'APPROVE_EARLY_START';
      date: IsoDate;
      scope: { modules: string[]; providerIds?: string[] | null; description: string };
    }
  | {
      type: 'RECORD_MEASURE_START';
      providerId: string;
      /** Fact: the provider's register name (for the endangerment flag's wording); absent in older events. */
      providerName?: string;
      module: string;
      startedAt: IsoDate;
    }
  | {
      type: 'APPROVAL_NOTICE';
      date: IsoDate;
      fileNumber: string;
      approvedCents: number;
      period: Period;
      conditions: string[];
      proofOfUseDue?: IsoDate | null;
    }
  | { type: 'REJECT'; date: IsoDate; reason: string }
  | { type: 'WITHDRAW'; reason: string }
  | {
      type: 'CONCLUDE_CONTRACT';
      contractId: string;
      providerId: string;
      providerName: string;
      module: string;
      amountCents: number;
      period: Period;
      /** Extra conditions; the approval notice's conditions are always passed on. */
      conditions?: string[];
      selection: SelectionFacts;
    }
  | { type: 'SPEND_OWN_SHARE'; year: number; amountCents: number; budgetDecision?: BudgetDecisionFacts | null }
  | {
      type: 'RECORD_BUDGET_ADOPTION';
      year: number;
      source: BudgetDecisionSource;
      ref: string;
      /** As in BudgetDecisionFacts: a motion's reference. */
      reference?: string;
      /** As in BudgetDecisionFacts: the decision adopted the budget. */
      adopted: boolean;
    }
  | { type: 'CALL_FUNDS'; callId: string; amountCents: number; date: IsoDate }
  | { type: 'SUBMIT_PROOF_OF_USE'; date: IsoDate; documentRef: string }
  | { type: 'CLOSE' }
  | { type: 'DEADLINE_REACHED'; deadline: string };

export type GrantEvent = GrantPayload & Envelope;
export type GrantEventType = GrantEvent['type'];
export type GrantEventOf<T extends GrantEventType> = Extract<GrantEvent, { type: T }>;

/** Params of the `scheduleTimer` action the engine executes after commit. */
export interface ScheduleTimerParams {
  name: string;
  fireAt: string;
  event: { type: 'DEADLINE_REACHED'; deadline: string };
}

export interface CancelTimerParams {
  name: string;
}
