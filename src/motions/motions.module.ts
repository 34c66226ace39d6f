import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { commandRoutes } from '../engine/command-routes';
import { CouncilModule } from '../council/council.module';
import { DeadlineTexts, motionDeadlineText } from '../deadlines/deadline-texts';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { motionEntities } from './entities';
import { motionCommands } from './motions.commands';
import { MotionsController } from './motions.controller';
import { MotionFacts } from './motions.facts';
import { MotionsRepository } from './motions.repository';
import { MotionView } from './motions.view';

/** Motions (Sitzungsvorlagen); the council's master data comes from CouncilModule, meetings from MeetingsModule. */
@Module({
  imports: [TypeOrmModule.forFeature(motionEntities), CouncilModule, MeetingsModule, DeadlinesModule],
  controllers: [MotionsController, commandRoutes(motionCommands)],
  providers: [MotionFacts, MotionsRepository, MotionView],
  exports: [MotionFacts, MotionView],
})
export class MotionsModule implements OnModuleInit {
  constructor(
    private readonly deadlines: DeadlineTexts,
    private readonly motions: MotionsRepository,
  ) {}

  /** GET /deadlines words a motion's task timers with its reference and the task. */
  onModuleInit(): void {
    this.deadlines.register(motionCommands.workflow, async (ctx, timers) => {
      const contexts = await this.motions.contexts(ctx, [...new Set(timers.map((t) => t.instanceId))]);
      return timers.map((t) => {
        const context = contexts.get(t.instanceId);
        return context ? motionDeadlineText(context, t) : { subject: 'Sitzungsvorlage', label: t.name };
      });
    });
  }
}
