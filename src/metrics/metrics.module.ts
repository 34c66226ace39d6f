import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Global, so the engine and the timers can report without importing anything else. */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
