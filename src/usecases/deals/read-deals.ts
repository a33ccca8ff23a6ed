import { dealStore, totalsStore } from '../../ports/registry';
import type { z } from 'zod';
import type { BoardInput, BoardResult, DealRecord, GetDealInput, ListDealsInput } from '../../contracts/deal';
import { comparePositions } from '../../domain/positions';
import type { PipelineTotals } from '../../domain/totals';
import { ownValue } from '../../domain/own';
import type { Deal } from '../../domain/deal';
import type { UseCaseContext } from '../context';
import { visibleDeal } from './deal-access';
import { dealRecord } from './save-deal';
import { browsableProject, enabledPipeline } from '../project-access';

/** One deal. Errors: NOT_FOUND (missing, or in a project the user cannot browse). */
export async function getDeal(ctx: UseCaseContext, input: z.infer<typeof GetDealInput>): Promise<DealRecord> {
  const deal = await visibleDeal(ctx, input.dealId);
  return dealRecord(deal, await enabledPipeline(deal.projectId));
}

/** A page of a project's deals, filtered and sorted (one entity query). Errors: NOT_FOUND. */
export async function listDeals(ctx: UseCaseContext, input: z.infer<typeof ListDealsInput>): Promise<{ items: DealRecord[]; nextCursor: string | null }> {
  const project = await browsableProject(ctx, input.projectKey);
  const pipeline = await enabledPipeline(project.id);
  const page = await dealStore.queryDeals({ ...input, projectId: project.id });
  return { items: page.deals.map((d) => dealRecord(d, pipeline)), nextCursor: page.nextCursor };
}

/**
 * The board: the open columns with their maintained totals (one rollup read) and up to `maxDeals`
 * open deals, 100 per entity query (so 100 open deals cost one query), in card order.
 * Errors: NOT_FOUND.
 */
export async function loadBoard(ctx: UseCaseContext, input: z.infer<typeof BoardInput>): Promise<z.infer<typeof BoardResult>> {
  const project = await browsableProject(ctx, input.projectKey);
  const [pipeline, { totals }] = await Promise.all([enabledPipeline(project.id), totalsStore.readTotals(project.id)]);
  const deals: Deal[] = [];
  let cursor: string | null = input.cursor ?? null;
  do {
    const page = await dealStore.queryDeals({ projectId: project.id, outcome: 'open', sort: 'closeDate', direction: 'asc', limit: Math.min(100, input.maxDeals - deals.length), ...(cursor ? { cursor } : {}) });
    deals.push(...page.deals);
    cursor = page.nextCursor;
  } while (cursor && deals.length < input.maxDeals);
  const columns = pipeline.stages
    .filter((s) => s.outcome === 'open')
    .map((stage) => ({
      stageId: stage.id,
      count: ownValue(totals.byStage, stage.id)?.count ?? 0,
      amounts: ownValue(totals.byStage, stage.id)?.amounts ?? {},
      weighted: ownValue(totals.weightedByStage, stage.id) ?? {},
      deals: deals
        .filter((d) => d.stageId === stage.id)
        .sort((a, b) => comparePositions(a.position, b.position))
        .map((d) => dealRecord(d, pipeline)),
    }));
  return { columns, nextCursor: cursor };
}

/** The project's derived totals: one read of the rollup (plus the pipeline), whatever the number of deals. */
export async function getTotals(ctx: UseCaseContext, input: { projectKey: string }): Promise<{ totals: PipelineTotals; version: number }> {
  const project = await browsableProject(ctx, input.projectKey);
  const [, totals] = await Promise.all([enabledPipeline(project.id), totalsStore.readTotals(project.id)]);
  return totals;
}

/** Open deals of a project whose name contains `text` (the issue panel's "Link deal"). Errors: NOT_FOUND. */
export async function searchDeals(ctx: UseCaseContext, input: { projectKey: string; text: string; limit: number }): Promise<{ items: DealRecord[] }> {
  const project = await browsableProject(ctx, input.projectKey);
  const pipeline = await enabledPipeline(project.id);
  return { items: (await dealStore.searchOpenDeals(project.id, input.text, input.limit)).map((d) => dealRecord(d, pipeline)) };
}
