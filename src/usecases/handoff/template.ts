import { delivery, handoffStore, words } from '../../ports/registry';
import type { StoredTemplate } from '../../ports/handoffs';
import type { z } from 'zod';
import type { PreviewResult, TemplateRecord, UpdateTemplateInput } from '../../contracts/handoff';
import { StaleVersionError } from '../../domain/conflict';
import { DEFAULT_TEMPLATE } from '../../domain/handoff';
import type { UseCaseContext } from '../context';
import { AppError } from '../errors';
import { saveVersioned } from '../versioned-save';
import { visibleDeal } from '../deals/deal-access';
import { browsableProject, enabledPipeline, requireAdmin } from '../project-access';
import { dealFacts, issueFromTemplate } from './run-handoff';

function record(projectKey: string, stored: StoredTemplate | undefined): TemplateRecord {
  if (!stored) return { projectKey, version: 0, configured: false, ...DEFAULT_TEMPLATE, enabled: false, targetProjectKey: projectKey };
  const { schemaVersion: _schema, version, ...fields } = stored;
  return { projectKey, version, configured: true, ...fields };
}

/** The project's hand-off template (a disabled default until an admin saves one). Errors: NOT_FOUND. */
export async function getTemplate(ctx: UseCaseContext, projectKey: string): Promise<TemplateRecord> {
  const project = await browsableProject(ctx, projectKey);
  await enabledPipeline(project.id);
  return record(project.key, await handoffStore.readTemplate(project.id));
}

/**
 * Saves the template at the version read. Relay creates the delivery work as itself, so it must not
 * do there what the people involved could not: the admin saving the template must be able to create
 * issues in the target project, and its assignee must be assignable there (Jira's assignable-user
 * search, asked as the admin). Errors: NOT_FOUND, FORBIDDEN (Administer projects), CONFLICT,
 * VALIDATION (naming `template.targetProjectKey` or `template.assigneeAccountId`).
 */
export async function updateTemplate(ctx: UseCaseContext, input: z.infer<typeof UpdateTemplateInput>): Promise<TemplateRecord> {
  const project = await browsableProject(ctx, input.projectKey);
  await requireAdmin(ctx, project.id);
  await enabledPipeline(project.id);
  let read = await handoffStore.readStoredTemplate(project.id);
  const stale = () => (read?.value.version ?? 0) !== input.version && new StaleVersionError('template', record(project.key, read?.value));
  if (stale()) throw stale();
  const target = await ctx.access.projectByKey(input.template.targetProjectKey);
  if (!target) throw new AppError('VALIDATION', 'The target project does not exist or you cannot see it.', [{ path: 'template.targetProjectKey', message: 'No such project' }]);
  if (!(await delivery.canCreateIssuesIn(target.key))) {
    throw new AppError('VALIDATION', `You cannot create issues in ${target.key}, so Relay will not create them there for you.`, [{ path: 'template.targetProjectKey', message: `You need Create issues in ${target.key}` }], { reason: 'CANNOT_CREATE' });
  }
  const assignee = input.template.assigneeAccountId;
  if (assignee && !(await delivery.isAssignableIn(target.key, assignee))) {
    throw new AppError('VALIDATION', `Jira cannot assign issues in ${target.key} to this person.`, [{ path: 'template.assigneeAccountId', message: `Not assignable in ${target.key}` }], { reason: 'NOT_ASSIGNABLE' });
  }
  // The one versioned save (usecases/versioned-save.ts): a template saved meanwhile is CONFLICT with it.
  const saved = await saveVersioned({
    run: async () => {
      const conflict = stale();
      if (conflict) throw conflict;
      return handoffStore.writeTemplate(project.id, input.template, input.version + 1, read, ctx.clock.now());
    },
    explain: async () => {
      read = await handoffStore.readStoredTemplate(project.id);
    },
  });
  return record(project.key, saved);
}

/** The issue the template would create for a deal, without creating anything. Errors: NOT_FOUND (deal or template). */
export async function previewHandoff(ctx: UseCaseContext, dealId: string): Promise<z.infer<typeof PreviewResult>> {
  const deal = await visibleDeal(ctx, dealId);
  const template = await handoffStore.readTemplate(deal.projectId);
  if (!template) throw new AppError('NOT_FOUND', 'This project has no hand-off template yet.', [], { reason: 'NO_TEMPLATE' });
  const project = await ctx.access.projectById(deal.projectId);
  const url = (await handoffStore.readGuard(deal.id))?.data.dealUrl ?? (project ? ctx.dealUrl(project.key, deal.id) : '');
  const issue = issueFromTemplate(template, await dealFacts(deal, url, template.includeContactEmails, template.issueLanguage), deal.handoff?.wonAt ?? ctx.clock.now(), await words.issueWordsFor(template.issueLanguage));
  return { ...issue, description: issue.description as Record<string, unknown>, checklist: template.checklist };
}
