import { Module } from '@nestjs/common';
import { OParlController } from './oparl.controller';
import { OParlRepository } from './oparl.repository';
import { OParlService } from './oparl.service';

/** The public OParl 1.1 endpoint (docs/oparl.md): read-only, no token, its own SQL in OParlRepository. */
@Module({
  controllers: [OParlController],
  providers: [OParlRepository, OParlService],
})
export class OParlModule {}
