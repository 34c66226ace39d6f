import { Module } from '@nestjs/common';
import { useErrorFormat } from '../common/problem.filter';
import { isOParlPath, oparlError, sendOParl } from './oparl-error';
import { OParlController } from './oparl.controller';
import { OParlRepository } from './oparl.repository';
import { OParlService } from './oparl.service';

/** The public OParl 1.1 endpoint (docs/oparl.md): read-only, no token, its own SQL in OParlRepository. */
@Module({
  controllers: [OParlController],
  providers: [OParlRepository, OParlService],
})
export class OParlModule {
  constructor() {
    // every error under /oparl/v1.1, before any route runs too, answers in OParl's format (spec 2.9)
    useErrorFormat('oparl', { matches: isOParlPath, send: (reply, problem, error) => sendOParl(reply, problem.status, oparlError(error, problem)) });
  }
}
