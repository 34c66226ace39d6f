import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import type { Repository } from 'typeorm';
import { validateSetup, type SelectionContext, type SelectionEventType, type SelectionSnapshot } from '../../workflows/selection';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import { Database } from '../engine/database';
import { EngineService } from '../engine/engine.service';
import { OutboxDispatcher } from '../engine/outbox.dispatcher';
import { restoreSnapshot, WorkflowRegistry } from '../engine/registry';
import type { AppliedEvent, Page, RequestContext } from '../engine/types';
import { setupInput, type Payload } from './commands';
import { ProcedureProjectionEntity } from './entities';
import type { CreateProcedureDto, ListProceduresQueryDto } from './procedure-input.dto';
import type { LoadedProcedure } from './procedure.view';
import { projectProcedure } from './projection';
import { SelectionRegistry } from './registry.service';

export const SELECTION = 'selection';

export interface StepResult {
  applied: AppliedEvent;
  /** The deadline had passed while the call was open: this command closed it first. */
  closedFirst: boolean;
  procedure: LoadedProcedure;
}

interface InstanceRow {
  id: string;
  machine_version: number;
  snapshot: unknown;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * Runs selection procedures on the engine. Every write is an engine event (so it is on the audit
 * log); this service adds what the pure machine cannot know: names from the provider register and
 * the link to the authorising motion.
 */
@Injectable()
export class ProcedureService implements OnModuleInit {
  constructor(
    private readonly engine: EngineService,
    private readonly db: Database,
    private readonly workflows: WorkflowRegistry,
    private readonly outbox: OutboxDispatcher,
    private readonly clock: Clock,
    private readonly register: SelectionRegistry,
    @InjectRepository(ProcedureProjectionEntity) private readonly projections: Repository<ProcedureProjectionEntity>,
  ) {}

  onModuleInit(): void {
    this.engine.claim(SELECTION, '/selection/procedures/{id}/…', projectProcedure);
  }

  async create(ctx: RequestContext, dto: CreateProcedureDto): Promise<LoadedProcedure> {
    const { module, programme } = await this.register.moduleByCode(ctx, dto.module);
    const input = setupInput(dto, programme.name, module.title);
    const [problem, ...more] = validateSetup(input);
    if (problem) throw new DomainError(422, problem.code, problem.message, { violations: [problem, ...more] });
    const motionId = dto.motionInstanceId;
    return this.db.transaction(async (client) => {
      if (motionId) await this.requireMotion(client, ctx, motionId);
      const instance = await this.engine.create(ctx, SELECTION, input, client);
      if (motionId) await this.engine.link(ctx, motionId, instance.id, 'authorises', client);
      return this.load(client, ctx, instance.id);
    });
  }

  async list(ctx: RequestContext, q: ListProceduresQueryDto): Promise<Page<ProcedureProjectionEntity>> {
    const [items, total] = await this.projections.findAndCount({
      where: { tenant: ctx.tenant, ...(q.module ? { module: q.module } : {}), ...(q.state ? { state: q.state } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  get(ctx: RequestContext, id: string): Promise<LoadedProcedure> {
    return this.load(this.db.pool, ctx, id);
  }

  /**
   * Sends one command. When the deadline has passed but the call is still open (the durable timer
   * has not fired yet), the machine closes the call first within the same transition (and refuses
   * both together, so a refusal writes nothing); `closedFirst` reports that it did.
   * `build` makes the payload from the locked, current context (e.g. the next declaration number).
   */
  async run(ctx: RequestContext, id: string, type: SelectionEventType, build: (context: SelectionContext) => Payload = () => ({})): Promise<StepResult> {
    const result = await this.db.transaction(async (client) => {
      const current = await this.load(client, ctx, id, { lock: true });
      const applied = await this.engine.apply(ctx, id, { type, payload: build(current.snapshot.context) }, client);
      const procedure = await this.load(client, ctx, id);
      const closedFirst = type !== 'CLOSE' && current.snapshot.value === 'receiving' && procedure.snapshot.context.closedAt !== null;
      return { applied, closedFirst, procedure };
    });
    // the engine kicks the outbox only for its own transactions (timers scheduled or cancelled)
    if (result.applied.outbox > 0) this.outbox.kick();
    return result;
  }

  private async load(run: Pool | PoolClient, ctx: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<LoadedProcedure> {
    const { rows } = await run.query<InstanceRow>(
      `SELECT id, machine_version, snapshot, version, created_by, created_at, updated_at FROM workflow_instances
       WHERE id = $1 AND tenant = $2 AND workflow_type = $3${options.lock ? ' FOR UPDATE' : ''}`,
      [id, ctx.tenant, SELECTION],
    );
    const row = rows[0];
    if (!row) throw notFound('Selection procedure', id);
    const definition = this.workflows.get(SELECTION, row.machine_version);
    return {
      id: row.id,
      version: row.version,
      snapshot: restoreSnapshot(definition.machine, row.snapshot, `selection procedure ${id}`) as SelectionSnapshot,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** A procedure is authorised by a council motion; anything else is refused before it is linked. */
  private async requireMotion(client: PoolClient, ctx: RequestContext, motionId: string): Promise<void> {
    const { rows } = await client.query<{ workflow_type: string }>('SELECT workflow_type FROM workflow_instances WHERE id = $1 AND tenant = $2', [motionId, ctx.tenant]);
    const type = rows[0]?.workflow_type;
    if (!type) throw notFound('Motion', motionId);
    if (type !== 'motion') throw new DomainError(422, 'SELECTION.NOT_A_MOTION', `Instance ${motionId} is a ${type}, not a motion; only a motion can authorise a selection procedure.`);
  }
}
