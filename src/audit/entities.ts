import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Leaf } from './merkle';

/** A signed Merkle root over every instance's latest hash in one Körperschaft at one moment. */
@Entity({ name: 'audit_checkpoints' })
@Index('ix_audit_checkpoints_tenant', ['tenant', 'createdAt'])
export class CheckpointEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('text')
  root!: string;

  @Column('integer', { name: 'leaf_count' })
  leafCount!: number;

  /** The leaves themselves, so later bundles can carry an inclusion proof. */
  @Column('jsonb')
  leaves!: Leaf[];

  /** Root of the checkpoint before this one, so checkpoints form a chain too. */
  @Column('text', { name: 'previous_root', nullable: true })
  previousRoot!: string | null;

  /** Instances whose history no longer contains what an earlier checkpoint signed. */
  @Column('jsonb', { default: () => "'[]'" })
  conflicts!: { instanceId: string; seq: number; signed: string; found: string | null }[];

  @Column('text')
  signature!: string;

  @Column('text', { name: 'public_key' })
  publicKey!: string;

  @Column('text', { name: 'key_fingerprint' })
  keyFingerprint!: string;

  /** From the injected clock; part of the signed statement. */
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/** Which instances belong to one decision (a motion and the selection and grant procedures it authorises). */
@Entity({ name: 'workflow_links' })
@Index('ux_workflow_links', ['tenant', 'fromInstance', 'toInstance'], { unique: true })
export class WorkflowLinkEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('uuid', { name: 'from_instance' })
  fromInstance!: string;

  @Column('uuid', { name: 'to_instance' })
  toInstance!: string;

  /** e.g. `authorises`, `funds`. */
  @Column('text')
  relation!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}

export const auditEntities = [CheckpointEntity, WorkflowLinkEntity];
