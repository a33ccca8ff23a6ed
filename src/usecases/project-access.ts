import { pipelineStore } from '../ports/registry';
import type { StoredPipeline } from '../ports/deals';
import type { ProjectRef } from '../ports';
import type { UseCaseContext } from './context';
import { AppError, forbidden, notFound } from './errors';

/**
 * What every project-scoped use case checks first: the project is one the user can browse, they
 * hold the permission the change needs, and the CRM is enabled in it. Errors: NOT_FOUND (project not
 * browsable, CRM not enabled, reason CRM_NOT_ENABLED), FORBIDDEN (permission missing).
 */

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
  const pipeline = await pipelineStore.readPipeline(projectId);
  if (!pipeline) throw new AppError('NOT_FOUND', 'The CRM is not enabled in this project yet. A project admin can enable it in the CRM settings.', [], { reason: 'CRM_NOT_ENABLED' });
  return pipeline;
}
