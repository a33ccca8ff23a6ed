import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { allPages } from './paging';
import type { Deal } from '../../domain/deal';
import { fromEntity } from './deal-entity';
import { type DealEntity } from '../../ports/deals';
import { Entities } from './keys';

/**
 * Deals by their hand-off's clock: the deal entity's `by-handoff-sla` index (partition: the
 * hand-off's state; range: its next deadline). Read by the hourly scan and by health scoring.
 */
const PAGE = 100;

/** Ids of deals whose hand-off is in `state` with its deadline at or before `dueBy`, oldest first (at most `maxPages` pages of 100). */
export async function handoffIdsDue(state: string, dueBy: number, maxPages: number): Promise<string[]> {
  const ids: string[] = [];
  const due = () => kvs.entity<DealEntity>(Entities.deal).query().index('by-handoff-sla', { partition: [state] }).where(WhereConditions.lessThanEqualTo(dueBy)).sort(Sort.ASC).limit(PAGE);
  for await (const page of allPages(due, { maxPages })) ids.push(...page.map((r) => fromEntity(r.value).id));
  return ids;
}

/** Deals whose hand-off acceptance is breached (at most `maxPages` pages of 100), of one company when it is named. */
export async function breachedHandoffDeals(companyId: string | undefined, maxPages: number): Promise<Deal[]> {
  const deals: Deal[] = [];
  const breached = () => {
    const query = kvs.entity<DealEntity>(Entities.deal).query().index('by-handoff-sla', { partition: ['breached'] }).sort(Sort.ASC).limit(PAGE);
    return companyId ? query.filters(new Filter<DealEntity>().and('companyId', FilterConditions.equalTo(companyId))) : query;
  };
  for await (const page of allPages(breached, { maxPages })) deals.push(...page.map((r) => fromEntity(r.value)));
  return deals;
}
