import { contactStore } from '../../ports/registry';
import type { DealAttribution } from '../../domain/deal';
import type { Contact } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { AppError } from '../errors';
import { saveContact } from '../contacts/save-contact';

/**
 * Marketing's credit follows the buyer onto the deal: a deal created with contacts takes its source,
 * campaign and UTM parameters from the first contact's first touch, unless the seller names a source
 * (then the deal keeps theirs and no campaign is implied). Win rate and pipeline cut by source then
 * read marketing's channels.
 */
export async function dealAttribution(contactIds: string[], source: string | null | undefined): Promise<{ source: string | null; attribution: DealAttribution | null }> {
  if (source !== undefined && source !== null) return { source, attribution: null };
  const first = contactIds[0] ? await contactStore.readContact(contactIds[0]) : undefined;
  const touch = first?.attribution;
  if (!touch) return { source: source ?? null, attribution: null };
  return { source: touch.channel, attribution: { channel: touch.channel, campaign: touch.campaign, utm: { ...touch.utm } } };
}

const BEFORE_OPPORTUNITY = new Set<Contact['lifecycleStage']>(['lead', 'mql', 'sql']);

/**
 * A deal was created for these contacts: each one still in the funnel before "opportunity" moves
 * there (SQL → opportunity in the funnel), as the seller, with its audit entry. The deal exists
 * already, so a contact someone is editing at this very moment is tried again once and otherwise left
 * for the seller to move (logged), rather than failing the deal.
 */
export async function advanceToOpportunity(ctx: UseCaseContext, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  for (const contact of await contactStore.readContacts(contactIds)) {
    if (contact.archived || !BEFORE_OPPORTUNITY.has(contact.lifecycleStage)) continue;
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      try {
        const current = attempt === 1 ? contact : await contactStore.readContact(contact.id);
        if (!current || current.archived || !BEFORE_OPPORTUNITY.has(current.lifecycleStage)) break;
        await saveContact(ctx, current, (c) => ({ ...(c ?? current), lifecycleStage: 'opportunity' }));
        break;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CONFLICT') || attempt === 2) {
          console.warn(`[relay] contact ${contact.id} was not moved to opportunity`, error instanceof Error ? error.message : error);
          break;
        }
      }
    }
  }
}
