import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { ApiKeyEntity, TenantEntity } from './entities';

/** The auth module's data access: API keys and tenants. */
@Injectable()
export class AuthRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get keys() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  async insertKey(key: Pick<ApiKeyEntity, 'tenant' | 'prefix' | 'secretHash' | 'userId' | 'role' | 'name' | 'expiresAt'>): Promise<ApiKeyEntity> {
    return this.keys.save(this.keys.create(key));
  }

  /** Marks the key revoked; false when the tenant has no such key. */
  async revokeKey(tenant: string, id: string, at: Date): Promise<boolean> {
    const result = await this.keys.update({ id, tenant }, { revokedAt: at });
    return Boolean(result.affected);
  }

  keyByPrefix(prefix: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ prefix });
  }

  keyExists(prefix: string): Promise<boolean> {
    return this.keys.existsBy({ prefix });
  }

  keysOf(tenant: string): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: { tenant }, order: { createdAt: 'ASC' } });
  }

  /** Keys with one of these prefixes that are not revoked. */
  usableKeys(prefixes: readonly string[]): Promise<ApiKeyEntity[]> {
    return this.keys.findBy({ prefix: In([...prefixes]), revokedAt: IsNull() });
  }

  /** A Körperschaft's name; its id when it has no row (a token may name one that was never set up). */
  async tenantName(id: string): Promise<string> {
    return (await this.dataSource.getRepository(TenantEntity).findOneBy({ id }))?.name ?? id;
  }

  async ensureTenant(id: string, name: string): Promise<void> {
    await this.dataSource.getRepository(TenantEntity).upsert({ id, name }, ['id']);
  }
}
