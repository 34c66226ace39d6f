import type { PoolClient } from 'pg';
import { isEndangered, type GrantContext, type GrantStateValue } from '../../workflows/grant';
import type { Projector } from '../engine/engine.service';
import type { InstanceRecord } from '../engine/types';

/**
 * Keeps the `grant_procedures` listing row in step with the instance. The engine calls it inside the
 * event's transaction, so the list never disagrees with the log.
 */
export const projectGrant: Projector = async (client: PoolClient, instance: InstanceRecord): Promise<void> => {
  const c = instance.context as GrantContext;
  const contracted = c.contracts.reduce((sum, x) => sum + x.amountCents, 0);
  await client.query({
    name: 'bw_project_grant',
    text: `INSERT INTO grant_procedures (instance_id, tenant, programme, modules, granting_authority, state, requested_cents, approved_cents, contracted_cents, endangered, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (instance_id) DO UPDATE SET programme = EXCLUDED.programme, modules = EXCLUDED.modules,
             granting_authority = EXCLUDED.granting_authority, state = EXCLUDED.state, requested_cents = EXCLUDED.requested_cents,
             approved_cents = EXCLUDED.approved_cents, contracted_cents = EXCLUDED.contracted_cents, endangered = EXCLUDED.endangered,
             updated_at = EXCLUDED.updated_at`,
    values: [
      instance.id,
      instance.tenant,
      c.application.programme,
      c.application.modules,
      c.application.grantingAuthority,
      instance.state as GrantStateValue,
      c.application.requestedCents,
      c.approval?.approvedCents ?? null,
      contracted,
      isEndangered(c),
      instance.createdAt,
      instance.updatedAt,
    ],
  });
};
