import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MeetingState } from '../../workflows/meeting';
import { WorkflowInstanceEntity } from '../engine/entities';
import { BodyEntity } from '../council/entities';

export type { MeetingState } from '../../workflows/meeting';

/** A Sitzung of one body: the projection of its `meeting` engine instance (same id), see MeetingsRepository.project. */
@Entity({ name: 'meetings' })
@Index('ix_meetings_body', ['tenant', 'bodyId', 'start'])
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('uuid', { name: 'body_id' })
  bodyId!: string;

  @ManyToOne(() => BodyEntity)
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_meetings_body' })
  body?: BodyEntity;

  @Column('timestamptz')
  start!: Date;

  @Column('text')
  location!: string;

  @Column('text', { default: 'scheduled' })
  state!: MeetingState;

  /** The Berlin day the invitation went out; null until it is sent. */
  @Column('date', { name: 'invitation_date', nullable: true })
  invitationDate!: string | null;

  /** Set when only the shorter urgent invitation period was met. */
  @Column('text', { name: 'urgent_invitation_reason', nullable: true })
  urgentInvitationReason!: string | null;

  /** Persons recorded as present; null until attendance is recorded. */
  @Column('uuid', { nullable: true, array: true })
  attendees!: string[] | null;

  /** How many of the attendees held a voting seat on the meeting day (what quorum counts). */
  @Column('integer', { name: 'present_members', nullable: true })
  presentMembers!: number | null;

  @Column('timestamptz', { name: 'held_at', nullable: true })
  heldAt!: Date | null;

  @Column('timestamptz', { name: 'minutes_approved_at', nullable: true })
  minutesApprovedAt!: Date | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

/**
 * A Tagesordnungspunkt. Items for motions are created when a motion is scheduled and retired by the
 * motion projector when the motion's record says that consultation was removed from the agenda.
 */
@Entity({ name: 'agenda_items' })
@Index('ux_agenda_items_position', ['meetingId', 'position'], { unique: true })
@Index('ux_agenda_items_motion', ['meetingId', 'motionInstanceId'], { unique: true, where: `status = 'scheduled'` })
@Index('ix_agenda_items_motion', ['tenant', 'motionInstanceId'])
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('uuid', { name: 'meeting_id' })
  meetingId!: string;

  @ManyToOne(() => MeetingEntity)
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_agenda_items_meeting' })
  meeting?: MeetingEntity;

  /** 1, 2, 3 … in order of placement; positions are never reused. */
  @Column('integer')
  position!: number;

  @Column('text')
  title!: string;

  @Column('boolean')
  public!: boolean;

  @Column('uuid', { name: 'motion_instance_id', nullable: true })
  motionInstanceId!: string | null;

  @ManyToOne(() => WorkflowInstanceEntity)
  @JoinColumn({ name: 'motion_instance_id', foreignKeyConstraintName: 'fk_agenda_items_motion' })
  motion?: WorkflowInstanceEntity;

  /** The motion's consultation number this item stands for. */
  @Column('integer', { name: 'consultation_no', nullable: true })
  consultationNo!: number | null;

  @Column('text', { default: 'scheduled' })
  status!: 'scheduled' | 'removed';

  @Column('text', { name: 'removed_reason', nullable: true })
  removedReason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

export const meetingEntities = [MeetingEntity, AgendaItemEntity];
