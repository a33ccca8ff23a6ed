import { z } from 'zod';
import { CriteriaField } from './deal';
import { Cursor, Id, ProjectKey } from './common';

/** The Data quality tab: open deals' completeness and problems (a slice per call), and site-wide records missing what they need. */
export const DealQualityInput = z.object({ projectKey: ProjectKey, cursor: Cursor.optional() }).strict();

const Completeness = z.record(z.string(), z.object({ open: z.number().int(), complete: z.number().int() }));
export const DealProblem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('missing-fields'), fields: z.array(CriteriaField) }),
  z.object({ kind: z.literal('stale'), days: z.number().int(), maxDays: z.number().int() }),
  z.object({ kind: z.literal('no-next-step') }),
  z.object({ kind: z.literal('next-step-overdue'), due: z.string() }),
]);

export const DealQualitySlice = z.object({
  scanned: z.number().int(),
  byStage: Completeness,
  byOwner: Completeness,
  flagged: z.array(z.object({ dealId: Id, name: z.string(), ownerId: z.string(), stageId: z.string(), problems: z.array(DealProblem) })),
  nextCursor: z.string().nullable(),
});

export const RecordQualityInput = z.object({ projectKey: ProjectKey }).strict();
const RecordRef = z.object({ id: Id, name: z.string() });
export const RecordQuality = z.object({
  /** Up to 100 of each (the first by name), and whether there are more. */
  contactsWithoutCompany: z.object({ items: z.array(RecordRef), more: z.boolean() }),
  /** Owned by nobody active: the owner's account was deactivated or deleted (of the first contacts A–Z, see read-quality.ts). */
  contactsWithoutOwner: z.object({ items: z.array(RecordRef), more: z.boolean() }),
  companiesWithoutDomain: z.object({ items: z.array(RecordRef), more: z.boolean() }),
});
