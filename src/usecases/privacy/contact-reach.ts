import { crmProjectStore, dealStore, handoffStore } from '../../ports/registry';
import type { Deal } from '../../domain/deal';

/**
 * Where a contact's personal data can be, beyond the contact record: the deals that name them
 * (deals keep contacts in their data, which no index covers, so every deal of every CRM project is
 * read page by page), those deals' issues (hand-off work and linked issues) and the timelines of
 * the contact, those deals and the contact's company.
 */
export async function dealsNaming(contactId: string, now: number): Promise<Deal[]> {
  const out: Deal[] = [];
  for (const projectId of await crmProjectStore.crmProjectIds(now)) {
    for await (const page of dealStore.allProjectDeals(projectId)) out.push(...page.filter((d) => d.contactIds.includes(contactId)));
  }
  return out;
}

export async function issuesOf(deals: readonly Deal[]): Promise<string[]> {
  const keys = new Set<string>();
  for (const deal of deals) {
    if (deal.handoff?.issueKey) keys.add(deal.handoff.issueKey);
    for (const link of await handoffStore.linksOfDeal(deal.id)) keys.add(link.issueKey);
  }
  return [...keys];
}

/** Every stored timeline entry of a record (activities and audit entries), oldest first, as stored. */
