import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import {
  isDecided,
  selectedProviders,
  validateSetup,
  type DeclarationPayload,
  type SelectedProvider,
  type SelectionContext,
  type SelectionSetup,
} from '../../workflows/selection';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import type { CommandInput, Payload } from '../engine/commands';
import { EngineService } from '../engine/engine.service';
import { WorkflowRegistry } from '../engine/registry';
import type { InstanceRecord, RequestContext } from '../engine/types';
import { MotionFacts } from '../motions/motions.facts';
import { parseHundredths } from './decimal';
import type { AllocationInputDto, ConflictInputDto, DecisionInputDto, DeclarationInputDto, InformCommitteeInputDto, RollOutInputDto, StaffingInputDto } from './dto/commands.dto';
import type { CreateProcedureDto, CriterionInputDto, EditProcedureDto } from './dto/procedure-input.dto';
import { SelectionRepository } from './selection.repository';

export const SELECTION = 'selection';

export interface SelectionFact {
  /** The decided selection procedure for the module, or null when none is decided. */
  selectionInstanceId: string | null;
  decided: boolean;
  providers: SelectedProvider[];
}

const criteria = (list: readonly CriterionInputDto[]) => list.map((c) => ({ key: c.key, name: c.name.trim(), weightBp: parseHundredths(c.weight) }));
const share = (a: AllocationInputDto) => ({ providerId: a.providerId, municipality: a.municipality.trim(), fteHundredths: parseHundredths(a.fte) });

/**
 * The facts selection events are decided on, looked up inside the event's transaction: names from the
 * provider register (never from the client), the next declaration number, the committee, and API
 * bodies (decimal strings) made machine payloads (integer hundredths). Also the question other
 * workflows ask: which providers are selected for a funding module (`selectedFor`, used by grants).
 */
@Injectable()
export class SelectionFacts {
  constructor(
    private readonly repository: SelectionRepository,
    private readonly engine: EngineService,
    private readonly workflows: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly motions: MotionFacts,
  ) {}

  /** Which providers are selected for a funding module, with what FTE (from its decided procedure). */
  async selectedFor(tenant: string, module: string): Promise<SelectionFact> {
    const procedures = await this.repository.contextsOfModule(tenant, module);
    const decided = procedures.find((p) => isDecided(p.context));
    if (!decided) return { selectionInstanceId: null, decided: false, providers: [] };
    return { selectionInstanceId: decided.id, decided: true, providers: selectedProviders(decided.context) };
  }

  /** The machine's input: programme and default title from the register; a linked motion must be a motion. */
  async setup(ctx: RequestContext, dto: CreateProcedureDto): Promise<SelectionSetup> {
    const { module, programme } = await this.repository.moduleByCode(ctx, dto.module);
    const input: SelectionSetup = {
      programme: programme.name,
      module: dto.module,
      title: (dto.title ?? module.title).trim(),
      callText: dto.callText,
      deadline: dto.deadline,
      criteria: criteria(dto.criteria),
      scaleMax: dto.scaleMax,
      requiredEvaluators: dto.requiredEvaluators,
      fteAvailableHundredths: parseHundredths(dto.fte),
      municipalities: dto.municipalities.map((m) => m.trim()),
    };
    const [problem, ...more] = validateSetup(input);
    if (problem) throw new DomainError(422, problem.code, problem.message, { violations: [problem, ...more] });
    if (dto.motionInstanceId) await this.requireMotion(ctx, dto.motionInstanceId);
    return input;
  }

  /** Links the authorising motion to the new procedure, in the creation's transaction. */
  async linkMotion(ctx: RequestContext, dto: CreateProcedureDto, tx: PoolClient, procedure: InstanceRecord): Promise<void> {
    if (dto.motionInstanceId) await this.engine.link(ctx, dto.motionInstanceId, procedure.id, 'authorises', tx);
  }

  /** Only the fields given; the machine checks them against the draft. */
  edit({ dto }: CommandInput<EditProcedureDto>): Payload {
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
    const payload = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(payload).length === 0) {
      throw new DomainError(400, 'VALIDATION.FAILED', 'The request is not valid. Give at least one field to change.', { errors: [] });
    }
    return payload;
  }

  /** The provider's name comes from the register; declarations are numbered D-1, D-2, … in the order recorded (never removed, so unique). */
  async declaration({ ctx, dto, tx, instance }: CommandInput<DeclarationInputDto>): Promise<Payload> {
    const context = instance.context as SelectionContext;
    const payload: DeclarationPayload = {
      declarationId: `D-${context.declarations.length + 1}`,
      providerId: dto.providerId,
      providerName: await this.providerName(tx, ctx, dto.providerId),
      concept: dto.concept,
      receivedAt: dto.receivedAt,
      municipalities: dto.municipalities.map((m) => m.trim()),
    };
    return { ...payload };
  }

  async conflict({ ctx, dto, tx }: CommandInput<ConflictInputDto>): Promise<Payload> {
    const name = await this.providerName(tx, ctx, dto.providerId);
    return {
      evaluatorId: dto.evaluatorId,
      evaluatorName: dto.evaluatorName.trim(),
      providerId: dto.providerId,
      ...(dto.note === undefined ? {} : { note: dto.note }),
      providerNames: { [dto.providerId]: name },
    };
  }

  /** Names of registered providers by id (unregistered ids are left out): the question grants asks for its messages. */
  providerNames(tx: PoolClient, ctx: RequestContext, providerIds: readonly string[]): Promise<Record<string, string>> {
    return this.repository.providerNames(tx, ctx, providerIds);
  }

  /** The register's names of the providers named, so that refusals name them (the machine reads them from the event). */
  async decision({ ctx, dto, tx }: CommandInput<DecisionInputDto>): Promise<Payload> {
    const allocation = dto.allocation.map(share);
    return {
      selected: dto.selectedProviderIds.map((providerId) => ({ providerId })),
      allocation,
      ...(dto.deviationReason === undefined ? {} : { deviationReason: dto.deviationReason }),
      ...(dto.pilotMunicipalities === undefined ? {} : { pilot: { municipalities: dto.pilotMunicipalities.map((m) => m.trim()) } }),
      providerNames: await this.repository.providerNames(tx, ctx, [...dto.selectedProviderIds, ...allocation.map((a) => a.providerId)]),
    };
  }

  /** The roll-out after a pilot phase: the allocation over the whole area, with the providers' names. */
  async rollOut({ ctx, dto, tx }: CommandInput<RollOutInputDto>): Promise<Payload> {
    const allocation = dto.allocation.map(share);
    return { allocation, providerNames: await this.repository.providerNames(tx, ctx, allocation.map((a) => a.providerId)) };
  }

  async staffing({ ctx, dto, tx }: CommandInput<StaffingInputDto>): Promise<Payload> {
    return {
      providerId: dto.providerId,
      fteHundredths: parseHundredths(dto.fte),
      from: dto.from,
      status: dto.status,
      providerNames: await this.repository.providerNames(tx, ctx, [dto.providerId]),
    };
  }

  /** The committee is a body of the council (motions module); a meeting named must be one of that body's. */
  async committee({ ctx, dto, tx }: CommandInput<InformCommitteeInputDto>): Promise<Payload> {
    const { bodyId, meetingId, date } = dto;
    const found = await this.repository.committee(tx, ctx, bodyId, meetingId);
    if (found.bodyName === null) throw new DomainError(422, 'SELECTION.UNKNOWN_BODY', `There is no body ${bodyId} in your Körperschaft.`);
    if (meetingId && !found.meeting) {
      throw new DomainError(422, 'SELECTION.UNKNOWN_MEETING', `Meeting ${meetingId} is not a meeting of the ${found.bodyName}; name one of its meetings or none.`);
    }
    return { bodyId, ...(meetingId === undefined ? {} : { meetingId }), date };
  }

  private async providerName(tx: PoolClient, ctx: RequestContext, providerId: string): Promise<string> {
    const name = await this.repository.providerName(tx, ctx, providerId);
    if (name === undefined) {
      throw new DomainError(422, 'SELECTION.UNKNOWN_PROVIDER', `Not a registered provider: ${providerId}. Register the provider first.`, { providerIds: [providerId] });
    }
    return name;
  }

  /** A procedure is authorised by a council motion; anything else is refused before it is linked. */
  private async requireMotion(ctx: RequestContext, motionId: string): Promise<void> {
    const found = await this.motions.decision(undefined, ctx.tenant, motionId);
    if (!found.found) throw notFound('Motion', motionId);
    const type = found.workflowType;
    if (type !== 'motion') throw new DomainError(422, 'SELECTION.NOT_A_MOTION', `Instance ${motionId} is a ${type}, not a motion; only a motion can authorise a selection procedure.`);
  }
}
