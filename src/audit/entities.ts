import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed tree head of one Körperschaft's log tree: its size (`leafCount`), RFC 6962 root (hex) and
 * the C2SP signed note (`note`). Rows from before the log tree (note NULL) signed a Merkle root over
 * instances' latest hashes and carry their `leaves`; they are kept, and no longer verified.
 * Append-only by trigger.
 */
/** An instance head as legacy checkpoints recorded it. */
export interface Leaf {
  instanceId: string;
  version: number;
  headHash: string;
}

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

  /** Legacy checkpoints only (before the log tree): the instance heads they signed; nothing reads them any more. */
  @Column('jsonb', { nullable: true })
  leaves!: Leaf[] | null;

  /** The checkpoint as a C2SP signed note (tlog-checkpoint), exactly as signed and published. */
  @Column('text', { nullable: true })
  note!: string | null;

  /** RFC 3161 timestamp token (DER, base64) over SHA-256 of the note, when a TSA is configured. */
  @Column('text', { name: 'timestamp_token', nullable: true })
  timestampToken!: string | null;

  /** Root of the checkpoint before this one, so checkpoints form a chain too. */
  @Column('text', { name: 'previous_root', nullable: true })
  previousRoot!: string | null;

  /** Events an earlier checkpoint covered that are now missing or changed. */
  @Column('jsonb', { default: () => "'[]'" })
  conflicts!: Conflict[];

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

export interface Conflict {
  /** Legacy checkpoints name no leaf. */
  leafIndex?: number;
  instanceId: string;
  seq: number;
  /** The event hash the log holds. */
  signed: string;
  /** What workflow_events holds now; null when the event is gone. */
  found: string | null;
}

/**
 * Leaf `leafIndex` of a Körperschaft's log tree: one workflow event, by id, with the hash it had when
 * it joined the tree. Leaves are appended when a checkpoint is made, in the order events are found
 * (by id), so a transaction that commits late joins a later checkpoint and never reorders the tree.
 * Append-only by trigger.
 */
@Entity({ name: 'audit_log_leaves' })
@Index('ux_audit_log_leaves_event', ['eventId'], { unique: true })
@Index('ix_audit_log_leaves_instance', ['instanceId', 'seq'])
export class LogLeafEntity {
  @PrimaryColumn('text')
  tenant!: string;

  @PrimaryColumn('bigint', { name: 'leaf_index' })
  leafIndex!: string;

  @Column('bigint', { name: 'event_id' })
  eventId!: string;

  @Column('uuid', { name: 'instance_id' })
  instanceId!: string;

  @Column('integer')
  seq!: number;

  /** The event's chain hash (hex); the leaf hash is SHA-256(0x00 || these 32 bytes). */
  @Column('text', { name: 'event_hash' })
  eventHash!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}

/** A witness's cosignature (C2SP cosignature/v1) on a checkpoint. Append-only by trigger. */
@Entity({ name: 'audit_cosignatures' })
@Index('ux_audit_cosignatures', ['checkpointId', 'witness', 'keyId'], { unique: true })
export class CosignatureEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('bigint', { name: 'checkpoint_id' })
  checkpointId!: string;

  /** The witness's key name. */
  @Column('text')
  witness!: string;

  @Column('text', { name: 'key_id' })
  keyId!: string;

  /** The signature line, ready to append to the checkpoint's note. */
  @Column('text')
  line!: string;

  /** When the witness says it cosigned. */
  @Column('timestamptz', { name: 'signed_at' })
  signedAt!: Date;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}

export const auditEntities = [CheckpointEntity, WorkflowLinkEntity, LogLeafEntity, CosignatureEntity];
