import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyRole, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import type { RequestContext } from '../engine/types';
import { ListGrantsQueryDto } from './dto/create-grant.dto';
import { FinancingRowDto, GrantDto, GrantPageDto, ProviderContractsDto } from './dto/grant.dto';
import { CommandDispatcher } from '../engine/dispatcher';
import { grantCommands } from './grants.commands';
import { GrantsView } from './grants.view';

const Id = () => Param('id', new ParseUUIDPipe());
const IdParam = () => ApiParam({ name: 'id', format: 'uuid', type: String });

/** Reads of grant procedures (Zuwendungen); the steps are the command table's routes (grants.commands.ts). */
@ApiTags('grants')
@ApiBearerAuth()
@Controller('grants')
export class GrantsController {
  constructor(
    private readonly grants: GrantsView,
    private readonly dispatcher: CommandDispatcher,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Grant procedures, newest first, paginated; filter by module (Baustein) and state' })
  @ApiOkResponse({ type: GrantPageDto })
  @ApiProblems(400, 401)
  list(@Ctx() ctx: RequestContext, @Query() q: ListGrantsQueryDto): Promise<GrantPageDto> {
    return this.grants.list(ctx, q);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A grant procedure: state, record (notices, contracts, spending, calls, proof, deadlines) and the allowed steps with reasons' })
  @IdParam()
  @ApiOkResponse({ type: GrantDto })
  @ApiProblems(400, 401, 404)
  get(@Ctx() ctx: RequestContext, @Id() id: string): Promise<GrantDto> {
    return this.dispatcher.get(grantCommands, ctx, id);
  }

  @Get(':id/financing')
  @AnyRole()
  @ApiOperation({ summary: 'Financing table per year: total cost, state share, own share, source, spend-by, conditional/blocked, spent' })
  @IdParam()
  @ApiOkResponse({ type: [FinancingRowDto] })
  @ApiProblems(400, 401, 404)
  financing(@Ctx() ctx: RequestContext, @Id() id: string): Promise<FinancingRowDto[]> {
    return this.grants.financing(ctx, id);
  }

  @Get(':id/contracts')
  @AnyRole()
  @ApiOperation({ summary: 'Forwarding contracts (Weiterleitungsverträge) grouped by provider' })
  @IdParam()
  @ApiOkResponse({ type: [ProviderContractsDto] })
  @ApiProblems(400, 401, 404)
  contracts(@Ctx() ctx: RequestContext, @Id() id: string): Promise<ProviderContractsDto[]> {
    return this.grants.contracts(ctx, id);
  }
}
