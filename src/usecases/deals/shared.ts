import { readDeal } from '../../adapters/kvs/deal-store';
import { readPipeline, type StoredPipeline } from '../../adapters/kvs/pipeline-store';
import type { Deal } from '../../domain/deal';
import type { ProjectRef } from '../../ports';
import { readCompany } from '../../adapters/kvs/company-store';
import { readContacts } from '../../adapters/kvs/contact-store';
import type { UseCaseContext } from '../context';
import { AppError, forbidden, invalid, notFound } from '../errors';

// Moved to save-deal.ts (the save and its conflict); re-exported so callers elsewhere keep their imports.
export { checkVersion, dealRecord, fromDealError, saveDeal } from './save-deal';

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
