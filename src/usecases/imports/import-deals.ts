import type { Deal } from '../../domain/deal';
import type { RowPlan } from '../../domain/import-row';
import { firstOpenStage, type Pipeline, type Stage } from '../../domain/pipeline';

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

function closedAtOf(stage: Stage, closeDate: string | null, now: number): number | null {
  if (stage.outcome === 'open') return null;
  return closeDate ? Date.parse(`${closeDate}T00:00:00Z`) : now;
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
  const closeDate = values.closeDate ?? null;
  return {
    id: input.id,
    projectId: input.projectId,
    name: values.name,
    companyId: input.companyId ?? null,
    contactIds: input.contactIds ?? [],
    amountMinor: values.amountMinor ?? null,
    currency: values.currency ?? 'USD',
    recurring: values.recurring ?? false,
    type: values.type ?? 'new_business',
    stageId: stage.id,
    position: await input.position(stage.id),
    forecastOverride: null,
    outcome: stage.outcome,
    lostReason: null,
    closeDate,
    ownerId: input.ownerId,
    source: values.source ?? null,
    // The first touch of a lead Relay received; an imported deal's history is the other CRM's.
    attribution: null,
    segment: values.segment ?? null,
    nextStep: values.nextStep ?? null,
    nextStepDue: values.nextStepDue ?? null,
    contractStart: values.contractStart ?? null,
    contractEnd: values.contractEnd ?? null,
    scope: values.scope ?? null,
    notSold: values.notSold ?? null,
    stakeholders: values.stakeholders ?? null,
    successCriteria: values.successCriteria ?? null,
    stageEnteredAt: now,
    stageHistory: [stage.id],
    pushCount: 0,
    closedAt: closedAtOf(stage, closeDate, now),
    archived: false,
    handoff: null,
    renewal: null,
    renews: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
