import { Global, Module } from '@nestjs/common';
import { Database } from './database';
import { CommandDispatcher } from './dispatcher';
import { EngineController } from './engine.controller';
import { EngineRepository } from './engine.repository';
import { EngineService } from './engine.service';
import { OutboxDispatcher } from './outbox.dispatcher';
import { WorkflowRegistry } from './registry';

@Global()
@Module({
  controllers: [EngineController],
  providers: [Database, WorkflowRegistry, EngineRepository, EngineService, OutboxDispatcher, CommandDispatcher],
  exports: [Database, WorkflowRegistry, EngineService, OutboxDispatcher, CommandDispatcher],
})
export class EngineModule {}
