import type { Deal } from './deal';
import type { IsoDate } from './periods';
import type { Stage } from './pipeline';

/** What a new deal may start with besides its identity and place; anything left out starts empty. */
export type NewDealFields = Partial<
  Pick<
    Deal,
    | 'companyId' | 'contactIds' | 'amountMinor' | 'currency' | 'recurring' | 'type' | 'forecastOverride' | 'closeDate' | 'source' | 'attribution'
    | 'segment' | 'nextStep' | 'nextStepDue' | 'contractStart' | 'contractEnd' | 'scope' | 'notSold' | 'stakeholders' | 'successCriteria' | 'renews'
  >
>;

export interface NewDealInput extends NewDealFields {
  id: string;
  projectId: string;
  name: string;
  ownerId: string;
  /** The stage it starts in: an open one when created by hand or for a renewal, any when imported. */
  stage: Pick<Stage, 'id' | 'outcome'>;
  position: string;
  now: number;
  /** 0 unless the writer conditions on something else (an import writes its new deals at 1). */
  version?: number;
}

/**
 * When a deal in `stage` was closed: never while open; for a won or lost stage, its close date (at
 * midnight UTC) when it has one, else `now`.
 */
export function closedAtOf(stage: Pick<Stage, 'outcome'>, closeDate: IsoDate | null, now: number): number | null {
  if (stage.outcome === 'open') return null;
  return closeDate ? Date.parse(`${closeDate}T00:00:00Z`) : now;
}

/**
 * A deal as it is first stored, whoever makes it (the create form, an import, a renewal): entered its
 * stage `now`, never pushed, no hand-off, no renewal of its own; defaults USD, one-off, new business.
 */
export function newDeal(input: NewDealInput): Deal {
  const { stage, now } = input;
  const closeDate = input.closeDate ?? null;
  return {
    id: input.id,
    projectId: input.projectId,
    name: input.name,
    companyId: input.companyId ?? null,
    contactIds: input.contactIds ?? [],
    amountMinor: input.amountMinor ?? null,
    currency: input.currency ?? 'USD',
    recurring: input.recurring ?? false,
    type: input.type ?? 'new_business',
    stageId: stage.id,
    position: input.position,
    forecastOverride: input.forecastOverride ?? null,
    outcome: stage.outcome,
    lostReason: null,
    closeDate,
    ownerId: input.ownerId,
    source: input.source ?? null,
    attribution: input.attribution ?? null,
    segment: input.segment ?? null,
    nextStep: input.nextStep ?? null,
    nextStepDue: input.nextStepDue ?? null,
    contractStart: input.contractStart ?? null,
    contractEnd: input.contractEnd ?? null,
    scope: input.scope ?? null,
    notSold: input.notSold ?? null,
    stakeholders: input.stakeholders ?? null,
    successCriteria: input.successCriteria ?? null,
    stageEnteredAt: now,
    stageHistory: [stage.id],
    pushCount: 0,
    closedAt: closedAtOf(stage, closeDate, now),
    archived: false,
    handoff: null,
    renewal: null,
    renews: input.renews ?? null,
    createdAt: now,
    updatedAt: now,
    version: input.version ?? 0,
  };
}
