import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { DocumentKind, DocumentPart } from '../../workflows/shared/documents';
import { Database } from '../engine/database';

export interface DocumentRow {
  instance_id: string;
  seq: number;
  tenant: string;
  kind: DocumentKind;
  part: DocumentPart;
  subject: string | null;
  title: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  sha512: string;
  issued_at: Date;
  issued_by: string;
}

export interface NewDocument extends Omit<DocumentRow, 'issued_at'> {
  issuedAt: Date;
  content: Buffer;
}

/** Where a file's hash was recorded: the DOCUMENT_ISSUED event in the log. */
export interface IssuingEvent {
  instance_id: string;
  tenant: string;
  workflow_type: string;
  seq: number;
  at: Date;
  actor_id: string;
  actor_role: string;
  document: Record<string, unknown>;
}

const COLUMNS = 'instance_id, seq, tenant, kind, part, subject, title, file_name, mime_type, size, sha256, sha512, issued_at, issued_by';

/** Every SQL statement of the documents module. */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly db: Database) {}

  /** In the DOCUMENT_ISSUED event's transaction: the file lands with the event or not at all. */
  async insert(tx: PoolClient, d: NewDocument): Promise<void> {
    await tx.query(
      `INSERT INTO documents (${COLUMNS}, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [d.instance_id, d.seq, d.tenant, d.kind, d.part, d.subject, d.title, d.file_name, d.mime_type, d.size, d.sha256, d.sha512, d.issuedAt, d.issued_by, d.content],
    );
  }

  async list(tenant: string, instanceId: string, parts: readonly DocumentPart[]): Promise<DocumentRow[]> {
    const { rows } = await this.db.pool.query<DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE tenant = $1 AND instance_id = $2 AND part = ANY($3::text[]) ORDER BY seq`, [tenant, instanceId, [...parts]]);
    return rows;
  }

  async file(tenant: string, instanceId: string, seq: number): Promise<(DocumentRow & { content: Buffer }) | undefined> {
    const { rows } = await this.db.pool.query<DocumentRow & { content: Buffer }>(`SELECT ${COLUMNS}, content FROM documents WHERE tenant = $1 AND instance_id = $2 AND seq = $3`, [tenant, instanceId, seq]);
    return rows[0];
  }

  /** The events whose recorded document has this SHA-512 and SHA-256, across Körperschaften (the auditor's CLI). */
  async issuedBy(sha256: string, sha512: string): Promise<IssuingEvent[]> {
    const { rows } = await this.db.pool.query<IssuingEvent>(
      `SELECT e.instance_id, i.tenant, i.workflow_type, e.seq, e.occurred_at AS at, e.actor_id, e.actor_role, e.payload->'document' AS document
         FROM workflow_events e JOIN workflow_instances i ON i.id = e.instance_id
        WHERE e.event_type = 'DOCUMENT_ISSUED' AND e.payload->'document'->>'sha256' = $1 AND e.payload->'document'->>'sha512' = $2
        ORDER BY e.occurred_at, e.seq`,
      [sha256, sha512],
    );
    return rows;
  }
}
