import type { z } from 'zod';
import type { PipelineRecord, UpdatePipelineInput } from '../contracts/pipeline';
import { allProjectDeals, readTotals, replaceTotals } from '../adapters/kvs/deal-store';
import { createPipeline, readPipeline, writePipeline } from '../adapters/kvs/pipeline-store';
import { QUERY_SETTLE_MS, retryOnConditions } from '../adapters/kvs/transactions';
import { enqueueJob } from '../adapters/queue/jobs';
import type { Deal } from '../domain/deal';
import { defaultPipeline, pipelineProblems, stageById } from '../domain/pipeline';
import type { Pipeline } from '../domain/pipeline';
import type { PipelineTotals } from '../domain/totals';
import { computeTotals, sameTotals } from '../domain/totals';
import type { ProjectRef } from '../ports';
import type { UseCaseContext } from './context';
import { AppError, invalid } from './errors';
import { browsableProject, enabledPipeline, requireAdmin } from './deals/shared';

/** The contract's view of a stored pipeline. */
export function pipelineRecord(project: ProjectRef, stored: Awaited<ReturnType<typeof enabledPipeline>>): PipelineRecord {
  return { projectId: project.id, projectKey: project.key, stages: stored.stages, targets: stored.targets, version: stored.version, enabledAt: stored.enabledAt, enabledBy: stored.enabledBy, updatedAt: stored.updatedAt };
}

/** A project's pipeline. Errors: NOT_FOUND (project not browsable, or CRM not enabled). */
export async function getPipeline(ctx: UseCaseContext, projectKey: string): Promise<PipelineRecord> {
  const project = await browsableProject(ctx, projectKey);
  return pipelineRecord(project, await enabledPipeline(project.id));
}

/**
 * Enables the CRM in a project with the default pipeline; enabling twice keeps the first one.
 * Errors: NOT_FOUND, FORBIDDEN (needs Administer projects).
 */
export async function enableCrm(ctx: UseCaseContext, projectKey: string): Promise<PipelineRecord> {
  const project = await browsableProject(ctx, projectKey);
  await requireAdmin(ctx, project.id);
  await createPipeline(project.id, defaultPipeline(() => ctx.ids.newId()), ctx.access.accountId, ctx.clock.now());
  return pipelineRecord(project, await enabledPipeline(project.id));
}

/**
 * Replaces the stages at the version read. A stage that still holds deals cannot be removed
 * (VALIDATION names it); totals are rebuilt because probabilities and categories may change.
 * Errors: NOT_FOUND, FORBIDDEN, CONFLICT (stale version), VALIDATION.
 */
export async function updatePipeline(ctx: UseCaseContext, input: z.infer<typeof UpdatePipelineInput>): Promise<PipelineRecord> {
  const project = await browsableProject(ctx, input.projectKey);
  await requireAdmin(ctx, project.id);
  const stored = await enabledPipeline(project.id);
  if (stored.version !== input.version) throw new AppError('CONFLICT', 'Someone changed this pipeline after you opened it.', [], { current: pipelineRecord(project, stored) });
  const next: Pipeline = { stages: input.stages };
  const problems = pipelineProblems(next);
  if (problems.length > 0) throw invalid('The pipeline is not valid.', problems);
  const removed = stored.stages.filter((s) => !stageById(next, s.id));
  if (removed.length > 0) {
    const totals = await readTotals(project.id);
    const inUse = removed.filter((s) => (totals.totals.byStage[s.id]?.count ?? 0) > 0);
    if (inUse.length > 0) {
      throw invalid(`Move the deals out of ${inUse.map((s) => s.name).join(', ')} before removing ${inUse.length === 1 ? 'it' : 'them'}.`, inUse.map((s) => ({ path: `stages`, message: `${s.name} still holds deals` })));
    }
  }
  // A pipeline is one key; a concurrent admin edit between the read and this write is rare and
  // the later write wins, but the version check above refuses edits made on a stale screen.
  const now = ctx.clock.now();
  await writePipeline(project.id, { ...stored, stages: next.stages, targets: input.targets ?? stored.targets, version: stored.version + 1, updatedAt: now });
  // Totals depend on stages (probabilities, categories, outcomes), not on targets: rebuild only when stages changed.
  if (JSON.stringify(stored.stages) !== JSON.stringify(next.stages)) await rebuildOrQueue(project.id, next, now, ctx.access.accountId);
  const saved = await readPipeline(project.id);
  return pipelineRecord(project, saved ?? stored);
}

/**
 * Recomputes a project's totals from every deal and stores them if no write happened meanwhile
 * (else starts again). Returns what it scanned and whether the stored totals were wrong.
 *
 * The scan is an entity query, and queries may trail writes (eventual consistency): a deal written a
 * moment ago could be missing or stale in it, and the rebuild would then store wrong totals over
 * right ones. So it runs only once the project has had no deal write for `QUERY_SETTLE_MS`; sooner
 * it throws RATE_LIMITED with `details.retryAfterSeconds`, and writes nothing.
 */
export async function rebuildTotals(projectId: string, pipeline: Pipeline, now: number, quotaWaitMs = 0): Promise<{ dealsScanned: number; changed: boolean; totals: PipelineTotals }> {
  return retryOnConditions(async () => {
    const before = await readTotals(projectId);
    const quietFor = now - before.updatedAt;
    if (before.version > 0 && quietFor < QUERY_SETTLE_MS) throw tooSoonToRebuild(Math.min(QUERY_SETTLE_MS, QUERY_SETTLE_MS - quietFor));
    const deals: Deal[] = [];
    for await (const page of allProjectDeals(projectId, quotaWaitMs)) deals.push(...page);
    const totals = computeTotals(deals, pipeline);
    const changed = !sameTotals(totals, before.totals);
    // updatedAt stays the time of the last deal write: a rebuild changes no deal (and the fence above reads it).
    await replaceTotals(projectId, totals, before.version, before.version > 0 ? before.updatedAt : now);
    return { dealsScanned: deals.length, changed, totals };
  });
}

function tooSoonToRebuild(waitMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('RATE_LIMITED', `Deals in this project changed a few seconds ago, and storage searches may not show those changes yet. Rebuild again in ${retryAfterSeconds} s.`, undefined, { retryAfterSeconds });
}

/** New stage probabilities re-weight the totals now, or, right after deal writes, in a queued rebuild once the writes are searchable. */
async function rebuildOrQueue(projectId: string, pipeline: Pipeline, now: number, requestedBy: string): Promise<void> {
  try {
    await rebuildTotals(projectId, pipeline, now);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'RATE_LIMITED')) throw error;
    await enqueueJob({ kind: 'rebuild-totals', projectId, requestedBy }, Number(error.details?.retryAfterSeconds ?? 60));
  }
}

/**
 * The admin action for a large project: the rebuild runs as a queued job (900 s) instead of inside
 * this 25-second call. Errors: NOT_FOUND, FORBIDDEN (needs Administer projects).
 */
export async function queueTotalsRebuild(ctx: UseCaseContext, projectKey: string): Promise<{ jobId: string }> {
  const project = await browsableProject(ctx, projectKey);
  await requireAdmin(ctx, project.id);
  await enabledPipeline(project.id);
  return { jobId: await enqueueJob({ kind: 'rebuild-totals', projectId: project.id, requestedBy: ctx.access.accountId }) };
}

/** The admin action: rebuild one project's totals. Errors: NOT_FOUND, FORBIDDEN (needs Administer projects). */
export async function rebuildProjectTotals(ctx: UseCaseContext, projectKey: string) {
  const project = await browsableProject(ctx, projectKey);
  await requireAdmin(ctx, project.id);
  const pipeline = await enabledPipeline(project.id);
  return rebuildTotals(project.id, pipeline, ctx.clock.now());
}
