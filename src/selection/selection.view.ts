import type { SelectionContext } from '../../workflows/selection';
import type { Projector } from '../engine/engine.service';

/**
 * Keeps `selection_procedures` (the list's read model) in step with the machine. The engine runs
 * it inside the event's transaction, so the row never disagrees with the snapshot it describes.
 */
export const projectProcedure: Projector = async (client, instance) => {
  const c = instance.context as SelectionContext;
  // the selection machine has no parallel states: its value is always a state name
  const state = typeof instance.state === 'string' ? instance.state : JSON.stringify(instance.state);
  await client.query({
    name: 'bw_selection_project',
    text: `INSERT INTO selection_procedures (id, tenant, programme, module, title, state, deadline, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (id) DO UPDATE SET programme = EXCLUDED.programme, module = EXCLUDED.module, title = EXCLUDED.title,
             state = EXCLUDED.state, deadline = EXCLUDED.deadline, updated_at = EXCLUDED.updated_at`,
    values: [instance.id, instance.tenant, c.programme, c.module, c.title, state, c.deadline, instance.createdAt, instance.updatedAt],
  });
};
