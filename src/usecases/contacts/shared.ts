import type { ContactRecord } from '../../contracts/contact';
import { claimHolder } from '../../adapters/kvs/claims';
import { readCompany } from '../../adapters/kvs/company-store';
import { commitContact, readContact } from '../../adapters/kvs/contact-store';
import { changeActivity } from '../../adapters/kvs/activity-store';
import { isConditionFailure } from '../../adapters/kvs/transactions';
import { funnelShardOf, readFunnelShard } from '../../adapters/kvs/funnel-store';
import { funnelMonth, trackFunnel } from '../../domain/lead';
import { cellKey, countReached } from '../../domain/lead-funnel';
import { fieldChanges } from '../../domain/audit';
import type { Contact } from '../../domain/contact';
import { CONTACT_AUDITED_FIELDS, ContactError, contactAuditView } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { AppError, invalid, notFound } from '../errors';
import { requireSiteEdit, requireSiteRead, SITE_PROJECT } from '../companies/site-access';

export function contactRecord(contact: Contact): ContactRecord {
  return contact;
}

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

export function contactConflict(current: Contact): AppError {
  return new AppError('CONFLICT', 'Someone changed this contact after you opened it. Review their change and try again.', [], { reason: 'STALE_VERSION', current: contactRecord(current) });
}

export function checkContactVersion(contact: Contact, version: number): void {
  if (contact.version !== version) throw contactConflict(contact);
}

/** CONFLICT naming the contact that holds an email already (archived ones keep theirs). */
export async function emailTaken(email: string, holderId: string): Promise<AppError> {
  const holder = await readContact(holderId);
  const name = holder?.name ?? holderId;
  return new AppError('CONFLICT', `${name} already has the email ${email}${holder?.archived ? ' (archived: restore them instead)' : ''}.`, [{ path: 'email', message: `Taken by ${name}` }], {
    reason: 'DUPLICATE_EMAIL',
    existing: { id: holderId, name, archived: holder?.archived ?? false },
  });
}

const noActiveCompany = () => invalid('A contact can only belong to an existing, active company.', [{ path: 'companyId', message: 'No active company with this id' }], { reason: 'COMPANY_NOT_ACTIVE' });

/**
 * The company a contact is about to point at must exist and not be archived (VALIDATION otherwise).
 * The write's transaction checks it again, so an archive in between cannot slip through.
 */
export async function requireActiveCompany(companyId: string): Promise<void> {
  const company = await readCompany(companyId);
  if (!company || company.archived) throw noActiveCompany();
}

export function fromContactError(error: unknown): never {
  if (error instanceof ContactError) throw invalid(error.message, error.field ? [{ path: error.field, message: error.message }] : [], { reason: error.code });
  throw error;
}

/** The funnel shard that counts the stages a contact reached now, as it will be written (null: none reached). */
export async function funnelCount(contact: Contact, reached: ReturnType<typeof trackFunnel>['reached'], now: number) {
  if (reached.length === 0 || !contact.funnel) return null;
  const read = await readFunnelShard(funnelMonth(now), funnelShardOf(contact.id));
  return { read, cells: countReached(read.cells, cellKey(contact.funnel.segment, contact.funnel.source), reached) };
}

/**
 * Saves one change of a contact: the record (conditioned on the version read), its email claim, a
 * check that a newly linked company is still active, the audit entry and the funnel count of any
 * stage it reaches for the first time, in one transaction. When
 * Forge cancels it, the cause is read back: stale version → CONFLICT with the current contact; email
 * held by another contact → CONFLICT naming it; company gone or archived → VALIDATION; otherwise
 * tried again, a few times.
 */
export async function saveContact(ctx: UseCaseContext, before: Contact | null, change: (current: Contact | null) => Contact): Promise<Contact> {
  const now = ctx.clock.now();
  for (let attempt = 1; ; attempt += 1) {
    let after: Contact;
    try {
      after = change(before);
    } catch (error) {
      fromContactError(error);
    }
    after = { ...after, version: (before?.version ?? 0) + 1, updatedAt: now };
    const tracked = trackFunnel(after, now);
    after = tracked.contact;
    const funnel = await funnelCount(after, tracked.reached, now);
    const newCompanyId = after.companyId !== null && after.companyId !== (before?.companyId ?? null) ? after.companyId : null;
    if (newCompanyId && attempt === 1) await requireActiveCompany(newCompanyId);
    const changes = fieldChanges(before ? contactAuditView(before) : null, contactAuditView(after), CONTACT_AUDITED_FIELDS);
    const activity = changes.length > 0 ? changeActivity(ctx.ids.newId(), `contact:${after.id}`, SITE_PROJECT, ctx.access.accountId, now, changes) : null;
    try {
      await commitContact({ before, after, activity, checkCompanyId: newCompanyId, funnel, now });
      return after;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const fresh = await readContact(after.id);
      if (before && !fresh) throw notFound('The contact');
      if (before && fresh && fresh.version !== before.version) throw contactConflict(fresh);
      if (!before && fresh) throw new AppError('CONFLICT', 'A contact with this id exists already.');
      if (after.email && after.email !== (before?.email ?? null)) {
        const holder = await claimHolder('email', after.email);
        if (holder && holder !== after.id) throw await emailTaken(after.email, holder);
      }
      if (newCompanyId) await requireActiveCompany(newCompanyId);
      // Left: a funnel shard another contact's write counted in first; read again and retry.
      if (attempt >= 5) throw error;
    }
  }
}
