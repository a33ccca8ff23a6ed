import { contactStore } from '../../ports/registry';
import type { Contact } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { notFound } from '../errors';
import { requireSiteEdit, requireSiteRead } from '../companies/site-access';

/** A contact the user may see; else NOT_FOUND, whether it is missing or the user sees no project. */
export async function visibleContact(ctx: UseCaseContext, contactId: string): Promise<Contact> {
  await requireSiteRead(ctx, 'The contact');
  const contact = await contactStore.readContact(contactId);
  if (!contact) throw notFound('The contact');
  return contact;
}

/** A contact the user may change: visible, and "Edit CRM records" somewhere. */
export async function editableContact(ctx: UseCaseContext, contactId: string): Promise<Contact> {
  const contact = await visibleContact(ctx, contactId);
  await requireSiteEdit(ctx, 'contacts');
  return contact;
}
