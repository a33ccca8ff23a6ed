import { QUERY_SETTLE_MS } from '../ports/storage';
import { TOTALS_SHARDS } from '../ports/deals';
import { crmProjectStore, dealStore, jobQueue, pipelineStore, totalsStore } from '../ports/registry';
import type { StoredPipeline } from '../ports/deals';
import type { TxStep } from '../ports/storage';
import type { z } from 'zod';
import type { PipelineRecord, UpdatePipelineInput } from '../contracts/pipeline';
import { StaleVersionError } from '../domain/conflict';
import type { Deal } from '../domain/deal';
import { ownValue } from '../domain/own';
import { defaultPipeline, pipelineProblems, stageById } from '../domain/pipeline';
import type { Pipeline, Stage } from '../domain/pipeline';
import type { PipelineTotals } from '../domain/totals';
import { computeShards, mergeTotals, sameTotals } from '../domain/totals';
import type { ProjectRef } from '../ports';
import type { UseCaseContext } from './context';
import { AppError, invalid } from './errors';
import { browsableProject, enabledPipeline, requireAdmin } from './project-access';
import { saveVersioned } from './versioned-save';

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
  const now = ctx.clock.now();
  await pipelineStore.createPipeline(project.id, defaultPipeline(() => ctx.ids.newId()), ctx.access.accountId, now);
  // The site's list of CRM projects opens companies and contacts to this project's people. Enabling
  // again lists it again if an earlier enable stopped in between; another enable's list is retried.
  await saveVersioned({ run: () => crmProjectStore.listCrmProject(project.id, now), explain: async () => undefined });
  return pipelineRecord(project, await enabledPipeline(project.id));
}

/**
 * Replaces the stages at the version read. A stage that still holds deals cannot be removed
 * (VALIDATION names it); totals are rebuilt because probabilities and categories may change.
 *
 * Removing a stage races with deals moving into it; one of the two is always refused. The save is
 * conditioned on the pipeline's version and, when stages go, on every totals shard being unchanged
 * since the stages were found empty (a deal entering one changes its shard: the save is decided
 * again). Every deal write is held to the pipeline version it was decided on, so a move decided on
 * the old pipeline is decided again on the new one, where the stage no longer exists.
 * Errors: NOT_FOUND, FORBIDDEN, CONFLICT (stale version), VALIDATION.
 */
export async function updatePipeline(ctx: UseCaseContext, input: z.infer<typeof UpdatePipelineInput>): Promise<PipelineRecord> {
  const project = await browsableProject(ctx, input.projectKey);
  await requireAdmin(ctx, project.id);
  const next: Pipeline = { stages: input.stages };
  const problems = pipelineProblems(next);
  if (problems.length > 0) throw invalid('The pipeline is not valid.', problems);
  const now = ctx.clock.now();
  let stored = await enabledPipeline(project.id);
  const saved = await saveVersioned({
    run: async () => {
      if (stored.version !== input.version) throw new StaleVersionError('pipeline', pipelineRecord(project, stored));
      const removed = stored.stages.filter((s) => !stageById(next, s.id));
      const also = removed.length > 0 ? await stagesEmpty(project.id, removed) : [];
      const value = { ...stored, stages: next.stages, targets: input.targets ?? stored.targets, version: stored.version + 1, updatedAt: now };
      await pipelineStore.savePipeline(project.id, stored, value, now, also);
      return value;
    },
    explain: async () => {
      stored = await enabledPipeline(project.id);
    },
  });
  // Totals depend on stages (probabilities, categories, outcomes), not on targets: rebuild only when stages changed.
  if (JSON.stringify(stored.stages) !== JSON.stringify(next.stages)) await rebuildOrQueue(project.id, saved, now, ctx.access.accountId);
  return pipelineRecord(project, saved);
}

/**
 * Refuses (VALIDATION) when a stage about to be removed holds deals, by the maintained totals (read
 * by key: current) and, as a second opinion, by a query of the stage's column; answers the checks
 * that hold the pipeline save to the totals being unchanged since.
 */
async function stagesEmpty(projectId: string, removed: Stage[]): Promise<TxStep[]> {
  const shards = await totalsStore.allShards(projectId);
  const totals = mergeTotals(shards.map((s) => s.totals));
  const inUse: Stage[] = [];
  for (const stage of removed) {
    if ((ownValue(totals.byStage, stage.id)?.count ?? 0) > 0 || (await dealStore.stageHoldsDeals(projectId, stage.id))) inUse.push(stage);
  }
  if (inUse.length > 0) {
    throw invalid(
      `Move the deals out of ${inUse.map((s) => s.name).join(', ')} before removing ${inUse.length === 1 ? 'it' : 'them'}.`,
      inUse.map((s) => ({ path: 'stages', message: `${s.name} still holds deals` })),
      { reason: 'STAGE_IN_USE', stageIds: inUse.map((s) => s.id) },
    );
  }
  return shards.map((shard) => totalsStore.shardUnchanged(projectId, shard));
}

/**
 * Recomputes a project's totals from every deal and stores them shard by shard, if no deal and no
 * pipeline change was written meanwhile (else starts again). Returns what it scanned and whether
 * the stored totals were wrong.
 *
 * The scan is an entity query, and queries may trail writes (eventual consistency): a deal written a
 * moment ago could be missing or stale in it, and the rebuild would then store wrong totals over
 * right ones. So it runs only once the project has had no deal write for `QUERY_SETTLE_MS` (the
 * shards keep when a deal write last changed them); sooner it throws RATE_LIMITED with
 * `details.retryAfterSeconds`, and writes nothing. `quotaWaitMs` is how long each page of the scan
 * may wait out Forge's storage quota (a queued job's); 0 in a resolver.
 */
export async function rebuildTotals(projectId: string, pipeline: StoredPipeline, now: number, quotaWaitMs = 0): Promise<{ dealsScanned: number; changed: boolean; totals: PipelineTotals }> {
  let decidedOn = pipeline;
  return saveVersioned({
    run: async () => {
      const shards = await totalsStore.allShards(projectId);
      const quietFor = now - totalsStore.lastDealWrite(shards);
      if (quietFor < QUERY_SETTLE_MS) throw tooSoonToRebuild(QUERY_SETTLE_MS - quietFor);
      const deals: Deal[] = [];
      for await (const page of dealStore.allProjectDeals(projectId, quotaWaitMs)) deals.push(...page);
      const parts = computeShards(deals, decidedOn, TOTALS_SHARDS);
      const totals = mergeTotals(parts);
      const changed = !sameTotals(totals, mergeTotals(shards.map((s) => s.totals)));
      // A rebuild changes no deal: each shard keeps the time of its last deal write (the wait above reads it).
      await totalsStore.replaceShards(projectId, shards, parts, 'unchanged', [pipelineStore.pipelineUnchanged(projectId, decidedOn.version)]);
      return { dealsScanned: deals.length, changed, totals };
    },
    explain: async () => {
      decidedOn = (await pipelineStore.readPipeline(projectId)) ?? decidedOn;
    },
  });
}

function tooSoonToRebuild(waitMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('RATE_LIMITED', `Deals in this project changed a few seconds ago, and storage searches may not show those changes yet. Rebuild again in ${retryAfterSeconds} s.`, undefined, { retryAfterSeconds });
}

/** New stage probabilities re-weight the totals now, or, right after deal writes, in a queued rebuild once the writes are searchable. */
async function rebuildOrQueue(projectId: string, pipeline: StoredPipeline, now: number, requestedBy: string): Promise<void> {
  try {
    await rebuildTotals(projectId, pipeline, now);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'RATE_LIMITED')) throw error;
    await jobQueue.enqueueJob({ kind: 'rebuild-totals', projectId, requestedBy }, Number(error.details?.retryAfterSeconds ?? 60));
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
  return { jobId: await jobQueue.enqueueJob({ kind: 'rebuild-totals', projectId: project.id, requestedBy: ctx.access.accountId }) };
}

/** The admin action: rebuild one project's totals. Errors: NOT_FOUND, FORBIDDEN (needs Administer projects). */
export async function rebuildProjectTotals(ctx: UseCaseContext, projectKey: string) {
  const project = await browsableProject(ctx, projectKey);
  await requireAdmin(ctx, project.id);
  const pipeline = await enabledPipeline(project.id);
  return rebuildTotals(project.id, pipeline, ctx.clock.now());
}
