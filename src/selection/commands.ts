import type { DeclarationPayload, SelectionContext, SelectionEventType, SelectionSetup } from '../../workflows/selection';
import type { AllocationInputDto, DecisionInputDto, DeclarationInputDto, StaffingInputDto } from './command.dto';
import { parseHundredths } from './decimal';
import type { CreateProcedureDto, CriterionInputDto, EditProcedureDto } from './procedure-input.dto';

/**
 * From API bodies (decimal strings, provider ids) to machine payloads (integer hundredths,
 * names from the register). Pure: the service looks things up and passes them in.
 */

export interface CommandRoute {
  readonly method: 'POST' | 'PATCH';
  /** Below /selection/procedures/:id; '' is the procedure itself. */
  readonly path: string;
}

/** Where each command is sent; null for events only the system sends (the deadline timer). */
export const COMMAND_PATHS = {
  EDIT: { method: 'PATCH', path: '' },
  PUBLISH: { method: 'POST', path: 'publish' },
  RECEIVE_DECLARATION: { method: 'POST', path: 'declarations' },
  RECORD_LATE_DECLARATION: { method: 'POST', path: 'late-declarations' },
  DECLARE_CONFLICT: { method: 'POST', path: 'conflicts' },
  CLOSE: { method: 'POST', path: 'close' },
  DEADLINE_REACHED: null,
  START_EVALUATION: { method: 'POST', path: 'start-evaluation' },
  SCORE: { method: 'POST', path: 'scores' },
  START_TALKS: { method: 'POST', path: 'start-talks' },
  RECORD_TALK: { method: 'POST', path: 'talks' },
  DECIDE_SELECTION: { method: 'POST', path: 'decision' },
  RECORD_STAFFING: { method: 'POST', path: 'staffing' },
  INFORM_COMMITTEE: { method: 'POST', path: 'inform-committee' },
  COMPLETE: { method: 'POST', path: 'complete' },
  CANCEL: { method: 'POST', path: 'cancel' },
  NO_SUITABLE_DECLARATION: { method: 'POST', path: 'no-suitable-declaration' },
} as const satisfies Record<SelectionEventType, CommandRoute | null>;

export type Payload = Record<string, unknown>;

const criteria = (list: readonly CriterionInputDto[]) => list.map((c) => ({ key: c.key, name: c.name.trim(), weightBp: parseHundredths(c.weight) }));

export function setupInput(dto: CreateProcedureDto, programme: string, moduleTitle: string): SelectionSetup {
  return {
    programme,
    module: dto.module,
    title: (dto.title ?? moduleTitle).trim(),
    callText: dto.callText,
    deadline: dto.deadline,
    criteria: criteria(dto.criteria),
    scaleMax: dto.scaleMax,
    requiredEvaluators: dto.requiredEvaluators,
    fteAvailableHundredths: parseHundredths(dto.fte),
    municipalities: dto.municipalities.map((m) => m.trim()),
  };
}

/** Only the fields given; the machine checks them against the draft. */
export function editPayload(dto: EditProcedureDto): Payload {
  const changes: Partial<Record<keyof SelectionSetup, unknown>> = {
    title: dto.title?.trim(),
    callText: dto.callText,
    deadline: dto.deadline,
    criteria: dto.criteria && criteria(dto.criteria),
    scaleMax: dto.scaleMax,
    requiredEvaluators: dto.requiredEvaluators,
    fteAvailableHundredths: dto.fte === undefined ? undefined : parseHundredths(dto.fte),
    municipalities: dto.municipalities?.map((m) => m.trim()),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/** Declarations are numbered D-1, D-2, … in the order they are recorded (never removed, so unique). */
export function declarationPayload(dto: DeclarationInputDto, providerName: string, context: SelectionContext): Payload {
  const payload: DeclarationPayload = {
    declarationId: `D-${context.declarations.length + 1}`,
    providerId: dto.providerId,
    providerName,
    concept: dto.concept,
    receivedAt: dto.receivedAt,
    municipalities: dto.municipalities.map((m) => m.trim()),
  };
  return { ...payload };
}

const share = (a: AllocationInputDto) => ({ providerId: a.providerId, municipality: a.municipality.trim(), fteHundredths: parseHundredths(a.fte) });

export function decisionPayload(dto: DecisionInputDto): Payload {
  return {
    selected: dto.selectedProviderIds.map((providerId) => ({ providerId })),
    allocation: dto.allocation.map(share),
    ...(dto.deviationReason === undefined ? {} : { deviationReason: dto.deviationReason }),
    ...(dto.pilotMunicipalities === undefined ? {} : { pilot: { municipalities: dto.pilotMunicipalities.map((m) => m.trim()) } }),
  };
}

export function staffingPayload(dto: StaffingInputDto): Payload {
  return { providerId: dto.providerId, fteHundredths: parseHundredths(dto.fte), from: dto.from, status: dto.status };
}
