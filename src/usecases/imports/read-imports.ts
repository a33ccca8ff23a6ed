import { importStore, jobQueue } from '../../ports/registry';
import type { z } from 'zod';
import type { ImportJobRecord, RejectedRowsInput } from '../../contracts/import';
import type { ImportJob } from '../../domain/import-job';
import type { UseCaseContext } from '../context';
import { browsableProject } from '../project-access';
import { jobRecord, maySee, ownJob, visibleJob } from './import-access';

/** A running job whose last write is this old lost its run (the runs write every few seconds while they work). */
export const STALLED_AFTER_MS = 5 * 60 * 1000;

export function isStalled(job: ImportJob, now: number): boolean {
  return (job.status === 'running' || job.status === 'queued') && now - job.updatedAt > STALLED_AFTER_MS;
}

/**
 * One import, as its progress bar shows it. A job that stopped moving (its run died with the
 * invocation, and the queue's retries ran out) is queued again when its creator looks at it.
 * Errors: NOT_FOUND.
 */
export async function getImport(ctx: UseCaseContext, jobId: string): Promise<ImportJobRecord> {
  const job = await visibleJob(ctx, jobId);
  if (job.createdBy === ctx.access.accountId && isStalled(job, ctx.clock.now())) await jobQueue.enqueueJob({ kind: 'import', jobId: job.id });
  return jobRecord(job, ctx.access.accountId);
}

/**
 * The caller's latest imports and every import running or waiting on the site that the caller may
 * see, newest first (so a reload, or another person, finds the progress bar). Errors: NOT_FOUND.
 */
export async function listImports(ctx: UseCaseContext, projectKey: string): Promise<{ items: ImportJobRecord[] }> {
  await browsableProject(ctx, projectKey);
  const [mine, running, queued] = await Promise.all([importStore.jobsOf(ctx.access.accountId), importStore.jobsIn('running'), importStore.jobsIn('queued')]);
  const byId = new Map<string, ImportJob>();
  for (const job of [...mine, ...running, ...queued]) if (!byId.has(job.id) && (await maySee(ctx, job))) byId.set(job.id, job);
  const items = [...byId.values()].sort((a, b) => b.createdAt - a.createdAt).map((job) => jobRecord(job, ctx.access.accountId));
  return { items };
}

/** Report parts one call returns (each holds a few dozen rows; the 5 MB answer limit is far). */
const PARTS_PER_CALL = 20;

/**
 * The rejected rows with their line numbers and reasons, in file order, a slice of report parts
 * per call, with the file's header (the screen writes them as a CSV the user can fix and import
 * again). Only the import's creator reads them: they are the file's own rows. Errors: NOT_FOUND.
 */
export async function rejectedRows(ctx: UseCaseContext, input: z.infer<typeof RejectedRowsInput>) {
  const job = await ownJob(ctx, input.jobId);
  const config = await importStore.readConfig(job.id);
  const count = Math.max(0, Math.min(PARTS_PER_CALL, job.reportParts - input.part));
  const parts = await importStore.readReport(job.id, input.part, count);
  const pendingRows = input.part + count >= job.reportParts ? job.pending : [];
  const rows = [...parts.flat(), ...pendingRows];
  const nextPart = input.part + count < job.reportParts ? input.part + count : null;
  return { header: config?.header ?? [], rows, nextPart };
}
