import { activityStore, companyStore, dealStore, pipelineStore, renewalStore, storage, totalsStore } from '../../ports/registry';
import type { StoredPipeline } from '../../ports/deals';
import { DEAL_AUDITED_FIELDS, fieldChanges } from '../../domain/audit';
import type { Company } from '../../domain/company';
import type { Deal } from '../../domain/deal';
import { firstOpenStage } from '../../domain/pipeline';
import { positionBetween } from '../../domain/positions';
import type { RenewalSettings } from '../../domain/renewal';
import { isDue, renewalDeal, renewalStateOf } from '../../domain/renewal';
import type { Ids } from '../../ports';
import { SYSTEM_ACTOR } from '../handoff/system';

/**
 * Opens renewal deals for contracts, exactly once per contract. The renewal deal, its project's
 * totals, the contract's link to it and both audit entries are one transaction conditioned on the
 * contract's version as read: of any number of scans racing on one contract (a run twice, runs
 * overlapping, a chunk retried after it died), exactly one transaction commits; the others find the
 * contract renewed when they read it again and do nothing. A scan that dies between contracts
 * leaves each either renewed or untouched, never half.
 */
export type OpenOutcome = 'opened' | 'not-due' | 'not-a-contract' | 'already-open' | 'no-target';

/** What one scan keeps between contracts: settings, pipelines and last card positions, read once each. */
export class ScanCache {
  private readonly settings = new Map<string, Promise<RenewalSettings>>();
  private readonly pipelines = new Map<string, Promise<StoredPipeline | undefined>>();
  private readonly positions = new Map<string, string | null>();

  renewalSettings(projectId: string): Promise<RenewalSettings> {
    let found = this.settings.get(projectId);
    if (!found) {
      found = renewalStore.readRenewalSettings(projectId).then((s) => s.value);
      this.settings.set(projectId, found);
    }
    return found;
  }

  /** A pipeline saved since it was read (commits are held to its version): read it again next time. */
  forgetPipeline(projectId: string): void {
    this.pipelines.delete(projectId);
  }

  pipeline(projectId: string): Promise<StoredPipeline | undefined> {
    let found = this.pipelines.get(projectId);
    if (!found) {
      found = pipelineStore.readPipeline(projectId);
      this.pipelines.set(projectId, found);
    }
    return found;
  }

  /** Where the next card of a column goes: after the last one (read once, then remembered). */
  async nextPosition(projectId: string, stageId: string): Promise<string> {
    const key = `${projectId}/${stageId}`;
    const last = this.positions.has(key) ? this.positions.get(key)! : await dealStore.lastPosition(projectId, stageId);
    const position = positionBetween(last, null);
    this.positions.set(key, position);
    return position;
  }
}

export interface OpenContext {
  cache: ScanCache;
  ids: Ids;
  now: number;
  today: string;
  /**
   * When the run doing this scan started: a renewal it finds opened since then was opened by this
   * run (a page done again after storage's 429) and counts as opened, not as already open.
   */
  runStartedAt?: number;
}

/** A contract whose renewal exists: opened by this run (an earlier try of the same page), or before it. */
const openedBefore = (contract: Deal, ctx: OpenContext): OpenOutcome =>
  ctx.runStartedAt !== undefined && contract.renewal && contract.renewal.openedAt >= ctx.runStartedAt ? 'opened' : 'already-open';

/** Opens one contract's renewal if it is due and not opened yet, given the contract and its company as just read by key. */
export async function openRenewal(contract: Deal, company: Company | undefined, ctx: OpenContext): Promise<OpenOutcome> {
  if (renewalStateOf(contract) !== 'pending') return renewalStateOf(contract) === 'created' ? openedBefore(contract, ctx) : 'not-a-contract';
  const settings = await ctx.cache.renewalSettings(contract.projectId);
  if (!isDue(contract, settings, ctx.today)) return 'not-due';
  const targetId = settings.targetProjectId ?? contract.projectId;
  const createdId = ctx.ids.newId();
  for (let attempt = 1; ; attempt += 1) {
    // Built again on each attempt: a pipeline saved meanwhile may have a different first stage.
    const [target, own] = await Promise.all([ctx.cache.pipeline(targetId), ctx.cache.pipeline(contract.projectId)]);
    const stage = target ? firstOpenStage(target) : undefined;
    if (!target || !own || !stage) return 'no-target';
    const renewal = renewalDeal(contract as Deal & { contractEnd: string }, {
      id: createdId,
      projectId: targetId,
      stageId: stage.id,
      position: await ctx.cache.nextPosition(targetId, stage.id),
      ownerId: company?.ownerId ?? contract.ownerId,
      companyName: company?.name ?? null,
      now: ctx.now,
    });
    const created: Deal = { ...renewal, version: 1 };
    const renewed: Deal = { ...contract, renewal: { dealId: created.id, projectId: targetId, openedAt: ctx.now }, version: contract.version + 1, updatedAt: ctx.now };
    const createdEntry = activityStore.changeActivity(ctx.ids.newId(), `deal:${created.id}`, targetId, SYSTEM_ACTOR, ctx.now, [...fieldChanges(null, created, DEAL_AUDITED_FIELDS), { field: 'renews', from: null, to: contract.name }]);
    const contractEntry = activityStore.changeActivity(ctx.ids.newId(), `deal:${contract.id}`, contract.projectId, SYSTEM_ACTOR, ctx.now, [{ field: 'renewal', from: null, to: created.name }]);
    try {
      await dealStore.commitDeal({
        before: null,
        after: created,
        pipeline: target,
        shard: await totalsStore.shardForDeal(targetId, created.id),
        activity: createdEntry,
        now: ctx.now,
        extra: [
          dealStore.dealAtVersionStep(renewed, own, contract.version),
          activityStore.activityStep(contractEntry),
        ],
      });
      return 'opened';
    } catch (error) {
      if (!storage.isConditionFailure(error)) throw error;
      const [fresh] = await dealStore.readDeals([contract.id]);
      // Someone else opened it, or the contract changed: the next run decides on what is stored then.
      if (!fresh || fresh.version !== contract.version) return fresh && renewalStateOf(fresh) === 'created' ? openedBefore(fresh, ctx) : 'not-due';
      if (attempt >= 5) throw error;
      // Else a shard or a pipeline moved under the commit.
      ctx.cache.forgetPipeline(targetId);
      ctx.cache.forgetPipeline(contract.projectId);
    }
  }
}

/** Reads contracts and their companies by key (consistent, 25 per request), then opens each that is due. */
export async function openRenewals(contractIds: readonly string[], ctx: OpenContext): Promise<Record<OpenOutcome, number>> {
  const counts: Record<OpenOutcome, number> = { opened: 0, 'not-due': 0, 'not-a-contract': 0, 'already-open': 0, 'no-target': 0 };
  const contracts = await dealStore.readDeals([...contractIds]);
  const companies = new Map((await companyStore.readCompanies([...new Set(contracts.map((c) => c.companyId).filter((id): id is string => id !== null))])).map((c) => [c.id, c]));
  for (const contract of contracts) {
    const outcome = await openRenewal(contract, contract.companyId ? companies.get(contract.companyId) : undefined, ctx);
    counts[outcome] += 1;
  }
  return counts;
}

