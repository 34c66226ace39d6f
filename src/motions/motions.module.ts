import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { commandRoutes } from '../engine/command-routes';
import { MeetingsModule } from '../meetings/meetings.module';
import { BodiesController } from './bodies.controller';
import { BodiesService } from './bodies.service';
import { motionEntities } from './entities';
import { motionCommands } from './motions.commands';
import { MotionsController } from './motions.controller';
import { MotionFacts } from './motions.facts';
import { MotionsRepository } from './motions.repository';
import { MotionView } from './motions.view';

/** Motions (Sitzungsvorlagen) and the council data they need: bodies, competences, members; meetings come from MeetingsModule. */
@Module({
  imports: [TypeOrmModule.forFeature(motionEntities), MeetingsModule],
  controllers: [BodiesController, MotionsController, commandRoutes(motionCommands)],
  providers: [BodiesService, MotionFacts, MotionsRepository, MotionView],
  exports: [BodiesService, MotionView],
})
export class MotionsModule {}
