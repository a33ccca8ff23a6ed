import { handoffStore, jobQueue } from '../../ports/registry';
import type { TxStep } from '../../ports/storage';
import type { Deal } from '../../domain/deal';
import { startHandoff } from '../../domain/handoff';
import type { UseCaseContext } from '../context';

/** What a win adds to the deal and to its transaction. */
export interface WinHandoff {
  /** The won deal with its pending hand-off (the deal unchanged when there is none to start). */
  start(after: Deal): Deal;
  /** The idempotency record written in the win's own transaction. */
  steps(after: Deal): TxStep[];
}

export const NO_HANDOFF: WinHandoff = { start: (deal) => deal, steps: () => [] };

/**
 * Winning starts the hand-off in the win's own transaction: the deal gets its hand-off (pending,
 * with the acceptance deadline) and the idempotency record is created there too, so however often
 * the win is retried or the job delivered, one deal has one delivery issue. Only a deal's first win
 * starts one; a deal reopened and won again keeps its hand-off. No template: no hand-off.
 */
export async function handoffForWin(ctx: UseCaseContext, before: Deal): Promise<WinHandoff> {
  if (before.handoff !== null) return NO_HANDOFF;
  const template = await handoffStore.readTemplate(before.projectId);
  if (!template || !template.enabled) return NO_HANDOFF;
  const project = await ctx.access.projectById(before.projectId);
  const dealUrl = project ? ctx.dealUrl(project.key, before.id) : '';
  const won = (after: Deal): after is Deal & { closedAt: number } => after.outcome === 'won' && after.closedAt !== null;
  return {
    start: (after) => (won(after) ? { ...after, handoff: startHandoff(after.closedAt, template) } : after),
    steps: (after) => (won(after) ? [handoffStore.createGuardStep(after.id, after.closedAt, dealUrl)] : []),
  };
}

/** Hands the creation to the queue. If the queue is unreachable, the hourly scan picks the deal up. */
export async function kickOffHandoff(deal: Deal): Promise<void> {
  if (deal.handoff?.state !== 'pending') return;
  try {
    await jobQueue.enqueueJob({ kind: 'handoff', dealId: deal.id });
  } catch (error) {
    console.warn(`[relay] could not queue the hand-off of deal ${deal.id}; the hourly scan will retry`, error);
  }
}
