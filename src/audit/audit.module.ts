import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { CheckpointScheduler } from './checkpoint.scheduler';
import { AuditLogController } from './log.controller';
import { AuditLogService } from './log.service';

@Module({
  controllers: [AuditController, AuditLogController],
  providers: [AuditRepository, AuditLogService, AuditService, CheckpointScheduler],
  exports: [AuditService, AuditLogService],
})
export class AuditModule {}
