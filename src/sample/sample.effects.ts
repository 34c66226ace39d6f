import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OutboxDispatcher } from '../engine/outbox.dispatcher';

/** The sample machine's one side effect: tell the requester the outcome (here: the application log). */
@Injectable()
export class SampleEffects implements OnModuleInit {
  private readonly logger = new Logger('SampleEffects');

  constructor(private readonly outbox: OutboxDispatcher) {}

  onModuleInit(): void {
    this.outbox.register('notifyRequester', (message) => {
      this.logger.log(`request ${message.instanceId} ${(message.params as { outcome?: string } | null)?.outcome ?? 'changed'} (event #${message.seq})`);
      return Promise.resolve();
    });
  }
}
