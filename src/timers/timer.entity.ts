import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A durable deadline of one workflow instance. graphile-worker holds the job that fires it; this row
 * is what people list and what makes firing idempotent.
 */
@Entity({ name: 'workflow_timers' })
@Index('ux_workflow_timers_name', ['instanceId', 'name'], { unique: true })
@Index('ix_workflow_timers_due', ['tenant', 'status', 'fireAt'])
export class TimerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('uuid', { name: 'instance_id' })
  instanceId!: string;

  /** The machine's name for the deadline, e.g. `callDeadline`, `proofOfUseDue`. */
  @Column('text')
  name!: string;

  @Column('timestamptz', { name: 'fire_at' })
  fireAt!: Date;

  /** The event to send through the engine when the deadline passes. */
  @Column('jsonb')
  event!: { type: string; [key: string]: unknown };

  /** `pending`, `fired`, `refused` (the instance had moved on) or `cancelled`. */
  @Column('text', { default: 'pending' })
  status!: string;

  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt!: Date | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
