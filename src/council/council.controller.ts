import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import type { RequestContext } from '../engine/types';
import { CouncilService } from './council.service';
import {
  AddMembersDto,
  BodyDetailDto,
  BodyDto,
  CompetenceDto,
  CreateBodyDto,
  CreateCompetenceDto,
  GrantCompetenceDto,
  HeldCompetenceDto,
  heldCompetenceDto,
  MembershipDto,
  MembershipQueryDto,
  PersonDto,
} from './dto/council.dto';

/** Bodies (Gremien), the competence catalogue and memberships: clerks and admins write, every role reads. */
@ApiTags('motions: bodies')
@ApiBearerAuth()
@Controller()
export class CouncilController {
  constructor(private readonly bodies: CouncilService) {}

  @Post('bodies')
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Create a body (Kreistag, Kreisausschuss or committee) with its statutory size and invitation periods' })
  @ApiCreatedResponse({ type: BodyDto })
  @ApiProblems(400, 401, 403, 409, 422)
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateBodyDto): Promise<BodyDto> {
    return BodyDto.from(await this.bodies.createBody(ctx, dto));
  }

  @Get('bodies')
  @AnyRole()
  @ApiOperation({ summary: 'All bodies of your Körperschaft' })
  @ApiOkResponse({ type: [BodyDto] })
  @ApiProblems(401)
  async list(@Ctx() ctx: RequestContext): Promise<BodyDto[]> {
    return (await this.bodies.listBodies(ctx)).map((b) => BodyDto.from(b));
  }

  @Get('bodies/:id')
  @AnyRole()
  @ApiOperation({ summary: 'A body with the competences it holds (by law or transferred)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: BodyDetailDto })
  @ApiProblems(400, 401, 404)
  async get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<BodyDetailDto> {
    const { body, competences } = await this.bodies.bodyWithCompetences(ctx, id);
    return { ...BodyDto.from(body), competences: competences.map(heldCompetenceDto) };
  }

  @Post('bodies/:id/competences')
  @Allow('admin')
  @ApiOperation({ summary: 'Transfer a catalogue competence to a body (e.g. a decision the Kreistag delegated to a committee)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: HeldCompetenceDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async grant(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: GrantCompetenceDto): Promise<HeldCompetenceDto> {
    return heldCompetenceDto(await this.bodies.grantCompetence(ctx, id, dto));
  }

  @Post('bodies/:id/memberships')
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Add seats (new or existing persons) to a body, in one transaction' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: [MembershipDto] })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async addMembers(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AddMembersDto): Promise<MembershipDto[]> {
    return (await this.bodies.addMembers(ctx, id, dto)).map((m) => MembershipDto.from(m.membership, m.person));
  }

  @Get('bodies/:id/memberships')
  @AnyRole()
  @ApiOperation({ summary: 'Seats of a body, optionally only those held on a given day' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [MembershipDto] })
  @ApiProblems(400, 401, 404)
  async members(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: MembershipQueryDto): Promise<MembershipDto[]> {
    return (await this.bodies.members(ctx, id, q.at)).map((m) => MembershipDto.from(m.membership, m.person));
  }

  @Post('competences')
  @Allow('admin')
  @ApiOperation({ summary: 'Add a legal basis to the competence catalogue' })
  @ApiCreatedResponse({ type: CompetenceDto })
  @ApiProblems(400, 401, 403, 409, 422)
  async createCompetence(@Ctx() ctx: RequestContext, @Body() dto: CreateCompetenceDto): Promise<CompetenceDto> {
    return CompetenceDto.from(await this.bodies.createCompetence(ctx, dto));
  }

  @Get('competences')
  @AnyRole()
  @ApiOperation({ summary: 'The competence catalogue' })
  @ApiOkResponse({ type: [CompetenceDto] })
  @ApiProblems(401)
  async competences(@Ctx() ctx: RequestContext): Promise<CompetenceDto[]> {
    return (await this.bodies.listCompetences(ctx)).map((c) => CompetenceDto.from(c));
  }

  @Get('persons')
  @AnyRole()
  @ApiOperation({ summary: 'Persons who hold or held seats' })
  @ApiOkResponse({ type: [PersonDto] })
  @ApiProblems(401)
  async persons(@Ctx() ctx: RequestContext): Promise<PersonDto[]> {
    return (await this.bodies.listPersons(ctx)).map((p) => PersonDto.from(p));
  }
}
