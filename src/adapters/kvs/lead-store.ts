import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { allPages } from './paging';
import type { Activity } from '../../domain/activity';
import type { Contact } from '../../domain/contact';
import { fromEntity, toEntity } from './activity-store';
import { type ActivityEntity } from '../../ports/customers';
import { toContactEntity, type ContactEntity } from './contact-store';
import { Entities } from './keys';

/**
 * Writes Relay makes to a lead by itself (its response SLA met or breached, the follow-up task
 * closed): the contact conditioned on the version read, its timeline entry, and the task conditioned
 * on its own version, in one transaction.
 */
export async function commitLeadChange(before: Contact, after: Contact, entries: ActivityEntity[], task: { before: Activity; after: Activity } | null): Promise<void> {
  const tx = kvs.transact().set(after.id, toContactEntity(after), { entityName: Entities.contact, conditions: new Filter<ContactEntity>().and('version', FilterConditions.equalTo(before.version)) });
  for (const entry of entries) tx.set(entry.id, entry, { entityName: Entities.activity });
  if (task) tx.set(task.after.id, toEntity(task.after), { entityName: Entities.activity, conditions: new Filter<ActivityEntity>().and('version', FilterConditions.equalTo(task.before.version)) });
  await tx.execute();
}

/**
 * The earliest activity a person logged on a contact at or after `since` (notes, calls, meetings,
 * e-mails; tasks are plans, not answers), from the contact's timeline, by when it was logged. Reads
 * at most five pages of that person's entries (a lead's timeline is short).
 */
export async function firstActivityBy(contactId: string, actorId: string, since: number): Promise<number | null> {
  let earliest: number | null = null;
  const theirs = () =>
    kvs
      .entity<ActivityEntity>(Entities.activity)
      .query()
      .index('by-record', { partition: [`contact:${contactId}`] })
      .filters(new Filter<ActivityEntity>().and('actorId', FilterConditions.equalTo(actorId)))
      .sort(Sort.DESC)
      .limit(100);
  for await (const page of allPages(theirs, { maxPages: 5 })) {
    for (const item of page) {
      const entry = fromEntity(item.value);
      // When it was logged, not the time the person typed in: a backdated note does not answer in time.
      if (entry.kind !== 'change' && entry.kind !== 'task' && entry.createdAt >= since) {
        earliest = earliest === null ? entry.createdAt : Math.min(earliest, entry.createdAt);
      }
    }
  }
  return earliest;
}
