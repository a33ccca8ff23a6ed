import { contactStore } from '../../ports/registry';
import type { z } from 'zod';
import type { LeadPage, ListLeadsInput } from '../../contracts/lead';
import { requireSiteList } from '../companies/site-access';
import { contactRecord } from '../contacts/save-contact';
import type { UseCaseContext } from '../context';

/** "New" means arrived in the last week. */
const NEW_DAYS = 7;
const DAY = 86_400_000;

/**
 * The Leads tab: new leads (the last week's, newest first), unworked ones (the owner has not logged
 * anything yet, soonest due first) and breached ones (past their response SLA with nothing logged),
 * everyone's or only the caller's. Leads are contacts, so they are visible to whoever sees contacts.
 * Errors: NOT_FOUND (the user browses no CRM project), VALIDATION (a foreign cursor, refused in defineCall).
 */
export async function listLeads(ctx: UseCaseContext, input: z.infer<typeof ListLeadsInput>): Promise<z.infer<typeof LeadPage>> {
  await requireSiteList(ctx, 'contacts');
  const page = await contactStore.queryLeads({
    view: input.view,
    ...(input.mine ? { ownerId: ctx.access.accountId } : {}),
    since: ctx.clock.now() - NEW_DAYS * DAY,
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return { items: page.contacts.map(contactRecord), nextCursor: page.nextCursor };
}
