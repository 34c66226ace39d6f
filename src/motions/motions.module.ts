import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingsModule } from '../meetings/meetings.module';
import { BodiesController } from './bodies.controller';
import { BodiesService } from './bodies.service';
import { motionEntities } from './entities';
import { MotionQueries } from './motion-queries.service';
import { MotionsController } from './motions.controller';
import { MotionsService } from './motions.service';

/** Motions (Sitzungsvorlagen) and the council data they need: bodies, competences, members; meetings come from MeetingsModule. */
@Module({
  imports: [TypeOrmModule.forFeature(motionEntities), MeetingsModule],
  controllers: [BodiesController, MotionsController],
  providers: [BodiesService, MotionQueries, MotionsService],
  exports: [BodiesService, MotionQueries],
})
export class MotionsModule {}
