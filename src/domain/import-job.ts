import type { CsvFormat } from './csv-reader';
import type { ImportKind, ImportTarget } from './import-fields';
import type { ImportOptions } from './import-row';

/**
 * An import job's state, as the job and the screens share it, and the rules of its life: which
 * status follows which, how far it has read, how long it waits so that imports never spend more of
 * the installation's storage quota than their share. Pure: time comes in as `now`.
 */
export type ImportStatus = 'uploading' | 'queued' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ImportCursor {
  /** The stored part and the character in it where the next record starts. */
  part: number;
  offset: number;
  /** The file line the next record starts on. */
  line: number;
  /** Characters of the whole file read so far (the progress bar). */
  read: number;
}

export interface ImportTally {
  rows: number;
  imported: number;
  updated: number;
  rejected: number;
  companiesCreated: number;
}

export interface PendingReject {
  line: number;
  reason: string;
  cells: string[];
}

export interface ImportJob {
  id: string;
  kind: ImportKind;
  /** The project a deals import writes into; 'none' for companies and contacts (site-wide). */
  projectId: string;
  status: ImportStatus;
  fileName: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  size: number;
  parts: number;
  /** Characters in each part received so far (null: not yet). */
  partLengths: Array<number | null>;
  cursor: ImportCursor;
  counts: ImportTally;
  /** Rejected rows not yet moved to a report part (bounded; moved with the batch that fills it). */
  pending: PendingReject[];
  reportParts: number;
  /** The runner holding the job, and until when (a crashed runner's lease runs out). */
  lease: { token: string; until: number } | null;
  cancelRequested: boolean;
  error: string | null;
  version: number;
}

/** What `imports/start` fixes for the whole run (kept apart from the state rewritten at every batch). */
export interface ImportConfig {
  options: ImportOptions;
  mapping: Array<ImportTarget | null>;
  header: string[];
  format: CsvFormat;
}

export const EMPTY_TALLY: ImportTally = { rows: 0, imported: 0, updated: 0, rejected: 0, companiesCreated: 0 };

export function newImportJob(fields: { id: string; kind: ImportKind; projectId: string; fileName: string; createdBy: string; size: number; parts: number }, now: number): ImportJob {
  return {
    ...fields,
    status: 'uploading',
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    partLengths: Array.from({ length: fields.parts }, () => null),
    cursor: { part: 0, offset: 0, line: 1, read: 0 },
    counts: { ...EMPTY_TALLY },
    pending: [],
    reportParts: 0,
    lease: null,
    cancelRequested: false,
    error: null,
    version: 0,
  };
}

export const isFinished = (status: ImportStatus) => status === 'done' || status === 'cancelled' || status === 'failed';

/** Every part arrived and their lengths add up to the size announced. */
export function uploadComplete(job: ImportJob): boolean {
  return job.partLengths.every((n) => n !== null) && job.partLengths.reduce<number>((sum, n) => sum + (n ?? 0), 0) === job.size;
}

/** The rows the tally accounts for: nothing is lost when this equals the rows read. */
export function accountedRows(counts: ImportTally): number {
  return counts.imported + counts.updated + counts.rejected;
}

/**
 * Imports share the installation's storage quota (4,000 write and 4,000 read units a minute) with
 * everyone working in Relay and with the other jobs, so one import may spend this much per minute:
 * half. A run spends at most a minute's share, then waits for the rest of that minute.
 */
export const IMPORT_UNITS_PER_MINUTE = 2000;

/** Seconds to wait before the next run, after spending `units` (the larger of reads and writes) in `elapsedMs`. */
export function pacingDelaySeconds(units: number, elapsedMs: number, perMinute = IMPORT_UNITS_PER_MINUTE): number {
  const neededMs = (units / perMinute) * 60_000;
  return Math.max(0, Math.ceil((neededMs - elapsedMs) / 1000));
}

/** Storage units a value costs to write or read: one per 10 KB, rounded up (Forge's KVS limits). */
export function unitsOf(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? 2 : 3;
  }
  return Math.max(1, Math.ceil(bytes / (10 * 1024)));
}

/** Bytes of JSON a part of the file takes when sent and stored. */
export function jsonBytes(text: string): number {
  return new TextEncoder().encode(JSON.stringify(text)).length;
}

/**
 * Cuts a file's text into parts of at most `maxBytes` of JSON each (what one invoke carries and one
 * stored value holds), never inside a surrogate pair. Parts are cut anywhere else: the job reads
 * records across them.
 */
export function splitParts(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    // A character costs at most 6 bytes of JSON (\uXXXX), so this many always fit; grow while they do.
    let end = Math.min(text.length, start + Math.floor(maxBytes / 6));
    let step = Math.max(1, Math.min(maxBytes, Math.floor((text.length - end) / 2)));
    while (end < text.length && step >= 1) {
      const candidate = Math.min(text.length, end + step);
      if (jsonBytes(text.slice(start, candidate)) <= maxBytes) end = candidate;
      else step = Math.floor(step / 2);
      if (candidate === text.length && end === candidate) break;
    }
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code < 0xdc00) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}
