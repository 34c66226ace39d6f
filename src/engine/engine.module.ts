import { Global, Module } from '@nestjs/common';
import { Database } from './database';
import { CommandDispatcher } from './dispatcher';
import { EngineController } from './engine.controller';
import { EngineService } from './engine.service';
import { OutboxDispatcher } from './outbox.dispatcher';
import { WorkflowRegistry } from './registry';
import { SampleEffects } from './sample-effects';

@Global()
@Module({
  controllers: [EngineController],
  providers: [Database, WorkflowRegistry, EngineService, OutboxDispatcher, SampleEffects, CommandDispatcher],
  exports: [Database, WorkflowRegistry, EngineService, OutboxDispatcher, CommandDispatcher],
})
export class EngineModule {}
