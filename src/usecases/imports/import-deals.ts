import type { Deal } from '../../domain/deal';
import type { RowPlan } from '../../domain/import-row';
import { closedAtOf, newDeal } from '../../domain/new-deal';
import { firstOpenStage, type Pipeline } from '../../domain/pipeline';

/**
 * A deal as an import writes it. An import records history, it does not work the pipeline: the
 * stage is set as the file says, without exit criteria (the Data quality tab lists what is missing),
 * and a deal imported as won starts no hand-off (no delivery issue is created for past deals).
 * Answers the deal, or the reason the row is rejected.
 */
export interface DealBuild {
  plan: Extract<RowPlan, { kind: 'deals' }>;
  before: Deal | null;
  id: string;
  companyId: string | undefined;
  contactIds: string[] | undefined;
  pipeline: Pipeline;
  projectId: string;
  ownerId: string;
  now: number;
  position: (stageId: string) => Promise<string>;
}

export async function buildDeal(input: DealBuild): Promise<Deal | string> {
  const { plan, before, pipeline, now } = input;
  const values = plan.values;
  if (before) {
    if (before.archived) return 'The matching deal is archived';
    const next: Deal = { ...before, ...values, updatedAt: now };
    if (input.companyId !== undefined) next.companyId = input.companyId;
    if (input.contactIds !== undefined) next.contactIds = input.contactIds;
    if (plan.stage && plan.stage.id !== before.stageId) {
      next.stageId = plan.stage.id;
      next.outcome = plan.stage.outcome;
      next.position = await input.position(plan.stage.id);
      next.stageEnteredAt = now;
      next.stageHistory = [...before.stageHistory, plan.stage.id];
      next.closedAt = closedAtOf(plan.stage, next.closeDate, now);
      if (plan.stage.outcome !== 'lost') next.lostReason = null;
    }
    return { ...next, version: before.version + 1 };
  }
  if (!values.name) return 'A deal needs a name';
  const stage = plan.stage ?? firstOpenStage(pipeline);
  return newDeal({
    ...values,
    name: values.name,
    id: input.id,
    projectId: input.projectId,
    companyId: input.companyId,
    contactIds: input.contactIds,
    ownerId: input.ownerId,
    stage,
    position: await input.position(stage.id),
    now,
    // The first touch of a lead Relay received; an imported deal's history is the other CRM's.
    attribution: null,
    version: 1,
  });
}
