import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { allPages } from './paging';
import { z } from 'zod';
import type { ImportConfig, ImportJob, PendingReject } from '../../domain/import-job';
import { Entities, Keys } from './keys';
import { IMPORT_TARGETS, type ImportTarget } from '../../domain/import-fields';
import { guardEnvelope, parseStored, parseStoredIfAny } from './stored-record';
import type { Transaction } from '../../ports/storage';

/**
 * Import jobs in the `import-job` entity (state rewritten by each batch, conditioned on its version),
 * their settings and file parts as key-value keys (written once), and the rejected-rows report in
 * parts. by-creator lists a person's imports, by-status the ones a job runner may pick up.
 */
export interface ImportJobEntity {
  id: string;
  kind: string;
  status: string;
  projectId: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  version: number;
  schemaVersion: number;
  data: ImportJob;
}

const Cursor = z.object({ part: z.number(), offset: z.number(), line: z.number(), read: z.number() });
const Tally = z.object({ rows: z.number(), imported: z.number(), updated: z.number(), rejected: z.number(), companiesCreated: z.number() });
const Reject = z.object({ line: z.number(), reason: z.string(), cells: z.array(z.string()) });
/** Every key-value record of an import (file part, settings, report part) carries the schema version, as Relay's other records do. */
const SCHEMA_VERSION = 1;
const ReportPart = z.object({ schemaVersion: z.literal(SCHEMA_VERSION), rows: z.array(Reject) });
const JobData = z.object({
  id: z.string(),
  kind: z.enum(['companies', 'contacts', 'deals']),
  projectId: z.string(),
  status: z.enum(['uploading', 'queued', 'running', 'done', 'cancelled', 'failed']),
  fileName: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  size: z.number(),
  parts: z.number(),
  partLengths: z.array(z.number().nullable()),
  cursor: Cursor,
  counts: Tally,
  pending: z.array(Reject),
  reportParts: z.number(),
  lease: z.object({ token: z.string(), until: z.number() }).nullable(),
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
  version: z.number(),
});

function toEntity(job: ImportJob): ImportJobEntity {
  return { id: job.id, kind: job.kind, status: job.status, projectId: job.projectId, createdBy: job.createdBy, createdAt: job.createdAt, updatedAt: job.updatedAt, version: job.version, schemaVersion: 1, data: job };
}

const StoredJob = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  projectId: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int(),
  schemaVersion: z.number().int(),
  data: JobData,
});

function fromEntity(key: string, value: unknown): ImportJob {
  return parseStored(StoredJob, 'import job', key, value).data;
}

const jobs = () => kvs.entity<ImportJobEntity>(Entities.importJob);

export async function readJob(id: string): Promise<ImportJob | undefined> {
  const value = await jobs().get(id);
  return value === undefined ? undefined : fromEntity(id, value);
}

/** A new job (its id is fresh and random, so the write needs no condition). */
export async function createJob(job: ImportJob): Promise<void> {
  await jobs().set(job.id, toEntity(job));
}

/** The step that stores `next` if the job is still at `expectedVersion` (a condition failure otherwise). */
export function jobWrite(next: ImportJob, expectedVersion: number): (tx: Transaction) => Transaction {
  return (tx) => tx.set(next.id, toEntity(next), { entityName: Entities.importJob, conditions: new Filter<ImportJobEntity>().and('version', FilterConditions.equalTo(expectedVersion)) });
}

export async function saveJob(next: ImportJob, expectedVersion: number): Promise<void> {
  await jobWrite(next, expectedVersion)(kvs.transact()).execute();
}

/** A person's latest imports, newest first (one query of by-creator). */
export async function jobsOf(accountId: string, limit = 20): Promise<ImportJob[]> {
  const page = await jobs().query().index('by-creator', { partition: [accountId] }).sort(Sort.DESC).limit(limit).getMany();
  return page.results.map((r) => fromEntity(r.key, r.value));
}

/** Jobs in one status, oldest first (by-status): what a runner picks up, and what every screen shows as running. */
export async function jobsIn(status: 'queued' | 'running', limit = 20): Promise<ImportJob[]> {
  const page = await jobs().query().index('by-status', { partition: [status] }).sort(Sort.ASC).limit(limit).getMany();
  return page.results.map((r) => fromEntity(r.key, r.value));
}

// ------------------------------------------------------------------ file parts and settings (key-value)

const Part = z.object({ schemaVersion: z.literal(SCHEMA_VERSION), text: z.string() });

export async function writePart(jobId: string, index: number, text: string): Promise<void> {
  await kvs.set(Keys.importPart(jobId, index), { schemaVersion: SCHEMA_VERSION, text });
}

/** Parts by index, in one batch request (missing ones are undefined). */
export async function readParts(jobId: string, indexes: number[]): Promise<Array<string | undefined>> {
  if (indexes.length === 0) return [];
  const result = await kvs.batchGet<unknown>(indexes.map((i) => ({ key: Keys.importPart(jobId, i) })));
  const byKey = new Map(result.successfulKeys.map((item) => [item.key, item.value]));
  return indexes.map((i) => {
    const part = Part.safeParse(byKey.get(Keys.importPart(jobId, i)));
    return part.success ? part.data.text : undefined;
  });
}

const Config = z.object({
  options: z.object({
    kind: z.enum(['companies', 'contacts', 'deals']),
    mode: z.enum(['create', 'update']),
    matchBy: z.enum(['email', 'domain', 'externalId']),
    dateOrder: z.enum(['mdy', 'dmy']),
    defaultCurrency: z.string(),
  }),
  mapping: z.array(z.enum([...new Set(Object.values(IMPORT_TARGETS).flat())] as [ImportTarget, ...ImportTarget[]]).nullable()),
  header: z.array(z.string()),
  format: z.object({ delimiter: z.enum([',', ';', '\t', '|']), newline: z.enum(['\r\n', '\n', '\r']) }),
});

export async function writeConfig(jobId: string, config: ImportConfig): Promise<void> {
  await kvs.set(Keys.importConfig(jobId), { schemaVersion: SCHEMA_VERSION, ...config });
}

export async function readConfig(jobId: string): Promise<ImportConfig | undefined> {
  const key = Keys.importConfig(jobId);
  return parseStoredIfAny(Config, 'import settings', key, await kvs.get(key));
}

// ------------------------------------------------------------------ rejected rows

/** The step that stores a full part of rejected rows (written in the batch that fills it). */
export function reportWrite(jobId: string, index: number, rows: PendingReject[]): (tx: Transaction) => Transaction {
  return (tx) => tx.set(Keys.importReport(jobId, index), { schemaVersion: SCHEMA_VERSION, rows });
}

/** Report parts `from` … `from + count - 1`, in order, in one batch request. */
export async function readReport(jobId: string, from: number, count: number): Promise<PendingReject[][]> {
  if (count <= 0) return [];
  const keys = Array.from({ length: count }, (_, i) => Keys.importReport(jobId, from + i));
  const result = await kvs.batchGet<unknown>(keys.map((key) => ({ key })));
  const byKey = new Map(result.successfulKeys.map((item) => [item.key, item.value]));
  return keys.map((key) => ReportPart.catch({ schemaVersion: SCHEMA_VERSION, rows: [] }).parse(byKey.get(key)).rows);
}

// ------------------------------------------------------------------ the site's one running import (guard)

const RunnerGuardSchema = guardEnvelope(z.literal('import-runner'), z.object({ until: z.number() }));
type RunnerGuard = z.infer<typeof RunnerGuardSchema>;
const readRunner = async (guard: ReturnType<typeof kvs.entity<RunnerGuard>>) => parseStoredIfAny(RunnerGuardSchema, 'import runner', Keys.importRunner(), await guard.get(Keys.importRunner()));

/**
 * Takes the site's import runner for `jobId` until `until`, when it is free, expired or already
 * this job's. Answers the job holding it otherwise. Conditioned on the version read, so of two jobs
 * taking it at once one wins.
 */
export async function takeRunner(jobId: string, now: number, until: number): Promise<string | undefined> {
  const guard = kvs.entity<RunnerGuard>(Entities.guard);
  const current = await readRunner(guard);
  if (current && current.holderId !== jobId && current.data.until > now) return current.holderId;
  const next: RunnerGuard = { kind: 'import-runner', holderId: jobId, version: (current?.version ?? 0) + 1, updatedAt: now, schemaVersion: 1, data: { until } };
  try {
    if (current) {
      await kvs.transact().set(Keys.importRunner(), next, { entityName: Entities.guard, conditions: new Filter<RunnerGuard>().and('version', FilterConditions.equalTo(current.version)) }).execute();
    } else {
      await guard.set(Keys.importRunner(), next, { keyPolicy: 'FAIL_IF_EXISTS' });
    }
    return undefined;
  } catch {
    const winner = await readRunner(guard);
    return winner && winner.holderId !== jobId ? winner.holderId : undefined;
  }
}

/** Frees the runner if this job still holds it (best effort: it expires anyway). */
export async function releaseRunner(jobId: string): Promise<void> {
  await kvs
    .transact()
    .delete(Keys.importRunner(), { entityName: Entities.guard, conditions: new Filter<RunnerGuard>().and('holderId', FilterConditions.equalTo(jobId)) })
    .execute()
    .catch(() => undefined);
}

// ------------------------------------------------------------------ privacy: the file goes, reports can be erased from

/** Finished jobs (done, cancelled, failed), every page: an erasure looks through their rejected-row reports. */
export async function finishedJobs(): Promise<ImportJob[]> {
  const out: ImportJob[] = [];
  for (const status of ['done', 'cancelled', 'failed'] as const) {
    for await (const page of allPages(() => jobs().query().index('by-status', { partition: [status] }).limit(100))) out.push(...page.map((r) => fromEntity(r.key, r.value)));
  }
  return out;
}

/** Rewrites one report part (an erasure replaced someone's data in it). */
export async function rewriteReport(jobId: string, index: number, rows: PendingReject[]): Promise<void> {
  await kvs.set(Keys.importReport(jobId, index), { schemaVersion: SCHEMA_VERSION, rows });
}

/** Deletes an import's uploaded file once the import is over: its rows are in the records or the report now. */
export async function deleteParts(jobId: string, parts: number): Promise<void> {
  for (let i = 0; i < parts; i += 25) {
    const keys = Array.from({ length: Math.min(25, parts - i) }, (_, j) => ({ key: Keys.importPart(jobId, i + j) }));
    await kvs.batchDelete(keys);
  }
}
