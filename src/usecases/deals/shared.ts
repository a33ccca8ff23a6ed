import type { DealRecord } from '../../contracts/deal';
import { changeActivity } from '../../adapters/kvs/activity-store';
import { readDeal, readTotals, commitDeal } from '../../adapters/kvs/deal-store';
import { readPipeline, type StoredPipeline } from '../../adapters/kvs/pipeline-store';
import { isConditionFailure } from '../../adapters/kvs/transactions';
import { DEAL_AUDITED_FIELDS, fieldChanges } from '../../domain/audit';
import type { Deal } from '../../domain/deal';
import { DealError, forecastOf } from '../../domain/deal';
import type { Pipeline } from '../../domain/pipeline';
import { stageById } from '../../domain/pipeline';
import type { ProjectRef } from '../../ports';
import type { TxStep } from '../../adapters/kvs/handoff-store';
import { readCompany } from '../../adapters/kvs/company-store';
import { readContacts } from '../../adapters/kvs/contact-store';
import type { UseCaseContext } from '../context';
import { queueHealth } from '../renewals/account-derived';
import { arrEffects } from '../renewals/arr-facts';
import { AppError, forbidden, invalid, notFound } from '../errors';

/** The deal as the contract shows it: the stored record plus its effective forecast and probability. */
export function dealRecord(deal: Deal, pipeline: Pipeline): DealRecord {
  const stage = stageById(pipeline, deal.stageId);
  return { ...deal, forecastCategory: stage ? forecastOf(deal, stage) : (deal.forecastOverride ?? 'pipeline'), probability: stage?.probability ?? 0 };
}

/** A project the user can browse, by key; anything else is NOT_FOUND (PRODUCT.md §5). */
export async function browsableProject(ctx: UseCaseContext, projectKey: string): Promise<ProjectRef> {
  const project = await ctx.access.projectByKey(projectKey);
  if (!project || !(await ctx.access.can(project.id, 'browse'))) throw notFound(`Project ${projectKey}`);
  return project;
}

export async function requireEdit(ctx: UseCaseContext, projectId: string): Promise<void> {
  if (!(await ctx.access.can(projectId, 'edit'))) throw forbidden('You need the "Edit CRM records" permission in this project to change its deals.');
}

export async function requireAdmin(ctx: UseCaseContext, projectId: string): Promise<void> {
  if (!(await ctx.access.can(projectId, 'admin'))) throw forbidden('You need the "Administer projects" permission to configure this project’s CRM.');
}

export async function enabledPipeline(projectId: string): Promise<StoredPipeline> {
  const pipeline = await readPipeline(projectId);
  if (!pipeline) throw new AppError('NOT_FOUND', 'The CRM is not enabled in this project yet. A project admin can enable it in the CRM settings.', [], { reason: 'CRM_NOT_ENABLED' });
  return pipeline;
}

/** A deal the user may see (its project browsable), else NOT_FOUND: never "forbidden with details". */
export async function visibleDeal(ctx: UseCaseContext, dealId: string): Promise<Deal> {
  const deal = await readDeal(dealId);
  if (!deal || !(await ctx.access.can(deal.projectId, 'browse'))) throw notFound('The deal');
  return deal;
}

/** A deal the user may change: visible, and "Edit CRM records" in its project. */
export async function editableDeal(ctx: UseCaseContext, dealId: string): Promise<Deal> {
  const deal = await visibleDeal(ctx, dealId);
  await requireEdit(ctx, deal.projectId);
  return deal;
}

export function conflict(current: Deal, pipeline: Pipeline): AppError {
  return new AppError('CONFLICT', 'Someone changed this deal after you opened it. Review their change and try again.', [], { current: dealRecord(current, pipeline) });
}

/** The version the client read must be the stored one: a stale write gets CONFLICT with the current record. */
export function checkVersion(deal: Deal, version: number, pipeline: Pipeline): void {
  if (deal.version !== version) throw conflict(deal, pipeline);
}

export function fromDealError(error: unknown): never {
  if (error instanceof DealError) {
    if (error.code === 'STAGE_EXIT_CRITERIA') {
      const missing = error.details.missing ?? [];
      throw invalid(error.message, missing.map((field) => ({ path: field, message: 'Required to leave this stage' })), { reason: error.code, missing, stageId: error.details.stageId });
    }
    if (error.code === 'STAGE_UNKNOWN') throw invalid(error.message, [{ path: 'toStageId', message: error.message }], { reason: error.code });
    if (error.code === 'LOST_REASON_REQUIRED') throw invalid(error.message, [{ path: 'reason', message: error.message }], { reason: error.code });
    throw invalid(error.message, [], { reason: error.code });
  }
  throw error;
}

/**
 * Saves one change of a deal: the deal (conditioned on the version read), the project's totals and
 * the audit entry, in one transaction. When the transaction is cancelled, the deal is read again:
 * if its version moved on, the user gets CONFLICT with the current record; if only the totals moved
 * (another deal of the project was written), the change is applied again on the fresh totals.
 */
export async function saveDeal(
  ctx: UseCaseContext,
  before: Deal | null,
  change: (current: Deal | null) => Deal,
  pipeline: Pipeline,
  options: { extra?: (after: Deal) => TxStep[] } = {},
): Promise<Deal> {
  const now = ctx.clock.now();
  const current = before;
  for (let attempt = 1; ; attempt += 1) {
    let after: Deal;
    try {
      after = change(current);
    } catch (error) {
      fromDealError(error);
    }
    after = { ...after, version: (current?.version ?? 0) + 1, updatedAt: now };
    const changes = fieldChanges(current, after, DEAL_AUDITED_FIELDS);
    // The hand-off is a nested record; its state is what the timeline needs to tell.
    if ((current?.handoff?.state ?? null) !== (after.handoff?.state ?? null)) changes.push({ field: 'handoffState', from: current?.handoff?.state ?? null, to: after.handoff?.state ?? null });
    const activity = changes.length > 0 ? changeActivity(ctx.ids.newId(), `deal:${after.id}`, after.projectId, ctx.access.accountId, now, changes) : null;
    try {
      const totals = await readTotals(after.projectId);
      // The deal's ARR facts and its company's account join the deal's own transaction.
      const arr = await arrEffects(current, after, now, ctx.ids);
      await commitDeal({ before: current, after, pipeline, totals, activity, now, extra: [...(options.extra?.(after) ?? []), ...arr.steps] });
      if (arr.newCustomers.length > 0) await queueHealth(arr.newCustomers);
      return after;
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= 5) throw error;
      const fresh = current ? await readDeal(current.id) : undefined;
      if (current && (!fresh || fresh.version !== current.version)) throw conflict(fresh ?? current, pipeline);
      if (!current && fresh) throw new AppError('CONFLICT', 'A deal with this id exists already.');
    }
  }
}

/**
 * A deal's company and contacts must exist and be active (the customer record is shared, so a deal
 * never points at nothing). Only references that change are checked. Errors: VALIDATION naming the field.
 */
export async function checkReferences(changes: { companyId?: string | null; contactIds?: string[] }, before: Deal | null): Promise<void> {
  if (changes.companyId && changes.companyId !== before?.companyId) {
    const company = await readCompany(changes.companyId);
    if (!company || company.archived) throw invalid('The company does not exist or is archived.', [{ path: 'companyId', message: 'No such active company' }]);
  }
  const added = (changes.contactIds ?? []).filter((id) => !(before?.contactIds ?? []).includes(id));
  if (new Set(changes.contactIds ?? []).size !== (changes.contactIds ?? []).length) throw invalid('A contact is listed twice.', [{ path: 'contactIds', message: 'Listed twice' }]);
  if (added.length > 0) {
    const found = await readContacts(added);
    const missing = added.filter((id) => !found.some((c) => c.id === id && !c.archived));
    if (missing.length > 0) throw invalid('Some contacts do not exist or are archived.', missing.map((id) => ({ path: 'contactIds', message: `No such active contact: ${id}` })));
  }
}
