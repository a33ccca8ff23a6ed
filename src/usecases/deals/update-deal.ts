import type { z } from 'zod';
import type { DealRecord, UpdateDealInput } from '../../contracts/deal';
import { updateDeal as applyUpdate } from '../../domain/deal';
import { CALENDAR_YEAR } from '../../domain/periods';
import type { UseCaseContext } from '../context';
import { checkReferences, checkVersion, dealRecord, editableDeal, enabledPipeline, saveDeal } from './shared';

/**
 * Edits a deal's fields at the version the user read; a close date pushed into a later quarter
 * counts a push. Errors: NOT_FOUND, FORBIDDEN, CONFLICT (stale version, with the current deal),
 * VALIDATION (archived deal).
 */
export async function updateDeal(ctx: UseCaseContext, input: z.infer<typeof UpdateDealInput>): Promise<DealRecord> {
  const deal = await editableDeal(ctx, input.dealId);
  const pipeline = await enabledPipeline(deal.projectId);
  checkVersion(deal, input.version, pipeline);
  await checkReferences(input.changes, deal);
  const saved = await saveDeal(ctx, deal, (current) => applyUpdate(current ?? deal, input.changes, ctx.clock.now(), CALENDAR_YEAR), pipeline);
  return dealRecord(saved, pipeline);
}
