import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BodyKind, Majority } from '../../workflows/motion';

/**
 * Master data of the council: bodies (Gremien), the competence catalogue, which body holds what, and
 * who sits where. Motions and meetings read them through the council module; the event log keeps the
 * facts each event was decided on.
 */

/** A Gremium (OParl Organization): Kreistag, Kreisausschuss or a committee. */
@Entity({ name: 'bodies' })
@Index('ux_bodies_name', ['tenant', 'name'], { unique: true })
export class BodyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: BodyKind;

  /** Gesetzliche Mitgliederzahl: quorum is more than half of it. */
  @Column('integer', { name: 'statutory_members' })
  statutoryMembers!: number;

  /** Ladungsfrist in calendar days, from the body's standing orders. */
  @Column('integer', { name: 'invitation_period_days' })
  invitationPeriodDays!: number;

  /** The shorter period allowed in urgent cases, with a recorded reason. */
  @Column('integer', { name: 'urgent_invitation_period_days' })
  urgentInvitationPeriodDays!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/**
 * One legal basis a decision can rest on, e.g. `§ 26 Abs. 1 lit. s) KrO NRW`. Bodies of a
 * `holderKinds` kind hold it by law; `reserved` ones may be decided by nobody else (the Kreistag's
 * exclusive catalogue), so they can never be delegated to a committee.
 */
@Entity({ name: 'competence_catalogue' })
@Index('ux_competence_catalogue_citation', ['tenant', 'citationKey'], { unique: true })
export class CompetenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('text')
  citation!: string;

  /** The canonical key of the provision (workflows/motion/citation.ts), as the motion machine compares citations. */
  @Column('text', { name: 'citation_key' })
  citationKey!: string;

  @Column('text')
  text!: string;

  /** Whether `text` was checked against the official source. */
  @Column('boolean')
  verified!: boolean;

  @Column('text', { name: 'holder_kinds', array: true })
  holderKinds!: BodyKind[];

  @Column('boolean')
  reserved!: boolean;

  /** The majority a decision on this basis needs; null means a simple majority. */
  @Column('text', { nullable: true })
  majority!: Majority | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/** A competence a body holds beyond its kind's, e.g. a decision the Kreistag delegated to a committee. */
@Entity({ name: 'body_competences' })
@Index('ux_body_competences', ['bodyId', 'competenceId'], { unique: true })
export class BodyCompetenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('uuid', { name: 'body_id' })
  bodyId!: string;

  @ManyToOne(() => BodyEntity)
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_body_competences_body' })
  body?: BodyEntity;

  @Column('uuid', { name: 'competence_id' })
  competenceId!: string;

  @ManyToOne(() => CompetenceEntity)
  @JoinColumn({ name: 'competence_id', foreignKeyConstraintName: 'fk_body_competences_competence' })
  competence?: CompetenceEntity;

  /** Where the transfer is written, e.g. "Zuständigkeitsordnung § 4 Abs. 2". */
  @Column('text')
  basis!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/** A person who sits on bodies (OParl Person). */
@Entity({ name: 'persons' })
@Index('ix_persons_name', ['tenant', 'name'])
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('text')
  name!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/** A seat on a body for a period (OParl Membership). Members without voting right attend but do not count. */
@Entity({ name: 'memberships' })
@Index('ix_memberships_body', ['tenant', 'bodyId', 'start'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('uuid', { name: 'body_id' })
  bodyId!: string;

  @ManyToOne(() => BodyEntity)
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_memberships_body' })
  body?: BodyEntity;

  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @ManyToOne(() => PersonEntity)
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_memberships_person' })
  person?: PersonEntity;

  /** First and last day of the seat (Europe/Berlin calendar days); `end` null while it lasts. */
  @Column('date')
  start!: string;

  @Column('date', { nullable: true })
  end!: string | null;

  @Column('boolean', { name: 'voting_right' })
  votingRight!: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

export const councilEntities = [BodyEntity, CompetenceEntity, BodyCompetenceEntity, PersonEntity, MembershipEntity];
