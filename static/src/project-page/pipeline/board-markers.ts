import type { DealRecord } from '../../../../src/contracts/deal';
import type { Stage } from '../../../../src/domain/pipeline';
import { daysInStage } from '../../../../src/domain/deal';
import { isoDateOf } from '../../../../src/domain/periods';

/**
 * A card's markers, by the glossary's definitions (PRODUCT.md §4): a deal is stale when it has been
 * in its stage longer than the stage allows, has no next step, or its next step is overdue; it has
 * slipped when its close date was pushed into a later period at least once.
 */
export type StaleReason = 'too-long' | 'no-next-step' | 'next-step-overdue';

export interface CardMarkers {
  daysInStage: number;
  stale: boolean;
  staleReasons: StaleReason[];
  slipped: boolean;
  nextStepOverdue: boolean;
}

/** The board renders a thousand cards against one `now`: its date is worked out once, not per card. */
let todayCache: { now: number; today: string } | null = null;

function todayOf(now: number): string {
  if (todayCache?.now !== now) todayCache = { now, today: isoDateOf(now) };
  return todayCache.today;
}

export function cardMarkers(deal: DealRecord, stage: Stage, now: number): CardMarkers {
  const days = daysInStage(deal, now);
  const today = todayOf(now);
  const nextStepOverdue = deal.nextStepDue !== null && deal.nextStepDue < today;
  const reasons: StaleReason[] = [];
  if (stage.maxDays !== null && days > stage.maxDays) reasons.push('too-long');
  if (!deal.nextStep || deal.nextStep.trim() === '') reasons.push('no-next-step');
  if (nextStepOverdue) reasons.push('next-step-overdue');
  return { daysInStage: days, stale: reasons.length > 0, staleReasons: reasons, slipped: deal.pushCount > 0, nextStepOverdue };
}
