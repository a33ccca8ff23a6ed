import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { Company } from '../../domain/company';
import type { Contact } from '../../domain/contact';
import type { Deal } from '../../domain/deal';
import type { ActivityEntity } from '../../ports/customers';
import { fromEntity as fromActivityEntity, toEntity as toActivityEntity } from './activity-store';
import { claimKey, type ClaimGuard } from './claims';
import { toCompanyEntity, type CompanyEntity } from './company-store';
import { fromContactEntity, toContactEntity, type ContactEntity } from './contact-store';
import { fromEntity as fromDealEntity } from './deal-entity';
import { externalIdKey, writeExternalIdsOf, type ExternalIdGuard } from './external-ids';
import { Entities } from './keys';
import type { Transaction } from '../../ports/storage';
import { ACTIVITY_KINDS, type Activity } from '../../domain/activity';
import type { MergeWrite } from '../../ports/customers';

/**
 * The storage side of a merge. The merge itself is one transaction: both records conditioned on the
 * versions the person reviewed, the other record's email or domain claim and external ids moved to
 * the survivor (conditioned on the other still holding them), and the merge entry on both
 * timelines. What hangs off the other record (activities, deals, contacts) is moved afterwards by a
 * queued job, with the ordinary conditioned saves, so a busy record never blocks the merge.
 */
const versionIs = <T extends { version: number }>(version: number) => new Filter<T>().and('version', FilterConditions.equalTo(version));


function moveClaims(tx: Transaction, write: MergeWrite<{ id: string }>): void {
  const fromId = write.otherBefore.id;
  const toId = write.survivorAfter.id;
  for (const { kind, value } of write.claims) {
    const claim: ClaimGuard = { kind: 'claim', holderId: toId, version: 1, updatedAt: write.now, schemaVersion: 1, data: { value, kind } };
    tx.set(claimKey(kind, value), claim, { entityName: Entities.guard, conditions: new Filter<ClaimGuard>().and('holderId', FilterConditions.equalTo(fromId)) });
  }
  const { type, other, survivor } = write.externalIds;
  for (const value of other) {
    const guard: ExternalIdGuard = { kind: 'external-id', holderId: toId, version: 1, updatedAt: write.now, schemaVersion: 1, data: { recordType: type, value } };
    tx.set(externalIdKey(type, value), guard, { entityName: Entities.guard, conditions: new Filter<ExternalIdGuard>().and('holderId', FilterConditions.equalTo(fromId)) });
  }
  if (other.length > 0) {
    writeExternalIdsOf(tx, toId, [...new Set([...survivor, ...other])]);
    writeExternalIdsOf(tx, fromId, []);
  }
  for (const entry of write.entries) tx.set(entry.id, entry, { entityName: Entities.activity });
}

export async function commitContactMerge(write: MergeWrite<Contact>): Promise<void> {
  const tx = kvs.transact();
  tx.set(write.survivorAfter.id, toContactEntity(write.survivorAfter), { entityName: Entities.contact, conditions: versionIs<ContactEntity>(write.survivorBefore.version) });
  tx.set(write.otherAfter.id, toContactEntity(write.otherAfter), { entityName: Entities.contact, conditions: versionIs<ContactEntity>(write.otherBefore.version) });
  const companyId = write.survivorAfter.companyId;
  if (companyId && companyId !== write.survivorBefore.companyId) tx.check(companyId, { entityName: Entities.company, conditions: new Filter<CompanyEntity>().and('status', FilterConditions.equalTo('active')) });
  moveClaims(tx, write);
  await tx.execute();
}

export async function commitCompanyMerge(write: MergeWrite<Company>): Promise<void> {
  const tx = kvs.transact();
  tx.set(write.survivorAfter.id, toCompanyEntity(write.survivorAfter), { entityName: Entities.company, conditions: versionIs<CompanyEntity>(write.survivorBefore.version) });
  tx.set(write.otherAfter.id, toCompanyEntity(write.otherAfter), { entityName: Entities.company, conditions: versionIs<CompanyEntity>(write.otherBefore.version) });
  moveClaims(tx, write);
  await tx.execute();
}

/** Up to `limit` user-written activities of a record, of any kind (by-record-kind, one query per kind). */
export async function movableActivities(recordKey: string, limit: number): Promise<Activity[]> {
  const out: Activity[] = [];
  for (const kind of ACTIVITY_KINDS) {
    if (out.length >= limit) break;
    const page = await kvs.entity<ActivityEntity>(Entities.activity).query().index('by-record-kind', { partition: [recordKey, kind] }).limit(Math.min(100, limit - out.length)).getMany();
    for (const result of page.results) out.push(fromActivityEntity(result.value) as Activity);
  }
  return out;
}

/** Moves an activity to another record of the same type, if it is still at the version read. */
export async function moveActivity(activity: Activity, toId: string, now: number): Promise<void> {
  const moved: Activity = { ...activity, recordId: toId, version: activity.version + 1, updatedAt: now };
  await kvs.transact().set(activity.id, toActivityEntity(moved), { entityName: Entities.activity, conditions: versionIs<ActivityEntity>(activity.version) }).execute();
}

/** A page of a company's deals, every project (by-company). */
export async function companyDeals(companyId: string, cursor?: string): Promise<{ deals: Deal[]; nextCursor: string | null }> {
  let query = kvs.entity<{ version: number }>(Entities.deal).query().index('by-company', { partition: [companyId] }).limit(100);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany();
  return { deals: page.results.map((r) => fromDealEntity(r.value)), nextCursor: page.nextCursor ?? null };
}

/** A page of a company's contacts, active and archived (by-company). */
export async function companyContacts(companyId: string, cursor?: string): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  let query = kvs.entity<ContactEntity>(Entities.contact).query().index('by-company', { partition: [companyId] }).limit(100);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany();
  return { contacts: page.results.map((r) => fromContactEntity(r.value)), nextCursor: page.nextCursor ?? null };
}
