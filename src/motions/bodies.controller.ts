import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { BodiesService } from './bodies.service';
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
} from './dto/bodies.dto';

/** Bodies (Gremien), the competence catalogue and memberships: clerks and admins write, every role reads. */
@ApiTags('motions: bodies')
@ApiBearerAuth()
@Controller()
export class BodiesController {
  constructor(private readonly bodies: BodiesService) {}

  @Post('bodies')
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Create a body (Kreistag, Kreisausschuss or committee) with its statutory size and invitation periods' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateBodyDto): Promise<BodyDto> {
    return BodyDto.from(await this.bodies.createBody(ctx, dto));
  }

  @Get('bodies')
  @AnyRole()
  @ApiOperation({ summary: 'All bodies of your Körperschaft' })
  async list(@Ctx() ctx: RequestContext): Promise<BodyDto[]> {
    return (await this.bodies.listBodies(ctx)).map((b) => BodyDto.from(b));
  }

  @Get('bodies/:id')
  @AnyRole()
  @ApiOperation({ summary: 'A body with the competences it holds (by law or transferred)' })
  async get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<BodyDetailDto> {
    const { body, competences } = await this.bodies.bodyWithCompetences(ctx, id);
    return { ...BodyDto.from(body), competences: competences.map(heldCompetenceDto) };
  }

  @Post('bodies/:id/competences')
  @Allow('admin')
  @ApiOperation({ summary: 'Transfer a catalogue competence to a body (e.g. a decision the Kreistag delegated to a committee)' })
  async grant(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: GrantCompetenceDto): Promise<HeldCompetenceDto> {
    return heldCompetenceDto(await this.bodies.grantCompetence(ctx, id, dto));
  }

  @Post('bodies/:id/memberships')
  @Allow('clerk', 'admin')
  @ApiOperation({ summary: 'Add seats (new or existing persons) to a body, in one transaction' })
  async addMembers(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AddMembersDto): Promise<MembershipDto[]> {
    return (await this.bodies.addMembers(ctx, id, dto)).map((m) => MembershipDto.from(m.membership, m.person));
  }

  @Get('bodies/:id/memberships')
  @AnyRole()
  @ApiOperation({ summary: 'Seats of a body, optionally only those held on a given day' })
  async members(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: MembershipQueryDto): Promise<MembershipDto[]> {
    return (await this.bodies.members(ctx, id, q.at)).map((m) => MembershipDto.from(m.membership, m.person));
  }

  @Post('competences')
  @Allow('admin')
  @ApiOperation({ summary: 'Add a legal basis to the competence catalogue' })
  async createCompetence(@Ctx() ctx: RequestContext, @Body() dto: CreateCompetenceDto): Promise<CompetenceDto> {
    return CompetenceDto.from(await this.bodies.createCompetence(ctx, dto));
  }

  @Get('competences')
  @AnyRole()
  @ApiOperation({ summary: 'The competence catalogue' })
  async competences(@Ctx() ctx: RequestContext): Promise<CompetenceDto[]> {
    return (await this.bodies.listCompetences(ctx)).map((c) => CompetenceDto.from(c));
  }

  @Get('persons')
  @AnyRole()
  @ApiOperation({ summary: 'Persons who hold or held seats' })
  async persons(@Ctx() ctx: RequestContext): Promise<PersonDto[]> {
    return (await this.bodies.listPersons(ctx)).map((p) => PersonDto.from(p));
  }
}
