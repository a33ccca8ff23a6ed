import { arrStore, dealStore, handoffStore } from '../../ports/registry';
import type { Ids } from '../../ports';
import { scoreCompaniesById } from './health';

/** How many of a company's latest won deals lend their known issue ids to a rescoring. */
const KNOWN_DEALS = 10;

/**
 * The company behind an issue of an event: its own link to a deal, else its parent's (a delivery
 * issue's checklist children carry the property but no link). Reads by key; undefined when neither
 * is linked.
 */
export async function linkedCompanyOf(issueId: string, parentId?: string): Promise<string | undefined> {
  const link = (await handoffStore.readLink(issueId)) ?? (parentId ? await handoffStore.readLink(parentId) : undefined);
  if (!link) return undefined;
  const deal = await dealStore.readDeal(link.dealId);
  return deal?.companyId ?? undefined;
}

/** The issue ids Relay knows for a company's latest won deals: delivery issues, their children, manual links. */
export async function knownIssueIds(companyId: string): Promise<string[]> {
  const account = await arrStore.readAccount(companyId);
  const ids = new Set<string>();
  for (const dealId of account.wonDeals.slice(-KNOWN_DEALS)) {
    const [guard, links] = await Promise.all([handoffStore.readGuard(dealId), handoffStore.linksOfDeal(dealId)]);
    if (guard?.data.issueId) ids.add(guard.data.issueId);
    for (const id of Object.values(guard?.data.childIds ?? {})) ids.add(id);
    for (const link of links) ids.add(link.issueId);
  }
  return [...ids];
}

/**
 * Scores the company whose linked issue changed (created, edited, moved to done, deleted). Jira's
 * search may not show recent changes yet, so the issue of the event and the company's other known
 * issues are reconciled (at most 50): search reads those as they are now.
 */
export async function scoreAfterIssueEvent(companyId: string | undefined, issueId: string, now: number, ids: Ids): Promise<boolean> {
  if (!companyId) return false;
  const known = [issueId, ...(await knownIssueIds(companyId)).filter((id) => id !== issueId)].slice(0, 50);
  await scoreCompaniesById([companyId], now, ids, known);
  return true;
}
