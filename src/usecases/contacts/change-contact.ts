import type { z } from 'zod';
import type { ContactRecord, ContactRef, UpdateContactInput } from '../../contracts/contact';
import { archiveContact as archive, restoreContact as restore, updateContact as update } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { changeRecord } from '../companies/site-record';
import { CONTACT, contactRecord } from './save-contact';

/**
 * Edits a contact at the version the user read; every changed field lands in the audit trail.
 * Errors: NOT_FOUND, FORBIDDEN, CONFLICT (stale version with `details.current`, or the new email
 * held by another contact with `details.existing`), VALIDATION (bad field, attribution already set,
 * company missing or archived, archived contact).
 */
export async function updateContact(ctx: UseCaseContext, input: z.infer<typeof UpdateContactInput>): Promise<ContactRecord> {
  return contactRecord(await changeRecord(ctx, CONTACT, { id: input.contactId, version: input.version }, (current, now) => update(current, input.changes, now)));
}

/** Archives a contact; it keeps its email claim and history. Errors: NOT_FOUND, FORBIDDEN, CONFLICT, VALIDATION (archived already). */
export async function archiveContact(ctx: UseCaseContext, input: z.infer<typeof ContactRef>): Promise<ContactRecord> {
  return contactRecord(await changeRecord(ctx, CONTACT, { id: input.contactId, version: input.version }, archive));
}

/**
 * Restores an archived contact. Its email claim was kept, so this never collides; its company is
 * left as it is even if archived meanwhile (the link is history, not a new choice).
 * Errors as `archiveContact` (VALIDATION when not archived).
 */
export async function restoreContact(ctx: UseCaseContext, input: z.infer<typeof ContactRef>): Promise<ContactRecord> {
  return contactRecord(await changeRecord(ctx, CONTACT, { id: input.contactId, version: input.version }, restore));
}
