import { Module } from '@nestjs/common';
import { TimerService } from './timer.service';
import { TimersController } from './timers.controller';

@Module({
  controllers: [TimersController],
  providers: [TimerService],
  exports: [TimerService],
})
export class TimersModule {}
