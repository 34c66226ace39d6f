import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, Ctx } from '../auth/policy';
import { PageQueryDto } from '../engine/dto';
import type { RequestContext } from '../engine/types';
import { ModuleCodeParamDto } from './procedure-input.dto';
import { SelectedProvidersDto } from './query.view';
import { CreateModuleDto, CreateProgrammeDto, CreateProviderDto, ModuleDto, ProgrammeDto, ProviderDto, ProviderPageDto } from './registry.dto';
import { SelectionRegistry } from './registry.service';
import { SelectionFacts } from './selection-facts';

export const SELECTION_WRITERS = ['office', 'admin'] as const;

/** Funding programmes, their modules (Bausteine) and the providers (Träger) of the managing office. */
@ApiTags('selection')
@ApiBearerAuth()
@Controller('selection')
export class RegistryController {
  constructor(
    private readonly register: SelectionRegistry,
    private readonly facts: SelectionFacts,
  ) {}

  @Post('programmes')
  @Allow(...SELECTION_WRITERS)
  @ApiOperation({ summary: 'Register a funding programme' })
  async createProgramme(@Ctx() ctx: RequestContext, @Body() body: CreateProgrammeDto): Promise<ProgrammeDto> {
    const { programme, modules } = await this.register.createProgramme(ctx, body);
    return ProgrammeDto.from(programme, modules);
  }

  @Get('programmes')
  @AnyRole()
  @ApiOperation({ summary: 'Funding programmes with their modules' })
  async listProgrammes(@Ctx() ctx: RequestContext): Promise<ProgrammeDto[]> {
    return (await this.register.listProgrammes(ctx)).map((p) => ProgrammeDto.from(p.programme, p.modules));
  }

  @Post('programmes/:programmeId/modules')
  @Allow(...SELECTION_WRITERS)
  @ApiOperation({ summary: 'Add a funding module (Baustein) to a programme; its code is unique in your Körperschaft' })
  async createModule(@Ctx() ctx: RequestContext, @Param('programmeId', new ParseUUIDPipe()) programmeId: string, @Body() body: CreateModuleDto): Promise<ModuleDto> {
    return ModuleDto.from(await this.register.createModule(ctx, programmeId, body));
  }

  @Get('modules/:module/selected')
  @AnyRole()
  @ApiOperation({ summary: 'Which providers are selected for a module, with what FTE (from the decided procedure)' })
  async selected(@Ctx() ctx: RequestContext, @Param() p: ModuleCodeParamDto): Promise<SelectedProvidersDto> {
    return SelectedProvidersDto.from(p.module, await this.facts.selectedFor(ctx.tenant, p.module));
  }

  @Post('providers')
  @Allow(...SELECTION_WRITERS)
  @ApiOperation({ summary: 'Register a provider (Träger)' })
  async createProvider(@Ctx() ctx: RequestContext, @Body() body: CreateProviderDto): Promise<ProviderDto> {
    return ProviderDto.from(await this.register.createProvider(ctx, body));
  }

  @Get('providers')
  @AnyRole()
  @ApiOperation({ summary: 'Registered providers by name, paginated' })
  async listProviders(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto): Promise<ProviderPageDto> {
    const page = await this.register.listProviders(ctx, q.page, q.pageSize);
    return { ...page, items: page.items.map((p) => ProviderDto.from(p)) };
  }
}
