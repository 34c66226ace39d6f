import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../auth/policy';
import type { RequestContext } from '../engine/types';
import { CreateModuleDto, CreateProgrammeDto, CreateProviderDto, ModuleDto, ProgrammeDto, ProviderDto } from './dto/registry.dto';
import { SELECTION_WRITERS } from './selection.commands';
import { SelectionRepository } from './selection.repository';
import { Endpoint } from '../common/endpoint';

/** Master data of the managing office: funding programmes, their modules (Bausteine) and the providers (Träger). Not workflow commands. */
@ApiTags('selection')
@ApiBearerAuth()
@Controller('selection')
export class RegistryController {
  constructor(private readonly repository: SelectionRepository) {}

  @Endpoint('POST', 'programmes', { summary: 'Register a funding programme', roles: SELECTION_WRITERS, type: ProgrammeDto, problems: [400, 401, 403, 409] })
  async createProgramme(@Ctx() ctx: RequestContext, @Body() body: CreateProgrammeDto): Promise<ProgrammeDto> {
    const { programme, modules } = await this.repository.createProgramme(ctx, body.name);
    return ProgrammeDto.from(programme, modules);
  }

  @Endpoint('POST', 'programmes/:programmeId/modules', { summary: 'Add a funding module (Baustein) to a programme; its code is unique in your Körperschaft', roles: SELECTION_WRITERS, type: ModuleDto, problems: [400, 401, 403, 404, 409] })
  @ApiParam({ name: 'programmeId', format: 'uuid', type: String })
  async createModule(@Ctx() ctx: RequestContext, @Param('programmeId', new ParseUUIDPipe()) programmeId: string, @Body() body: CreateModuleDto): Promise<ModuleDto> {
    return ModuleDto.from(await this.repository.createModule(ctx, programmeId, body.code, body.title));
  }

  @Endpoint('POST', 'providers', { summary: 'Register a provider (Träger)', roles: SELECTION_WRITERS, type: ProviderDto, problems: [400, 401, 403, 409] })
  async createProvider(@Ctx() ctx: RequestContext, @Body() body: CreateProviderDto): Promise<ProviderDto> {
    return ProviderDto.from(await this.repository.createProvider(ctx, body.name, body.legalForm));
  }
}
