import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { allPages } from './paging';
import type { ActivityEntity } from '../../ports/customers';
import { claimKey, type ClaimGuard } from './claims';
import type { ContactEntity } from './contact-store';
import { externalIdKey, type ExternalIdGuard } from './external-ids';
import { Entities, Keys } from './keys';

/**
 * The storage side of a contact's erasure on request (usecases/privacy): the timeline entries that
 * mention them, read and rewritten as stored, and the one transaction that removes the contact with
 * what it holds (its e-mail claim, its external ids).
 */

const versionIs = <T extends { version: number }>(version: number) => new Filter<T>().and('version', FilterConditions.equalTo(version));

/** Every stored timeline entry of a record (activities and audit entries), oldest first, as stored. */
export async function timelineEntities(recordKey: string): Promise<ActivityEntity[]> {
  const out: ActivityEntity[] = [];
  for await (const page of allPages(() => kvs.entity<ActivityEntity>(Entities.activity).query().index('by-record', { partition: [recordKey] }).sort(Sort.ASC).limit(100))) {
    out.push(...page.map((r) => r.value));
  }
  return out;
}

/** Replaces a timeline entry with its cleaned copy, at the version read (its version moves on by one). */
export async function rewriteEntry(entry: ActivityEntity, clean: ActivityEntity): Promise<void> {
  await kvs.transact().set(entry.id, { ...clean, version: entry.version + 1 }, { entityName: Entities.activity, conditions: versionIs<ActivityEntity>(entry.version) }).execute();
}

/** Adds a timeline entry (a new id: nothing to condition on). */
export async function addEntry(entry: ActivityEntity): Promise<void> {
  await kvs.entity<ActivityEntity>(Entities.activity).set(entry.id, entry);
}

/** Deletes timeline entries, 25 to a transaction. */
export async function deleteEntries(entries: readonly ActivityEntity[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 25) {
    const tx = kvs.transact();
    for (const entry of entries.slice(i, i + 25)) tx.delete(entry.id, { entityName: Entities.activity });
    await tx.execute();
  }
}

/**
 * Deletes the contact at the version read, in one transaction with its e-mail claim and the external
 * ids it holds (each only while the contact still holds it) and the list of those ids.
 */
export async function deleteContactAndHoldings(contact: { id: string; version: number; email: string | null }, externalIds: readonly string[]): Promise<void> {
  const tx = kvs.transact();
  tx.delete(contact.id, { entityName: Entities.contact, conditions: versionIs<ContactEntity>(contact.version) });
  if (contact.email) tx.delete(claimKey('email', contact.email), { entityName: Entities.guard, conditions: new Filter<ClaimGuard>().and('holderId', FilterConditions.equalTo(contact.id)) });
  for (const value of externalIds) tx.delete(externalIdKey('contact', value), { entityName: Entities.guard, conditions: new Filter<ExternalIdGuard>().and('holderId', FilterConditions.equalTo(contact.id)) });
  tx.delete(Keys.externalIdsOf(contact.id));
  await tx.execute();
}

/** The anonymised record of one erasure: who erased how much, and when; never whom. */
export async function recordErasure(id: string, record: { at: number; by: string } & Record<string, number | string>): Promise<void> {
  await kvs.set(Keys.erasure(id), { schemaVersion: 1, ...record });
}
