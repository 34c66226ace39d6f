import type { PoolClient } from 'pg';
import { currentStep, decidingStep, statusOf, type MotionContext } from '../../workflows/motion';
import type { Projector } from '../engine/engine.service';
import type { InstanceRecord } from '../engine/types';

/**
 * Runs inside every motion event's transaction (the engine calls it), so lists and agendas never
 * disagree with the log:
 * - upserts the `motions` listing row;
 * - retires the agenda item of every consultation the record shows as removed (unscheduled,
 *   withdrawn, replaced by an urgent decision), whichever event removed it.
 */
export const projectMotion: Projector = async (client: PoolClient, instance: InstanceRecord): Promise<void> => {
  const c = instance.context as MotionContext;
  await client.query({
    name: 'bw_project_motion',
    text: `INSERT INTO motions (id, tenant, reference, title, department, deciding_body_id, current_body_id, body_ids, status, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, department = EXCLUDED.department, deciding_body_id = EXCLUDED.deciding_body_id,
             current_body_id = EXCLUDED.current_body_id, body_ids = EXCLUDED.body_ids, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at`,
    values: [
      instance.id,
      instance.tenant,
      c.reference,
      c.title,
      c.department,
      decidingStep(c)?.step.bodyId ?? null,
      currentStep(c)?.step.bodyId ?? null,
      [...new Set(c.steps.map((s) => s.bodyId))],
      statusOf(instance.state),
      instance.createdAt,
      instance.updatedAt,
    ],
  });
  const removed = c.consultations.filter((x) => x.status === 'removed');
  if (removed.length === 0) return;
  await client.query({
    name: 'bw_retire_agenda_items',
    text: `UPDATE agenda_items a SET status = 'removed', removed_reason = r.reason
             FROM unnest($2::int[], $3::text[]) AS r(no, reason)
            WHERE a.motion_instance_id = $1 AND a.consultation_no = r.no AND a.status = 'scheduled'`,
    values: [instance.id, removed.map((x) => x.no), removed.map((x) => x.removedReason ?? '')],
  });
};

/** Marks which outline sections are nichtöffentlich; call in the transaction of the event that set them. */
export async function setNonPublicSections(client: PoolClient, tenant: string, id: string, sections: readonly string[]): Promise<void> {
  await client.query('UPDATE motions SET non_public_sections = $3 WHERE id = $1 AND tenant = $2', [id, tenant, sections]);
}
