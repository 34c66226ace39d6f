import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DevModule } from './dev/dev.module';
import { DocumentsModule } from './documents/documents.module';
import { AuthModule } from './auth/auth.module';
import { ConsoleModule } from './console/console.module';
import type { ConsoleOptions } from './console/sign-in-options.controller';
import { Clock, SystemClock, TravelClock } from './common/clock';
import { requestLogging } from './common/logging';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import { dataSourceOptions } from './database/data-source';
import { EngineModule } from './engine/engine.module';
import { GrantsModule } from './grants/grants.module';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { MotionsModule } from './motions/motions.module';
import { OParlModule } from './oparl/oparl.module';
import { SampleModule } from './sample/sample.module';
import { SelectionModule } from './selection/selection.module';
import { TimersModule } from './timers/timers.module';

export interface AppModuleOptions {
  databaseUrl: string;
  /** Tests and the seed loader pass a settable clock; the server uses the system clock. */
  clock?: Clock;
  /** Development only: expose PUT /dev/clock (the clock must then be a TravelClock). */
  devClock?: boolean;
  /** Where request log lines go; none: requests are not logged (tests, scripts). */
  requestLog?: Logger;
  /** The web console: its build folder (served under /console) and whether demo users may sign in with one click. */
  console?: ConsoleOptions;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    if (options.devClock && (process.env.NODE_ENV === 'production' || !(options.clock instanceof TravelClock))) {
      throw new Error('the development clock needs a TravelClock and is never available in production');
    }
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(requestLogging(options.requestLog)),
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        MetricsModule,
        EngineModule,
        AuthModule,
        AuditModule,
        TimersModule,
        DeadlinesModule,
        SampleModule,
        SelectionModule,
        GrantsModule,
        MotionsModule,
        DocumentsModule,
        OParlModule,
        ConsoleModule.forRoot(options.console),
        ...(options.devClock ? [DevModule] : []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [Clock],
    };
  }
}
