import { activityStore, dealStore, pipelineStore, totalsStore } from '../../ports/registry';
import type { StoredPipeline } from '../../ports/deals';
import type { TxStep } from '../../ports/storage';
import { DEAL_AUDITED_FIELDS, fieldChanges, type FieldChange } from '../../domain/audit';
import { StaleVersionError } from '../../domain/conflict';
import type { Deal } from '../../domain/deal';
import { DealError, forecastOf } from '../../domain/deal';
import type { Pipeline } from '../../domain/pipeline';
import { stageById } from '../../domain/pipeline';
import type { DealRecord } from '../../contracts/deal';
import type { UseCaseContext } from '../context';
import { invalid, notFound } from '../errors';
import { queueHealth } from '../renewals/account-derived';
import { arrEffects } from '../renewals/arr-facts';
import { saveVersioned } from '../versioned-save';

/** The deal as the contract shows it: the stored record plus its effective forecast and probability. */
export function dealRecord(deal: Deal, pipeline: Pipeline): DealRecord {
  const stage = stageById(pipeline, deal.stageId);
  return { ...deal, forecastCategory: stage ? forecastOf(deal, stage) : (deal.forecastOverride ?? 'pipeline'), probability: stage?.probability ?? 0 };
}

/** The stale-version conflict of a deal, with the deal as it is stored now. */
export function dealConflict(current: Deal, pipeline: Pipeline): StaleVersionError {
  return new StaleVersionError('deal', dealRecord(current, pipeline));
}

/** The version the client read must be the stored one: a stale write gets CONFLICT with the current record. */
export function checkVersion(deal: Deal, version: number, pipeline: Pipeline): void {
  if (deal.version !== version) throw dealConflict(deal, pipeline);
}

export function fromDealError(error: unknown): never {
  if (error instanceof DealError) {
    if (error.code === 'STAGE_EXIT_CRITERIA') {
      const missing = error.details.missing ?? [];
      throw invalid(error.message, missing.map((field) => ({ path: field, message: 'Required to leave this stage', code: 'required' })), { reason: error.code, missing, stageId: error.details.stageId });
    }
    if (error.code === 'STAGE_UNKNOWN') throw invalid(error.message, [{ path: 'toStageId', message: error.message }], { reason: error.code });
    if (error.code === 'LOST_REASON_REQUIRED') throw invalid(error.message, [{ path: 'reason', message: error.message }], { reason: error.code });
    throw invalid(error.message, [], { reason: error.code });
  }
  throw error;
}

const stageGone = () =>
  invalid('That stage was removed from the pipeline. Reload the board and try again.', [{ path: 'toStageId', message: 'No longer a stage of this pipeline' }], { reason: 'STAGE_UNKNOWN' });

/**
 * Saves one change of a deal: the deal (conditioned on the version read), its totals shard and the
 * audit entry in one transaction, held to the pipeline's version (see versioned-save.ts for the
 * policy). When it is refused: the deal's own version moved → CONFLICT with the current deal; the
 * pipeline was saved meanwhile → the change is decided again on the new pipeline (a stage that is
 * gone is refused); only the shard moved (another deal of the project) → tried again.
 * `change` receives the stored deal this save started from and the pipeline to decide on.
 */
export async function saveDeal(
  ctx: UseCaseContext,
  before: Deal | null,
  change: (current: Deal | null, pipeline: StoredPipeline) => Deal,
  pipeline: StoredPipeline,
  options: { extra?: (after: Deal) => TxStep[]; audit?: (changes: FieldChange[]) => FieldChange[] } = {},
): Promise<Deal> {
  const now = ctx.clock.now();
  let decidedOn = pipeline;
  let newCustomers: string[] = [];
  const saved = await saveVersioned({
    run: async () => {
      let after: Deal;
      try {
        after = change(before, decidedOn);
      } catch (error) {
        fromDealError(error);
      }
      if (!stageById(decidedOn, after.stageId)) throw stageGone();
      after = { ...after, version: (before?.version ?? 0) + 1, updatedAt: now };
      const changes = fieldChanges(before, after, DEAL_AUDITED_FIELDS);
      // The hand-off is a nested record; its state is what the timeline needs to tell.
      if ((before?.handoff?.state ?? null) !== (after.handoff?.state ?? null)) changes.push({ field: 'handoffState', from: before?.handoff?.state ?? null, to: after.handoff?.state ?? null });
      const audited = options.audit ? options.audit(changes) : changes;
      const activity = audited.length > 0 ? activityStore.changeActivity(ctx.ids.newId(), `deal:${after.id}`, after.projectId, ctx.access.accountId, now, audited) : null;
      const shard = await totalsStore.shardForDeal(after.projectId, after.id);
      // The deal's ARR facts and its company's account join the deal's own transaction.
      const arr = await arrEffects(before, after, now, ctx.ids);
      await dealStore.commitDeal({ before, after, pipeline: decidedOn, shard, activity, now, extra: [...(options.extra?.(after) ?? []), ...arr.steps] });
      newCustomers = arr.newCustomers;
      return after;
    },
    explain: async () => {
      if (before) {
        const fresh = await dealStore.readDeal(before.id);
        if (!fresh) throw notFound('The deal');
        if (fresh.version !== before.version) throw dealConflict(fresh, decidedOn);
      }
      const projectId = before?.projectId ?? change(null, decidedOn).projectId;
      const current = await pipelineStore.readPipeline(projectId);
      if (!current) throw notFound('The CRM of this project');
      decidedOn = current;
    },
  });
  if (newCustomers.length > 0) await queueHealth(newCustomers);
  return saved;
}
