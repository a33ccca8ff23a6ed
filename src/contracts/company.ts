import { z } from 'zod';
import { COMPANY_LIFECYCLES, HEALTH_TIERS, SEGMENTS } from '../domain/company';
import { AccountId, Cursor, Id, PageLimit, ShortText, Version, page } from './common';
import { HealthDetailSchema } from './renewal';

export const CompanyLifecycle = z.enum(COMPANY_LIFECYCLES);
export const Segment = z.enum(SEGMENTS);
/** Which records a list or search reads: the active ones (default) or the archive. */
export const RecordStatus = z.enum(['active', 'archived']);

/** A company as every UI reads it. `arrMinor` and `health` are derived (0 and 'unknown' until renewals and health land). */
export const CompanyRecord = z.object({
  id: Id,
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  segment: Segment.nullable(),
  region: z.string().nullable(),
  ownerId: AccountId,
  lifecycle: CompanyLifecycle,
  arrMinor: z.number(),
  health: z.enum(HEALTH_TIERS),
  /** Derived by renewals and health scoring (optional for records read from older builds). */
  arrByCurrency: z.record(z.string(), z.number()).optional(),
  healthDetail: HealthDetailSchema.nullable().optional(),
  renewalDate: z.string().nullable().optional(),
  archived: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: Version,
});
export type CompanyRecord = z.infer<typeof CompanyRecord>;

/**
 * Editable fields; on update each is optional and null clears it. The domain is accepted in any
 * typed form (URL, "www.", upper case) and stored normalised; the server says VALIDATION when it is
 * not a domain at all.
 */
const editable = {
  name: ShortText.min(1, 'A company needs a name'),
  domain: ShortText.nullable(),
  industry: ShortText.nullable(),
  segment: Segment.nullable(),
  region: ShortText.nullable(),
  ownerId: AccountId,
  lifecycle: CompanyLifecycle,
};

export const CreateCompanyInput = z
  .object(editable)
  .partial({ domain: true, industry: true, segment: true, region: true, ownerId: true, lifecycle: true })
  .strict();

export const UpdateCompanyInput = z
  .object({ companyId: Id, version: Version, changes: z.object(editable).partial().strict() })
  .strict();

export const CompanyRef = z.object({ companyId: Id, version: Version }).strict();
export const GetCompanyInput = z.object({ companyId: Id }).strict();

/**
 * Companies A–Z. One filter picks the index (owner, else segment, else region); any further
 * filters narrow the same query. A page may hold fewer than `limit` items and still have a cursor.
 */
export const ListCompaniesInput = z
  .object({
    status: RecordStatus.default('active'),
    ownerId: AccountId.optional(),
    segment: Segment.optional(),
    region: ShortText.min(1).optional(),
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict();

/** Prefix search: of the name (A–Z) or of the domain (in domain order). */
export const SearchCompaniesInput = z
  .object({
    text: z.string().trim().min(1, 'Type at least one character').max(255),
    field: z.enum(['name', 'domain']).default('name'),
    status: RecordStatus.default('active'),
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict();

export const CompanyPage = page(CompanyRecord);

/** What a CONFLICT on a taken domain or email reports in `details.existing`. */
export const ExistingHolder = z.object({ id: Id, name: z.string(), archived: z.boolean() });
