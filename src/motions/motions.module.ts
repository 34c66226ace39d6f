import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BodiesController } from './bodies.controller';
import { BodiesService } from './bodies.service';
import { motionEntities } from './entities';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { MotionQueries } from './motion-queries.service';
import { MotionsController } from './motions.controller';
import { MotionsService } from './motions.service';

/** Motions (Sitzungsvorlagen) and the council data they need: bodies, competences, members, meetings. */
@Module({
  imports: [TypeOrmModule.forFeature(motionEntities)],
  controllers: [BodiesController, MeetingsController, MotionsController],
  providers: [BodiesService, MeetingsService, MotionQueries, MotionsService],
  exports: [BodiesService, MotionQueries],
})
export class MotionsModule {}
