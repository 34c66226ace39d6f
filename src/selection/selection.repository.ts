import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import type { Page, RequestContext } from '../engine/types';
import { FundingModuleEntity, FundingProgrammeEntity, ProviderEntity } from './entities';
import type { CreateModuleDto, CreateProgrammeDto, CreateProviderDto } from './registry.dto';

/**
 * The master data of the selection domain: funding programmes with their modules (Bausteine) and
 * the providers (Träger). Procedures refer to modules by code and to providers by id; the names
 * written into a procedure's events come from here, never from the client.
 */
@Injectable()
export class SelectionRegistry {
  constructor(
    @InjectRepository(FundingProgrammeEntity) private readonly programmes: Repository<FundingProgrammeEntity>,
    @InjectRepository(FundingModuleEntity) private readonly modules: Repository<FundingModuleEntity>,
    @InjectRepository(ProviderEntity) private readonly providers: Repository<ProviderEntity>,
    private readonly clock: Clock,
  ) {}

  async createProgramme(ctx: RequestContext, dto: CreateProgrammeDto): Promise<{ programme: FundingProgrammeEntity; modules: FundingModuleEntity[] }> {
    const row = this.programmes.create({ tenant: ctx.tenant, name: dto.name.trim(), createdAt: this.clock.now() });
    await insertUnique(this.programmes, row, 'SELECTION.PROGRAMME_EXISTS', `The programme "${row.name}" already exists.`);
    return { programme: row, modules: [] };
  }

  /** Every programme of the Körperschaft with its modules (a short list: a handful of programmes). */
  async listProgrammes(ctx: RequestContext): Promise<{ programme: FundingProgrammeEntity; modules: FundingModuleEntity[] }[]> {
    const programmes = await this.programmes.find({ where: { tenant: ctx.tenant }, order: { createdAt: 'ASC', id: 'ASC' } });
    const modules = await this.modules.find({ where: { tenant: ctx.tenant }, order: { createdAt: 'ASC', id: 'ASC' } });
    return programmes.map((programme) => ({ programme, modules: modules.filter((m) => m.programmeId === programme.id) }));
  }

  async createModule(ctx: RequestContext, programmeId: string, dto: CreateModuleDto): Promise<FundingModuleEntity> {
    const programme = await this.programmes.findOneBy({ id: programmeId, tenant: ctx.tenant });
    if (!programme) throw notFound('Funding programme', programmeId);
    const row = this.modules.create({ tenant: ctx.tenant, programmeId, code: dto.code, title: dto.title.trim(), createdAt: this.clock.now() });
    await insertUnique(this.modules, row, 'SELECTION.MODULE_EXISTS', `A module with code "${dto.code}" already exists in your Körperschaft.`);
    return row;
  }

  /** The module with its programme; 422 when the code is unknown (it arrives in a request body). */
  async moduleByCode(ctx: RequestContext, code: string): Promise<{ module: FundingModuleEntity; programme: FundingProgrammeEntity }> {
    const module = await this.modules.findOne({ where: { tenant: ctx.tenant, code }, relations: { programme: true } });
    if (!module?.programme) throw new DomainError(422, 'SELECTION.UNKNOWN_MODULE', `There is no funding module with code "${code}"; create it under its programme first.`);
    return { module, programme: module.programme };
  }

  async createProvider(ctx: RequestContext, dto: CreateProviderDto): Promise<ProviderEntity> {
    const row = this.providers.create({ tenant: ctx.tenant, name: dto.name.trim(), legalForm: dto.legalForm.trim(), createdAt: this.clock.now() });
    await insertUnique(this.providers, row, 'SELECTION.PROVIDER_EXISTS', `The provider "${row.name}" is already registered.`);
    return row;
  }

  async listProviders(ctx: RequestContext, page: number, pageSize: number): Promise<Page<ProviderEntity>> {
    const [items, total] = await this.providers.findAndCount({
      where: { tenant: ctx.tenant },
      order: { name: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, page, pageSize, total };
  }

  /** The registered providers with these ids; 422 naming the ones that are not registered. */
  async providersById(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, ProviderEntity>> {
    const wanted = [...new Set(ids)];
    const found = wanted.length ? await this.providers.findBy({ tenant: ctx.tenant, id: In(wanted) }) : [];
    const byId = new Map(found.map((p) => [p.id, p]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length) {
      throw new DomainError(422, 'SELECTION.UNKNOWN_PROVIDER', `Not a registered provider: ${missing.join(', ')}. Register the provider first.`, { providerIds: missing });
    }
    return byId;
  }
}

/** Inserts unless the unique name or code is taken (ON CONFLICT DO NOTHING: no error, no race); 409 then. */
async function insertUnique<T extends { id: string }>(repo: Repository<T>, row: T, code: string, message: string): Promise<void> {
  const result = await repo.createQueryBuilder().insert().values(row as never).orIgnore().returning('id').execute();
  const inserted = (result.raw as { id: string }[])[0];
  if (!inserted) throw new DomainError(409, code, message);
  row.id = inserted.id;
}
