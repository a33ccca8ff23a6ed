import { createGuardStep, readTemplate, type TxStep } from '../../adapters/kvs/handoff-store';
import { enqueueJob } from '../../adapters/queue/jobs';
import type { Deal } from '../../domain/deal';
import { startHandoff } from '../../domain/handoff';
import type { UseCaseContext } from '../context';

/**
 * Winning starts the hand-off in the win's own transaction: the deal gets its hand-off (pending,
 * with the acceptance deadline) and the idempotency record is created there too, so however often
 * the win is retried or the job delivered, one deal has one delivery issue. Only a deal's first win
 * starts one; a deal reopened and won again keeps its hand-off. No template: no hand-off.
 */
export async function handoffForWin(ctx: UseCaseContext, before: Deal): Promise<((after: Deal) => { deal: Deal; extra: TxStep[] }) | undefined> {
  if (before.handoff !== null) return undefined;
  const template = await readTemplate(before.projectId);
  if (!template || !template.enabled) return undefined;
  const project = await ctx.access.projectById(before.projectId);
  const dealUrl = project ? ctx.dealUrl(project.key, before.id) : '';
  return (after) =>
    after.outcome === 'won' && after.closedAt !== null
      ? { deal: { ...after, handoff: startHandoff(after.closedAt, template) }, extra: [createGuardStep(after.id, after.closedAt, dealUrl)] }
      : { deal: after, extra: [] };
}

/** Hands the creation to the queue. If the queue is unreachable, the hourly scan picks the deal up. */
export async function kickOffHandoff(deal: Deal): Promise<void> {
  if (deal.handoff?.state !== 'pending') return;
  try {
    await enqueueJob({ kind: 'handoff', dealId: deal.id });
  } catch (error) {
    console.warn(`[relay] could not queue the hand-off of deal ${deal.id}; the hourly scan will retry`, error);
  }
}
