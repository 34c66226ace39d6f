import { command, commandTable, creation } from '../engine/commands';
import { ConflictInputDto, DecisionInputDto, DeclarationInputDto, InformCommitteeInputDto, ReasonInputDto, RollOutInputDto, ScoreInputDto, StaffingInputDto, TalkInputDto } from './dto/commands.dto';
import { CreateProcedureDto, EditProcedureDto } from './dto/procedure-input.dto';
import { ProcedureDto } from './dto/procedure.dto';
import { SELECTION, SelectionFacts } from './selection.facts';
import { SelectionView } from './selection.view';

/** The managing office (Geschäftsführende Stelle) runs procedures; admins may too. */
export const SELECTION_WRITERS = ['office', 'admin'] as const;
const W = SELECTION_WRITERS;
const RULES = 'A rule refusal answers 422 with a SELECTION.* code and writes nothing; a step the state does not offer answers 409.';
/** Today's routes answer 201 to every POST (Nest's default); PATCH answers 200. */
const POST = { method: 'POST', status: 201, roles: W } as const;

/**
 * Selection procedures (Interessenbekundungsverfahren), one per funding module: every command of the
 * managing office as one row. Bodies without facts go to the machine as they are (score, talk, reasons).
 */
export const selectionCommands = commandTable<SelectionFacts, ProcedureDto>({
  workflow: SELECTION,
  noun: 'Selection procedure',
  resource: 'selection/procedures',
  key: 'procedure',
  tag: 'selection',
  facts: SelectionFacts,
  view: SelectionView,
  viewDto: ProcedureDto,
  // a call whose deadline passed is closed first, in the command's transaction (until the machine does it itself)
  create: creation({
    body: CreateProcedureDto,
    roles: W,
    summary: 'Create a procedure (draft) for a funding module; optionally linked to the authorising motion',
    input: (f, { ctx, dto }) => f.setup(ctx, dto),
    after: (f, { ctx, dto, tx, instance }) => f.linkMotion(ctx, dto, tx, instance),
  }),
  commands: [
    command({ event: 'EDIT', method: 'PATCH', path: '', body: EditProcedureDto, roles: W, summary: `Change the draft's setup (EDIT). ${RULES}`, facts: (f, i) => f.edit(i) }),
    command({ ...POST, event: 'PUBLISH', path: 'publish', summary: `Publish the call (weights must add up to 100 %, deadline ahead). ${RULES}` }),
    command({ ...POST, event: 'RECEIVE_DECLARATION', path: 'declarations', body: DeclarationInputDto, summary: `Record an interest declaration received by the deadline. ${RULES}`, facts: (f, i) => f.declaration(i) }),
    command({ ...POST, event: 'RECORD_LATE_DECLARATION', path: 'late-declarations', body: DeclarationInputDto, summary: `Record a declaration received after the deadline: kept on file, excluded. ${RULES}`, facts: (f, i) => f.declaration(i) }),
    command({ ...POST, event: 'DECLARE_CONFLICT', path: 'conflicts', body: ConflictInputDto, summary: `An evaluator declares a conflict of interest with a provider (their scores for it are withdrawn). ${RULES}`, facts: (f, i) => f.conflict(i) }),
    command({ ...POST, event: 'CLOSE', path: 'close', summary: `Close the call (at or after the deadline). ${RULES}` }),
    command({ ...POST, event: 'START_EVALUATION', path: 'start-evaluation', summary: `Start the evaluation of the admitted declarations. ${RULES}` }),
    command({ ...POST, event: 'SCORE', path: 'scores', body: ScoreInputDto, summary: `Record one evaluator's points for one declaration and criterion (again: replaces). ${RULES}` }),
    command({ ...POST, event: 'START_TALKS', path: 'start-talks', summary: `Start the provider talks (every declaration scored on every criterion by the required evaluators). ${RULES}` }),
    command({ ...POST, event: 'RECORD_TALK', path: 'talks', body: TalkInputDto, summary: `Record a provider talk (Trägergespräch). ${RULES}` }),
    command({
      ...POST,
      event: 'DECIDE_SELECTION',
      path: 'decision',
      body: DecisionInputDto,
      summary: `Decide the selection and allocate the FTE (exactly the FTE available over every municipality, or part of it to named pilot municipalities; a reason to deviate from the ranking or to break a tie). ${RULES}`,
      facts: (f, i) => f.decision(i),
    }),
    command({
      ...POST,
      event: 'ROLL_OUT',
      path: 'roll-out',
      body: RollOutInputDto,
      summary: `After a pilot phase: allocate exactly the FTE available over every municipality among the selected providers (the pilot stays on record). ${RULES}`,
      facts: (f, i) => f.rollOut(i),
    }),
    command({ ...POST, event: 'RECORD_STAFFING', path: 'staffing', body: StaffingInputDto, summary: `Report staffing of a selected provider's share (staffed from a date, or recruiting). ${RULES}`, facts: (f, i) => f.staffing(i) }),
    command({ ...POST, event: 'INFORM_COMMITTEE', path: 'inform-committee', body: InformCommitteeInputDto, summary: `Record that the committee was informed of the selection. ${RULES}`, facts: (f, i) => f.committee(i) }),
    command({ ...POST, event: 'COMPLETE', path: 'complete', summary: `Complete the procedure (after a pilot phase, once rolled out). ${RULES}` }),
    command({ ...POST, event: 'CANCEL', path: 'cancel', body: ReasonInputDto, summary: `Cancel the procedure (before the decision), with a reason. ${RULES}` }),
    command({ ...POST, event: 'NO_SUITABLE_DECLARATION', path: 'no-suitable-declaration', body: ReasonInputDto, summary: `End the procedure without a selection: no suitable declaration, with a reason. ${RULES}` }),
  ],
});
