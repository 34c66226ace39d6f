import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { WorkflowInstanceEntity } from '../engine/entities';
import type { OutlineSection } from './visibility';

/**
 * The listing projection of motions (the council's master data: src/council/entities.ts; meetings and
 * their agendas: src/meetings/entities.ts). A motion's proposals, versions, consultations, votes and
 * tasks live in its machine context (the event log is the record); they are deliberately not copied
 * into tables here.
 */

/** Listing projection of motions, written by the engine's projector in each event's transaction. */
@Entity({ name: 'motions' })
@Index('ux_motions_reference', ['tenant', 'reference'], { unique: true })
@Index('ix_motions_status', ['tenant', 'status'])
@Index('ux_motions_predecessor', ['predecessorId'], { unique: true, where: 'predecessor_id IS NOT NULL' })
export class MotionEntity {
  /** The engine instance id. */
  @PrimaryColumn('uuid')
  id!: string;

  @OneToOne(() => WorkflowInstanceEntity)
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'fk_motions_instance' })
  instance?: WorkflowInstanceEntity;

  @Column('text')
  tenant!: string;

  /** e.g. `SV-9-1600` */
  @Column('text')
  reference!: string;

  /**
   * The withdrawn motion this one follows up (workflows/motion/follow-up.ts), from its context; a
   * withdrawn motion has at most one follow-up, so its `successor` is the row naming it here.
   */
  @ManyToOne(() => MotionEntity)
  @JoinColumn({ name: 'predecessor_id', foreignKeyConstraintName: 'fk_motions_predecessor' })
  predecessor?: MotionEntity;

  @Column('uuid', { name: 'predecessor_id', nullable: true })
  predecessorId!: string | null;

  @Column('text')
  title!: string;

  /** Federführung */
  @Column('text')
  department!: string;

  @Column('uuid', { name: 'deciding_body_id', nullable: true })
  decidingBodyId!: string | null;

  @Column('uuid', { name: 'current_body_id', nullable: true })
  currentBodyId!: string | null;

  /** Every body of the consultation sequence. */
  @Column('uuid', { name: 'body_ids', array: true })
  bodyIds!: string[];

  /** The machine state as one word (statusOf), e.g. `awaitingSchedule`, `decided`. */
  @Column('text')
  status!: string;

  /**
   * Outline sections marked nichtöffentlich (visibility.ts says who may read them). Kept here, not
   * in the machine context, because the final motion machine's outline carries section texts only;
   * the motions service writes it in the transaction of the create or EDIT_MOTION event.
   */
  @Column('text', { name: 'non_public_sections', array: true, default: () => "'{}'" })
  nonPublicSections!: OutlineSection[];

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

export const motionEntities = [MotionEntity];
