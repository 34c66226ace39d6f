import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One running (or finished) workflow: its pinned machine version and its latest snapshot. */
@Entity({ name: 'workflow_instances' })
@Index('ix_workflow_instances_tenant_type', ['tenant', 'workflowType', 'createdAt'])
@Index('ux_workflow_instances_creation_key', ['tenant', 'workflowType', 'createdBy', 'creationKey'], { unique: true, where: '"creation_key" IS NOT NULL' })
export class WorkflowInstanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The council's Körperschaft (OParl Body) that owns the instance. */
  @Column('text')
  tenant!: string;

  @Column('text', { name: 'workflow_type' })
  workflowType!: string;

  @Column('integer', { name: 'machine_version' })
  machineVersion!: number;

  /** The machine's input at creation; hashed into the chain's genesis. */
  @Column('jsonb')
  input!: unknown;

  /** Current state value as XState reports it (a string or a nested object for parallel states). */
  @Column('jsonb', { name: 'state_value' })
  stateValue!: unknown;

  /** `active`, `done` or `error`, from the snapshot. */
  @Column('text')
  status!: string;

  @Column('jsonb')
  snapshot!: unknown;

  /** Number of events applied; the optimistic-concurrency version. */
  @Column('integer', { default: 0 })
  version!: number;

  /** Hash of the last event, or the genesis hash when there is none. */
  @Column('text', { name: 'head_hash' })
  headHash!: string;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** The creating request's Idempotency-Key (per Körperschaft, type and user); null without one. */
  @Column('text', { name: 'creation_key', nullable: true })
  creationKey!: string | null;

  /** Fingerprint of the creating request, to tell a retry from another request under the same key. */
  @Column('text', { name: 'creation_hash', nullable: true })
  creationHash!: string | null;
}

/** Append-only: one row per accepted event, linked by hashes. */
@Entity({ name: 'workflow_events' })
@Index('ux_workflow_events_seq', ['instanceId', 'seq'], { unique: true })
@Index('ux_workflow_events_idem', ['instanceId', 'idempotencyKey'], { unique: true })
export class WorkflowEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'instance_id' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstanceEntity)
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_workflow_events_instance' })
  instance?: WorkflowInstanceEntity;

  @Column('text')
  tenant!: string;

  @Column('integer')
  seq!: number;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('text', { name: 'actor_id' })
  actorId!: string;

  @Column('text', { name: 'actor_role' })
  actorRole!: string;

  /** From the injected clock. */
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  @Column('jsonb', { name: 'state_before' })
  stateBefore!: unknown;

  @Column('jsonb', { name: 'state_after' })
  stateAfter!: unknown;

  @Column('text', { name: 'prev_hash' })
  prevHash!: string;

  @Column('text')
  hash!: string;

  /**
   * Fingerprint of the request that carried an idempotency key (route, parameters and body), so the
   * same key with another request is refused even when the facts looked up for it changed since.
   * Not part of the hash chain: it records how the event was asked for, not what happened.
   */
  @Column('text', { name: 'request_hash', nullable: true })
  requestHash!: string | null;
}

/** Side effects a committed transition asked for; delivered at least once after commit. */
@Entity({ name: 'outbox' })
@Index('ix_outbox_pending', ['availableAt'], { where: `status = 'pending'` })
export class OutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'instance_id' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstanceEntity)
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_outbox_instance' })
  instance?: WorkflowInstanceEntity;

  @Column('text')
  tenant!: string;

  @Column('integer')
  seq!: number;

  @Column('text', { name: 'action_type' })
  actionType!: string;

  @Column('jsonb', { nullable: true })
  params!: unknown;

  /** `pending`, `done` or `failed` (after the last attempt). */
  @Column('text', { default: 'pending' })
  status!: string;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'available_at', default: () => 'now()' })
  availableAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'processed_at', nullable: true })
  processedAt!: Date | null;
}

export const engineEntities = [WorkflowInstanceEntity, WorkflowEventEntity, OutboxEntity];
