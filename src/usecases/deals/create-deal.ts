import { dealStore } from '../../ports/registry';
import type { z } from 'zod';
import type { CreateDealInput, DealRecord } from '../../contracts/deal';
import { newDeal } from '../../domain/new-deal';
import { firstOpenStage, stageById } from '../../domain/pipeline';
import type { UseCaseContext } from '../context';
import { invalid } from '../errors';
import { advanceToOpportunity, dealAttribution } from '../leads/deal-attribution';
import { checkReferences } from './deal-references';
import { dealRecord, saveDeal } from './save-deal';
import { browsableProject, enabledPipeline, requireEdit } from '../project-access';

/**
 * Creates a deal at the end of a column of the project's board (the first open stage unless one is
 * given). Its first contact's first touch gives it its source and campaign, and its contacts become
 * opportunities (see deal-attribution.ts). Errors: NOT_FOUND (project not browsable, CRM not enabled), FORBIDDEN (no edit
 * permission), VALIDATION (stage unknown or not open).
 */
export async function createDeal(ctx: UseCaseContext, input: z.infer<typeof CreateDealInput>): Promise<DealRecord> {
  const project = await browsableProject(ctx, input.projectKey);
  await requireEdit(ctx, project.id);
  const pipeline = await enabledPipeline(project.id);
  const stage = input.stageId ? stageById(pipeline, input.stageId) : firstOpenStage(pipeline);
  if (!stage || stage.outcome !== 'open') throw invalid('A new deal starts in an open stage of this pipeline.', [{ path: 'stageId', message: 'Not an open stage of this pipeline' }]);
  await checkReferences({ companyId: input.companyId ?? null, contactIds: input.contactIds ?? [] }, null);
  const placement = await dealStore.appendPosition(project.id, stage.id);
  const { source, attribution } = await dealAttribution(input.contactIds ?? [], input.source);
  const now = ctx.clock.now();
  // The form's fields as typed; the stage, place, owner and attribution are decided here.
  const deal = newDeal({ ...input, id: ctx.ids.newId(), projectId: project.id, ownerId: input.ownerId ?? ctx.access.accountId, stage, position: placement.position, now, source, attribution });
  const saved = await saveDeal(ctx, null, () => deal, pipeline, { extra: () => [placement.step] });
  await advanceToOpportunity(ctx, saved.contactIds);
  return dealRecord(saved, pipeline);
}
