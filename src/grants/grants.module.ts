import { Module, type OnModuleInit } from '@nestjs/common';
import { DeadlineTexts } from '../deadlines/deadline-texts';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { commandRoutes } from '../engine/command-routes';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord } from '../engine/types';
import { MotionsModule } from '../motions/motions.module';
import { SelectionModule } from '../selection/selection.module';
import { BudgetSourcesController } from './budget-sources.controller';
import { BudgetSourcesService } from './budget-sources.service';
import { grantCommands } from './grants.commands';
import { GrantsController } from './grants.controller';
import { GrantsFacts } from './grants.facts';
import { GrantsRepository } from './grants.repository';
import { GrantsView, grantDeadlineText } from './grants.view';

@Module({
  imports: [SelectionModule, MotionsModule, DeadlinesModule],
  controllers: [commandRoutes(grantCommands), GrantsController, BudgetSourcesController],
  providers: [GrantsFacts, GrantsView, GrantsRepository, BudgetSourcesService],
})
export class GrantsModule implements OnModuleInit {
  constructor(
    private readonly engine: EngineService,
    private readonly repository: GrantsRepository,
    private readonly deadlines: DeadlineTexts,
  ) {}

  onModuleInit(): void {
    // Contracts and budget decisions need facts looked up here, so the generic event API refuses grants;
    // the listing row is projected in every grant event's transaction.
    this.engine.claim('grant', '/grants/{id}/…', (tx, instance) => this.repository.project(tx, instance));
    // the wording of a grant's deadlines comes from its own record (the spend-by source's name, proof of use)
    this.deadlines.register('grant', async (ctx, timers) => {
      const records = new Map<string, InstanceRecord>();
      for (const id of new Set(timers.map((t) => t.instanceId))) records.set(id, await this.engine.get(ctx, id));
      return timers.map((t) => grantDeadlineText(records.get(t.instanceId)!, t));
    });
  }
}
