import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { commandRoutes } from '../engine/command-routes';
import { CouncilModule } from '../council/council.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { motionEntities } from './entities';
import { motionCommands } from './motions.commands';
import { MotionsController } from './motions.controller';
import { MotionFacts } from './motions.facts';
import { MotionsRepository } from './motions.repository';
import { MotionView } from './motions.view';

/** Motions (Sitzungsvorlagen); the council's master data comes from CouncilModule, meetings from MeetingsModule. */
@Module({
  imports: [TypeOrmModule.forFeature(motionEntities), CouncilModule, MeetingsModule],
  controllers: [MotionsController, commandRoutes(motionCommands)],
  providers: [MotionFacts, MotionsRepository, MotionView],
  exports: [MotionFacts, MotionView],
})
export class MotionsModule {}
