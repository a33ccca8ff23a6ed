import { QUERY_SETTLE_MS } from '../../ports/storage';
import { activityStore, companyStore, contactStore, externalIdStore, jobQueue, mergeStore } from '../../ports/registry';
import type { MergeWrite } from '../../ports/customers';
import type { z } from 'zod';
import type { MergeInput, MergeResult } from '../../contracts/duplicates';
import { fieldChanges, type FieldChange } from '../../domain/audit';
import { COMPANY_AUDITED_FIELDS, type Company } from '../../domain/company';
import { StaleVersionError } from '../../domain/conflict';
import { CONTACT_AUDITED_FIELDS, contactAuditView, type Contact } from '../../domain/contact';
import { mergedCompany, mergedContact } from '../../domain/dedupe';
import type { UseCaseContext } from '../context';
import { editableCompany } from '../companies/company-access';
import { companyRecord } from '../companies/save-company';
import { SITE_PROJECT } from '../companies/site-access';
import { editableContact } from '../contacts/contact-access';
import { contactRecord, requireActiveCompany } from '../contacts/save-contact';
import { invalid, notFound } from '../errors';
import { saveVersioned } from '../versioned-save';

/**
 * The move finds the merged-away record's activities, deals and contacts with storage queries, which
 * trail writes: it runs once they show everything written up to the merge, or a note added a moment
 * before would stay on the archived record.
 */
const MOVE_DELAY_SECONDS = QUERY_SETTLE_MS / 1000;

type Input = z.infer<typeof MergeInput>;
type Result = z.infer<typeof MergeResult>;

/** The entry both timelines get: the merge itself, and on the survivor the fields it took from the other record. */
function mergeEntries(ctx: UseCaseContext, type: 'contact' | 'company', survivorId: string, otherId: string, otherName: string, survivorName: string, changes: FieldChange[], now: number) {
  const actor = ctx.access.accountId;
  return [
    activityStore.changeActivity(ctx.ids.newId(), `${type}:${survivorId}`, SITE_PROJECT, actor, now, [{ field: 'mergedFrom', from: null, to: `${otherName} (${otherId})` }, ...changes]),
    activityStore.changeActivity(ctx.ids.newId(), `${type}:${otherId}`, SITE_PROJECT, actor, now, [{ field: 'mergedInto', from: null, to: `${survivorName} (${survivorId})` }, { field: 'archived', from: false, to: true }]),
  ];
}

function checkPair<T extends { id: string; version: number; archived: boolean }>(survivor: T, other: T, input: Input, conflict: (current: T) => StaleVersionError): void {
  if (survivor.version !== input.survivor.version) throw conflict(survivor);
  if (other.version !== input.other.version) throw conflict(other);
  if (survivor.archived || other.archived) throw invalid('Only active records can be merged: restore the archived one first.', [], { reason: 'MERGE_ARCHIVED' });
}

/**
 * Merges two contacts or two companies into the survivor, field by field as chosen. One
 * transaction writes the survivor, archives the other (marked merged into the survivor, its email
 * or domain and external ids moved over, so imports and inbound leads that name them find the
 * survivor), and puts the merge on both timelines; a queued job then moves every activity, deal and
 * contact of the other record to the survivor. Errors: NOT_FOUND, FORBIDDEN, VALIDATION (the same
 * record twice, an archived one), CONFLICT (either record changed since it was reviewed).
 */
export async function mergeRecords(ctx: UseCaseContext, input: Input): Promise<Result> {
  if (input.survivor.id === input.other.id) throw invalid('Choose two different records to merge.', [{ path: 'other.id', message: 'The same record as the survivor' }], { reason: 'MERGE_SAME' });
  const now = ctx.clock.now();
  if (input.kind === 'contacts') {
    const [survivor, other] = await Promise.all([editableContact(ctx, input.survivor.id), editableContact(ctx, input.other.id)]);
    const conflict = (current: Contact) => new StaleVersionError('contact', contactRecord(current));
    checkPair(survivor, other, input, conflict);
    const merged = mergedContact(survivor, other, input.picks);
    if (merged.companyId && merged.companyId !== survivor.companyId) await requireActiveCompany(merged.companyId);
    const after: Contact = { ...merged, version: survivor.version + 1, updatedAt: now };
    const otherAfter: Contact = { ...other, email: null, archived: true, version: other.version + 1, updatedAt: now };
    const changes = fieldChanges(contactAuditView(survivor), contactAuditView(after), CONTACT_AUDITED_FIELDS);
    const write: MergeWrite<Contact> = {
      survivorBefore: survivor,
      survivorAfter: after,
      otherBefore: other,
      otherAfter,
      claims: other.email ? [{ kind: 'email', value: other.email }] : [],
      externalIds: { type: 'contact', other: await externalIdStore.externalIdsOf(other.id), survivor: await externalIdStore.externalIdsOf(survivor.id) },
      entries: mergeEntries(ctx, 'contact', survivor.id, other.id, other.name, after.name, changes, now),
      now,
    };
    await saveVersioned({ run: () => mergeStore.commitContactMerge(write), explain: () => explainRace(contactStore.readContact, survivor, other, conflict) });
    await jobQueue.enqueueJob({ kind: 'merge', recordType: 'contact', fromId: other.id, toId: survivor.id }, MOVE_DELAY_SECONDS);
    return { kind: 'contacts', survivorId: after.id, survivorVersion: after.version, moveQueued: true };
  }
  const [survivor, other] = await Promise.all([editableCompany(ctx, input.survivor.id), editableCompany(ctx, input.other.id)]);
  const conflict = (current: Company) => new StaleVersionError('company', companyRecord(current));
  checkPair(survivor, other, input, conflict);
  const after: Company = { ...mergedCompany(survivor, other, input.picks), version: survivor.version + 1, updatedAt: now };
  const otherAfter: Company = { ...other, domain: null, archived: true, version: other.version + 1, updatedAt: now };
  const write: MergeWrite<Company> = {
    survivorBefore: survivor,
    survivorAfter: after,
    otherBefore: other,
    otherAfter,
    claims: other.domain ? [{ kind: 'domain', value: other.domain }] : [],
    externalIds: { type: 'company', other: await externalIdStore.externalIdsOf(other.id), survivor: await externalIdStore.externalIdsOf(survivor.id) },
    entries: mergeEntries(ctx, 'company', survivor.id, other.id, other.name, after.name, fieldChanges(survivor, after, COMPANY_AUDITED_FIELDS), now),
    now,
  };
  await saveVersioned({ run: () => mergeStore.commitCompanyMerge(write), explain: () => explainRace(companyStore.readCompany, survivor, other, conflict) });
  await jobQueue.enqueueJob({ kind: 'merge', recordType: 'company', fromId: other.id, toId: survivor.id }, MOVE_DELAY_SECONDS);
  return { kind: 'companies', survivorId: after.id, survivorVersion: after.version, moveQueued: true };
}

/** Why a merge transaction was refused: either record changed (CONFLICT with it) or is gone; else a race on a claim, tried again. */
async function explainRace<T extends { id: string; version: number }>(read: (id: string) => Promise<T | undefined>, survivor: T, other: T, conflict: (current: T) => StaleVersionError): Promise<void> {
  for (const before of [survivor, other]) {
    const fresh = await read(before.id);
    if (!fresh) throw notFound('The record');
    if (fresh.version !== before.version) throw conflict(fresh);
  }
  // Both unchanged: the other record no longer holds a claim or external id it was read with (it was
  // moved by a concurrent merge, which also changed the versions) — nothing else refuses this write.
  throw invalid('The records changed while merging: review them again.', [], { reason: 'MERGE_RACE' });
}
