import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { PipelineTotals } from '../../domain/totals';
import { applyChange } from '../../domain/totals';
import { toEntity } from './deal-entity';
import { type DealEntity } from '../../ports/deals';
import { Entities } from './keys';
import { pipelineUnchanged } from './pipeline-store';
import { shardWrite } from './totals-store';
import type { DealWrite } from '../../ports/deals';
import type { TxStep } from '../../ports/storage';
import type { Deal } from '../../domain/deal';
import type { Pipeline } from '../../domain/pipeline';
import { setAtVersion } from './versioned-record';


/**
 * Writes a deal, its totals shard and the audit entry in one transaction, held to the pipeline the
 * change was decided on. The deal is conditioned on the version read (a new deal has a fresh random
 * id and needs none), the shard on its own: a concurrent write of the same deal, of a deal of the
 * same shard, or of the pipeline cancels the whole transaction.
 */
export async function commitDeal(write: DealWrite): Promise<PipelineTotals> {
  const { before, after, pipeline, shard, activity, now, extra = [] } = write;
  const nextShard = applyChange(shard.totals, before, after, pipeline);
  let tx = kvs
    .transact()
    .set(after.id, toEntity(after, pipeline), { entityName: Entities.deal, ...(before ? { conditions: new Filter<DealEntity>().and('version', FilterConditions.equalTo(before.version)) } : {}) });
  tx = shardWrite(after.projectId, shard, nextShard, now)(tx);
  tx = pipelineUnchanged(after.projectId, pipeline.version)(tx);
  if (activity) tx = tx.set(activity.id, activity, { entityName: Entities.activity });
  for (const step of extra) tx = step(tx);
  await tx.execute();
  return nextShard;
}

/** A deal saved in another write's transaction, on the condition that it is still at `readVersion` as read. */
export function dealAtVersionStep(deal: Deal, pipeline: Pipeline, readVersion: number): TxStep {
  return setAtVersion(Entities.deal, deal.id, toEntity(deal, pipeline), readVersion);
}
