import { guardStore, pipelineStore, renewalStore } from '../../ports/registry';
import type { z } from 'zod';
import type { HealthWeightsRecord, RenewalSettingsRecord, SaveHealthWeightsInput, SaveRenewalSettingsInput } from '../../contracts/renewal';
import { StaleVersionError } from '../../domain/conflict';
import { DEFAULT_HEALTH_WEIGHTS } from '../../domain/health';
import { DEFAULT_DAYS_BEFORE, type RenewalSettings } from '../../domain/renewal';
import type { UseCaseContext } from '../context';
import { browsableProject, requireAdmin } from '../project-access';
import { forbidden, invalid } from '../errors';
import { saveVersioned } from '../versioned-save';

/**
 * A project's renewal settings (project admins): open renewals N days before the contract ends
 * (default 90), in this project or another CRM project (e.g. Customer Success). And the site's
 * health weights (Jira admins). Both are saved at the version read (CONFLICT otherwise).
 */
async function settingsRecord(ctx: UseCaseContext, project: { id: string; key: string }): Promise<z.infer<typeof RenewalSettingsRecord>> {
  const [stored, canEdit] = await Promise.all([renewalStore.readRenewalSettings(project.id), ctx.access.can(project.id, 'admin')]);
  const target = stored.value.targetProjectId && stored.value.targetProjectId !== project.id ? await ctx.access.projectById(stored.value.targetProjectId).catch(() => undefined) : undefined;
  return {
    projectKey: project.key,
    enabled: stored.value.enabled,
    daysBefore: stored.value.daysBefore,
    targetProjectKey: target?.key ?? null,
    targetProjectName: target?.name ?? null,
    version: stored.version,
    canEdit,
  };
}

/** Errors: NOT_FOUND (project not browsable). */
export async function renewalSettings(ctx: UseCaseContext, projectKey: string): Promise<z.infer<typeof RenewalSettingsRecord>> {
  return settingsRecord(ctx, await browsableProject(ctx, projectKey));
}

/** Keeps the site's list of horizons in step, so the scan looks as far ahead as the furthest project. */
async function recordHorizon(projectId: string, daysBefore: number, now: number): Promise<void> {
  await saveVersioned({
    run: async () => {
      const read = await renewalStore.readHorizons();
      const next = { ...read.value };
      if (daysBefore === DEFAULT_DAYS_BEFORE) delete next[projectId];
      else next[projectId] = daysBefore;
      if (JSON.stringify(next) !== JSON.stringify(read.value)) await guardStore.saveGuardRecord(guardStore.guardKeys.renewalHorizons(), 'settings', 'renewals', next, read.version, now);
    },
    // Another project's horizon saved meanwhile: read again and add this one to it.
    explain: async () => {},
  });
}

/**
 * Saves a project's renewal settings. The target must be a project the admin can browse with the
 * CRM enabled (renewal deals live on its board). Errors: NOT_FOUND, FORBIDDEN (not a project
 * admin), VALIDATION (target), CONFLICT (changed since read, with the current settings).
 */
export async function saveRenewalSettings(ctx: UseCaseContext, input: z.infer<typeof SaveRenewalSettingsInput>): Promise<z.infer<typeof RenewalSettingsRecord>> {
  const project = await browsableProject(ctx, input.projectKey);
  await requireAdmin(ctx, project.id);
  let targetProjectId: string | null = null;
  if (input.targetProjectKey && input.targetProjectKey !== project.key) {
    const target = await ctx.access.projectByKey(input.targetProjectKey);
    if (!target || !(await ctx.access.can(target.id, 'browse'))) throw invalid('That project does not exist or you cannot browse it.', [{ path: 'targetProjectKey', message: 'No such project you can browse' }]);
    if (!(await pipelineStore.readPipeline(target.id))) throw invalid(`The CRM is not enabled in ${target.key}: renewal deals need its pipeline.`, [{ path: 'targetProjectKey', message: 'Enable the CRM there first' }], { reason: 'CRM_NOT_ENABLED' });
    targetProjectId = target.id;
  }
  const value: RenewalSettings = { enabled: input.enabled, daysBefore: input.daysBefore, targetProjectId };
  await saveVersioned({
    run: async () => {
      const current = await renewalStore.readRenewalSettings(project.id);
      if (current.version !== input.version) throw new StaleVersionError('settings', await settingsRecord(ctx, project));
      await guardStore.saveGuardRecord(guardStore.guardKeys.renewalSettings(project.id), 'settings', project.id, value, current.version, ctx.clock.now());
    },
    // The next attempt reads the settings again: saved by someone else, they are the user's CONFLICT.
    explain: async () => {},
  });
  await recordHorizon(project.id, input.daysBefore, ctx.clock.now());
  return settingsRecord(ctx, project);
}

export async function healthWeights(ctx: UseCaseContext): Promise<z.infer<typeof HealthWeightsRecord>> {
  const [stored, canEdit] = await Promise.all([renewalStore.readHealthWeights(), ctx.access.isSiteAdmin()]);
  return { weights: stored.value, defaults: DEFAULT_HEALTH_WEIGHTS, version: stored.version, canEdit };
}

/** Saves the site's health weights. Errors: FORBIDDEN (Jira admins only), CONFLICT, VALIDATION. */
export async function saveHealthWeights(ctx: UseCaseContext, input: z.infer<typeof SaveHealthWeightsInput>): Promise<z.infer<typeof HealthWeightsRecord>> {
  if (!(await ctx.access.isSiteAdmin())) throw forbidden('Only Jira administrators can change how health is scored.');
  await saveVersioned({
    run: async () => {
      const current = await guardStore.readGuardRecord(guardStore.guardKeys.healthWeights(), (data) => data, null);
      if (current.version !== input.version) throw new StaleVersionError('settings', await healthWeights(ctx));
      await guardStore.saveGuardRecord(guardStore.guardKeys.healthWeights(), 'settings', 'site', input.weights, current.version, ctx.clock.now());
    },
    explain: async () => {},
  });
  return healthWeights(ctx);
}
