import { QUERY_SETTLE_MS } from '../../ports/storage';
import { activityStore, externalIdStore, jobQueue, mergeStore } from '../../ports/registry';
import type { MergeWrite } from '../../ports/customers';
import type { z } from 'zod';
import type { MergeInput, MergeResult } from '../../contracts/duplicates';
import { fieldChanges, type FieldChange } from '../../domain/audit';
import { COMPANY_AUDITED_FIELDS, type Company } from '../../domain/company';
import { StaleVersionError } from '../../domain/conflict';
import { CONTACT_AUDITED_FIELDS, contactAuditView, type Contact } from '../../domain/contact';
import { mergedCompany, mergedContact } from '../../domain/dedupe';
import type { UseCaseContext } from '../context';
import { COMPANY } from '../companies/save-company';
import { SITE_PROJECT } from '../companies/site-access';
import { editableRecord, type SiteKind, type SiteRecord } from '../companies/site-record';
import { CONTACT, requireActiveCompany } from '../contacts/save-contact';
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

/** What merging differs in between contacts and companies; `mergePair` does the rest once. */
interface MergeOf<T extends SiteRecord> {
  kind: SiteKind<T>;
  /** The survivor with the fields picked from the other (a contact's new company must still be active). */
  merged(survivor: T, other: T): Promise<T>;
  /** The record without its unique value (the other gives it up to the survivor), and that value. */
  claimOf(record: T): string | null;
  withoutClaim(record: T): T;
  changes(before: T, after: T): FieldChange[];
  commit(write: MergeWrite<T>): Promise<void>;
}

function contactMerge(picks: Extract<Input, { kind: 'contacts' }>['picks']): MergeOf<Contact> {
  return {
    kind: CONTACT,
    merged: async (survivor, other) => {
      const merged = mergedContact(survivor, other, picks);
      if (merged.companyId && merged.companyId !== survivor.companyId) await requireActiveCompany(merged.companyId);
      return merged;
    },
    claimOf: (contact) => contact.email,
    withoutClaim: (contact) => ({ ...contact, email: null }),
    changes: (before, after) => fieldChanges(contactAuditView(before), contactAuditView(after), CONTACT_AUDITED_FIELDS),
    commit: (write) => mergeStore.commitContactMerge(write),
  };
}

function companyMerge(picks: Extract<Input, { kind: 'companies' }>['picks']): MergeOf<Company> {
  return {
    kind: COMPANY,
    merged: async (survivor, other) => mergedCompany(survivor, other, picks),
    claimOf: (company) => company.domain,
    withoutClaim: (company) => ({ ...company, domain: null }),
    changes: (before, after) => fieldChanges(before, after, COMPANY_AUDITED_FIELDS),
    commit: (write) => mergeStore.commitCompanyMerge(write),
  };
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
  const after = input.kind === 'contacts' ? await mergePair(ctx, input, contactMerge(input.picks)) : await mergePair(ctx, input, companyMerge(input.picks));
  return { kind: input.kind, survivorId: after.id, survivorVersion: after.version, moveQueued: true };
}

async function mergePair<T extends SiteRecord>(ctx: UseCaseContext, input: Input, of: MergeOf<T>): Promise<T> {
  const { kind } = of;
  const now = ctx.clock.now();
  const [survivor, other] = await Promise.all([editableRecord(ctx, kind, input.survivor.id), editableRecord(ctx, kind, input.other.id)]);
  const conflict = (current: T) => new StaleVersionError(kind.type, current);
  checkPair(survivor, other, input, conflict);
  const after: T = { ...(await of.merged(survivor, other)), version: survivor.version + 1, updatedAt: now };
  const otherAfter: T = { ...of.withoutClaim(other), archived: true, version: other.version + 1, updatedAt: now };
  const claim = of.claimOf(other);
  const write: MergeWrite<T> = {
    survivorBefore: survivor,
    survivorAfter: after,
    otherBefore: other,
    otherAfter,
    claims: claim ? [{ kind: kind.claim, value: claim }] : [],
    externalIds: { type: kind.type, other: await externalIdStore.externalIdsOf(other.id), survivor: await externalIdStore.externalIdsOf(survivor.id) },
    entries: mergeEntries(ctx, kind.type, survivor.id, other.id, other.name, after.name, of.changes(survivor, after), now),
    now,
  };
  await saveVersioned({ run: () => of.commit(write), explain: () => explainRace(kind.read, survivor, other, conflict) });
  await jobQueue.enqueueJob({ kind: 'merge', recordType: kind.type, fromId: other.id, toId: survivor.id }, MOVE_DELAY_SECONDS);
  return after;
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
