import { z } from 'zod';
import { IMPORT_KINDS, IMPORT_TARGETS } from '../domain/import-fields';
import { AccountId, Currency, Id, ProjectKey } from './common';

/**
 * CSV imports. The browser reads the file's first lines for the column mapping and the preview, then
 * sends the whole text in parts (each well under Forge's 500 KB invoke limit and the 240 KiB of a
 * stored value), and the queued job reads every row on the server: one parser decides what a row
 * is, its line number and why it is rejected.
 */
export const ImportKind = z.enum(IMPORT_KINDS);
export const ImportMode = z.enum(['create', 'update']);
export const MatchBy = z.enum(['email', 'domain', 'externalId']);
export const DateOrder = z.enum(['mdy', 'dmy']);
export const ImportStatus = z.enum(['uploading', 'queued', 'running', 'done', 'cancelled', 'failed']);

const ALL_TARGETS = [...new Set(Object.values(IMPORT_TARGETS).flat())] as [string, ...string[]];
export const ImportTargetName = z.enum(ALL_TARGETS);

/** A stored part of the file holds at most this many bytes of JSON-encoded text (quotes and non-ASCII included). */
export const PART_MAX_BYTES = 150 * 1024;
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
export const PART_MAX_COUNT = 400;

export const CreateImportInput = z
  .object({
    kind: ImportKind,
    /** Deals are imported into a project; companies and contacts are site-wide (any project page may import them). */
    projectKey: ProjectKey,
    fileName: z.string().trim().min(1).max(255),
    /** The file's size in characters and its number of parts, so the server knows when all have arrived. */
    size: z.number().int().min(1).max(FILE_MAX_BYTES),
    parts: z.number().int().min(1).max(PART_MAX_COUNT),
  })
  .strict();

export const UploadPartInput = z.object({ jobId: Id, index: z.number().int().min(0).max(PART_MAX_COUNT - 1), text: z.string().min(1) }).strict();

export const StartImportInput = z
  .object({
    jobId: Id,
    /** The target of each column, by position (null: not imported). */
    mapping: z.array(ImportTargetName.nullable()).min(1).max(500),
    mode: ImportMode,
    matchBy: MatchBy.default('email'),
    dateOrder: DateOrder.default('mdy'),
    defaultCurrency: Currency.default('USD'),
  })
  .strict();

export const ImportRef = z.object({ jobId: Id }).strict();
export const ListImportsInput = z.object({ projectKey: ProjectKey }).strict();
export const RejectedRowsInput = z.object({ jobId: Id, part: z.number().int().min(0).default(0) }).strict();

export const ImportCounts = z.object({
  /** Data rows read so far (blank lines are not rows). */
  rows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  /** Companies created because rows named them (contacts and deals imports). */
  companiesCreated: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportJobRecord = z.object({
  id: Id,
  kind: ImportKind,
  projectId: z.string(),
  status: ImportStatus,
  fileName: z.string(),
  createdBy: AccountId,
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** Characters of the file read so far and in all, for the progress bar. */
  progress: z.object({ read: z.number().int(), size: z.number().int() }),
  counts: ImportCounts,
  partsReceived: z.number().int(),
  parts: z.number().int(),
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
  /** Whether the caller may read the rejected rows (the person who started the import). */
  canReadReport: z.boolean(),
  reportParts: z.number().int(),
  version: z.number().int(),
});
export type ImportJobRecord = z.infer<typeof ImportJobRecord>;

export const ImportList = z.object({ items: z.array(ImportJobRecord) });

export const RejectedRow = z.object({ line: z.number().int(), reason: z.string(), cells: z.array(z.string()) });
export type RejectedRow = z.infer<typeof RejectedRow>;
export const RejectedRowsPage = z.object({ header: z.array(z.string()), rows: z.array(RejectedRow), nextPart: z.number().int().nullable() });
