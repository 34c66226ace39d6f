import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import type { RequestContext } from '../engine/types';
import { CreateModuleDto, CreateProgrammeDto, CreateProviderDto, ModuleDto, ProgrammeDto, ProviderDto } from './dto/registry.dto';
import { SELECTION_WRITERS } from './selection.commands';
import { SelectionRepository } from './selection.repository';

/** Master data of the managing office: funding programmes, their modules (Bausteine) and the providers (Träger). Not workflow commands. */
@ApiTags('selection')
@ApiBearerAuth()
@Controller('selection')
export class RegistryController {
  constructor(private readonly repository: SelectionRepository) {}

  @Post('programmes')
  @Allow(...SELECTION_WRITERS)
  @ApiOperation({ summary: 'Register a funding programme' })
  @ApiCreatedResponse({ type: ProgrammeDto })
  @ApiProblems(400, 401, 403, 409)
  async createProgramme(@Ctx() ctx: RequestContext, @Body() body: CreateProgrammeDto): Promise<ProgrammeDto> {
    const { programme, modules } = await this.repository.createProgramme(ctx, body.name);
    return ProgrammeDto.from(programme, modules);
  }

  @Post('programmes/:programmeId/modules')
  @Allow(...SELECTION_WRITERS)
  @ApiOperation({ summary: 'Add a funding module (Baustein) to a programme; its code is unique in your Körperschaft' })
  @ApiParam({ name: 'programmeId', format: 'uuid', type: String })
  @ApiCreatedResponse({ type: ModuleDto })
  @ApiProblems(400, 401, 403, 404, 409)
  async createModule(@Ctx() ctx: RequestContext, @Param('programmeId', new ParseUUIDPipe()) programmeId: string, @Body() body: CreateModuleDto): Promise<ModuleDto> {
    return ModuleDto.from(await this.repository.createModule(ctx, programmeId, body.code, body.title));
  }

  @Post('providers')
  @Allow(...SELECTION_WRITERS)
  @ApiOperation({ summary: 'Register a provider (Träger)' })
  @ApiCreatedResponse({ type: ProviderDto })
  @ApiProblems(400, 401, 403, 409)
  async createProvider(@Ctx() ctx: RequestContext, @Body() body: CreateProviderDto): Promise<ProviderDto> {
    return ProviderDto.from(await this.repository.createProvider(ctx, body.name, body.legalForm));
  }
}
