import { dealStore } from '../../ports/registry';
import type { Placement, StoredPipeline } from '../../ports/deals';
import type { z } from 'zod';
import type { DealRecord, DealRef, LoseDealInput, MoveDealInput, ReopenDealInput } from '../../contracts/deal';
import type { Deal } from '../../domain/deal';
import { DealError, loseDeal as lose, moveDeal as move, reopenDeal as reopen, winDeal as win } from '../../domain/deal';
import { lostStage, stageById, wonStage } from '../../domain/pipeline';
import type { Pipeline } from '../../domain/pipeline';
import { handoffForWin, kickOffHandoff, NO_HANDOFF, type WinHandoff } from '../handoff/start';
import { positionBetween } from '../../domain/positions';
import type { UseCaseContext } from '../context';
import { invalid } from '../errors';
import { editableDeal } from './deal-access';
import { checkVersion, dealRecord, fromDealError, saveDeal } from './save-deal';
import { enabledPipeline } from '../project-access';

/** The stage a card goes to is one of the pipeline's, before anything is read by its id (it names the column's end key). */
function requireStage(pipeline: Pipeline, stageId: string): void {
  if (!stageById(pipeline, stageId)) fromDealError(new DealError('STAGE_UNKNOWN', `Stage ${stageId} is not in this project's pipeline`, { stageId }));
}

/**
 * Where a card lands between its new neighbours. Reading them is one batch request; the move itself
 * writes only the moved deal (fractional position), never its neighbours.
 */
async function positionAmong(deal: Deal, toStageId: string, afterDealId: string | null, beforeDealId: string | null): Promise<Placement> {
  // "After X, before X" reads X once (readMany) and is refused below as out of order.
  const ids = [afterDealId, beforeDealId].filter((id): id is string => id !== null && id !== deal.id);
  const neighbours = await dealStore.readDeals(ids);
  const find = (id: string | null, path: string) => {
    if (id === null || id === deal.id) return null;
    const found = neighbours.find((d) => d.id === id);
    if (!found || found.projectId !== deal.projectId || found.stageId !== toStageId || found.archived) {
      throw invalid('The card’s neighbours changed; reload the board and move it again.', [{ path, message: 'Not a card of the target column' }]);
    }
    return found.position;
  };
  const after = find(afterDealId, 'afterDealId');
  const before = find(beforeDealId, 'beforeDealId');
  if (before === null) return dealStore.appendPosition(deal.projectId, toStageId, after);
  if (after !== null && before !== null && after >= before) throw invalid('The card’s neighbours are not in order; reload the board.', [{ path: 'beforeDealId', message: 'Must come after afterDealId' }]);
  return dealStore.between(positionBetween(after, before));
}

/** The deal the user may change, at the version they read, with its project's pipeline. */
async function dealAtVersion(ctx: UseCaseContext, input: { dealId: string; version: number }): Promise<{ deal: Deal; pipeline: StoredPipeline }> {
  const deal = await editableDeal(ctx, input.dealId);
  const pipeline = await enabledPipeline(deal.projectId);
  checkVersion(deal, input.version, pipeline);
  return { deal, pipeline };
}

/**
 * Saves a decision that puts the card somewhere (a move, a win, a loss, a reopen) with its placement
 * in the deal's one transaction. A move or a win passes `handoff`: a win starts it there, and a
 * pending hand-off is queued once stored; a loss or a reopen starts and queues none.
 */
async function savePlaced(ctx: UseCaseContext, deal: Deal, pipeline: StoredPipeline, placement: Placement, decide: (current: Deal, decidedOn: Pipeline, position: string) => Deal, handoff?: WinHandoff): Promise<DealRecord> {
  const start = handoff ?? NO_HANDOFF;
  const saved = await saveDeal(ctx, deal, (current, decidedOn) => start.start(decide(current ?? deal, decidedOn, placement.position)), pipeline, {
    extra: (after) => [...start.steps(after), placement.step],
  });
  if (handoff) await kickOffHandoff(saved);
  return dealRecord(saved, pipeline);
}

/**
 * Moves a card to a stage and between two neighbours, as a board drag does. Leaving a stage forward
 * needs its exit criteria (VALIDATION lists the missing fields); into won or lost it wins or loses
 * the deal. One transaction. Errors: NOT_FOUND, FORBIDDEN, CONFLICT, VALIDATION.
 */
export async function moveDeal(ctx: UseCaseContext, input: z.infer<typeof MoveDealInput>): Promise<DealRecord> {
  const { deal, pipeline } = await dealAtVersion(ctx, input);
  requireStage(pipeline, input.toStageId);
  const placement = await positionAmong(deal, input.toStageId, input.afterDealId, input.beforeDealId);
  const now = ctx.clock.now();
  const handoff = stageById(pipeline, input.toStageId)?.outcome === 'won' ? await handoffForWin(ctx, deal) : NO_HANDOFF;
  const target = { toStageId: input.toStageId, ...(input.lostReason ? { lostReason: input.lostReason } : {}) };
  return savePlaced(ctx, deal, pipeline, placement, (current, decidedOn, position) => move(current, decidedOn, { ...target, position }, now), handoff);
}

/** Wins a deal (its definition of ready must hold). One transaction. Errors as `moveDeal`. */
export async function winDeal(ctx: UseCaseContext, input: z.infer<typeof DealRef>): Promise<DealRecord> {
  const { deal, pipeline } = await dealAtVersion(ctx, input);
  const placement = await dealStore.appendPosition(deal.projectId, wonStage(pipeline).id);
  const handoff = await handoffForWin(ctx, deal);
  return savePlaced(ctx, deal, pipeline, placement, (current, decidedOn, position) => win(current, decidedOn, position, ctx.clock.now()), handoff);
}

/** Loses a deal with a reason. Errors as `moveDeal`. */
export async function loseDeal(ctx: UseCaseContext, input: z.infer<typeof LoseDealInput>): Promise<DealRecord> {
  const { deal, pipeline } = await dealAtVersion(ctx, input);
  const placement = await dealStore.appendPosition(deal.projectId, lostStage(pipeline).id);
  return savePlaced(ctx, deal, pipeline, placement, (current, decidedOn, position) => lose(current, decidedOn, input.reason, position, ctx.clock.now()));
}

/** Reopens a won or lost deal into an open stage, at the end of its column. Errors as `moveDeal`. */
export async function reopenDeal(ctx: UseCaseContext, input: z.infer<typeof ReopenDealInput>): Promise<DealRecord> {
  const { deal, pipeline } = await dealAtVersion(ctx, input);
  requireStage(pipeline, input.toStageId);
  const placement = await dealStore.appendPosition(deal.projectId, input.toStageId);
  return savePlaced(ctx, deal, pipeline, placement, (current, decidedOn, position) => reopen(current, decidedOn, input.toStageId, position, ctx.clock.now()));
}

/** Archives a deal (it leaves the board, lists and totals; its history stays). Errors: NOT_FOUND, FORBIDDEN, CONFLICT. */
export async function archiveDeal(ctx: UseCaseContext, input: z.infer<typeof DealRef>): Promise<DealRecord> {
  const { deal, pipeline } = await dealAtVersion(ctx, input);
  if (deal.archived) throw invalid('This deal is archived already.');
  const saved = await saveDeal(ctx, deal, (current) => ({ ...(current ?? deal), archived: true }), pipeline);
  return dealRecord(saved, pipeline);
}
