import { settingsStore } from '../../ports/registry';
import type { z } from 'zod';
import type { DealRecord, UpdateDealInput } from '../../contracts/deal';
import { updateDeal as applyUpdate } from '../../domain/deal';
import type { UseCaseContext } from '../context';
import { editableDeal } from './deal-access';
import { checkReferences } from './deal-references';
import { checkVersion, dealRecord, saveDeal } from './save-deal';
import { enabledPipeline } from '../project-access';

/**
 * Edits a deal's fields at the version the user read; a close date pushed into a later quarter of
 * the site's fiscal calendar (the quarters metrics and the board use) counts a push.
 * Errors: NOT_FOUND, FORBIDDEN, CONFLICT (stale version, with the current deal), VALIDATION (archived deal).
 */
export async function updateDeal(ctx: UseCaseContext, input: z.infer<typeof UpdateDealInput>): Promise<DealRecord> {
  const deal = await editableDeal(ctx, input.dealId);
  const [pipeline, settings] = await Promise.all([enabledPipeline(deal.projectId), settingsStore.readSettings()]);
  checkVersion(deal, input.version, pipeline);
  await checkReferences(input.changes, deal);
  const calendar = { startMonth: settings.fiscalYearStartMonth };
  const saved = await saveDeal(ctx, deal, (current) => applyUpdate(current ?? deal, input.changes, ctx.clock.now(), calendar), pipeline);
  return dealRecord(saved, pipeline);
}
