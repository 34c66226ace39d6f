import { Body, Controller, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { CouncilService } from './council.service';
import { AddMembersDto, BodyDetailDto, BodyDto, CompetenceDto, CreateBodyDto, CreateCompetenceDto, GrantCompetenceDto, HeldCompetenceDto, heldCompetenceDto, MembershipDto, MembershipQueryDto, PersonDto } from './dto/council.dto';
import { Endpoint } from '../common/endpoint';

/** Bodies (Gremien), the competence catalogue and memberships: clerks and admins write, every role reads. */
@ApiTags('motions: bodies')
@ApiBearerAuth()
@Controller()
export class CouncilController {
  constructor(private readonly bodies: CouncilService) {}

  @Endpoint('POST', 'bodies', { summary: 'Create a body (Kreistag, Kreisausschuss or committee) with its statutory size and invitation periods', roles: ['clerk', 'admin'], type: BodyDto, problems: [400, 401, 403, 409, 422] })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateBodyDto): Promise<BodyDto> {
    return BodyDto.from(await this.bodies.createBody(ctx, dto));
  }

  @Endpoint('GET', 'bodies', { summary: 'All bodies of your Körperschaft', type: [BodyDto], problems: [401] })
  async list(@Ctx() ctx: RequestContext): Promise<BodyDto[]> {
    return (await this.bodies.listBodies(ctx)).map((b) => BodyDto.from(b));
  }

  @Endpoint('GET', 'bodies/:id', { summary: 'A body with the competences it holds (by law or transferred)', type: BodyDetailDto, problems: [400, 401, 404] })
  async get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<BodyDetailDto> {
    const { body, competences } = await this.bodies.bodyWithCompetences(ctx, id);
    return { ...BodyDto.from(body), competences: competences.map(heldCompetenceDto) };
  }

  @Endpoint('POST', 'bodies/:id/competences', { summary: 'Transfer a catalogue competence to a body (e.g. a decision the Kreistag delegated to a committee)', roles: ['admin'], type: HeldCompetenceDto, problems: [400, 401, 403, 404, 409, 422] })
  async grant(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: GrantCompetenceDto): Promise<HeldCompetenceDto> {
    return heldCompetenceDto(await this.bodies.grantCompetence(ctx, id, dto));
  }

  @Endpoint('POST', 'bodies/:id/memberships', { summary: 'Add seats (new or existing persons) to a body, in one transaction', roles: ['clerk', 'admin'], type: [MembershipDto], problems: [400, 401, 403, 404, 409, 422] })
  async addMembers(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AddMembersDto): Promise<MembershipDto[]> {
    return (await this.bodies.addMembers(ctx, id, dto)).map((m) => MembershipDto.from(m.membership, m.person));
  }

  @Endpoint('GET', 'bodies/:id/memberships', { summary: 'Seats of a body, optionally only those held on a given day', type: [MembershipDto], problems: [400, 401, 404] })
  async members(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: MembershipQueryDto): Promise<MembershipDto[]> {
    return (await this.bodies.members(ctx, id, q.at)).map((m) => MembershipDto.from(m.membership, m.person));
  }

  @Endpoint('POST', 'competences', { summary: 'Add a legal basis to the competence catalogue', roles: ['admin'], type: CompetenceDto, problems: [400, 401, 403, 409, 422] })
  async createCompetence(@Ctx() ctx: RequestContext, @Body() dto: CreateCompetenceDto): Promise<CompetenceDto> {
    return CompetenceDto.from(await this.bodies.createCompetence(ctx, dto));
  }

  @Endpoint('GET', 'competences', { summary: 'The competence catalogue', type: [CompetenceDto], problems: [401] })
  async competences(@Ctx() ctx: RequestContext): Promise<CompetenceDto[]> {
    return (await this.bodies.listCompetences(ctx)).map((c) => CompetenceDto.from(c));
  }

  @Endpoint('GET', 'persons', { summary: 'Persons who hold or held seats', type: [PersonDto], problems: [401] })
  async persons(@Ctx() ctx: RequestContext): Promise<PersonDto[]> {
    return (await this.bodies.listPersons(ctx)).map((p) => PersonDto.from(p));
  }
}
