import { Module } from '@nestjs/common';
import { SelectionModule } from '../selection/selection.module';
import { BudgetSourcesController } from './budget-sources.controller';
import { BudgetSourcesService } from './budget-sources.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';
import { GrantCommandsService } from './grant-commands.service';
import { GrantsController } from './grants.controller';
import { GrantsService } from './grants.service';
import { MotionFacts } from './motion-facts';

@Module({
  imports: [SelectionModule],
  controllers: [GrantsController, BudgetSourcesController, DeadlinesController],
  providers: [GrantsService, GrantCommandsService, BudgetSourcesService, DeadlinesService, MotionFacts],
})
export class GrantsModule {}
