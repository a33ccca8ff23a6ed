import { claimStore } from '../../ports/registry';
import type { ClaimKind } from '../../ports/customers';
import { StaleVersionError } from '../../domain/conflict';
import type { UseCaseContext } from '../context';
import { AppError, invalid, notFound } from '../errors';
import { saveVersioned } from '../versioned-save';
import { requireSiteEdit, requireSiteList, requireSiteRead } from './site-access';

/**
 * What companies and contacts share as site-wide records (site-access.ts): who may see and change
 * one, the version check, the one unique value each holds (a domain, an email) and how a search
 * pages. Each kind says its words and its storage once (`COMPANY` in save-company.ts, `CONTACT` in
 * contacts/save-contact.ts); the rules below are written once for both.
 */
export interface SiteRecord {
  id: string;
  name: string;
  version: number;
  archived: boolean;
}

export interface SiteKind<T extends SiteRecord> {
  type: 'company' | 'contact';
  what: 'The company' | 'The contact';
  plural: 'companies' | 'contacts';
  /** The value unique across the site, and how a conflict points back at an archived holder. */
  claim: ClaimKind;
  pronoun: 'it' | 'them';
  read(id: string): Promise<T | undefined>;
  /** The one versioned save of the kind (saveCompany, saveContact). */
  save(ctx: UseCaseContext, before: T | null, change: (current: T | null) => T): Promise<T>;
}

/** A record the user may see; else NOT_FOUND, whether it is missing or the user sees no project. */
export async function visibleRecord<T extends SiteRecord>(ctx: UseCaseContext, kind: SiteKind<T>, id: string): Promise<T> {
  await requireSiteRead(ctx, kind.what);
  const record = await kind.read(id);
  if (!record) throw notFound(kind.what);
  return record;
}

/** A record the user may change: visible, and "Edit CRM records" somewhere. */
export async function editableRecord<T extends SiteRecord>(ctx: UseCaseContext, kind: SiteKind<T>, id: string): Promise<T> {
  const record = await visibleRecord(ctx, kind, id);
  await requireSiteEdit(ctx, kind.plural);
  return record;
}

/** The version the client read must be the stored one (CONFLICT with the current record otherwise). */
export function checkRecordVersion<T extends SiteRecord>(kind: SiteKind<T>, record: T, version: number): void {
  if (record.version !== version) throw new StaleVersionError(kind.type, record);
}

/** One user change of a record at the version they read (edit, archive, restore), saved with the kind's save. */
export async function changeRecord<T extends SiteRecord>(ctx: UseCaseContext, kind: SiteKind<T>, ref: { id: string; version: number }, change: (current: T, now: number) => T): Promise<T> {
  const record = await editableRecord(ctx, kind, ref.id);
  checkRecordVersion(kind, record, ref.version);
  return kind.save(ctx, record, (current) => change(current ?? record, ctx.clock.now()));
}

type RecordErrorType = abstract new (...args: never[]) => Error & { code: string; field?: string | undefined };

/** A domain error of the record (name, domain, email, consent...) as VALIDATION on its field. */
export function fromRecordError(type: RecordErrorType, error: unknown): never {
  if (error instanceof type) throw invalid(error.message, error.field ? [{ path: error.field, message: error.message }] : [], { reason: error.code });
  throw error;
}

/** The change applied to the record as read, as its next version (the kind's domain errors as VALIDATION). */
export function nextVersion<T extends SiteRecord & { updatedAt: number }>(errorType: RecordErrorType, before: T | null, change: (current: T | null) => T, now: number): T {
  let after: T;
  try {
    after = change(before);
  } catch (error) {
    fromRecordError(errorType, error);
  }
  return { ...after, version: (before?.version ?? 0) + 1, updatedAt: now };
}

/** CONFLICT naming the record that holds the value already (archived ones included: they keep it). */
export async function claimTaken<T extends SiteRecord>(kind: SiteKind<T>, value: string, holderId: string): Promise<AppError> {
  const holder = await kind.read(holderId);
  const name = holder?.name ?? holderId;
  return new AppError('CONFLICT', `${name} already has the ${kind.claim} ${value}${holder?.archived ? ` (archived: restore ${kind.pronoun} instead)` : ''}.`, [{ path: kind.claim, message: `Taken by ${name}`, code: 'taken', params: { name } }], {
    reason: `DUPLICATE_${kind.claim.toUpperCase()}`,
    existing: { id: holderId, name, archived: holder?.archived ?? false },
  });
}

/** Reserves the record's unique value before its transaction (see adapters/kvs/claims.ts); CONFLICT naming the holder when another record has it. */
export async function reserveOrRefuse<T extends SiteRecord>(kind: SiteKind<T>, value: string, id: string, now: number): Promise<void> {
  const holder = await claimStore.reserveClaim(kind.claim, value, id, now);
  if (holder) throw await claimTaken(kind, value, holder);
}

/**
 * Why a save's transaction was refused: the record moved on (CONFLICT with it) or is gone, or its
 * new value's reservation was lost (taken again, or CONFLICT naming the holder); else it is tried again.
 */
export async function explainRefusal<T extends SiteRecord>(kind: SiteKind<T>, before: T | null, saved: T, takes: string | null, now: number): Promise<void> {
  if (before) {
    const fresh = await kind.read(before.id);
    if (!fresh) throw notFound(kind.what);
    if (fresh.version !== before.version) throw new StaleVersionError(kind.type, fresh);
  }
  if (takes && (await claimStore.claimHolder(kind.claim, takes)) !== saved.id) await reserveOrRefuse(kind, takes, saved.id, now);
}

/**
 * Runs a record's transaction with the one save policy (usecases/versioned-save.ts), a refusal
 * explained by `explainRefusal` and then `explainMore`; the value reserved for it (`takes`) is given
 * back when the save fails for good.
 */
export async function commitHolding<T extends SiteRecord>(kind: SiteKind<T>, before: T | null, saved: T, takes: string | null, now: number, commit: (attempt: number) => Promise<void>, explainMore?: () => Promise<void>): Promise<T> {
  try {
    await saveVersioned({
      run: commit,
      explain: async () => {
        await explainRefusal(kind, before, saved, takes, now);
        await explainMore?.();
      },
    });
    return saved;
  } catch (error) {
    if (takes) await claimStore.releaseReservation(kind.claim, takes, saved.id);
    throw error;
  }
}

export interface SitePage<T> {
  items: T[];
  nextCursor: string | null;
}

/** A search as the user typed it; `prefix` is its text folded like the stored values of `field`. */
interface SiteSearchInput<F extends string> {
  field: F;
  status: 'active' | 'archived';
  limit: number;
  cursor?: string | undefined;
}

/**
 * Records whose `field` starts with the folded text. Errors: NOT_FOUND (the user browses no project,
 * as lists), VALIDATION (a cursor of another query). Text that folds to nothing finds nothing.
 */
export async function searchRecords<F extends string, T>(
  ctx: UseCaseContext,
  plural: 'companies' | 'contacts',
  input: SiteSearchInput<F>,
  prefix: string,
  search: (s: { field: F; prefix: string; status: 'active' | 'archived'; limit: number; cursor?: string }) => Promise<SitePage<T>>,
): Promise<SitePage<T>> {
  await requireSiteList(ctx, plural);
  if (!prefix) return { items: [], nextCursor: null };
  return search({ field: input.field, prefix, status: input.status, limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) });
}
