import { Module } from '@nestjs/common';
import { DevClockController } from './dev.controller';

/** Registered by AppModule only when the app runs with a TravelClock (embedded database, not production). */
@Module({ controllers: [DevClockController] })
export class DevModule {}
