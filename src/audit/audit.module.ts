import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CheckpointScheduler } from './checkpoint.scheduler';

@Module({
  controllers: [AuditController],
  providers: [AuditService, CheckpointScheduler],
  exports: [AuditService],
})
export class AuditModule {}
