import { dealStore, importStore, pipelineStore, storage, totalsStore } from '../../ports/registry';
import type { ImportConfig, ImportJob, PendingReject } from '../../domain/import-job';
import { IMPORT_UNITS_PER_MINUTE, isFinished, pacingDelaySeconds } from '../../domain/import-job';
import type { Pipeline } from '../../domain/pipeline';
import type { Clock, Ids } from '../../ports';
import { BatchPlanner } from './plan-batch';
import type { PlannedBatch } from './plan-rules';
import { ImportLookups } from './import-lookups';
import { RowSource } from './row-source';

/**
 * One run of an import job (a queue consumer invocation): takes the site's import runner, then
 * commits batches — each with the job's checkpoint, in one transaction — until the file ends, the
 * job is cancelled, the run has spent a minute's share of the storage quota or two minutes of time,
 * or storage says 429. Then it answers when to run again, so the job paces itself to its share of
 * the quota and every invocation stays far inside the consumer's 900 seconds.
 */
export type ImportRun = { outcome: 'finished'; status: ImportJob['status'] } | { outcome: 'later'; afterSeconds: number; reason: string } | { outcome: 'idle'; reason: string };

/** Real time one run may work before it checkpoints and hands over to the next (the consumer allows 900 s). */
export const RUN_MAX_MS = 120_000;
/** Rejected rows kept in the job record before a batch moves them into a report part. */
const PENDING_MAX_ROWS = 25;
const PENDING_MAX_BYTES = 8 * 1024;
/** A commit refused on a condition is planned again this many times before rows go one by one. */
const COMMIT_ATTEMPTS = 3;

export interface RunDeps {
  /** The platform's clock (Date.now on Forge). */
  now: () => number;
  /** Real elapsed time, for the run's own time limit. */
  elapsed: () => number;
  newId: () => string;
  unitsPerMinute?: number;
}

/** What a run works with: the given clock and ids, and real time elapsed since this call. */
export const runDeps = (clock: Clock, ids: Ids): RunDeps => {
  const started = performance.now();
  return { now: () => clock.now(), elapsed: () => performance.now() - started, newId: () => ids.newId() };
};

function withRejects(job: ImportJob, rejects: PendingReject[]): { pending: PendingReject[]; report: { index: number; rows: PendingReject[] } | null } {
  const pending = [...job.pending, ...rejects];
  const bytes = JSON.stringify(pending).length;
  if (pending.length < PENDING_MAX_ROWS && bytes < PENDING_MAX_BYTES) return { pending, report: null };
  return { pending: [], report: { index: job.reportParts, rows: pending } };
}

/** A rejected row as the report keeps it: its cells, cut at 2,000 characters each so one part stays small. */
const reportCells = (cells: string[]) => cells.map((c) => (c.length > 2000 ? `${c.slice(0, 2000)}…` : c));

export async function runImport(jobId: string, deps: RunDeps): Promise<ImportRun> {
  const perMinute = deps.unitsPerMinute ?? IMPORT_UNITS_PER_MINUTE;
  const startedAt = deps.now();
  let job = await importStore.readJob(jobId);
  if (!job || isFinished(job.status)) return { outcome: 'finished', status: job?.status ?? 'failed' };
  if (job.status === 'uploading') return { outcome: 'idle', reason: 'the file is still being uploaded' };
  const holder = await importStore.takeRunner(jobId, startedAt, startedAt + RUN_MAX_MS + 60_000);
  if (holder) return { outcome: 'later', afterSeconds: 30, reason: `another import (${holder}) is running` };
  const config = await importStore.readConfig(jobId);
  if (!config) return finish(job, 'failed', deps, 'The import lost its settings; start it again.');
  const pipeline = job.kind === 'deals' ? ((await pipelineStore.readPipeline(job.projectId)) ?? null) : null;
  if (job.kind === 'deals' && !pipeline) return finish(job, 'failed', deps, 'The CRM is no longer enabled in this project.');
  const source = new RowSource(job.id, job.partLengths.map((n) => n ?? 0), config.format, job.cursor);
  const lookups = new ImportLookups(job.id);
  let writeUnits = 0;
  let readUnits = 0;
  try {
    if (job.status === 'queued') job = await save(job, { ...job, status: 'running' }, deps);
    for (;;) {
      if (job.cancelRequested) return await finish(job, 'cancelled', deps);
      if (Math.max(writeUnits, readUnits + source.readUnits) >= perMinute || deps.elapsed() >= RUN_MAX_MS) {
        await importStore.releaseRunner(jobId);
        return { outcome: 'later', afterSeconds: pacingDelaySeconds(Math.max(writeUnits, readUnits + source.readUnits), deps.now() - startedAt, perMinute), reason: 'paced' };
      }
      const rows = await source.peek(25);
      if (rows.length === 0) {
        if (source.atEnd) return await finish({ ...job, cursor: source.position }, 'done', deps);
        continue;
      }
      const result = await commitRows(job, config, pipeline, rows, source, lookups, deps);
      job = result.job;
      if (result.resync && job.cursor.read !== source.position.read) {
        await importStore.releaseRunner(jobId);
        return { outcome: 'later', afterSeconds: 30, reason: 'another run of this import is ahead' };
      }
      writeUnits += result.writeUnits;
      readUnits += result.readUnits;
    }
  } catch (error) {
    await importStore.releaseRunner(jobId);
    // The last committed batch is the checkpoint: storage busy just means "later".
    if (storage.isStorageRateLimited(error)) return { outcome: 'later', afterSeconds: 60, reason: 'storage is rate limiting this installation' };
    throw error;
  }
}

/**
 * Plans and commits the next batch from `rows`. A refusal on a condition (someone edited a record
 * the batch updates, took an email it claims, or cancelled the job) is read again and re-planned;
 * after a few refusals the rows go one at a time, and a single row refused again is rejected with
 * the reason, so a busy record never stops the import.
 */
async function commitRows(job: ImportJob, config: ImportConfig, pipeline: Pipeline | null, rows: Awaited<ReturnType<RowSource['peek']>>, source: RowSource, lookups: ImportLookups, deps: RunDeps) {
  let current = job;
  let readUnits = 0;
  for (let attempt = 1; ; attempt += 1) {
    lookups.nextBatch();
    const readsBefore = lookups.reads;
    const now = deps.now();
    const planner = new BatchPlanner({ config, lookups, pipeline, projectId: current.projectId, actorId: current.createdBy, now, newId: deps.newId, lastPosition: (stageId) => dealStore.lastPosition(current.projectId, stageId) });
    const single = attempt > COMMIT_ATTEMPTS;
    const planned: PlannedBatch = await planner.plan(single ? rows.slice(0, 1) : rows);
    readUnits += lookups.reads - readsBefore + 1;
    const rejects = planned.outcomes.flatMap((o) => (o.outcome === 'rejected' ? [{ line: o.line, reason: o.reason, cells: reportCells(o.cells) }] : []));
    const tally = { ...current.counts };
    for (const o of planned.outcomes) {
      tally.rows += 1;
      if (o.outcome === 'imported') tally.imported += 1;
      else if (o.outcome === 'updated') tally.updated += 1;
      else tally.rejected += 1;
    }
    tally.companiesCreated += planned.companiesCreated;
    const { pending, report } = withRejects(current, rejects);
    const next: ImportJob = { ...current, status: 'running', cursor: source.cursorAfter(planned.taken), counts: tally, pending, reportParts: current.reportParts + (report ? 1 : 0), updatedAt: now, version: current.version + 1 };
    try {
      const shards = planned.batch.deals.length > 0 ? await totalsStore.allShards(current.projectId) : null;
      const { units } = await importStore.commitImportBatch({ batch: planned.batch, pipeline, shards, job: current, next, report, now });
      source.advance(planned.taken);
      return { job: next, writeUnits: units, readUnits, resync: false };
    } catch (error) {
      if (!storage.isConditionFailure(error)) throw error;
      lookups.clear();
      const fresh = await importStore.readJob(current.id);
      if (!fresh || isFinished(fresh.status)) throw new Error('The import was finished by another run');
      if (fresh.version !== current.version) {
        // Cancelled, or another run of the same job committed this batch: carry on from what is stored.
        return { job: fresh, writeUnits: 0, readUnits, resync: true };
      }
      if (single && attempt > COMMIT_ATTEMPTS + 1) {
        const row = rows[0]!;
        const rejected = withRejects(current, [{ line: row.line, reason: 'The record changed while it was being imported; import this row again', cells: reportCells(row.cells) }]);
        const skip: ImportJob = { ...current, cursor: source.cursorAfter(1), counts: { ...current.counts, rows: current.counts.rows + 1, rejected: current.counts.rejected + 1 }, pending: rejected.pending, reportParts: current.reportParts + (rejected.report ? 1 : 0), updatedAt: now, version: current.version + 1 };
        const { units } = await importStore.commitImportBatch({ batch: { companies: [], contacts: [], deals: [], checkCompanies: [] }, pipeline, shards: null, job: current, next: skip, report: rejected.report, now });
        source.advance(1);
        return { job: skip, writeUnits: units, readUnits, resync: false };
      }
      current = fresh;
    }
  }
}

async function save(job: ImportJob, next: ImportJob, deps: RunDeps): Promise<ImportJob> {
  const stored = { ...next, updatedAt: deps.now(), version: job.version + 1 };
  await importStore.saveJob(stored, job.version);
  return stored;
}

/** Ends a job: the rejected rows still pending go into a last report part with the final state. */
async function finish(job: ImportJob, status: 'done' | 'cancelled' | 'failed', deps: RunDeps, error: string | null = null): Promise<ImportRun> {
  const now = deps.now();
  const report = job.pending.length > 0 ? { index: job.reportParts, rows: job.pending } : null;
  const next: ImportJob = { ...job, status, pending: [], reportParts: job.reportParts + (report ? 1 : 0), finishedAt: now, updatedAt: now, error, version: job.version + 1 };
  try {
    await importStore.commitImportBatch({ batch: { companies: [], contacts: [], deals: [], checkCompanies: [] }, pipeline: null, shards: null, job, next, report, now });
  } catch (failure) {
    if (!storage.isConditionFailure(failure)) throw failure;
    // Cancelled (or finished) meanwhile: the next run reads the stored job and ends it.
    return { outcome: 'later', afterSeconds: 1, reason: 'the job changed while finishing' };
  } finally {
    await importStore.releaseRunner(job.id);
  }
  // The uploaded file holds people's data: once the import is over it is not kept (the report keeps the rejected rows).
  await importStore.deleteParts(job.id, job.parts);
  return { outcome: 'finished', status };
}

/** Marks a job failed (the queue gave up on it), keeping everything its committed batches wrote. */
export async function failImport(jobId: string, message: string, deps: RunDeps): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const job = await importStore.readJob(jobId);
    if (!job || isFinished(job.status)) return;
    const run = await finish(job, 'failed', deps, message);
    if (run.outcome === 'finished') return;
  }
}
