import { contactStore } from '../../ports/registry';
import type { z } from 'zod';
import type { ContactRecord, GetContactInput, ListContactsInput, SearchContactsInput } from '../../contracts/contact';
import { searchableName } from '../../domain/normalise';
import { emailPrefix } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { requireSiteList } from '../companies/site-access';
import { searchRecords, visibleRecord, type SitePage } from '../companies/site-record';
import { CONTACT, contactRecord } from './save-contact';

type Page = SitePage<ContactRecord>;

/** One contact. Errors: NOT_FOUND (missing, or the user browses no project). */
export async function getContact(ctx: UseCaseContext, input: z.infer<typeof GetContactInput>): Promise<ContactRecord> {
  return contactRecord(await visibleRecord(ctx, CONTACT, input.contactId));
}

/**
 * A page of contacts A–Z, or of one company's contacts A–Z (by-company). An unknown company simply
 * has no contacts. Errors: NOT_FOUND (the user browses no project), VALIDATION (foreign cursor).
 */
export async function listContacts(ctx: UseCaseContext, input: z.infer<typeof ListContactsInput>): Promise<Page> {
  await requireSiteList(ctx, 'contacts');
  const page = await contactStore.queryContacts(input);
  return { items: page.contacts.map(contactRecord), nextCursor: page.nextCursor };
}

/** Contacts whose name (A–Z) or email starts with the text, folded like stored values. Errors as `listContacts`. */
export async function searchContacts(ctx: UseCaseContext, input: z.infer<typeof SearchContactsInput>): Promise<Page> {
  const prefix = input.field === 'name' ? searchableName(input.text) : emailPrefix(input.text);
  return searchRecords(ctx, 'contacts', input, prefix, async (search) => {
    const page = await contactStore.searchContacts(search);
    return { items: page.contacts.map(contactRecord), nextCursor: page.nextCursor };
  });
}
