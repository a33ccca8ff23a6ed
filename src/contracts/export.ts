import { z } from 'zod';
import { SEGMENTS } from '../domain/company';
import { AccountId, Cursor, Id, ProjectKey, ShortText } from './common';
import { RecordStatus } from './company';
import { DealListFilters } from './deal';

/**
 * CSV export of a table view: the table's filters and columns, a slice of rows per call (each call
 * well inside 25 seconds and the 5 MB answer), continued by a cursor. The browser writes the slices
 * into one file as they come, so 100,000 deals never sit in one function's memory.
 */
const Columns = z.array(z.string().min(1).max(40)).max(40).default([]);
/**
 * The language of the header row: the user's Jira language as the page shows it (`de-DE`). Forge
 * hands functions no user locale (its i18n reference: pass it from the front end), and it only
 * chooses words, so the payload may carry it; unknown languages read English.
 */
const Locale = z.string().regex(/^[a-z]{2}(?:[-_][A-Za-z]{2})?$/).optional();

export const ExportInput = z.discriminatedUnion('table', [
  z
    .object({
      table: z.literal('deals'),
      projectKey: ProjectKey,
      filters: z
        .object(DealListFilters)
        .strict()
        .default({ outcome: 'open', sort: 'closeDate', direction: 'asc' }),
      columns: Columns,
      locale: Locale,
      cursor: Cursor.optional(),
    })
    .strict(),
  z
    .object({
      table: z.literal('companies'),
      projectKey: ProjectKey,
      filters: z.object({ status: RecordStatus.default('active'), ownerId: AccountId.optional(), segment: z.enum(SEGMENTS).optional(), region: ShortText.min(1).optional() }).strict().default({ status: 'active' }),
      columns: Columns,
      locale: Locale,
      cursor: Cursor.optional(),
    })
    .strict(),
  z
    .object({
      table: z.literal('contacts'),
      projectKey: ProjectKey,
      /** `consentGranted`: a marketing export, only contacts who granted consent. */
      filters: z.object({ status: RecordStatus.default('active'), companyId: Id.optional(), consentGranted: z.boolean().default(false) }).strict().default({ status: 'active', consentGranted: false }),
      columns: Columns,
      locale: Locale,
      cursor: Cursor.optional(),
    })
    .strict(),
]);

export const ExportSlice = z.object({
  /** CSV text: the header line first when the call had no cursor, then one line per record. */
  csv: z.string(),
  rows: z.number().int(),
  nextCursor: z.string().nullable(),
});
