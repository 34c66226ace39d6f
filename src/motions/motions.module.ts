import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { commandRoutes } from '../engine/command-routes';
import { BodiesController } from './bodies.controller';
import { BodiesService } from './bodies.service';
import { motionEntities } from './entities';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { motionCommands } from './motions.commands';
import { MotionsController } from './motions.controller';
import { MotionFacts } from './motions.facts';
import { MotionsRepository } from './motions.repository';
import { MotionView } from './motions.view';

/** Motions (Sitzungsvorlagen) and the council data they need: bodies, competences, members, meetings. */
@Module({
  imports: [TypeOrmModule.forFeature(motionEntities)],
  controllers: [BodiesController, MeetingsController, MotionsController, commandRoutes(motionCommands)],
  providers: [BodiesService, MeetingsService, MotionFacts, MotionsRepository, MotionView],
  exports: [BodiesService, MotionView],
})
export class MotionsModule {}
