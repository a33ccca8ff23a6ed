import { importStore } from '../../ports/registry';
import type { ImportJobRecord } from '../../contracts/import';
import type { ImportJob } from '../../domain/import-job';
import type { ImportKind } from '../../domain/import-fields';
import type { ProjectRef } from '../../ports';
import type { UseCaseContext } from '../context';
import { crmReach, requireSiteEdit } from '../companies/site-access';
import { browsableProject, enabledPipeline, requireEdit } from '../project-access';
import { notFound } from '../errors';

/**
 * Who may import what: companies and contacts are site-wide, so anyone holding "Edit CRM records"
 * in some project imports them; deals go into the project of the page, which needs its CRM enabled
 * and "Edit CRM records" there. The job runs later as the app, so this is checked when the import is
 * created and again when it starts, from the invocation's user.
 */
export async function requireImportRights(ctx: UseCaseContext, kind: ImportKind, projectKey: string): Promise<{ projectId: string; project: ProjectRef }> {
  const project = await browsableProject(ctx, projectKey);
  if (kind === 'deals') {
    await requireEdit(ctx, project.id);
    await enabledPipeline(project.id);
    return { projectId: project.id, project };
  }
  await requireSiteEdit(ctx, kind);
  return { projectId: 'none', project };
}

/** Whether the user may see a job: its creator, or anyone who may see the records it writes. */
export async function maySee(ctx: UseCaseContext, job: ImportJob): Promise<boolean> {
  if (job.createdBy === ctx.access.accountId) return true;
  if (job.kind === 'deals') return ctx.access.can(job.projectId, 'browse');
  // Companies and contacts are seen through CRM-enabled projects only (site-access.ts).
  return (await crmReach(ctx)).read;
}

export async function visibleJob(ctx: UseCaseContext, jobId: string): Promise<ImportJob> {
  const job = await importStore.readJob(jobId);
  if (!job || !(await maySee(ctx, job))) throw notFound('The import');
  return job;
}

/** A job only its creator may act on (upload, start, read the rejected rows); others get NOT_FOUND or see it read-only. */
export async function ownJob(ctx: UseCaseContext, jobId: string): Promise<ImportJob> {
  const job = await visibleJob(ctx, jobId);
  if (job.createdBy !== ctx.access.accountId) throw notFound('The import');
  return job;
}

export function jobRecord(job: ImportJob, viewer: string): ImportJobRecord {
  return {
    id: job.id,
    kind: job.kind,
    projectId: job.projectId,
    status: job.status,
    fileName: job.fileName,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
    progress: { read: job.status === 'done' ? job.size : job.cursor.read, size: job.size },
    counts: job.counts,
    partsReceived: job.partLengths.filter((n) => n !== null).length,
    parts: job.parts,
    cancelRequested: job.cancelRequested,
    error: job.error,
    canReadReport: job.createdBy === viewer,
    reportParts: job.reportParts,
    version: job.version,
  };
}
