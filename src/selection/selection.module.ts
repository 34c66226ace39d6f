import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FundingModuleEntity, FundingProgrammeEntity, ProcedureProjectionEntity, ProviderEntity } from './entities';
import { ProcedureCommands } from './procedure-commands.service';
import { ProcedureService } from './procedure.service';
import { ProceduresController } from './procedures.controller';
import { RegistryController } from './registry.controller';
import { SelectionRegistry } from './registry.service';
import { SelectionFacts } from './selection-facts';

/** Provider selection (Interessenbekundungsverfahren): master data, procedures on the engine, and the selected-providers fact. */
@Module({
  imports: [TypeOrmModule.forFeature([FundingProgrammeEntity, FundingModuleEntity, ProviderEntity, ProcedureProjectionEntity])],
  controllers: [RegistryController, ProceduresController],
  providers: [SelectionFacts, SelectionRegistry, ProcedureService, ProcedureCommands],
  exports: [SelectionFacts],
})
export class SelectionModule {}
