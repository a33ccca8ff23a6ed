import { handoffStore, jobQueue } from '../../ports/registry';
import { isBreached } from '../../domain/handoff';
import type { UseCaseContext } from '../context';
import { updateHandoff } from './update-handoff';

/** Pages of 100 read per state and scan. */
const MAX_PAGES = 20;

const due = (state: string, now: number) => handoffStore.handoffIdsDue(state, now, MAX_PAGES);

/**
 * The hourly scan (scheduled trigger): hand-offs whose acceptance deadline passed are marked
 * breached (once; the deal card, panel and gadgets show it), and hand-offs still waiting for their
 * delivery issue whose next attempt is due are queued again, so a Jira outage longer than the
 * queue's own retries loses nothing.
 */
export async function runSlaScan(ctx: UseCaseContext): Promise<{ breached: number; requeued: number }> {
  const at = ctx.clock.now();
  let breached = 0;
  for (const id of await due('created', at)) {
    // Marked once; a person's edit in between is re-read, not overwritten.
    const saved = await updateHandoff(id, (handoff) => (isBreached(handoff, at) && handoff.breachedAt === null ? { ...handoff, breachedAt: at } : handoff), ctx);
    if (saved) breached += 1;
  }
  let requeued = 0;
  for (const state of ['pending', 'retrying']) {
    for (const id of await due(state, at)) {
      await jobQueue.enqueueJob({ kind: 'handoff', dealId: id });
      requeued += 1;
    }
  }
  return { breached, requeued };
}
