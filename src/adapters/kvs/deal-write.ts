import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { Deal } from '../../domain/deal';
import type { Pipeline } from '../../domain/pipeline';
import type { PipelineTotals } from '../../domain/totals';
import { applyChange } from '../../domain/totals';
import type { ActivityEntity } from './activity-store';
import { toEntity, type DealEntity } from './deal-entity';
import { Entities } from './keys';
import { pipelineUnchanged } from './pipeline-store';
import { shardWrite, type TotalsShard } from './totals-store';
import type { TxStep } from './transactions';

/*
 * The one write of a deal: the deal record and the totals rollup it moves (its shard in
 * totals-store.ts) go together, so the figures never drift from the deals they add up.
 */

export interface DealWrite {
  before: Deal | null;
  after: Deal;
  /** The pipeline the change was decided on, with the version the transaction holds it to. */
  pipeline: Pipeline & { version: number };
  /** The deal's totals shard as read (see totals-store.ts). */
  shard: TotalsShard;
  activity: ActivityEntity | null;
  now: number;
  /** Further writes that must happen with this one or not at all (e.g. a hand-off's idempotency record). */
  extra?: TxStep[];
}

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
