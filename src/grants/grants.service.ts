import { Injectable, OnModuleInit } from '@nestjs/common';
import { allowedSteps, checkApplication, grantMachine, type ApplicationDraft, type GrantContext } from '../../workflows/grant';
import { Clock } from '../common/clock';
import { invalid, notFound } from '../common/problem';
import { toBerlinIso } from '../common/berlin-time';
import { Database } from '../engine/database';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord, RequestContext } from '../engine/types';
import { BudgetSourcesService, type BudgetSourceWithUsage } from './budget-sources.service';
import type { CreateGrantDto, ListGrantsQueryDto } from './dto/create-grant.dto';
import { FinancingRowDto, GrantDto, ProviderContractsDto, type GrantPageDto } from './dto/grant.dto';
import { toCents, toDecimal } from './money';
import { MotionFacts } from './motion-facts';
import { projectGrant } from './projection';

/** Grant procedures (Zuwendungsverfahren): creation, reading and the per-grant queries. Commands: GrantCommandsService. */
@Injectable()
export class GrantsService implements OnModuleInit {
  constructor(
    private readonly engine: EngineService,
    private readonly db: Database,
    private readonly budget: BudgetSourcesService,
    private readonly motions: MotionFacts,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // Contracts and budget decisions need facts looked up here, so the generic event API refuses grants.
    this.engine.claim('grant', '/grants/{id}/…', projectGrant);
  }

  /**
   * Creates a drafted procedure. Each financing year names a budget source; its name, spend-by date
   * and conditional flag come from the source, and its own share must still be available there.
   * The application must already pass the submission rules (e.g. own share at most 20 %).
   */
  async create(ctx: RequestContext, dto: CreateGrantDto): Promise<GrantDto> {
    const motion = dto.motionInstanceId ? await this.motions.motion(ctx, dto.motionInstanceId) : null;
    const id = await this.db.transaction(async (client) => {
      const sources = await this.budget.lockWithUsage(client, ctx.tenant, [...new Set(dto.financing.map((y) => y.sourceKey))]);
      // the rules are the grant workflow's (workflows/grant/application.ts); this only reports them
      const checked = checkApplication(this.draft(dto, sources), this.clock.now().toISOString());
      if (!checked.input) {
        const [first] = checked.violations;
        throw invalid(first!.code, checked.violations.map((v) => v.message).join(' '), { violations: checked.violations });
      }
      const record = await this.engine.create(ctx, 'grant', checked.input, client);
      if (motion) await this.engine.link(ctx, motion.id, record.id, 'funds', client);
      return record.id;
    });
    return this.get(ctx, id);
  }

  async list(ctx: RequestContext, q: ListGrantsQueryDto): Promise<GrantPageDto> {
    const where = ['tenant = $1'];
    const params: unknown[] = [ctx.tenant];
    if (q.module) where.push(`$${params.push(q.module)} = ANY(modules)`);
    if (q.state) where.push(`state = $${params.push(q.state)}`);
    const filter = where.join(' AND ');
    const total = await this.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM grant_procedures WHERE ${filter}`, params);
    const { rows } = await this.db.pool.query<ProcedureRow>(
      `SELECT * FROM grant_procedures WHERE ${filter} ORDER BY created_at DESC, instance_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items = rows.map((r) => ({
      id: r.instance_id,
      programme: r.programme,
      modules: r.modules,
      grantingAuthority: r.granting_authority,
      state: r.state,
      requested: toDecimal(Number(r.requested_cents)),
      approved: r.approved_cents === null ? null : toDecimal(Number(r.approved_cents)),
      contracted: toDecimal(Number(r.contracted_cents)),
      endangered: r.endangered,
      createdAt: toBerlinIso(r.created_at),
      updatedAt: toBerlinIso(r.updated_at),
    }));
    return { items, page: q.page, pageSize: q.pageSize, total: Number(total.rows[0]!.n) };
  }

  async get(ctx: RequestContext, id: string): Promise<GrantDto> {
    return this.view(await this.instance(ctx, id));
  }

  async financing(ctx: RequestContext, id: string): Promise<FinancingRowDto[]> {
    return FinancingRowDto.list((await this.instance(ctx, id)).context as GrantContext);
  }

  async contracts(ctx: RequestContext, id: string): Promise<ProviderContractsDto[]> {
    return ProviderContractsDto.list((await this.instance(ctx, id)).context as GrantContext);
  }

  /** The grant instance `id` of the caller's Körperschaft; 404 for any other workflow type. */
  async instance(ctx: RequestContext, id: string): Promise<InstanceRecord> {
    const instance = await this.engine.get(ctx, id);
    if (instance.workflowType !== 'grant') throw notFound('Grant procedure', id);
    return instance;
  }

  view(instance: InstanceRecord): GrantDto {
    // grant has one machine version so far; a second one would pick its machine from the registry here
    const snapshot = grantMachine.resolveState({ value: instance.state, context: instance.context as GrantContext });
    return GrantDto.from(instance, allowedSteps(snapshot, this.clock.now().toISOString()));
  }

  /** The application as entered, each year with the facts of the source it names. */
  private draft(dto: CreateGrantDto, sources: Map<string, BudgetSourceWithUsage>): ApplicationDraft {
    return {
      programme: dto.programme,
      modules: dto.modules,
      grantingAuthority: dto.grantingAuthority,
      eligibleCostCents: toCents(dto.eligibleCost),
      requestedCents: toCents(dto.requested),
      fundingPeriod: { from: dto.fundingPeriod.from, to: dto.fundingPeriod.to },
      financing: dto.financing.map((y) => ({
        year: y.year,
        totalCostCents: toCents(y.totalCost),
        stateShareCents: toCents(y.stateShare),
        ownShareCents: toCents(y.ownShare),
        sourceKey: y.sourceKey,
        source: sources.get(y.sourceKey) ?? null,
      })),
      proofOfUseDue: dto.proofOfUseDue ?? null,
    };
  }
}

interface ProcedureRow {
  instance_id: string;
  programme: string;
  modules: string[];
  granting_authority: string;
  state: string;
  requested_cents: string;
  approved_cents: string | null;
  contracted_cents: string;
  endangered: boolean;
  created_at: Date;
  updated_at: Date;
}
