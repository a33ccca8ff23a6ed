import { importStore, jobQueue, storage } from '../../ports/registry';
import type { z } from 'zod';
import type { CreateImportInput, ImportJobRecord, StartImportInput, UploadPartInput } from '../../contracts/import';
import { PART_MAX_BYTES } from '../../contracts/import';
import { detectFormat, readWindow, withoutBom } from '../../domain/csv-reader';
import { IMPORT_TARGETS, type ImportTarget } from '../../domain/import-fields';
import { jsonBytes, newImportJob, uploadComplete, type ImportJob } from '../../domain/import-job';
import type { UseCaseContext } from '../context';
import { AppError, invalid } from '../errors';
import { jobRecord, ownJob, requireImportRights } from './import-access';

/**
 * Starting an import is three calls, because the file must reach the server in parts: `create`
 * (kind, file name, size and number of parts), one `upload-part` per part, in order, then `start`
 * (the column mapping and options), which reads the header on the server and queues the job.
 */

/** Errors: NOT_FOUND (project), FORBIDDEN (no right to import this kind). */
export async function createImport(ctx: UseCaseContext, input: z.infer<typeof CreateImportInput>): Promise<ImportJobRecord> {
  const { projectId } = await requireImportRights(ctx, input.kind, input.projectKey);
  const job = newImportJob({ id: ctx.ids.newId(), kind: input.kind, projectId, fileName: input.fileName, createdBy: ctx.access.accountId, size: input.size, parts: input.parts }, ctx.clock.now());
  const stored = { ...job, version: 1 };
  await importStore.createJob(stored);
  return jobRecord(stored, ctx.access.accountId);
}

/** Saves a change of a job at the version read, reading again and re-applying when another write came first. */
async function changeJob(jobId: string, change: (job: ImportJob) => ImportJob): Promise<ImportJob> {
  for (let attempt = 1; ; attempt += 1) {
    const job = await importStore.readJob(jobId);
    if (!job) throw new AppError('NOT_FOUND', 'The import does not exist or you do not have permission to see it.');
    const next = { ...change(job), version: job.version + 1 };
    try {
      await importStore.saveJob(next, job.version);
      return next;
    } catch (error) {
      if (!storage.isConditionFailure(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * Stores one part of the file (sending a part again replaces it). Errors: NOT_FOUND (not the
 * caller's import), VALIDATION (part out of range, too large, import already started).
 */
export async function uploadPart(ctx: UseCaseContext, input: z.infer<typeof UploadPartInput>): Promise<ImportJobRecord> {
  const job = await ownJob(ctx, input.jobId);
  if (job.status !== 'uploading') throw invalid('This import has started: its file cannot change any more.', [], { reason: 'IMPORT_STARTED' });
  if (input.index >= job.parts) throw invalid(`This import has ${job.parts} parts.`, [{ path: 'index', message: `At most ${job.parts - 1}` }]);
  if (jsonBytes(input.text) > PART_MAX_BYTES) throw invalid(`A part holds at most ${PART_MAX_BYTES} bytes.`, [{ path: 'text', message: 'Too large' }]);
  await importStore.writePart(job.id, input.index, input.text);
  const next = await changeJob(job.id, (current) => {
    if (current.status !== 'uploading') throw invalid('This import has started: its file cannot change any more.', [], { reason: 'IMPORT_STARTED' });
    const partLengths = [...current.partLengths];
    partLengths[input.index] = input.text.length;
    return { ...current, partLengths, updatedAt: ctx.clock.now() };
  });
  return jobRecord(next, ctx.access.accountId);
}

/** The columns an import of this kind cannot do without. */
function mappingProblems(job: ImportJob, input: z.infer<typeof StartImportInput>, headerLength: number): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (input.mapping.length !== headerLength) problems.push({ path: 'mapping', message: `The file has ${headerLength} columns; map each of them (or leave it out)` });
  const allowed = IMPORT_TARGETS[job.kind] as readonly string[];
  input.mapping.forEach((target, i) => {
    if (target !== null && !allowed.includes(target)) problems.push({ path: `mapping.${i}`, message: `Not a field of ${job.kind}` });
  });
  const targets = input.mapping.filter((t): t is ImportTarget => t !== null);
  if (new Set(targets).size !== targets.length) problems.push({ path: 'mapping', message: 'Two columns are mapped to the same field' });
  const has = (t: ImportTarget) => targets.includes(t);
  if (input.mode === 'create' || input.matchBy !== 'externalId') {
    if (job.kind !== 'contacts' && !has('name') && input.mode === 'create') problems.push({ path: 'mapping', message: 'Map a column to the name' });
    if (job.kind === 'contacts' && input.mode === 'create' && !has('name') && !has('firstName') && !has('lastName')) problems.push({ path: 'mapping', message: 'Map a column to the name (or to first and last name)' });
  }
  if (input.mode === 'update') {
    const key: ImportTarget = input.matchBy === 'externalId' ? 'externalId' : input.matchBy;
    if (job.kind === 'deals' && input.matchBy !== 'externalId') problems.push({ path: 'matchBy', message: 'Deals are matched by an external id column' });
    else if (job.kind === 'companies' && input.matchBy === 'email') problems.push({ path: 'matchBy', message: 'Companies are matched by domain or external id' });
    else if (job.kind === 'contacts' && input.matchBy === 'domain') problems.push({ path: 'matchBy', message: 'Contacts are matched by email or external id' });
    else if (!has(key)) problems.push({ path: 'mapping', message: `Map the column that holds the ${input.matchBy === 'externalId' ? 'external id' : input.matchBy} to match records by` });
  }
  return problems;
}

/**
 * Reads the header from the stored file, checks the mapping against it and queues the job.
 * Errors: NOT_FOUND, FORBIDDEN (rights lost since the import was created), VALIDATION (parts
 * missing, mapping that does not fit the file or the kind, import already started).
 */
export async function startImport(ctx: UseCaseContext, input: z.infer<typeof StartImportInput>): Promise<ImportJobRecord> {
  const job = await ownJob(ctx, input.jobId);
  if (job.status !== 'uploading') throw invalid('This import has started already.', [], { reason: 'IMPORT_STARTED' });
  if (!uploadComplete(job)) throw invalid(`The file has not fully arrived (${job.partLengths.filter((n) => n !== null).length} of ${job.parts} parts).`, [], { reason: 'UPLOAD_INCOMPLETE' });
  const [first] = await importStore.readParts(job.id, [0]);
  if (first === undefined) throw invalid('The file has not fully arrived.', [], { reason: 'UPLOAD_INCOMPLETE' });
  const bom = first.length - withoutBom(first).length;
  const format = detectFormat(first.slice(0, 64 * 1024));
  const head = readWindow(first.slice(bom), format, 1, 1, job.parts === 1);
  const header = head.rows[0]?.cells.map((c) => c.trim()) ?? [];
  if (header.length === 0 || head.consumed === 0) throw invalid('The file has no header row within its first part.', [], { reason: 'NO_HEADER' });
  const problems = mappingProblems(job, input, header.length);
  if (problems.length > 0) throw invalid('The column mapping does not fit this file.', problems);
  const mapping = input.mapping as Array<ImportTarget | null>;
  const options = { kind: job.kind, mode: input.mode, matchBy: job.kind === 'deals' ? 'externalId' as const : input.matchBy, dateOrder: input.dateOrder, defaultCurrency: input.defaultCurrency };
  await importStore.writeConfig(job.id, { options, mapping, header, format });
  const next = await changeJob(job.id, (current) => {
    if (current.status !== 'uploading') throw invalid('This import has started already.', [], { reason: 'IMPORT_STARTED' });
    return { ...current, status: 'queued', cursor: { part: 0, offset: bom + head.consumed, line: head.nextLine, read: bom + head.consumed }, updatedAt: ctx.clock.now() };
  });
  await jobQueue.enqueueJob({ kind: 'import', jobId: job.id });
  return jobRecord(next, ctx.access.accountId);
}

/**
 * Cancels an import: one not yet running stops at once; a running one stops after the batch it is
 * writing (what was imported stays, and the counts say how far it got). Errors: NOT_FOUND,
 * VALIDATION (finished already).
 */
export async function cancelImport(ctx: UseCaseContext, jobId: string): Promise<ImportJobRecord> {
  await ownJob(ctx, jobId);
  const now = ctx.clock.now();
  const next = await changeJob(jobId, (current) => {
    if (current.status === 'done' || current.status === 'cancelled' || current.status === 'failed') throw invalid('This import has finished already.', [], { reason: 'IMPORT_FINISHED' });
    if (current.status === 'running') return { ...current, cancelRequested: true, updatedAt: now };
    return { ...current, status: 'cancelled', cancelRequested: true, finishedAt: now, updatedAt: now };
  });
  if (next.status === 'cancelled') await importStore.deleteParts(next.id, next.parts);
  return jobRecord(next, ctx.access.accountId);
}
