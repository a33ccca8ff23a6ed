import { Sort, WhereConditions, kvs } from '@forge/kvs';
import { fromEntity, readDeal, type DealEntity } from '../../adapters/kvs/deal-store';
import { Entities } from '../../adapters/kvs/keys';
import { readPipeline } from '../../adapters/kvs/pipeline-store';
import { enqueueJob } from '../../adapters/queue/jobs';
import { isBreached } from '../../domain/handoff';
import { saveDeal } from '../deals/shared';
import { systemContext } from './system';

const PAGE = 100;
const MAX_PAGES = 20;

async function due(state: string, now: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    let query = kvs.entity<DealEntity>(Entities.deal).query().index('by-handoff-sla', { partition: [state] }).where(WhereConditions.lessThanEqualTo(now)).sort(Sort.ASC).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const result = await query.getMany();
    ids.push(...result.results.map((r) => fromEntity(r.value).id));
    cursor = result.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return ids;
}

/**
 * The hourly scan (scheduled trigger): hand-offs whose acceptance deadline passed are marked
 * breached (once; the deal card, panel and gadgets show it), and hand-offs still waiting for their
 * delivery issue whose next attempt is due are queued again, so a Jira outage longer than the
 * queue's own retries loses nothing.
 */
export async function runSlaScan(now: () => number = () => Date.now()): Promise<{ breached: number; requeued: number }> {
  const at = now();
  const ctx = systemContext(now);
  let breached = 0;
  for (const id of await due('created', at)) {
    const deal = await readDeal(id);
    const pipeline = deal ? await readPipeline(deal.projectId) : undefined;
    if (!deal?.handoff || !pipeline || !isBreached(deal.handoff, at) || deal.handoff.breachedAt !== null) continue;
    try {
      await saveDeal(ctx, deal, (d) => ({ ...(d ?? deal), handoff: { ...deal.handoff!, breachedAt: at } }), pipeline);
      breached += 1;
    } catch (error) {
      // Changed meanwhile: the next scan looks again.
      if ((error as { code?: string }).code !== 'CONFLICT') throw error;
    }
  }
  let requeued = 0;
  for (const state of ['pending', 'retrying']) {
    for (const id of await due(state, at)) {
      await enqueueJob({ kind: 'handoff', dealId: id });
      requeued += 1;
    }
  }
  return { breached, requeued };
}
