import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadlineTexts } from '../deadlines/deadline-texts';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { MotionsModule } from '../motions/motions.module';
import { commandRoutes } from '../engine/command-routes';
import { EngineService } from '../engine/engine.service';
import { FundingModuleEntity, FundingProgrammeEntity, ProcedureProjectionEntity, ProviderEntity } from './entities';
import { RegistryController } from './registry.controller';
import { selectionCommands } from './selection.commands';
import { SelectionController } from './selection.controller';
import { SELECTION, SelectionFacts } from './selection.facts';
import { SelectionRepository } from './selection.repository';
import { SelectionView, selectionDeadlineText } from './selection.view';

/** Provider selection (Interessenbekundungsverfahren): master data, procedures on the command pipeline, and the selected-providers fact. */
@Module({
  imports: [TypeOrmModule.forFeature([FundingProgrammeEntity, FundingModuleEntity, ProviderEntity, ProcedureProjectionEntity]), DeadlinesModule, MotionsModule],
  controllers: [RegistryController, SelectionController, commandRoutes(selectionCommands)],
  providers: [SelectionRepository, SelectionFacts, SelectionView],
  exports: [SelectionFacts],
})
export class SelectionModule implements OnModuleInit {
  constructor(
    private readonly engine: EngineService,
    private readonly repository: SelectionRepository,
    private readonly deadlines: DeadlineTexts,
  ) {}

  /**
   * Selection events need the module's facts: the generic engine API refuses them; the list's read model
   * follows every event and words the call deadline on GET /deadlines.
   */
  onModuleInit(): void {
    this.engine.claim(SELECTION, '/selection/procedures/{id}/…', (tx, instance) => this.repository.project(tx, instance));
    this.deadlines.register(SELECTION, async (ctx, timers) => {
      const procedures = await this.repository.procedureHeadings(ctx.tenant, timers.map((t) => t.instanceId));
      return timers.map((t) => selectionDeadlineText(procedures.get(t.instanceId), t));
    });
  }
}
