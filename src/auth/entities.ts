import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The council's Körperschaft (OParl "Body"), e.g. Kreis Coesfeld. Everything belongs to one. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  /** A short slug, e.g. `kreis-coesfeld`. */
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** An API key of a person or a service. Only a hash of the secret is stored; the prefix identifies it. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tenant!: string;

  @Index('ux_api_keys_prefix', { unique: true })
  @Column('text')
  prefix!: string;

  /** SHA-256 of the secret part (keys are 192-bit random, so a slow hash adds nothing). */
  @Column('text', { name: 'secret_hash' })
  secretHash!: string;

  @Column('text', { name: 'user_id' })
  userId!: string;

  @Column('text')
  role!: string;

  @Column('text')
  name!: string;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const authEntities = [TenantEntity, ApiKeyEntity];
