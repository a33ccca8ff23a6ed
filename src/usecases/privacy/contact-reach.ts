import { kvs, Sort } from '@forge/kvs';
import type { ActivityEntity } from '../../adapters/kvs/activity-store';
import { crmProjectIds } from '../../adapters/kvs/crm-projects-store';
import { allProjectDeals } from '../../adapters/kvs/deal-store';
import { linksOfDeal } from '../../adapters/kvs/handoff-store';
import { Entities } from '../../adapters/kvs/keys';
import type { Deal } from '../../domain/deal';

/**
 * Where a contact's personal data can be, beyond the contact record: the deals that name them
 * (deals keep contacts in their data, which no index covers, so every deal of every CRM project is
 * read page by page), those deals' issues (hand-off work and linked issues) and the timelines of
 * the contact, those deals and the contact's company.
 */
export async function dealsNaming(contactId: string, now: number): Promise<Deal[]> {
  const out: Deal[] = [];
  for (const projectId of await crmProjectIds(now)) {
    for await (const page of allProjectDeals(projectId)) out.push(...page.filter((d) => d.contactIds.includes(contactId)));
  }
  return out;
}

export async function issuesOf(deals: readonly Deal[]): Promise<string[]> {
  const keys = new Set<string>();
  for (const deal of deals) {
    if (deal.handoff?.issueKey) keys.add(deal.handoff.issueKey);
    for (const link of await linksOfDeal(deal.id)) keys.add(link.issueKey);
  }
  return [...keys];
}

/** Every stored timeline entry of a record (activities and audit entries), oldest first, as stored. */
export async function timelineEntities(recordKey: string): Promise<ActivityEntity[]> {
  const out: ActivityEntity[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.entity<ActivityEntity>(Entities.activity).query().index('by-record', { partition: [recordKey] }).sort(Sort.ASC).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    out.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
