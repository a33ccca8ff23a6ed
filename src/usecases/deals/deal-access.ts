import { dealStore } from '../../ports/registry';
import type { Deal } from '../../domain/deal';
import type { UseCaseContext } from '../context';
import { notFound } from '../errors';
import { requireEdit } from '../project-access';

/** A deal the user may see (its project browsable), else NOT_FOUND: never "forbidden with details". */
export async function visibleDeal(ctx: UseCaseContext, dealId: string): Promise<Deal> {
  const deal = await dealStore.readDeal(dealId);
  if (!deal || !(await ctx.access.can(deal.projectId, 'browse'))) throw notFound('The deal');
  return deal;
}

/** A deal the user may change: visible, and "Edit CRM records" in its project (else FORBIDDEN). */
export async function editableDeal(ctx: UseCaseContext, dealId: string): Promise<Deal> {
  const deal = await visibleDeal(ctx, dealId);
  await requireEdit(ctx, deal.projectId);
  return deal;
}
