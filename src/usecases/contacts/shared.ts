import { readContact } from '../../adapters/kvs/contact-store';
import type { Contact } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { notFound } from '../errors';
import { requireSiteEdit, requireSiteRead } from '../companies/site-access';

// Moved to save-contact.ts (the save, its conflicts and the email claim); re-exported for callers elsewhere.
export { checkContactVersion, contactRecord, emailTaken, fromContactError, requireActiveCompany, saveContact } from './save-contact';

/** A contact the user may see; else NOT_FOUND, whether it is missing or the user sees no project. */
export async function visibleContact(ctx: UseCaseContext, contactId: string): Promise<Contact> {
  await requireSiteRead(ctx, 'The contact');
  const contact = await readContact(contactId);
  if (!contact) throw notFound('The contact');
  return contact;
}

export async function editableContact(ctx: UseCaseContext, contactId: string): Promise<Contact> {
  const contact = await visibleContact(ctx, contactId);
  await requireSiteEdit(ctx, 'contacts');
  return contact;
}
