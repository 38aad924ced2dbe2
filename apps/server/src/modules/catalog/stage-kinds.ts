import { sql } from 'kysely';
import type { StageKind } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';

/**
 * The stages of a kind in every published or superseded version of the municipality's services, as
 * (version, stage key) pairs with the stage's responsible unit (null: the case's own): what a case's current stage is matched against in a worklist (the
 * approval stages, 000 item 3.5), read from the maps once per request.
 */
export async function stagesOfKind(
  tx: Tx,
  kind: StageKind,
): Promise<Array<{ versionId: string; stageKey: string; unitRef: string | null }>> {
  const rows = await sql<{ versionId: string; stageKey: string; unitRef: string | null }>`
    select v.id as version_id, s.stage ->> 'key' as stage_key,
           s.stage -> 'responsible' ->> 'unitRef' as unit_ref
      from service_versions v, jsonb_array_elements(v.definition -> 'techMap' -> 'stages') as s (stage)
     where v.state <> 'draft' and s.stage ->> 'kind' = ${kind}`.execute(tx);
  return rows.rows;
}
