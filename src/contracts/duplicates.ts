import { z } from 'zod';
import { COMPANY_MERGE_FIELDS, CONTACT_MERGE_FIELDS } from '../domain/dedupe';
import { CompanyRecord } from './company';
import { ContactRecord } from './contact';
import { Cursor, Id, Version } from './common';

/**
 * Duplicates review: likely duplicate contacts or companies, a slice of the records (in name order)
 * per call; and the merge of two, choosing field by field.
 */
export const DuplicateKind = z.enum(['contacts', 'companies']);
export const DuplicateReason = z.enum(['same-email', 'similar-name', 'same-domain', 'same-name']);
export const FindDuplicatesInput = z.object({ kind: DuplicateKind, cursor: Cursor.optional() }).strict();

export const DuplicatesSlice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contacts'), scanned: z.number().int(), pairs: z.array(z.object({ a: ContactRecord, b: ContactRecord, reasons: z.array(DuplicateReason) })), nextCursor: z.string().nullable() }),
  z.object({ kind: z.literal('companies'), scanned: z.number().int(), pairs: z.array(z.object({ a: CompanyRecord, b: CompanyRecord, reasons: z.array(DuplicateReason) })), nextCursor: z.string().nullable() }),
]);

const Pick = z.enum(['survivor', 'other']);
const Side = z.object({ id: Id, version: Version }).strict();

/** Both records at the versions the person reviewed: an edit of either since then is a CONFLICT. */
export const MergeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contacts'), survivor: Side, other: Side, picks: z.partialRecord(z.enum(CONTACT_MERGE_FIELDS), Pick).default({}) }).strict(),
  z.object({ kind: z.literal('companies'), survivor: Side, other: Side, picks: z.partialRecord(z.enum(COMPANY_MERGE_FIELDS), Pick).default({}) }).strict(),
]);

export const MergeResult = z.object({
  kind: DuplicateKind,
  survivorId: Id,
  survivorVersion: z.number().int(),
  /** Activities, deals and contacts are moved to the survivor by a queued job right after; it says how many it moved when done. */
  moveQueued: z.boolean(),
});
