import { Module } from '@nestjs/common';
import { commandRoutes } from '../engine/command-routes';
import { SampleFacts, SampleView, sampleCommands } from './sample.commands';

/** The sample workflow on the command pipeline: the smallest example of a module. */
@Module({
  controllers: [commandRoutes(sampleCommands)],
  providers: [SampleFacts, SampleView],
})
export class SampleModule {}
