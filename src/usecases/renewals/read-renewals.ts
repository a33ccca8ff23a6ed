import { arrStore, companyStore, jobQueue, renewalStore, settingsStore } from '../../ports/registry';
import type { z } from 'zod';
import type { ListRenewalsInput, RenewalPage, RenewalsOverview, RetentionResult } from '../../contracts/renewal';
import { glossaryWith } from '../../domain/glossary';
import { addDays, daysBetween, isoDateOf, periodOf } from '../../domain/periods';
import { renewalArr } from '../../domain/renewal';
import { effectiveAt } from '../../domain/retention';
import type { UseCaseContext } from '../context';
import { browsableProject, enabledPipeline, requireAdmin } from '../project-access';

/**
 * The Renewals tab: a page of the project's open renewals by close date (due within 30, 60 or 90
 * days, or overdue) with their companies' ARR, health and reasons — one entity query and one batch
 * read per page. Errors: NOT_FOUND (project not browsable, CRM not enabled), VALIDATION (cursor).
 */
export async function listRenewals(ctx: UseCaseContext, input: z.infer<typeof ListRenewalsInput>): Promise<z.infer<typeof RenewalPage>> {
  const project = await browsableProject(ctx, input.projectKey);
  await enabledPipeline(project.id);
  const today = isoDateOf(ctx.clock.now());
  const [from, to] = input.window === 'overdue' ? ['0000-01-01', addDays(today, -1)] : [today, addDays(today, input.window)];
  const page = await renewalStore.openRenewals(project.id, from, to, input.limit, input.cursor);
  const companies = new Map((await companyStore.readCompanies([...new Set(page.deals.map((d) => d.companyId).filter((id): id is string => id !== null))])).map((c) => [c.id, c]));
  return {
    items: page.deals.map((deal) => {
      const company = deal.companyId ? companies.get(deal.companyId) : undefined;
      const arr = renewalArr(deal);
      const closeDate = deal.closeDate ?? today;
      return {
        dealId: deal.id,
        name: deal.name,
        closeDate,
        daysLeft: daysBetween(today, closeDate),
        ownerId: deal.ownerId,
        stageId: deal.stageId,
        amountMinor: deal.amountMinor,
        currency: deal.currency,
        arrMinor: arr.amountMinor,
        arrCurrency: arr.currency,
        contractDealId: deal.renews?.dealId ?? null,
        version: deal.version,
        company: company ? { id: company.id, name: company.name, health: company.health, healthDetail: company.healthDetail, arrByCurrency: company.arrByCurrency } : null,
      };
    }),
    nextCursor: page.nextCursor,
  };
}

/**
 * The Renewals tab's head: the project's renewal summary (computed daily), the site's retention,
 * where this project's contracts renew when that is elsewhere, and the ARR movements recorded in
 * this project this quarter. Errors: NOT_FOUND.
 */
export async function renewalsOverview(ctx: UseCaseContext, projectKey: string): Promise<z.infer<typeof RenewalsOverview>> {
  const project = await browsableProject(ctx, projectKey);
  await enabledPipeline(project.id);
  const settings = await settingsStore.readSettings();
  const quarter = periodOf(isoDateOf(ctx.clock.now()), 'quarter', { startMonth: settings.fiscalYearStartMonth });
  const [summary, retention, renewal, movements, canRefresh] = await Promise.all([
    renewalStore.readRenewalSummary(project.id),
    renewalStore.readRetention(),
    renewalStore.readRenewalSettings(project.id),
    arrStore.projectMovements(project.id, effectiveAt(quarter.start), effectiveAt(quarter.end), 50),
    ctx.access.can(project.id, 'admin'),
  ]);
  const target = renewal.value.targetProjectId && renewal.value.targetProjectId !== project.id ? await ctx.access.projectById(renewal.value.targetProjectId) : undefined;
  const names = new Map((await companyStore.readCompanies([...new Set(movements.map((m) => m.companyId))])).map((c) => [c.id, c.name]));
  return {
    projectKey: project.key,
    projectName: project.name,
    reportingCurrency: settings.reportingCurrency,
    rates: settings.rates,
    renewsIn: target ? { projectKey: target.key, projectName: target.name } : null,
    summary,
    retention,
    movements: movements.map((m) => ({ id: m.id, companyId: m.companyId, companyName: names.get(m.companyId) ?? null, dealId: m.dealId, kind: m.kind, deltas: m.deltas, effectiveOn: m.effectiveOn })),
    period: { key: quarter.key, start: quarter.start, end: quarter.end },
    canRefresh,
    glossary: glossaryWith(settingsStore.glossaryOverrides(settings)),
  };
}

/** Insights: the site's NRR, GRR and churn (current periods, 8-quarter trend, segments). Errors: NOT_FOUND. */
export async function retentionMetrics(ctx: UseCaseContext, projectKey: string): Promise<z.infer<typeof RetentionResult>> {
  const project = await browsableProject(ctx, projectKey);
  const [, retention, settings] = await Promise.all([enabledPipeline(project.id), renewalStore.readRetention(), settingsStore.readSettings()]);
  return { retention, glossary: glossaryWith(settingsStore.glossaryOverrides(settings)) };
}

/** A project admin asks for the renewal figures now rather than at the next daily run. Errors: NOT_FOUND, FORBIDDEN. */
export async function refreshRenewals(ctx: UseCaseContext, projectKey: string): Promise<{ jobId: string }> {
  const project = await browsableProject(ctx, projectKey);
  await requireAdmin(ctx, project.id);
  await enabledPipeline(project.id);
  return { jobId: await jobQueue.enqueueJob({ kind: 'renewal-summary', projectId: project.id }) };
}
