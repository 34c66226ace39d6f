import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { WorkflowInstanceEntity } from '../engine/entities';

/** A funding programme, e.g. "Durchstarten in Ausbildung und Arbeit". */
@Entity({ name: 'selection_programmes' })
@Index('ux_selection_programmes_name', ['tenant', 'name'], { unique: true })
export class FundingProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('text')
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A funding module (Baustein), e.g. `VI` "Gemeinsam klappt's – Teilhabemanagement". The code is
 * unique per Körperschaft: procedures and the grant workflow's "who is selected for module X"
 * name a module by its code.
 */
@Entity({ name: 'selection_modules' })
@Index('ux_selection_modules_code', ['tenant', 'code'], { unique: true })
export class FundingModuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId!: string;

  @ManyToOne(() => FundingProgrammeEntity)
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_selection_modules_programme' })
  programme?: FundingProgrammeEntity;

  @Column('text')
  code!: string;

  @Column('text')
  title!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A provider (Träger) that may declare interest, e.g. "Caritasverband für den Kreis Coesfeld e.V.". */
@Entity({ name: 'selection_providers' })
@Index('ux_selection_providers_name', ['tenant', 'name'], { unique: true })
export class ProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Column('text')
  name!: string;

  /** e.g. "eingetragener Verein", "gGmbH", "Anstalt des öffentlichen Rechts". */
  @Column('text', { name: 'legal_form' })
  legalForm!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * Read model for listing procedures, written by the engine's projector inside each event's
 * transaction. The machine context stays the record; this row only lets lists filter and page.
 */
@Entity({ name: 'selection_procedures' })
@Index('ix_selection_procedures_list', ['tenant', 'createdAt'])
@Index('ix_selection_procedures_module', ['tenant', 'module', 'state'])
export class ProcedureProjectionEntity {
  /** The engine instance id. */
  @PrimaryColumn('uuid')
  id!: string;

  @OneToOne(() => WorkflowInstanceEntity)
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'fk_selection_procedures_instance' })
  instance?: WorkflowInstanceEntity;

  @Column('text')
  tenant!: string;

  @Column('text')
  programme!: string;

  @Column('text')
  module!: string;

  @Column('text')
  title!: string;

  @Column('text')
  state!: string;

  @Column('timestamptz')
  deadline!: Date;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

export const selectionEntities = [FundingProgrammeEntity, FundingModuleEntity, ProviderEntity, ProcedureProjectionEntity];
