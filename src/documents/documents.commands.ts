import { command, commandTable } from '../engine/commands';
import { DOCUMENT_ISSUED } from '../../workflows/shared/documents';
import { DocumentsFacts } from './documents.facts';
import { DocumentsView } from './documents.view';
import { DocumentListDto, IssueMeetingDocumentDto, IssueMotionDocumentDto } from './dto';

/** Clerks and admins issue documents; auditors only their audit reports (DocumentsFacts refuses the rest). */
const issuers = ['clerk', 'admin', 'auditor'] as const;

/**
 * Issuing a document is an event of the workflow it is made from (DOCUMENT_ISSUED, with the file's
 * SHA-256 and SHA-512); the file is stored in the same transaction. One row per workflow, so every
 * issue gets the pipeline's Idempotency-Key and If-Match like any other command. The answer lists
 * the instance's documents, the new one last.
 */
export const motionDocumentCommands = commandTable<DocumentsFacts, DocumentListDto>({
  workflow: 'motion',
  noun: 'Motion',
  resource: 'motions',
  key: 'motionDocuments',
  tag: 'documents',
  facts: DocumentsFacts,
  view: DocumentsView,
  viewDto: DocumentListDto,
  commands: [
    command({
      event: DOCUMENT_ISSUED, method: 'POST', path: 'documents', body: IssueMotionDocumentDto, roles: issuers, status: 201,
      summary: 'Issue the Vorlage (as released), the Beschlussauszug of an adopted proposal or an audit report as PDF; recorded with its hashes',
      facts: (facts, input) => facts.motionDocument(input),
      after: (facts, input) => facts.stored(input),
    }),
  ],
});

export const meetingDocumentCommands = commandTable<DocumentsFacts, DocumentListDto>({
  workflow: 'meeting',
  noun: 'Meeting',
  resource: 'meetings',
  key: 'meetingDocuments',
  tag: 'documents',
  facts: DocumentsFacts,
  view: DocumentsView,
  viewDto: DocumentListDto,
  commands: [
    command({
      event: DOCUMENT_ISSUED, method: 'POST', path: 'documents', body: IssueMeetingDocumentDto, roles: issuers, status: 201,
      summary: 'Issue the Einladung (once invited), the Niederschrift (once held), public or non-public part, or an audit report as PDF; recorded with its hashes',
      facts: (facts, input) => facts.meetingDocument(input),
      after: (facts, input) => facts.stored(input),
    }),
  ],
});
