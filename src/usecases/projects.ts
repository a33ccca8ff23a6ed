import { pipelineStore, settingsStore } from '../ports/registry';
import type { ProjectContext } from '../contracts/project';
import { glossaryWith } from '../domain/glossary';
import type { UseCaseContext } from './context';
import { browsableProject } from './project-access';
import { pipelineRecord } from './pipelines';

/**
 * The project page's first call: the project, the user's rights there (so the UI shows drag handles
 * and save buttons only to those who may use them; the server still checks every write), and the
 * pipeline, or null when the CRM is not enabled yet, and the site's fiscal calendar and exchange
 * rates (so every period the page names and every total it adds is the metrics' own). Errors: NOT_FOUND.
 */
export async function projectContext(ctx: UseCaseContext, projectKey: string): Promise<ProjectContext> {
  const project = await browsableProject(ctx, projectKey);
  const [canEdit, canAdmin, stored, settings] = await Promise.all([ctx.access.can(project.id, 'edit'), ctx.access.can(project.id, 'admin'), pipelineStore.readPipeline(project.id), settingsStore.readSettings()]);
  // Editing here implies editing somewhere: only otherwise ask Jira about the other projects.
  const canEditShared = canEdit || (await ctx.access.canEditAnywhere());
  return {
    projectId: project.id,
    projectKey: project.key,
    projectName: project.name,
    canEdit,
    canAdmin,
    canEditShared,
    pipeline: stored ? pipelineRecord(project, stored) : null,
    site: { reportingCurrency: settings.reportingCurrency, rates: settings.rates, fiscalYearStartMonth: settings.fiscalYearStartMonth, glossary: glossaryWith(settingsStore.glossaryOverrides(settings)) },
  };
}
