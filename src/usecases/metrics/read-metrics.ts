import type { z } from 'zod';
import type { MetricsResult, PipelineGadgetInput, PipelineGadgetResult, SaveSiteSettingsInput } from '../../contracts/metrics';
import { ProjectMetricsSchema } from '../../contracts/metrics';
import { combinePeriods, combineSegments, type ProjectMetrics } from '../../domain/metrics-summary';
import { addTo } from '../../domain/money';
import { readTotals } from '../../adapters/kvs/deal-store';
import { glossaryOverrides, readSettings, writeSettings } from '../../adapters/kvs/settings-store';
import { enqueueJob } from '../../adapters/queue/jobs';
import { glossaryWith } from '../../domain/glossary';
import { convert } from '../../domain/money';
import type { UseCaseContext } from '../context';
import { AppError, forbidden } from '../errors';
import { browsableProject, enabledPipeline, requireAdmin } from '../deals/shared';
import { readMetrics } from './snapshot-job';

/**
 * Stored metrics in today's shape, or null: numbers computed by an older version (a field missing)
 * are not shown as if they were complete; the next daily run (or a refresh) replaces them.
 */
function current(stored: Awaited<ReturnType<typeof readMetrics>>): ProjectMetrics | null {
  if (!stored) return null;
  const parsed = ProjectMetricsSchema.safeParse(stored);
  return parsed.success ? (parsed.data as ProjectMetrics) : null;
}

/** Insights: the project's computed metrics (daily) with the glossary. One read each. Errors: NOT_FOUND. */
export async function projectMetrics(ctx: UseCaseContext, projectKey: string): Promise<z.infer<typeof MetricsResult>> {
  const project = await browsableProject(ctx, projectKey);
  const [, metrics, settings] = await Promise.all([enabledPipeline(project.id), readMetrics(project.id), readSettings()]);
  return { projectKey: project.key, projectName: project.name, metrics: current(metrics), glossary: glossaryWith(glossaryOverrides(settings)) };
}

/**
 * One Pipeline gadget render, for one project or several combined: per project the pipeline (stage
 * names), the live totals (funnel, weighted and open amounts) and the daily metrics, plus the site
 * settings once — 3 storage reads per project + 1, whatever the number of deals. Several projects
 * are combined exactly (sums, ratios recomputed from sums); stages are merged by name.
 * Errors: NOT_FOUND (any project not browsable or without the CRM).
 */
export async function pipelineGadget(ctx: UseCaseContext, input: z.infer<typeof PipelineGadgetInput>): Promise<z.infer<typeof PipelineGadgetResult>> {
  const keys = [...new Set([...(input.projectKey ? [input.projectKey] : []), ...(input.projectKeys ?? [])])];
  const settingsRead = readSettings();
  const loaded = await Promise.all(
    keys.map(async (key) => {
      const project = await browsableProject(ctx, key);
      const [pipeline, { totals }, stored] = await Promise.all([enabledPipeline(project.id), readTotals(project.id), readMetrics(project.id)]);
      return { project, pipeline, totals, metrics: current(stored) };
    }),
  );
  const settings = await settingsRead;
  const pick = (m: ProjectMetrics) => (input.period === 'month' ? m.month : input.period === 'next-quarter' ? m.nextQuarter : input.period === 'year' ? m.year : m.quarter);
  const computed = loaded.filter((l) => l.metrics !== null);
  const period = computed.length === 0 ? null : combinePeriods(computed.map((l) => pick(l.metrics!)));
  const targetMinor = input.targetOverrideMinor ?? period?.targetMinor ?? null;
  const coverage = period && targetMinor ? period.qualifiedMinor / targetMinor : null;
  const segment = input.segment && computed.length > 0 ? combineSegments(computed.map((l) => l.metrics!.segments[input.segment!.dimension][input.segment!.value])) : null;

  let openByCurrency: Record<string, number> = {};
  let weightedByCurrency: Record<string, number> = {};
  const funnel: Array<{ stageId: string; name: string; count: number; amounts: Record<string, number> }> = [];
  for (const { pipeline, totals } of loaded) {
    for (const [currency, amount] of Object.entries(totals.open.amounts)) openByCurrency = addTo(openByCurrency, currency, amount);
    for (const [currency, amount] of Object.entries(totals.weighted)) weightedByCurrency = addTo(weightedByCurrency, currency, amount);
    for (const stage of pipeline.stages.filter((s) => s.outcome === 'open')) {
      let row = funnel.find((f) => f.name.toLowerCase() === stage.name.toLowerCase());
      if (!row) {
        row = { stageId: stage.id, name: stage.name, count: 0, amounts: {} };
        funnel.push(row);
      }
      row.count += totals.byStage[stage.id]?.count ?? 0;
      for (const [currency, amount] of Object.entries(totals.byStage[stage.id]?.amounts ?? {})) row.amounts = addTo(row.amounts, currency, amount);
    }
  }
  const counts: Record<string, number> = {};
  for (const l of computed) for (const [kind, n] of Object.entries(l.metrics!.changes.counts)) counts[kind] = (counts[kind] ?? 0) + n;
  const since = computed.map((l) => l.metrics!.changes.since).filter((d): d is string => d !== null).sort()[0] ?? null;
  const first = loaded[0]!.project;
  return {
    projectKey: first.key,
    projectName: loaded.map((l) => l.project.name).join(', '),
    projects: loaded.map((l) => ({ projectKey: l.project.key, projectName: l.project.name, computedAt: l.metrics?.computedAt ?? null })),
    reportingCurrency: settings.reportingCurrency,
    // The oldest computation among the projects: the figures are at least that fresh.
    computedAt: computed.length === loaded.length ? Math.min(...computed.map((l) => l.metrics!.computedAt)) : null,
    period,
    targetMinor,
    coverage,
    segment,
    live: { openCount: loaded.reduce((n, l) => n + l.totals.open.count, 0), openByCurrency, weightedByCurrency, funnel },
    changes: computed.length > 0 ? { since, counts } : null,
    glossary: glossaryWith(glossaryOverrides(settings)),
  };
}

/** A project admin asks for the numbers now instead of at the next daily run. Errors: NOT_FOUND, FORBIDDEN. */
export async function refreshMetrics(ctx: UseCaseContext, projectKey: string): Promise<{ jobId: string }> {
  const project = await browsableProject(ctx, projectKey);
  await requireAdmin(ctx, project.id);
  await enabledPipeline(project.id);
  return { jobId: await enqueueJob({ kind: 'snapshot', projectId: project.id }) };
}

/** Site settings as the admin page shows them (anyone may read; only Jira admins may change). */
export async function siteSettings(ctx: UseCaseContext) {
  const settings = await readSettings();
  return {
    reportingCurrency: settings.reportingCurrency,
    rates: settings.rates,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    glossary: glossaryWith(glossaryOverrides(settings)),
    glossaryOverrides: settings.glossary,
    version: settings.version,
    canEdit: await ctx.access.isSiteAdmin(),
  };
}

/** Saves site settings at the version read. Errors: FORBIDDEN (Jira admins only), CONFLICT, VALIDATION. */
export async function saveSiteSettings(ctx: UseCaseContext, input: z.infer<typeof SaveSiteSettingsInput>) {
  if (!(await ctx.access.isSiteAdmin())) throw forbidden('Only Jira administrators can change Relay’s site settings.');
  const current = await readSettings();
  if (current.version !== input.version) throw new AppError('CONFLICT', 'Someone changed the site settings after you opened them.');
  if (input.rates[input.reportingCurrency]) throw new AppError('VALIDATION', 'The reporting currency needs no rate.', [{ path: `rates.${input.reportingCurrency}`, message: 'Remove this rate' }]);
  for (const [currency, rate] of Object.entries(input.rates)) {
    if (Number(rate) <= 0) throw new AppError('VALIDATION', 'Rates are positive.', [{ path: `rates.${currency}`, message: 'Must be more than 0' }]);
    convert({ amountMinor: 1, currency }, { reportingCurrency: input.reportingCurrency, rates: input.rates });
  }
  await writeSettings({
    schemaVersion: 1,
    version: current.version + 1,
    reportingCurrency: input.reportingCurrency,
    rates: input.rates,
    fiscalYearStartMonth: input.fiscalYearStartMonth,
    glossary: Object.fromEntries(Object.entries(input.glossaryOverrides).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length > 0)),
    updatedAt: ctx.clock.now(),
    updatedBy: ctx.access.accountId,
  });
  return siteSettings(ctx);
}
