import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { WorkflowInstanceEntity } from '../engine/entities';

/**
 * A budget source for own contributions, e.g. the Integrationspauschale (§ 14c TIntG): what may be
 * spent per year, and by when. Grant procedures name it by `key`; the service copies name and
 * spend-by date into the grant's input, so the grant's log holds the facts it was planned on.
 */
@Entity({ name: 'budget_sources' })
@Index('ux_budget_sources_tenant_key', ['tenant', 'key'], { unique: true })
export class BudgetSourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  /** Stable key, e.g. `integrationspauschale`. */
  @Column('text')
  key!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'legal_basis', nullable: true })
  legalBasis!: string | null;

  /** Last calendar day on which the money may be spent (Europe/Berlin), e.g. 2021-11-30. */
  @Column('date', { name: 'spend_by' })
  spendBy!: string;

  @OneToMany(() => BudgetSourceYearEntity, (y) => y.source, { cascade: ['insert'] })
  years!: BudgetSourceYearEntity[];

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  /** From the injected clock. */
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

/** The amount a budget source provides in one year; `conditional` while the year's budget is not adopted. */
@Entity({ name: 'budget_source_years' })
@Index('ux_budget_source_years', ['sourceId', 'year'], { unique: true })
export class BudgetSourceYearEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('uuid', { name: 'source_id' })
  sourceId!: string;

  @ManyToOne(() => BudgetSourceEntity, (s) => s.years, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_budget_source_years_source' })
  source?: BudgetSourceEntity;

  @Column('integer')
  year!: number;

  /** Integer cents; bigint comes back from pg as a string. */
  @Column('bigint', { name: 'amount_cents' })
  amountCents!: string;

  /** 'vorbehaltlich der Haushaltsberatungen': spending waits for the budget decision. */
  @Column('boolean')
  conditional!: boolean;
}

/**
 * Listing projection of grant procedures, written by the engine's projector in the event's
 * transaction. The machine context stays the source of truth; this only makes lists cheap.
 */
@Entity({ name: 'grant_procedures' })
@Index('ix_grant_procedures_tenant', ['tenant', 'createdAt'])
export class GrantProcedureEntity {
  @PrimaryColumn('uuid', { name: 'instance_id' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstanceEntity)
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_grant_procedures_instance' })
  instance?: WorkflowInstanceEntity;

  @Column('text')
  tenant!: string;

  @Column('text')
  programme!: string;

  /** Bausteine, e.g. {I,II,III,IV,VI}. */
  @Column('text', { array: true })
  modules!: string[];

  @Column('text', { name: 'granting_authority' })
  grantingAuthority!: string;

  @Column('text')
  state!: string;

  @Column('bigint', { name: 'requested_cents' })
  requestedCents!: string;

  @Column('bigint', { name: 'approved_cents', nullable: true })
  approvedCents!: string | null;

  @Column('bigint', { name: 'contracted_cents' })
  contractedCents!: string;

  @Column('boolean')
  endangered!: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

export const grantEntities = [BudgetSourceEntity, BudgetSourceYearEntity, GrantProcedureEntity];
