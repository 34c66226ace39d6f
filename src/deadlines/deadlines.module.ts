import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { EngineService } from '../engine/engine.service';
import { DeadlineTexts, interimDescribers } from './deadline-texts';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesView } from './deadlines.view';

/** One list of upcoming deadlines over every workflow, read from the durable timers (src/timers). */
@Module({
  controllers: [DeadlinesController],
  providers: [DeadlinesRepository, DeadlinesView, DeadlineTexts],
  exports: [DeadlineTexts],
})
export class DeadlinesModule implements OnApplicationBootstrap {
  constructor(
    private readonly texts: DeadlineTexts,
    private readonly engine: EngineService,
  ) {}

  /** After every module's onModuleInit: the transitional wording only for types whose module registered none. */
  onApplicationBootstrap(): void {
    for (const [type, describer] of Object.entries(interimDescribers(this.engine))) {
      if (!this.texts.registered(type)) this.texts.register(type, describer);
    }
  }
}
