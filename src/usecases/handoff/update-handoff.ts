import { readDeal } from '../../adapters/kvs/deal-store';
import { readPipeline } from '../../adapters/kvs/pipeline-store';
import type { Deal } from '../../domain/deal';
import type { Handoff } from '../../domain/handoff';
import { saveDeal } from '../deals/shared';
import { AppError } from '../errors';
import { systemContext } from './system';

/**
 * Changes a deal's hand-off as Relay (jobs, issue events, the scan). The change is applied to the
 * deal as stored; if a person edited the deal meanwhile (CONFLICT), it is read again and the change
 * applied again, so background work never overwrites an edit and never gets lost behind one.
 * `change` answers the new hand-off, or the same one when there is nothing to do (then nothing is
 * written). Answers the saved deal, or undefined when nothing was written.
 */
export async function updateHandoff(dealId: string, change: (handoff: Handoff, deal: Deal) => Handoff, now: () => number = () => Date.now()): Promise<Deal | undefined> {
  const ctx = systemContext(now);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const deal = await readDeal(dealId);
    if (!deal?.handoff) return undefined;
    const pipeline = await readPipeline(deal.projectId);
    if (!pipeline) return undefined;
    const next = change(deal.handoff, deal);
    if (JSON.stringify(next) === JSON.stringify(deal.handoff)) return undefined;
    try {
      return await saveDeal(ctx, deal, (current) => ({ ...(current ?? deal), handoff: next }), pipeline);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
  }
  throw new Error(`The hand-off of deal ${dealId} could not be saved: the deal kept changing`);
}
