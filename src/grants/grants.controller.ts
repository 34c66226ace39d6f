import { Controller, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { ListGrantsQueryDto } from './dto/create-grant.dto';
import { FinancingRowDto, GrantDto, GrantPageDto, ProviderContractsDto } from './dto/grant.dto';
import { CommandDispatcher } from '../engine/dispatcher';
import { grantCommands } from './grants.commands';
import { GrantsView } from './grants.view';
import { Endpoint } from '../common/endpoint';

const Id = () => Param('id', new ParseUUIDPipe());

/** Reads of grant procedures (Zuwendungen); the steps are the command table's routes (grants.commands.ts). */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('grants')
export class GrantsController {
  constructor(
    private readonly grants: GrantsView,
    private readonly dispatcher: CommandDispatcher,
  ) {}

  @Endpoint('GET', '', { summary: 'Grant procedures, newest first, paginated; filter by module (Baustein) and state', type: GrantPageDto, problems: [400, 401] })
  list(@Ctx() ctx: RequestContext, @Query() q: ListGrantsQueryDto): Promise<GrantPageDto> {
    return this.grants.list(ctx, q);
  }

  @Endpoint('GET', ':id', { summary: 'A grant procedure: state, record (notices, contracts, spending, calls, proof, deadlines) and the allowed steps with reasons', type: GrantDto, problems: [400, 401, 404] })
  get(@Ctx() ctx: RequestContext, @Id() id: string): Promise<GrantDto> {
    return this.dispatcher.get(grantCommands, ctx, id);
  }

  @Endpoint('GET', ':id/financing', { summary: 'Financing table per year: total cost, state share, own share, source, spend-by, conditional/blocked, spent', type: [FinancingRowDto], problems: [400, 401, 404] })
  financing(@Ctx() ctx: RequestContext, @Id() id: string): Promise<FinancingRowDto[]> {
    return this.grants.financing(ctx, id);
  }

  @Endpoint('GET', ':id/contracts', { summary: 'Forwarding contracts (Weiterleitungsverträge) grouped by provider', type: [ProviderContractsDto], problems: [400, 401, 404] })
  contracts(@Ctx() ctx: RequestContext, @Id() id: string): Promise<ProviderContractsDto[]> {
    return this.grants.contracts(ctx, id);
  }
}
