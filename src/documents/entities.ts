import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DocumentKind, DocumentPart } from '../../workflows/shared/documents';
import { WorkflowInstanceEntity } from '../engine/entities';

/**
 * An issued PDF, stored in PostgreSQL next to the event that records it (same transaction): the
 * file and its proof can never part, backups and restores (docs/operations.md) carry both, and no
 * second store needs configuring. Documents are tens of kilobytes; `bytea` holds them well.
 */
@Entity({ name: 'documents' })
@Index('ix_documents_sha256', ['sha256'])
@Index('ix_documents_sha512', ['sha512'])
export class DocumentEntity {
  @PrimaryColumn('uuid', { name: 'instance_id' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstanceEntity)
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_documents_instance' })
  instance?: WorkflowInstanceEntity;

  /** The DOCUMENT_ISSUED event of the instance that records this file. */
  @PrimaryColumn('integer')
  seq!: number;

  @Column('text')
  tenant!: string;

  @Column('text')
  kind!: DocumentKind;

  @Column('text')
  part!: DocumentPart;

  @Column('text', { nullable: true })
  subject!: string | null;

  @Column('text')
  title!: string;

  @Column('text', { name: 'file_name' })
  fileName!: string;

  @Column('text', { name: 'mime_type' })
  mimeType!: string;

  @Column('integer')
  size!: number;

  @Column('text')
  sha256!: string;

  @Column('text')
  sha512!: string;

  @Column('bytea')
  content!: Buffer;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt!: Date;

  @Column('text', { name: 'issued_by' })
  issuedBy!: string;
}

export const documentEntities = [DocumentEntity];
