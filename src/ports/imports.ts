import type { ActivityEntity } from './customers';
import type { Company } from '../domain/company';
import type { Contact } from '../domain/contact';
import type { Deal } from '../domain/deal';
import type { ImportConfig, ImportJob, PendingReject } from '../domain/import-job';
import type { Pipeline } from '../domain/pipeline';
import type { TotalsShard } from './deals';
/** CSV imports: the job's stored parts and reports, and the batch commit of planned rows. */

/** Forge's limit is 25 operations per transaction; one is the job's own checkpoint, one a report part. */
export const BATCH_MAX_OPS = 23;

/**
 * One batch of an import, written with the job's checkpoint in ONE transaction: the records the
 * batch creates or updates, their claims (email, domain, external id; reserved just before, see
 * claims.ts) and audit entries, the totals shards the batch's deals fall in, a full part of rejected rows, and the job's new cursor and
 * counts. Either all of it is stored or none, so a job killed at any point resumes exactly after
 * the last batch it committed: no row is imported twice, none is skipped.
 */
export interface RecordWrite<T> {
  before: T | null;
  after: T;
  /** An external id the record takes in this batch. */
  externalId: string | null;
  activity: ActivityEntity | null;
}

export interface ImportBatch {
  companies: RecordWrite<Company>[];
  contacts: RecordWrite<Contact>[];
  deals: RecordWrite<Deal>[];
  /** Existing companies the batch's contacts newly point at: the transaction checks they are still active. */
  checkCompanies: string[];
}

export interface CommitInput {
  batch: ImportBatch;
  pipeline: Pipeline | null;
  /** Every totals shard of the project, as read (created first when missing), for a batch with deals. */
  shards: TotalsShard[] | null;
  /** The job as read (its version is the condition) and as it is after this batch. */
  job: ImportJob;
  next: ImportJob;
  /** A full part of rejected rows to store with this batch, and its index. */
  report: { index: number; rows: PendingReject[] } | null;
  now: number;
}

/**
 * CSV import jobs: their stored parts, reports and runner lease, and the batch commit of planned rows.
 * Implemented by adapters/kvs/import-job-store.ts, adapters/kvs/import-batch.ts.
 */
export interface ImportsPort {
  /** Forge's limit is 25 operations per transaction; one is the job's own checkpoint, one a report part. */
  /** Commits a batch; answers the write units it cost (estimated from what it wrote). */
  commitImportBatch(input: CommitInput): Promise<{ units: number; }>;
  /** A new job (its id is fresh and random, so the write needs no condition). */
  createJob(job: ImportJob): Promise<void>;
  /** A deal's totals shard (the planner counts one operation per shard a batch touches). */
  readonly dealShard: (dealId: string) => number;
  /** Deletes an import's uploaded file once the import is over: its rows are in the records or the report now. */
  deleteParts(jobId: string, parts: number): Promise<void>;
  readonly emptyBatch: () => ImportBatch;
  /** Finished jobs (done, cancelled, failed), every page: an erasure looks through their rejected-row reports. */
  finishedJobs(): Promise<ImportJob[]>;
  /** Jobs in one status, oldest first (by-status): what a runner picks up, and what every screen shows as running. */
  jobsIn(status: "queued" | "running", limit?: number): Promise<ImportJob[]>;
  /** A person's latest imports, newest first (one query of by-creator). */
  jobsOf(accountId: string, limit?: number): Promise<ImportJob[]>;
  readConfig(jobId: string): Promise<ImportConfig | undefined>;
  readJob(id: string): Promise<ImportJob | undefined>;
  /** Parts by index, in one batch request (missing ones are undefined). */
  readParts(jobId: string, indexes: number[]): Promise<Array<string | undefined>>;
  /** Report parts `from` … `from + count - 1`, in order, in one batch request. */
  readReport(jobId: string, from: number, count: number): Promise<PendingReject[][]>;
  /** Frees the runner if this job still holds it (best effort: it expires anyway). */
  releaseRunner(jobId: string): Promise<void>;
  /** Rewrites one report part (an erasure replaced someone's data in it). */
  rewriteReport(jobId: string, index: number, rows: PendingReject[]): Promise<void>;
  saveJob(next: ImportJob, expectedVersion: number): Promise<void>;
  /** Takes the site's import runner for `jobId` until `until`, when it is free, expired or already
   * this job's. Answers the job holding it otherwise. Conditioned on the version read, so of two jobs
   * taking it at once one wins. */
  takeRunner(jobId: string, now: number, until: number): Promise<string | undefined>;
  writeConfig(jobId: string, config: ImportConfig): Promise<void>;
  /** The operations a record write adds (record, claim changes, external id and its list, audit entry). */
  writeOps(write: RecordWrite<Company | Contact | Deal>, claim: string | null, claimBefore: string | null): number;
  writePart(jobId: string, index: number, text: string): Promise<void>;
}
