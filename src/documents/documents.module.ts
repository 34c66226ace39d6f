import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { commandRoutes } from '../engine/command-routes';
import { MeetingsModule } from '../meetings/meetings.module';
import { MotionsModule } from '../motions/motions.module';
import { meetingDocumentCommands, motionDocumentCommands } from './documents.commands';
import { DocumentsController } from './documents.controller';
import { DocumentsFacts } from './documents.facts';
import { DocumentsRepository } from './documents.repository';
import { DocumentsView } from './documents.view';
import { documentEntities } from './entities';
import { DocumentVerifier } from './verify';

/**
 * Documents (Vorlage, Einladung, Niederschrift, Beschlussauszug) as PDF, made from the log, recorded
 * as DOCUMENT_ISSUED events of their motion or meeting and stored in PostgreSQL. Exports
 * DocumentsView: `list(ctx, instanceId)` is what OParl `File` and the console's buttons call.
 */
@Module({
  imports: [TypeOrmModule.forFeature(documentEntities), AuditModule, MotionsModule, MeetingsModule],
  controllers: [commandRoutes(motionDocumentCommands), commandRoutes(meetingDocumentCommands), DocumentsController],
  providers: [DocumentsRepository, DocumentsFacts, DocumentsView, DocumentVerifier],
  exports: [DocumentsView, DocumentVerifier],
})
export class DocumentsModule {}
