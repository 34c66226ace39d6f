import { Injectable } from '@nestjs/common';
import { isDecided, selectedProviders, type SelectedProvider, type SelectionContext } from '../../workflows/selection';
import { Database } from '../engine/database';

export interface SelectionFact {
  /** The decided selection procedure for the module, or null when none is decided. */
  selectionInstanceId: string | null;
  decided: boolean;
  providers: SelectedProvider[];
}

/**
 * The question other workflows ask the selection domain: which providers are selected for a
 * funding module, with what FTE. The grant service passes the answer into its events, so the
 * grant's log records the facts it was decided on.
 */
@Injectable()
export class SelectionFacts {
  constructor(private readonly db: Database) {}

  async selectedFor(tenant: string, module: string): Promise<SelectionFact> {
    const { rows } = await this.db.pool.query<{ id: string; context: SelectionContext }>(
      `SELECT id, snapshot->'context' AS context FROM workflow_instances
       WHERE tenant = $1 AND workflow_type = 'selection' AND snapshot->'context'->>'module' = $2
       ORDER BY created_at DESC`,
      [tenant, module],
    );
    const decided = rows.find((r) => isDecided(r.context));
    if (!decided) return { selectionInstanceId: null, decided: false, providers: [] };
    return { selectionInstanceId: decided.id, decided: true, providers: selectedProviders(decided.context) };
  }
}
