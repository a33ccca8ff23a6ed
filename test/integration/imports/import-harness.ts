import { Calls } from '../../../src/contracts/calls';
import type { ImportJobRecord, RejectedRow } from '../../../src/contracts/import';
import { PART_MAX_BYTES } from '../../../src/contracts/import';
import { readPreview } from '../../../src/domain/csv-reader';
import { suggestMapping, type ImportKind, type ImportTarget } from '../../../src/domain/import-fields';
import { splitParts } from '../../../src/domain/import-job';
import type { Crm, User } from '../crm/crm-harness';

export interface ImportRequest {
  kind: ImportKind;
  text: string;
  fileName?: string;
  mode?: 'create' | 'update';
  matchBy?: 'email' | 'domain' | 'externalId';
  dateOrder?: 'mdy' | 'dmy';
  defaultCurrency?: string;
  /** Replaces the suggested target of some columns (by header). */
  map?: Record<string, ImportTarget | null>;
  projectKey?: string;
}

/** The mapping the Import screen proposes for a file: the suggestions from its header, with overrides. */
export function mappingFor(request: ImportRequest): Array<ImportTarget | null> {
  const { header } = readPreview(request.text.slice(0, 64 * 1024), 0, request.text.length <= 64 * 1024);
  const mapping = suggestMapping(request.kind, header);
  return header.map((h, i) => (request.map && h in request.map ? (request.map[h] ?? null) : mapping[i]!));
}

/** Creates the import, uploads the file in parts as the screen does, and starts it. */
export async function startImport(crm: Crm, user: User, request: ImportRequest): Promise<ImportJobRecord> {
  const projectKey = request.projectKey ?? 'SALES';
  const parts = splitParts(request.text, PART_MAX_BYTES);
  const job = await crm.ok(user, Calls.imports.create, { kind: request.kind, projectKey, fileName: request.fileName ?? `${request.kind}.csv`, size: request.text.length, parts: parts.length }, projectKey);
  for (const [index, text] of parts.entries()) await crm.ok(user, Calls.imports.uploadPart, { jobId: job.id, index, text }, projectKey);
  return crm.ok(
    user,
    Calls.imports.start,
    { jobId: job.id, mapping: mappingFor(request), mode: request.mode ?? 'create', matchBy: request.matchBy ?? 'email', dateOrder: request.dateOrder ?? 'mdy', defaultCurrency: request.defaultCurrency ?? 'USD' },
    projectKey,
  );
}

/** Lets the queue run the job (moving the clock past each run's pacing delay) until it finishes. */
export async function untilFinished(crm: Crm, user: User, jobId: string, maxRounds = 500): Promise<ImportJobRecord> {
  for (let round = 0; round < maxRounds; round += 1) {
    await crm.sandbox.host.settle();
    // The Import screen polls a second later: a run may have spent the second's storage requests.
    crm.later(1000);
    const job = await crm.ok(user, Calls.imports.get, { jobId });
    if (job.status === 'done' || job.status === 'cancelled' || job.status === 'failed') return job;
    crm.clock.advance(61_000);
  }
  throw new Error(`Import ${jobId} did not finish in ${maxRounds} rounds`);
}

export async function importFile(crm: Crm, user: User, request: ImportRequest): Promise<{ job: ImportJobRecord; rejected: RejectedRow[] }> {
  const started = await startImport(crm, user, request);
  const job = await untilFinished(crm, user, started.id);
  const rejected = await rejectedOf(crm, user, job.id);
  // Nothing is lost, in every import the tests run: each data row read is imported, updated or
  // rejected, and each rejection is in the report with its line.
  expect(job.counts.imported + job.counts.updated + job.counts.rejected).toBe(job.counts.rows);
  expect(rejected).toHaveLength(job.counts.rejected);
  return { job, rejected };
}

export async function rejectedOf(crm: Crm, user: User, jobId: string): Promise<RejectedRow[]> {
  const rows: RejectedRow[] = [];
  let part: number | null = 0;
  while (part !== null) {
    const page: { rows: RejectedRow[]; nextPart: number | null } = await crm.ok(user, Calls.imports.rejectedRows, { jobId, part });
    rows.push(...page.rows);
    part = page.nextPart;
  }
  return rows;
}
