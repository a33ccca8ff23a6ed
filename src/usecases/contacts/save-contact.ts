import type { ContactRecord } from '../../contracts/contact';
import { claimHolder, releaseReservation, reserveClaim } from '../../adapters/kvs/claims';
import { readCompany } from '../../adapters/kvs/company-store';
import { commitContact, readContact } from '../../adapters/kvs/contact-store';
import { changeActivity } from '../../adapters/kvs/activity-store';
import { fieldChanges } from '../../domain/audit';
import { StaleVersionError } from '../../domain/conflict';
import type { Contact } from '../../domain/contact';
import { CONTACT_AUDITED_FIELDS, ContactError, contactAuditView } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { AppError, invalid, notFound } from '../errors';
import { SITE_PROJECT } from '../companies/site-access';
import { saveVersioned } from '../versioned-save';

export function contactRecord(contact: Contact): ContactRecord {
  return contact;
}

/** The version the client read must be the stored one (CONFLICT with the current contact otherwise). */
export function checkContactVersion(contact: Contact, version: number): void {
  if (contact.version !== version) throw new StaleVersionError('contact', contactRecord(contact));
}

/** CONFLICT naming the contact that holds an email already (archived ones keep theirs). */
export async function emailTaken(email: string, holderId: string): Promise<AppError> {
  const holder = await readContact(holderId);
  const name = holder?.name ?? holderId;
  return new AppError('CONFLICT', `${name} already has the email ${email}${holder?.archived ? ' (archived: restore them instead)' : ''}.`, [{ path: 'email', message: `Taken by ${name}`, code: 'taken', params: { name } }], {
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

/**
 * Saves one change of a contact: the record (conditioned on the version read), its email claim
 * (reserved first, see adapters/kvs/claims.ts), a check that a newly linked company is still active,
 * and the audit entry, in one transaction, with the one save policy (usecases/versioned-save.ts).
 * Stale version → CONFLICT with the current contact; email held by another contact → CONFLICT
 * naming it; company gone or archived → VALIDATION.
 */
export async function saveContact(ctx: UseCaseContext, before: Contact | null, change: (current: Contact | null) => Contact): Promise<Contact> {
  const now = ctx.clock.now();
  let after: Contact;
  try {
    after = change(before);
  } catch (error) {
    fromContactError(error);
  }
  const saved: Contact = { ...after, version: (before?.version ?? 0) + 1, updatedAt: now };
  const newCompanyId = saved.companyId !== null && saved.companyId !== (before?.companyId ?? null) ? saved.companyId : null;
  if (newCompanyId) await requireActiveCompany(newCompanyId);
  const takes = saved.email !== null && saved.email !== (before?.email ?? null) ? saved.email : null;
  if (takes) {
    const holder = await reserveClaim('email', takes, saved.id, now);
    if (holder) throw await emailTaken(takes, holder);
  }
  const changes = fieldChanges(before ? contactAuditView(before) : null, contactAuditView(saved), CONTACT_AUDITED_FIELDS);
  const activity = changes.length > 0 ? changeActivity(ctx.ids.newId(), `contact:${saved.id}`, SITE_PROJECT, ctx.access.accountId, now, changes) : null;
  try {
    return await saveVersioned({
      run: async () => {
        await commitContact({ before, after: saved, activity, checkCompanyId: newCompanyId, now });
        return saved;
      },
      explain: async () => {
        if (before) {
          const fresh = await readContact(before.id);
          if (!fresh) throw notFound('The contact');
          if (fresh.version !== before.version) throw new StaleVersionError('contact', contactRecord(fresh));
        }
        if (takes && (await claimHolder('email', takes)) !== saved.id) {
          const holder = await reserveClaim('email', takes, saved.id, now);
          if (holder) throw await emailTaken(takes, holder);
        }
        if (newCompanyId) await requireActiveCompany(newCompanyId);
      },
    });
  } catch (error) {
    if (takes) await releaseReservation('email', takes, saved.id);
    throw error;
  }
}
