import { Module } from '@nestjs/common';
import { TimerService } from './timer.service';
import { TimersController } from './timers.controller';
import { TimersRepository } from './timers.repository';

@Module({
  controllers: [TimersController],
  providers: [TimerService, TimersRepository],
  exports: [TimerService],
})
export class TimersModule {}
