import { Sort, WhereConditions, kvs } from '@forge/kvs';
import { fromEntity, type DealEntity } from '../../adapters/kvs/deal-entity';
import { Entities } from '../../adapters/kvs/keys';
import { enqueueJob } from '../../adapters/queue/jobs';
import { isBreached } from '../../domain/handoff';
import { updateHandoff } from './update-handoff';

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
  let breached = 0;
  for (const id of await due('created', at)) {
    // Marked once; a person's edit in between is re-read, not overwritten.
    const saved = await updateHandoff(id, (handoff) => (isBreached(handoff, at) && handoff.breachedAt === null ? { ...handoff, breachedAt: at } : handoff), now);
    if (saved) breached += 1;
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
