import type { z } from 'zod';
import type { ContactRecord, CreateContactInput } from '../../contracts/contact';
import { newContact } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { requireSiteEdit } from '../companies/site-access';
import { contactRecord, saveContact } from './save-contact';

/**
 * Creates a contact owned by the caller unless another owner is named: email normalised and
 * claimed, first-touch attribution stamped with the time, consent checked. Errors: FORBIDDEN (no
 * "Edit CRM records" anywhere), VALIDATION (blank name, bad email, consent without date or basis,
 * company missing or archived), CONFLICT (email held by another contact, in `details.existing`).
 */
export async function createContact(ctx: UseCaseContext, input: z.infer<typeof CreateContactInput>): Promise<ContactRecord> {
  await requireSiteEdit(ctx, 'contacts');
  const id = ctx.ids.newId();
  const saved = await saveContact(ctx, null, () => newContact({ ...input, ownerId: input.ownerId ?? ctx.access.accountId }, id, ctx.clock.now()));
  return contactRecord(saved);
}
