import { activityStore, claimStore, companyStore, contactStore, funnelStore } from '../../ports/registry';
import type { VersionedShard } from '../../ports/leads';
import type { ContactRecord } from '../../contracts/contact';
import { fieldChanges } from '../../domain/audit';
import type { Contact } from '../../domain/contact';
import { CONTACT_AUDITED_FIELDS, ContactError, contactAuditView } from '../../domain/contact';
import type { UseCaseContext } from '../context';
import { invalid } from '../errors';
import { SITE_PROJECT } from '../companies/site-access';
import { commitHolding, nextVersion, reserveOrRefuse, type SiteKind } from '../companies/site-record';
import { funnelMonth, trackFunnel } from '../../domain/lead';
import { cellKey, countReached } from '../../domain/lead-funnel';

export function contactRecord(contact: Contact): ContactRecord {
  return contact;
}

const noActiveCompany = () => invalid('A contact can only belong to an existing, active company.', [{ path: 'companyId', message: 'No active company with this id' }], { reason: 'COMPANY_NOT_ACTIVE' });

/**
 * The company a contact is about to point at must exist and not be archived (VALIDATION otherwise).
 * The write's transaction checks it again, so an archive in between cannot slip through.
 */
export async function requireActiveCompany(companyId: string): Promise<void> {
  const company = await companyStore.readCompany(companyId);
  if (!company || company.archived) throw noActiveCompany();
}

type Reached = ReturnType<typeof trackFunnel>['reached'];

/** The funnel shard that counts the stages a contact reached now, as it will be written (null: none reached). */
function funnelCount(contact: Contact, reached: Reached, read: VersionedShard | null) {
  if (!read || reached.length === 0 || !contact.funnel) return null;
  return { read, cells: countReached(read.cells, cellKey(contact.funnel.segment, contact.funnel.source), reached) };
}

/** The shard as stored (version 0 when the month has none yet), or created empty first when `create`. */
async function funnelShard(contact: Contact, reached: Reached, now: number, create: boolean): Promise<VersionedShard | null> {
  if (reached.length === 0 || !contact.funnel) return null;
  const read = await funnelStore.readFunnelShard(funnelMonth(now), funnelStore.funnelShardOf(contact.id));
  return create ? funnelStore.ensureFunnelShard(read, now) : read;
}

/**
 * Saves one change of a contact: the record (conditioned on the version read), its email claim
 * (reserved first, see adapters/kvs/claims.ts), a check that a newly linked company is still active,
 * the audit entry and the funnel count of any stage it reaches for the first time, in one transaction, with the one save policy (usecases/versioned-save.ts).
 * Stale version → CONFLICT with the current contact; email held by another contact → CONFLICT
 * naming it; company gone or archived → VALIDATION.
 */
export async function saveContact(ctx: UseCaseContext, before: Contact | null, change: (current: Contact | null) => Contact): Promise<Contact> {
  const now = ctx.clock.now();
  const tracked = trackFunnel(nextVersion(ContactError, before, change, now), now);
  const saved: Contact = tracked.contact;
  const newCompanyId = saved.companyId !== null && saved.companyId !== (before?.companyId ?? null) ? saved.companyId : null;
  if (newCompanyId) await requireActiveCompany(newCompanyId);
  const takes = saved.email !== null && saved.email !== (before?.email ?? null) ? saved.email : null;
  // Read (and created, the first time in a month) before the e-mail is reserved, so a reservation is
  // held only while the transaction runs; but not for an e-mail already taken, which is refused
  // below and must leave nothing behind.
  let shard = await funnelShard(saved, tracked.reached, now, false);
  if (shard?.version === 0 && (takes === null || (await claimStore.claimHolder('email', takes)) === undefined)) shard = await funnelShard(saved, tracked.reached, now, true);
  if (takes) await reserveOrRefuse(CONTACT, takes, saved.id, now);
  const changes = fieldChanges(before ? contactAuditView(before) : null, contactAuditView(saved), CONTACT_AUDITED_FIELDS);
  const activity = changes.length > 0 ? activityStore.changeActivity(ctx.ids.newId(), `contact:${saved.id}`, SITE_PROJECT, ctx.access.accountId, now, changes) : null;
  // A retry reads the funnel shard again: another contact's write may have counted in first.
  const commit = async (attempt: number) => {
    if (attempt > 1 || shard?.version === 0) shard = await funnelShard(saved, tracked.reached, now, true);
    await contactStore.commitContact({ before, after: saved, activity, checkCompanyId: newCompanyId, funnel: funnelCount(saved, tracked.reached, shard), now });
  };
  return commitHolding(CONTACT, before, saved, takes, now, commit, async () => {
    if (newCompanyId) await requireActiveCompany(newCompanyId);
  });
}

/** Contacts as site-wide records (companies/site-record.ts): their words, their store and their save. */
export const CONTACT: SiteKind<Contact> = {
  type: 'contact',
  what: 'The contact',
  plural: 'contacts',
  claim: 'email',
  pronoun: 'them',
  read: (id) => contactStore.readContact(id),
  save: saveContact,
};
