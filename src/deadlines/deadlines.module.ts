import { Module } from '@nestjs/common';
import { DeadlineTexts } from './deadline-texts';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesView } from './deadlines.view';

/** One list of upcoming deadlines over every workflow, read from the durable timers (src/timers). */
@Module({
  controllers: [DeadlinesController],
  providers: [DeadlinesRepository, DeadlinesView, DeadlineTexts],
  exports: [DeadlineTexts],
})
export class DeadlinesModule {}
