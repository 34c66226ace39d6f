import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouncilController } from './council.controller';
import { CouncilRepository } from './council.repository';
import { CouncilService } from './council.service';
import { councilEntities } from './entities';

/** The council's master data: bodies (Gremien), the competence catalogue and memberships. Motions and meetings read it. */
@Module({
  imports: [TypeOrmModule.forFeature(councilEntities)],
  controllers: [CouncilController],
  providers: [CouncilRepository, CouncilService],
  exports: [CouncilService],
})
export class CouncilModule {}
