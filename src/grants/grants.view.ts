import { Injectable } from '@nestjs/common';
import { deadlines, type GrantContext } from '../../workflows/grant';
import { toBerlinIso } from '../common/berlin-time';
import { notFound } from '../common/problem';
import type { DeadlineText } from '../deadlines/deadline-texts';
import type { CommandView, NextStep } from '../engine/commands';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord, RequestContext } from '../engine/types';
import type { ListGrantsQueryDto } from './dto/create-grant.dto';
import { FinancingRowDto, GrantDto, ProviderContractsDto, type GrantPageDto } from './dto/grant.dto';
import { GrantsRepository } from './grants.repository';
import { toDecimal } from './money';

/** How grant procedures are shown: one view for GET and every command's answer, plus the list and per-grant tables. */
@Injectable()
export class GrantsView implements CommandView<GrantDto> {
  constructor(
    private readonly engine: EngineService,
    private readonly repository: GrantsRepository,
  ) {}

  view(_: RequestContext, instance: InstanceRecord, nextSteps: NextStep[]): Promise<GrantDto> {
    return Promise.resolve(GrantDto.from(instance, nextSteps));
  }

  async financing(ctx: RequestContext, id: string): Promise<FinancingRowDto[]> {
    return FinancingRowDto.list((await this.instance(ctx, id)).context as GrantContext);
  }

  async contracts(ctx: RequestContext, id: string): Promise<ProviderContractsDto[]> {
    return ProviderContractsDto.list((await this.instance(ctx, id)).context as GrantContext);
  }

  async list(ctx: RequestContext, q: ListGrantsQueryDto): Promise<GrantPageDto> {
    const { rows, total } = await this.repository.procedures(ctx.tenant, { module: q.module, state: q.state }, q.page, q.pageSize);
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
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  /** The grant instance `id` of the caller's Körperschaft; 404 for any other workflow type. */
  private async instance(ctx: RequestContext, id: string): Promise<InstanceRecord> {
    const instance = await this.engine.get(ctx, id);
    if (instance.workflowType !== 'grant') throw notFound('Grant procedure', id);
    return instance;
  }
}

/** How GET /deadlines words a grant's timer: the programme, and the deadline's own label. */
export function grantDeadlineText(instance: Pick<InstanceRecord, 'context'>, timer: { name: string }): DeadlineText {
  const c = instance.context as GrantContext;
  return { subject: c.application.programme, label: deadlines(c).find((d) => d.name === timer.name)?.label ?? timer.name };
}
