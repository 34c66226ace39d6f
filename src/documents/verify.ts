import { Injectable } from '@nestjs/common';
import type { IssuedDocument } from '../../workflows/shared/documents';
import { AuditService } from '../audit/audit.service';
import { DocumentsRepository } from './documents.repository';
import { digests } from './pdf';

export interface DocumentIssue {
  instanceId: string;
  tenant: string;
  workflowType: string;
  seq: number;
  at: Date;
  actor: { id: string; role: string };
  document: IssuedDocument;
  /** The issuing instance's log verifies (sequence, hash chain, replay, stored snapshot). */
  chainOk: boolean;
  chainEvents: number;
}

export interface DocumentCheck {
  sha256: string;
  sha512: string;
  size: number;
  /** Every event that recorded a file with these hashes, oldest first (a document issued again appears twice). */
  issues: DocumentIssue[];
}

/** Which instance and event issued a file: looked up by its SHA-256 and SHA-512 in the event log itself. */
@Injectable()
export class DocumentVerifier {
  constructor(
    private readonly repository: DocumentsRepository,
    private readonly audit: AuditService,
  ) {}

  async check(bytes: Buffer): Promise<DocumentCheck> {
    const { sha256, sha512 } = digests(bytes);
    const issues: DocumentIssue[] = [];
    for (const e of await this.repository.issuedBy(sha256, sha512)) {
      const chain = await this.audit.verifyInstance(e.tenant, e.instance_id);
      issues.push({
        instanceId: e.instance_id,
        tenant: e.tenant,
        workflowType: e.workflow_type,
        seq: e.seq,
        at: e.at,
        actor: { id: e.actor_id, role: e.actor_role },
        document: e.document as unknown as IssuedDocument,
        chainOk: chain.ok,
        chainEvents: chain.events,
      });
    }
    return { sha256, sha512, size: bytes.length, issues };
  }
}
