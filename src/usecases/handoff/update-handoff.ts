import { dealStore, pipelineStore } from '../../ports/registry';
import { StaleVersionError } from '../../domain/conflict';
import type { Deal } from '../../domain/deal';
import type { Handoff } from '../../domain/handoff';
import { saveDeal } from '../deals/save-deal';
import type { UseCaseContext } from '../context';
import { SAVE_ATTEMPTS } from '../versioned-save';

/**
 * Changes a deal's hand-off as Relay (jobs, issue events, the scan). The change is applied to the
 * deal as stored, with the one deal save (deals/save-deal.ts); Relay is not a person who can be
 * shown a conflict, so when a person edited the deal meanwhile (the save's stale-version conflict)
 * the deal is read again and the change applied again: background work never overwrites an edit
 * and never gets lost behind one. `change` answers the new hand-off, or the same one when there is
 * nothing to do (then nothing is written). Answers the saved deal, or undefined when nothing was written.
 * `ctx` is Relay's own context (system.ts): its clock and ids, and no user.
 */
export async function updateHandoff(dealId: string, change: (handoff: Handoff, deal: Deal) => Handoff, ctx: UseCaseContext): Promise<Deal | undefined> {
  for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt += 1) {
    const deal = await dealStore.readDeal(dealId);
    if (!deal?.handoff) return undefined;
    const pipeline = await pipelineStore.readPipeline(deal.projectId);
    if (!pipeline) return undefined;
    const next = change(deal.handoff, deal);
    if (JSON.stringify(next) === JSON.stringify(deal.handoff)) return undefined;
    try {
      return await saveDeal(ctx, deal, (current) => ({ ...(current ?? deal), handoff: next }), pipeline);
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
    }
  }
  throw new Error(`The hand-off of deal ${dealId} could not be saved: the deal kept changing`);
}
