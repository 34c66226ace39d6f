import { Module } from '@nestjs/common';
import { commandRoutes } from '../engine/command-routes';
import { SampleFacts, SampleView, sampleCommands } from './sample.commands';
import { SampleEffects } from './sample.effects';

/** The sample workflow on the command pipeline, with its one outbox effect: the smallest example of a module. */
@Module({
  controllers: [commandRoutes(sampleCommands)],
  providers: [SampleFacts, SampleView, SampleEffects],
})
export class SampleModule {}
