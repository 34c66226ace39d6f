import type { Violation } from '../definition';
import { berlinDateTime, instantMs, isAfter, isDateOrInstant, isInstant } from '../shared/calendar';
import { admittedDeclarations, formatHundredths, passedOver, ranking, rollOutPending, scoringGaps, staffingOverview, sumFte, tiedOut } from './queries';
import type {
  Allocation,
  DeclarationPayload,
  DeclareConflictEvent,
  DecideSelectionEvent,
  InformCommitteeEvent,
  RecordStaffingEvent,
  RecordTalkEvent,
  RollOutEvent,
  ScoreEvent,
  SelectionContext,
  SelectionSetup,
} from './types';

/**
 * The rules of the selection procedure. Each is a small function returning a Violation or
 * undefined; the machine's named guards and `explain` run the same functions (see guards.ts).
 */

export const SELECTION_CODES = [
  'SELECTION.SETUP_INVALID',
  'SELECTION.WEIGHTS_NOT_100',
  'SELECTION.DEADLINE_PASSED',
  'SELECTION.DEADLINE_NOT_REACHED',
  'SELECTION.INVALID_INPUT',
  'SELECTION.UNKNOWN_MUNICIPALITY',
  'SELECTION.DECLARATION_LATE',
  'SELECTION.DECLARATION_NOT_LATE',
  'SELECTION.DUPLICATE_DECLARATION',
  'SELECTION.NO_ADMITTED_DECLARATION',
  'SELECTION.DECLARATIONS_AWAIT_EVALUATION',
  'SELECTION.CALL_NOT_CLOSED',
  'SELECTION.EVALUATION_NOT_STARTED',
  'SELECTION.CONFLICT_ALREADY_DECLARED',
  'SELECTION.NOT_ADMITTED',
  'SELECTION.UNKNOWN_CRITERION',
  'SELECTION.POINTS_OUT_OF_RANGE',
  'SELECTION.EVALUATOR_CONFLICT',
  'SELECTION.SCORING_INCOMPLETE',
  'SELECTION.NOTHING_SELECTED',
  'SELECTION.ALLOCATION_INVALID',
  'SELECTION.MUNICIPALITY_NOT_OFFERED',
  'SELECTION.FTE_MISMATCH',
  'SELECTION.MUNICIPALITY_UNCOVERED',
  'SELECTION.PILOT_MISMATCH',
  'SELECTION.NO_PILOT_PHASE',
  'SELECTION.ALREADY_ROLLED_OUT',
  'SELECTION.ROLL_OUT_PENDING',
  'SELECTION.DEVIATION_WITHOUT_REASON',
  'SELECTION.TIE_WITHOUT_REASON',
  'SELECTION.NOT_SELECTED',
  'SELECTION.STAFFING_EXCEEDS_ALLOCATION',
  'SELECTION.REASON_REQUIRED',
] as const;

export type SelectionCode = (typeof SELECTION_CODES)[number];

/** The time of the event; pre-rules (see guards.ts) read nothing else from it. */
export interface Timed {
  readonly at: string;
}

export type Rule<E = Timed> = (context: SelectionContext, event: E) => Violation | undefined;

const violation = (code: SelectionCode, message: string): Violation => ({ code, message });

const isNonBlank = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isPositiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
/** `Array.isArray` without losing the element type (payloads may still hold anything). */
const isList = <T>(value: readonly T[] | undefined): value is readonly T[] => Array.isArray(value);
const isNonBlankList = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.length > 0 && value.every(isNonBlank);
const duplicates = (values: readonly string[]): string[] => [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
const list = (values: readonly string[]): string => values.join(', ');
const fte = (hundredths: number): string => `${formatHundredths(hundredths)} FTE`;
const invalid = (problems: readonly string[]): Violation | undefined =>
  problems.length ? violation('SELECTION.INVALID_INPUT', `${problems.join('; ')}.`) : undefined;

// ---------------------------------------------------------------- setup (draft)

/** Problems with the given setup fields, in plain words; `fields` limits the check (EDIT). */
export function setupProblems(setup: Partial<SelectionSetup>, fields: readonly (keyof SelectionSetup)[] = SETUP_FIELDS): string[] {
  const problems: string[] = [];
  const has = (field: keyof SelectionSetup) => fields.includes(field);
  for (const field of ['programme', 'module', 'title', 'callText'] as const) {
    if (has(field) && !isNonBlank(setup[field])) problems.push(`${field} must not be empty`);
  }
  if (has('deadline') && !isInstant(setup.deadline)) problems.push('deadline must be an ISO instant with offset, e.g. 2020-03-31T23:59:59+02:00');
  if (has('criteria')) {
    const criteria = setup.criteria;
    if (!isList(criteria) || criteria.length === 0) problems.push('at least one quality criterion is needed');
    else {
      if (!criteria.every((c) => isNonBlank(c?.key) && isNonBlank(c?.name))) problems.push('every criterion needs a key and a name');
      if (!criteria.every((c) => isPositiveInteger(c?.weightBp))) problems.push('every criterion weight must be a positive whole number of basis points');
      const twice = duplicates(criteria.map((c) => String(c?.key)));
      if (twice.length) problems.push(`criterion keys must be unique (${list(twice)})`);
    }
  }
  if (has('scaleMax') && !(isPositiveInteger(setup.scaleMax) && setup.scaleMax <= 100)) problems.push('scaleMax must be a whole number from 1 to 100');
  if (has('requiredEvaluators') && !isPositiveInteger(setup.requiredEvaluators)) problems.push('requiredEvaluators must be a whole number of at least 1');
  if (has('fteAvailableHundredths') && !isPositiveInteger(setup.fteAvailableHundredths)) {
    problems.push('fteAvailableHundredths must be a positive whole number (150 = 1.5 FTE)');
  }
  if (has('municipalities')) {
    if (!isNonBlankList(setup.municipalities)) problems.push('the area needs at least one municipality');
    else if (duplicates(setup.municipalities).length) problems.push(`municipalities listed twice: ${list(duplicates(setup.municipalities))}`);
  }
  return problems;
}

export const SETUP_FIELDS: readonly (keyof SelectionSetup)[] = [
  'programme',
  'module',
  'title',
  'callText',
  'deadline',
  'criteria',
  'scaleMax',
  'requiredEvaluators',
  'fteAvailableHundredths',
  'municipalities',
];

export const setupViolation = (problems: readonly string[]): Violation | undefined =>
  problems.length ? violation('SELECTION.SETUP_INVALID', `The procedure setup is incomplete: ${problems.join('; ')}.`) : undefined;

export const setupComplete: Rule = (context) => setupViolation(setupProblems(context));

/** EDIT: the fields it changes must be well formed (weights may still add up to anything). */
export const editWellFormed: Rule<Partial<SelectionSetup>> = (_context, event) =>
  setupViolation(setupProblems(event, SETUP_FIELDS.filter((field) => field in event)));

export function weightsProblem(criteria: SelectionSetup['criteria']): Violation | undefined {
  const total = criteria.reduce((sum, c) => sum + c.weightBp, 0);
  return total === 10000
    ? undefined
    : violation('SELECTION.WEIGHTS_NOT_100', `The criteria weights add up to ${formatHundredths(total)} %, not 100.00 %.`);
}

export const weightsSumTo100: Rule = (context) => weightsProblem(context.criteria);

export const deadlineAhead: Rule = (context, event) =>
  isAfter(context.deadline, event.at)
    ? undefined
    : violation('SELECTION.DEADLINE_PASSED', `The deadline ${berlinDateTime(context.deadline)} has already passed; set a later deadline before publishing the call.`);

export const deadlineReached: Rule = (context, event) =>
  deadlinePassedAt(context, event.at)
    ? undefined
    : violation('SELECTION.DEADLINE_NOT_REACHED', `The call runs until ${berlinDateTime(context.deadline)}; it cannot close before.`);

// ---------------------------------------------------------------- declarations

export const declarationWellFormed: Rule<Timed & DeclarationPayload> = (_context, e) => {
  const problems: string[] = [];
  for (const field of ['declarationId', 'providerId', 'providerName', 'concept'] as const) {
    if (!isNonBlank(e[field])) problems.push(`${field} must not be empty`);
  }
  if (!isInstant(e.receivedAt)) problems.push('receivedAt must be an ISO instant with offset');
  else if (isAfter(e.receivedAt, e.at)) problems.push(`receivedAt ${berlinDateTime(e.receivedAt)} lies in the future`);
  if (!isNonBlankList(e.municipalities)) problems.push('a declaration names at least one municipality it offers to cover');
  else if (duplicates(e.municipalities).length) problems.push(`municipalities listed twice: ${list(duplicates(e.municipalities))}`);
  return invalid(problems);
};

export const offeredMunicipalitiesInArea: Rule<DeclarationPayload> = (context, e) => {
  const unknown = e.municipalities.filter((m) => !context.municipalities.includes(m));
  return unknown.length
    ? violation('SELECTION.UNKNOWN_MUNICIPALITY', `Not part of the procedure's area: ${list(unknown)}.`)
    : undefined;
};

export const declarationOnTime: Rule<DeclarationPayload> = (context, e) =>
  isAfter(e.receivedAt, context.deadline)
    ? violation(
        'SELECTION.DECLARATION_LATE',
        `The declaration of ${e.providerName} was received at ${berlinDateTime(e.receivedAt)}, after the deadline ${berlinDateTime(context.deadline)}. Record it with RECORD_LATE_DECLARATION: it is kept on file and excluded.`,
      )
    : undefined;

export const declarationLate: Rule<DeclarationPayload> = (context, e) =>
  isAfter(e.receivedAt, context.deadline)
    ? undefined
    : violation('SELECTION.DECLARATION_NOT_LATE', `Received at ${berlinDateTime(e.receivedAt)}, by the deadline ${berlinDateTime(context.deadline)}: record it as an ordinary declaration.`);

export const declarationIdUnused: Rule<DeclarationPayload> = (context, e) =>
  context.declarations.some((d) => d.declarationId === e.declarationId)
    ? violation('SELECTION.DUPLICATE_DECLARATION', `Declaration ${e.declarationId} is already recorded.`)
    : undefined;

/** One admitted declaration per provider, so a selection by provider is unambiguous. */
export const providerNotYetAdmitted: Rule<DeclarationPayload> = (context, e) => {
  const earlier = admittedDeclarations(context).find((d) => d.providerId === e.providerId);
  return earlier
    ? violation('SELECTION.DUPLICATE_DECLARATION', `${e.providerName} already has declaration ${earlier.declarationId} in this procedure.`)
    : undefined;
};

// ---------------------------------------------------------------- evaluation

export const hasAdmittedDeclaration: Rule = (context) =>
  admittedDeclarations(context).length > 0
    ? undefined
    : violation('SELECTION.NO_ADMITTED_DECLARATION', 'No declaration arrived by the deadline; there is nothing to evaluate. End the procedure with NO_SUITABLE_DECLARATION.');

export const noAdmittedDeclaration: Rule = (context) => {
  const n = admittedDeclarations(context).length;
  return n === 0
    ? undefined
    : violation('SELECTION.DECLARATIONS_AWAIT_EVALUATION', `${n} declaration(s) arrived on time; evaluate them before finding none suitable.`);
};

export const scoringOpen: Rule = (context) => {
  if (context.closedAt === null) return violation('SELECTION.CALL_NOT_CLOSED', `Scoring starts after the call closed; it runs until ${berlinDateTime(context.deadline)}.`);
  if (context.evaluationStartedAt === null) return violation('SELECTION.EVALUATION_NOT_STARTED', 'Start the evaluation (START_EVALUATION) before scoring.');
  return undefined;
};

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * An evaluator as people name them: by the name given with the event or recorded with their declared
 * conflict; only an evaluator never named is shown by the identifier the office chose.
 */
export function evaluatorLabel(context: SelectionContext, evaluatorId: string, name?: string): string {
  const known = name?.trim() || context.conflicts.find((c) => c.evaluatorId === evaluatorId && c.evaluatorName)?.evaluatorName;
  return known ?? `evaluator ${evaluatorId}`;
}

export const conflictWellFormed: Rule<DeclareConflictEvent> = (_context, e) =>
  invalid([
    ...(isNonBlank(e.evaluatorId) ? [] : ['evaluatorId must not be empty']),
    ...(e.evaluatorName === undefined || isNonBlank(e.evaluatorName) ? [] : ['evaluatorName must not be empty']),
    ...(isNonBlank(e.providerId) ? [] : ['providerId must not be empty']),
    ...(e.note === undefined || typeof e.note === 'string' ? [] : ['note must be text']),
  ]);

export const conflictNew: Rule<DeclareConflictEvent> = (context, e) =>
  context.conflicts.some((c) => c.evaluatorId === e.evaluatorId && c.providerId === e.providerId)
    ? violation(
        'SELECTION.CONFLICT_ALREADY_DECLARED',
        `The conflict of interest of ${evaluatorLabel(context, e.evaluatorId, e.evaluatorName)} with ${providerLabel(context, e.providerId, e.providerNames)} is already on record.`,
      )
    : undefined;

export const scoreWellFormed: Rule<ScoreEvent> = (_context, e) =>
  invalid([
    ...(['declarationId', 'criterionKey', 'evaluatorId'] as const).filter((f) => !isNonBlank(e[f])).map((f) => `${f} must not be empty`),
    ...(typeof e.points === 'number' ? [] : ['points must be a number']),
    ...(typeof e.comment === 'string' ? [] : ['comment must be text']),
  ]);

export const declarationAdmitted: Rule<{ readonly declarationId: string }> = (context, e) => {
  const d = context.declarations.find((x) => x.declarationId === e.declarationId);
  if (!d) return violation('SELECTION.NOT_ADMITTED', `There is no declaration ${e.declarationId} in this procedure.`);
  return d.admitted ? undefined : violation('SELECTION.NOT_ADMITTED', `The declaration of ${d.providerName} arrived late and is excluded.`);
};

export const criterionKnown: Rule<ScoreEvent> = (context, e) =>
  context.criteria.some((c) => c.key === e.criterionKey)
    ? undefined
    : violation('SELECTION.UNKNOWN_CRITERION', `"${e.criterionKey}" is not a criterion of this procedure (${list(context.criteria.map((c) => c.key))}).`);

export const pointsInRange: Rule<ScoreEvent> = (context, e) =>
  Number.isInteger(e.points) && e.points >= 0 && e.points <= context.scaleMax
    ? undefined
    : violation('SELECTION.POINTS_OUT_OF_RANGE', `Points are whole numbers from 0 to ${context.scaleMax}; got ${e.points}.`);

export const evaluatorWithoutConflict: Rule<ScoreEvent> = (context, e) => {
  const d = context.declarations.find((x) => x.declarationId === e.declarationId);
  return d && context.conflicts.some((c) => c.evaluatorId === e.evaluatorId && c.providerId === d.providerId)
    ? violation('SELECTION.EVALUATOR_CONFLICT', `${capitalised(evaluatorLabel(context, e.evaluatorId))} declared a conflict of interest with ${d.providerName} and cannot score its declaration.`)
    : undefined;
};

export const scoringComplete: Rule = (context) => {
  const gaps = scoringGaps(context);
  if (gaps.length === 0) return undefined;
  const shown = gaps.slice(0, 5).map((g) => `${g.providerName} / ${g.criterionKey}: ${g.evaluations} of ${g.required}`);
  return violation(
    'SELECTION.SCORING_INCOMPLETE',
    `Every admitted declaration must be scored on every criterion by ${context.requiredEvaluators} evaluator(s); ${gaps.length} missing (${shown.join('; ')}${gaps.length > 5 ? '; …' : ''}).`,
  );
};

// ---------------------------------------------------------------- talks

export const talkWellFormed: Rule<RecordTalkEvent> = (_context, e) =>
  invalid([
    ...(isNonBlank(e.declarationId) ? [] : ['declarationId must not be empty']),
    ...(isDateOrInstant(e.date) ? [] : ['date must be an ISO date (YYYY-MM-DD)']),
    ...(isNonBlankList(e.participants) ? [] : ['a talk needs at least one participant']),
    ...(typeof e.resultNote === 'string' ? [] : ['resultNote must be text']),
  ]);

// ---------------------------------------------------------------- selection decision

/**
 * An allocation as proposed: by DECIDE_SELECTION (with the selection, maybe a pilot) or by ROLL_OUT
 * (the selected providers, the whole area). `providerNames` are the register's names the facts looked up.
 */
export interface Proposal {
  readonly selected: readonly { readonly providerId: string }[];
  readonly allocation: readonly Allocation[];
  readonly pilot?: { readonly municipalities: readonly string[] };
  readonly providerNames?: Readonly<Record<string, string>>;
}

/** A provider by name: as its declaration recorded it, else as the register gave it with the event, else its id. */
export function providerLabel(context: SelectionContext, providerId: string, names?: Readonly<Record<string, string>>): string {
  return context.declarations.find((d) => d.providerId === providerId)?.providerName ?? names?.[providerId] ?? providerId;
}

const allocationShape = (e: { readonly allocation: readonly Allocation[] }): string[] => {
  if (!isList(e.allocation) || !e.allocation.every((a) => isNonBlank(a?.providerId) && isNonBlank(a?.municipality))) {
    return ['allocation must list { providerId, municipality, fteHundredths } entries'];
  }
  return e.allocation.every((a) => isPositiveInteger(a.fteHundredths)) ? [] : ['every allocated share must be a positive whole number of FTE hundredths (50 = 0.5 FTE)'];
};

export const decisionWellFormed: Rule<DecideSelectionEvent> = (_context, e) => {
  const problems: string[] = [];
  if (!isList(e.selected) || !e.selected.every((s) => isNonBlank(s?.providerId))) problems.push('selected must list { providerId } entries');
  else if (duplicates(e.selected.map((s) => s.providerId)).length) problems.push('a provider is selected twice');
  problems.push(...allocationShape(e));
  if (e.pilot !== undefined && !isNonBlankList(e.pilot?.municipalities)) problems.push('a pilot phase names at least one pilot municipality');
  if (e.deviationReason !== undefined && typeof e.deviationReason !== 'string') problems.push('deviationReason must be text');
  return invalid(problems);
};

export const somethingSelected: Rule<DecideSelectionEvent> = (_context, e) =>
  e.selected.length > 0
    ? undefined
    : violation('SELECTION.NOTHING_SELECTED', 'Select at least one provider, or end the procedure with NO_SUITABLE_DECLARATION.');

export const selectedAdmitted: Rule<DecideSelectionEvent> = (context, e) => {
  const admitted = admittedDeclarations(context).map((d) => d.providerId);
  const others = e.selected.map((s) => s.providerId).filter((p) => !admitted.includes(p));
  return others.length
    ? violation(
        'SELECTION.NOT_ADMITTED',
        `Only providers with an admitted declaration can be selected; not admitted: ${list(others.map((p) => providerLabel(context, p, e.providerNames)))}.`,
      )
    : undefined;
};

export const allocationInArea: Rule<Proposal> = (context, e) => {
  const named = [...e.allocation.map((a) => a.municipality), ...(e.pilot?.municipalities ?? [])];
  const unknown = [...new Set(named.filter((m) => !context.municipalities.includes(m)))];
  return unknown.length ? violation('SELECTION.UNKNOWN_MUNICIPALITY', `Not part of the procedure's area: ${list(unknown)}.`) : undefined;
};

export const allocationMatchesSelection: Rule<Proposal> = (context, e) => {
  const name = (p: string) => providerLabel(context, p, e.providerNames);
  const selected = e.selected.map((s) => s.providerId);
  const problems: string[] = [];
  const strangers = [...new Set(e.allocation.map((a) => a.providerId).filter((p) => !selected.includes(p)))];
  if (strangers.length) problems.push(`shares for providers that are not selected: ${list(strangers.map(name))}`);
  const empty = selected.filter((p) => !e.allocation.some((a) => a.providerId === p));
  if (empty.length) problems.push(`selected providers without a share: ${list(empty.map(name))}`);
  const twice = duplicates(e.allocation.map((a) => `${name(a.providerId)} in ${a.municipality}`));
  if (twice.length) problems.push(`more than one share for ${list(twice)}`);
  return problems.length ? violation('SELECTION.ALLOCATION_INVALID', `The allocation does not fit the selection: ${problems.join('; ')}.`) : undefined;
};

/** A provider serves only municipalities its declaration offered to cover. */
export const municipalitiesOffered: Rule<Proposal> = (context, e) => {
  const misfits = e.allocation.filter((a) => {
    const d = admittedDeclarations(context).find((x) => x.providerId === a.providerId);
    return d !== undefined && context.municipalities.includes(a.municipality) && !d.municipalities.includes(a.municipality);
  });
  return misfits.length
    ? violation('SELECTION.MUNICIPALITY_NOT_OFFERED', `Not offered in the declaration: ${list(misfits.map((a) => `${providerLabel(context, a.providerId)} in ${a.municipality}`))}.`)
    : undefined;
};

/**
 * The whole area gets exactly the FTE available. A pilot phase gets part of it at most; the rest
 * stays unallocated until the roll-out (seed: "zunächst mit einer Pilotkommune zu starten").
 */
export const fteFits: Rule<Proposal> = (context, e) => {
  const total = sumFte(e.allocation);
  const available = context.fteAvailableHundredths;
  if (e.pilot) {
    return total <= available
      ? undefined
      : violation('SELECTION.FTE_MISMATCH', `The pilot phase uses ${fte(total)}, but only ${fte(available)} are available (${fte(total - available)} too much).`);
  }
  if (total === available) return undefined;
  const gap = total > available ? `${fte(total - available)} too much` : `${fte(available - total)} short`;
  return violation('SELECTION.FTE_MISMATCH', `The allocation uses ${fte(total)}, but exactly ${fte(available)} are available (${gap}).`);
};

const covered = (e: Proposal): string[] => [...new Set(e.allocation.map((a) => a.municipality))];

export const areaCovered: Rule<Proposal> = (context, e) => {
  if (e.pilot) return undefined;
  const missing = context.municipalities.filter((m) => !covered(e).includes(m));
  return missing.length
    ? violation(
        'SELECTION.MUNICIPALITY_UNCOVERED',
        `Every municipality must be covered; uncovered: ${list(missing)}. A partial allocation is possible only as a pilot phase naming its pilot municipalities.`,
      )
    : undefined;
};

export const pilotMatchesCoverage: Rule<Proposal> = (context, e) => {
  if (!e.pilot) return undefined;
  const pilot = e.pilot.municipalities;
  const unserved = pilot.filter((m) => !covered(e).includes(m));
  const outside = covered(e).filter((m) => !pilot.includes(m));
  const problems = [
    ...(unserved.length ? [`pilot municipalities without a share: ${list(unserved)}`] : []),
    ...(outside.length ? [`shares outside the pilot: ${list(outside)}`] : []),
    ...(context.municipalities.every((m) => pilot.includes(m)) ? ['it names every municipality of the area, so it is no pilot: decide without pilotMunicipalities'] : []),
  ];
  return problems.length
    ? violation('SELECTION.PILOT_MISMATCH', `In a pilot phase the allocation covers exactly the pilot municipalities, a part of the area: ${problems.join('; ')}.`)
    : undefined;
};

export const followsRankingOrReason: Rule<DecideSelectionEvent> = (context, e) => {
  const over = passedOver(context, e.selected.map((s) => s.providerId));
  if (over.length === 0 || isNonBlank(e.deviationReason)) return undefined;
  return violation(
    'SELECTION.DEVIATION_WITHOUT_REASON',
    `The selection passes over higher-ranked ${list(over.map((r) => `${r.providerName} (rank ${r.rank}, ${formatHundredths(r.totalHundredths)} points)`))}; record the reason for deviating from the ranking.`,
  );
};

/** Two providers tie on the weighted total and only one is selected: the tie-break needs a recorded reason too. */
export const tieBrokenWithReason: Rule<DecideSelectionEvent> = (context, e) => {
  const ids = e.selected.map((s) => s.providerId);
  const out = tiedOut(context, ids);
  if (out.length === 0 || isNonBlank(e.deviationReason)) return undefined;
  const total = formatHundredths(out[0]!.totalHundredths);
  const inside = ranking(context).filter((r) => ids.includes(r.providerId) && r.totalHundredths === out[0]!.totalHundredths);
  return violation(
    'SELECTION.TIE_WITHOUT_REASON',
    `${list([...inside, ...out].map((r) => r.providerName))} tie at ${total} points; the selection takes ${list(inside.map((r) => r.providerName))} and leaves out ${list(out.map((r) => r.providerName))}. Record the reason for breaking the tie (deviationReason).`,
  );
};

// ---------------------------------------------------------------- roll-out after a pilot phase

/** ROLL_OUT follows a pilot phase, once. */
export const pilotPhaseOpen: Rule = (context) => {
  const s = context.selection;
  if (!s?.pilot) {
    return violation('SELECTION.NO_PILOT_PHASE', 'The selection already covers the whole area; a roll-out follows only a pilot phase.');
  }
  if (s.rollOut) {
    return violation(
      'SELECTION.ALREADY_ROLLED_OUT',
      `The roll-out to all ${context.municipalities.length} municipalities was decided on ${berlinDateTime(s.rollOut.decidedAt)}; it is not decided twice.`,
    );
  }
  return undefined;
};

export const rollOutWellFormed: Rule<RollOutEvent> = (_context, e) => invalid(allocationShape(e));

/** The roll-out's allocation judged as a whole-area allocation among the selected providers. */
export const asRollOut =
  (rule: Rule<Proposal>): Rule<RollOutEvent> =>
  (context, e) =>
    rule(context, { selected: context.selection?.selected ?? [], allocation: e.allocation, ...(e.providerNames ? { providerNames: e.providerNames } : {}) });

/** A pilot phase ends in the roll-out before the procedure completes: every municipality is to be covered. */
export const noRollOutPending: Rule = (context) =>
  rollOutPending(context)
    ? violation(
        'SELECTION.ROLL_OUT_PENDING',
        `The pilot phase covers only ${list(context.selection?.pilot?.municipalities ?? [])}; decide the roll-out to all ${context.municipalities.length} municipalities (ROLL_OUT) before completing.`,
      )
    : undefined;

// ---------------------------------------------------------------- after the decision

export const committeeWellFormed: Rule<InformCommitteeEvent> = (_context, e) =>
  invalid([
    ...(isNonBlank(e.bodyId) ? [] : ['bodyId must not be empty']),
    ...(e.meetingId === undefined || isNonBlank(e.meetingId) ? [] : ['meetingId must not be empty when given']),
    ...(isDateOrInstant(e.date) ? [] : ['date must be an ISO date (YYYY-MM-DD)']),
  ]);

export const staffingWellFormed: Rule<RecordStaffingEvent> = (_context, e) =>
  invalid([
    ...(isNonBlank(e.providerId) ? [] : ['providerId must not be empty']),
    ...(isPositiveInteger(e.fteHundredths) ? [] : ['fteHundredths must be a positive whole number (50 = 0.5 FTE)']),
    ...(isDateOrInstant(e.from) ? [] : ['from must be an ISO date (YYYY-MM-DD)']),
    ...(e.status === 'staffed' || e.status === 'recruiting' ? [] : ['status is "staffed" or "recruiting"']),
  ]);

export const providerSelected: Rule<RecordStaffingEvent> = (context, e) =>
  context.selection?.selected.some((s) => s.providerId === e.providerId)
    ? undefined
    : violation('SELECTION.NOT_SELECTED', `${providerLabel(context, e.providerId, e.providerNames)} was not selected in this procedure.`);

/** Staffed shares never exceed the provider's allocation; a recruiting report covers at most the open rest. */
export const staffingWithinAllocation: Rule<RecordStaffingEvent> = (context, e) => {
  const p = staffingOverview(context).find((x) => x.providerId === e.providerId);
  if (!p || e.fteHundredths <= p.openHundredths) return undefined;
  return violation(
    'SELECTION.STAFFING_EXCEEDS_ALLOCATION',
    `${p.providerName} has ${fte(p.fteHundredths)} allocated, ${fte(p.staffedHundredths)} staffed, so at most ${fte(p.openHundredths)} can be reported as ${e.status}.`,
  );
};

// ---------------------------------------------------------------- ending early

export const reasonGiven: Rule<{ readonly reason: string }> = (_context, e) =>
  isNonBlank(e.reason) ? undefined : violation('SELECTION.REASON_REQUIRED', 'Give the reason; it goes on the record.');

/** `at` lies at or after the deadline (the service then closes the call before the next command). */
export function deadlinePassedAt(context: SelectionContext, at: string): boolean {
  const [deadline, now] = [instantMs(context.deadline), instantMs(at)];
  return deadline !== undefined && now !== undefined && now >= deadline;
}
