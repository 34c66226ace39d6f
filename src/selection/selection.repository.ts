import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { In, type Repository } from 'typeorm';
import type { SelectionContext } from '../../workflows/selection';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import { Database } from '../engine/database';
import type { InstanceRecord, Page, RequestContext } from '../engine/types';
import { FundingModuleEntity, FundingProgrammeEntity, ProcedureProjectionEntity, ProviderEntity } from './entities';

export interface ProgrammeWithModules {
  programme: FundingProgrammeEntity;
  modules: FundingModuleEntity[];
}

/** Provider ids are UUIDs; anything else cannot be registered (and would make the uuid cast fail). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every SQL statement of the selection module: the master data (programmes, modules, providers), the
 * procedure list's read model, and the look-ups the commands' facts need (inside the event's
 * transaction where a `tx` is given).
 */
@Injectable()
export class SelectionRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    @InjectRepository(FundingProgrammeEntity) private readonly programmes: Repository<FundingProgrammeEntity>,
    @InjectRepository(FundingModuleEntity) private readonly modules: Repository<FundingModuleEntity>,
    @InjectRepository(ProviderEntity) private readonly providers: Repository<ProviderEntity>,
    @InjectRepository(ProcedureProjectionEntity) private readonly procedures: Repository<ProcedureProjectionEntity>,
  ) {}

  // ------------------------------------------------------------ master data

  async createProgramme(ctx: RequestContext, name: string): Promise<ProgrammeWithModules> {
    const row = this.programmes.create({ tenant: ctx.tenant, name: name.trim(), createdAt: this.clock.now() });
    await insertUnique(this.programmes, row, 'SELECTION.PROGRAMME_EXISTS', `The programme "${row.name}" already exists.`);
    return { programme: row, modules: [] };
  }

  /** Every programme of the Körperschaft with its modules (a short list: a handful of programmes). */
  async listProgrammes(ctx: RequestContext): Promise<ProgrammeWithModules[]> {
    const programmes = await this.programmes.find({ where: { tenant: ctx.tenant }, order: { createdAt: 'ASC', id: 'ASC' } });
    const modules = await this.modules.find({ where: { tenant: ctx.tenant }, order: { createdAt: 'ASC', id: 'ASC' } });
    return programmes.map((programme) => ({ programme, modules: modules.filter((m) => m.programmeId === programme.id) }));
  }

  async createModule(ctx: RequestContext, programmeId: string, code: string, title: string): Promise<FundingModuleEntity> {
    const programme = await this.programmes.findOneBy({ id: programmeId, tenant: ctx.tenant });
    if (!programme) throw notFound('Funding programme', programmeId);
    const row = this.modules.create({ tenant: ctx.tenant, programmeId, code, title: title.trim(), createdAt: this.clock.now() });
    await insertUnique(this.modules, row, 'SELECTION.MODULE_EXISTS', `A module with code "${code}" already exists in your Körperschaft.`);
    return row;
  }

  /** The module with its programme; 422 when the code is unknown (it arrives in a request body). */
  async moduleByCode(ctx: RequestContext, code: string): Promise<{ module: FundingModuleEntity; programme: FundingProgrammeEntity }> {
    const module = await this.modules.findOne({ where: { tenant: ctx.tenant, code }, relations: { programme: true } });
    if (!module?.programme) throw new DomainError(422, 'SELECTION.UNKNOWN_MODULE', `There is no funding module with code "${code}"; create it under its programme first.`);
    return { module, programme: module.programme };
  }

  async createProvider(ctx: RequestContext, name: string, legalForm: string): Promise<ProviderEntity> {
    const row = this.providers.create({ tenant: ctx.tenant, name: name.trim(), legalForm: legalForm.trim(), createdAt: this.clock.now() });
    await insertUnique(this.providers, row, 'SELECTION.PROVIDER_EXISTS', `The provider "${row.name}" is already registered.`);
    return row;
  }

  async listProviders(ctx: RequestContext, page: number, pageSize: number): Promise<Page<ProviderEntity>> {
    const [items, total] = await this.providers.findAndCount({ where: { tenant: ctx.tenant }, order: { name: 'ASC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items, page, pageSize, total };
  }

  /** The name of a registered provider, looked up in the event's transaction; undefined when not registered. */
  async providerName(tx: PoolClient, ctx: RequestContext, providerId: string): Promise<string | undefined> {
    const { rows } = await tx.query<{ name: string }>('SELECT name FROM selection_providers WHERE tenant = $1 AND id = $2', [ctx.tenant, providerId]);
    return rows[0]?.name;
  }

  /** Names of registered providers by id, in the event's transaction; ids not registered are left out. */
  async providerNames(tx: PoolClient, ctx: RequestContext, providerIds: readonly string[]): Promise<Record<string, string>> {
    const ids = [...new Set(providerIds)].filter((id) => UUID.test(id));
    if (ids.length === 0) return {};
    const { rows } = await tx.query<{ id: string; name: string }>('SELECT id, name FROM selection_providers WHERE tenant = $1 AND id = ANY($2::uuid[])', [ctx.tenant, ids]);
    return Object.fromEntries(rows.map((r) => [r.id, r.name]));
  }

  // ------------------------------------------------------------ facts from other modules' master data

  /**
   * The committee's name (null when there is no such body of the council), and whether the meeting (if named) is one of
   * its meetings. Bodies and meetings are the motions module's master data: read here until that
   * module offers a query API for them.
   */
  async committee(tx: PoolClient, ctx: RequestContext, bodyId: string, meetingId: string | undefined): Promise<{ bodyName: string | null; meeting: boolean }> {
    const { rows } = await tx.query<{ bodyName: string | null; meeting: boolean }>(
      `SELECT (SELECT name FROM bodies WHERE tenant = $1 AND id = $2) AS "bodyName",
              EXISTS (SELECT 1 FROM meetings WHERE tenant = $1 AND id = $3 AND body_id = $2) AS meeting`,
      [ctx.tenant, bodyId, meetingId ?? null],
    );
    return rows[0]!;
  }

  /** Title and module of procedures by id, from the list's read model (for the wording of their deadlines). */
  async procedureHeadings(tenant: string, ids: readonly string[]): Promise<Map<string, { title: string; module: string }>> {
    const found = ids.length ? await this.procedures.find({ where: { tenant, id: In([...new Set(ids)]) }, select: { id: true, title: true, module: true } }) : [];
    return new Map(found.map((p) => [p.id, { title: p.title, module: p.module }]));
  }

  // ------------------------------------------------------------ procedures

  /** Keeps `selection_procedures` (the list's read model) in step with the machine, inside each event's transaction. */
  async project(tx: PoolClient, instance: InstanceRecord): Promise<void> {
    const c = instance.context as SelectionContext;
    // the selection machine has no parallel states: its value is always a state name
    const state = typeof instance.state === 'string' ? instance.state : JSON.stringify(instance.state);
    await tx.query({
      name: 'bw_selection_project',
      text: `INSERT INTO selection_procedures (id, tenant, programme, module, title, state, deadline, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (id) DO UPDATE SET programme = EXCLUDED.programme, module = EXCLUDED.module, title = EXCLUDED.title,
               state = EXCLUDED.state, deadline = EXCLUDED.deadline, updated_at = EXCLUDED.updated_at`,
      values: [instance.id, instance.tenant, c.programme, c.module, c.title, state, c.deadline, instance.createdAt, instance.updatedAt],
    });
  }

  async listProcedures(ctx: RequestContext, q: { module?: string; state?: string; page: number; pageSize: number }): Promise<Page<ProcedureProjectionEntity>> {
    const [items, total] = await this.procedures.findAndCount({
      where: { tenant: ctx.tenant, ...(q.module ? { module: q.module } : {}), ...(q.state ? { state: q.state } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  /** The contexts of the module's procedures, newest first (for "who is selected for module X"). */
  async contextsOfModule(tenant: string, module: string): Promise<{ id: string; context: SelectionContext }[]> {
    const { rows } = await this.db.pool.query<{ id: string; context: SelectionContext }>(
      `SELECT id, snapshot->'context' AS context FROM workflow_instances
       WHERE tenant = $1 AND workflow_type = 'selection' AND snapshot->'context'->>'module' = $2
       ORDER BY created_at DESC`,
      [tenant, module],
    );
    return rows;
  }
}

/** Inserts unless the unique name or code is taken (ON CONFLICT DO NOTHING: no error, no race); 409 then. */
async function insertUnique<T extends { id: string }>(repo: Repository<T>, row: T, code: string, message: string): Promise<void> {
  const result = await repo.createQueryBuilder().insert().values(row as never).orIgnore().returning('id').execute();
  const inserted = (result.raw as { id: string }[])[0];
  if (!inserted) throw new DomainError(409, code, message);
  row.id = inserted.id;
}
