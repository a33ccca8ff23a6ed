import { jobQueue, metricsStore, settingsStore, totalsStore } from '../../ports/registry';
import type { StoredSettings } from '../../ports/site';
import type { z } from 'zod';
import type { MetricsResult, PipelineGadgetInput, PipelineGadgetResult } from '../../contracts/metrics';
import type { Dimension } from '../../domain/metrics';
import { combinePeriods } from '../../domain/metrics-combine';
import type { PeriodMetrics } from '../../domain/metrics-period';
import { emptyPeriod } from '../../domain/metrics-period';
import type { PeriodChoice, ProjectMetrics, ScopeMetrics } from '../../domain/metrics-summary';
import { glossaryWith } from '../../domain/glossary';
import type { UseCaseContext } from '../context';
import { browsableProject, enabledPipeline, requireAdmin } from '../project-access';
import { dailyPipeline, livePipeline } from './pipeline-now';

type Segment = { dimension: Dimension; value: string };
const ratesOf = (settings: StoredSettings) => ({ reportingCurrency: settings.reportingCurrency, rates: settings.rates });

/** A project's figures, and the scope shown: the project's own, or the chosen segment's (null: that segment has no deals now, or nothing is computed yet). */
async function readScope(projectId: string, segment: Segment | undefined): Promise<{ metrics: ProjectMetrics | null; scope: ScopeMetrics | null }> {
  const [metrics, stored] = await Promise.all([metricsStore.readMetrics(projectId), segment ? metricsStore.readSegmentMetrics(projectId, segment.dimension, segment.value) : Promise.resolve(null)]);
  return { metrics, scope: segment ? metricsStore.currentSegment(stored, metrics) : metrics };
}

/**
 * Insights: the project's daily figures (with the segment breakdowns), the chosen segment's when
 * one is asked for, and the open pipeline now (live from the maintained totals; a segment's from its
 * daily figures) with the glossary. Four storage reads. Errors: NOT_FOUND.
 */
export async function projectMetrics(ctx: UseCaseContext, input: { projectKey: string; segment?: Segment | undefined }): Promise<z.infer<typeof MetricsResult>> {
  const project = await browsableProject(ctx, input.projectKey);
  const segment = input.segment;
  const [pipeline, { metrics, scope }, settings, live] = await Promise.all([
    enabledPipeline(project.id),
    readScope(project.id, segment),
    settingsStore.readSettings(),
    segment ? Promise.resolve(null) : totalsStore.readTotals(project.id),
  ]);
  const rates = ratesOf(settings);
  return {
    projectKey: project.key,
    projectName: project.name,
    metrics,
    segment: segment ? { ...segment, metrics: scope } : null,
    pipeline: live ? livePipeline([{ pipeline, totals: live.totals }], rates) : dailyPipeline([{ pipeline, scope }], rates, metrics?.computedAt ?? null),
    glossary: glossaryWith(settingsStore.glossaryOverrides(settings)),
  };
}

const CHOICE: Record<z.infer<typeof PipelineGadgetInput>['period'], PeriodChoice> = { month: 'month', quarter: 'quarter', 'next-quarter': 'nextQuarter', year: 'year' };
const LAST: Record<PeriodChoice, keyof ScopeMetrics['lastCompleted']> = { month: 'month', quarter: 'quarter', nextQuarter: 'quarter', year: 'year' };

/** A scope's figures for a period; a project without the segment contributes an empty period (never "not computed"). */
function periodOf(l: { metrics: ProjectMetrics | null; scope: ScopeMetrics | null }, pick: (m: ScopeMetrics) => PeriodMetrics): PeriodMetrics {
  return l.scope ? pick(l.scope) : emptyPeriod(pick(l.metrics!));
}

/**
 * One Pipeline gadget render, for one project or several combined, for the whole projects or one
 * segment of them: the period's figures (every figure filtered to the segment), the last completed
 * period's forecast accuracy, and the open pipeline now. Per project the pipeline, the daily figures
 * and the live totals (or the segment's figures), plus the site settings once: 3 storage reads per
 * project + 1, whatever the number of deals. Several projects combine exactly (sums, ratios
 * recomputed from sums); stages are merged by name.
 * Errors: NOT_FOUND (any project not browsable or without the CRM).
 */
export async function pipelineGadget(ctx: UseCaseContext, input: z.infer<typeof PipelineGadgetInput>): Promise<z.infer<typeof PipelineGadgetResult>> {
  const keys = [...new Set([...(input.projectKey ? [input.projectKey] : []), ...(input.projectKeys ?? [])])];
  const segment = input.segment;
  // One Promise.all, so that a failed settings read (a spent storage quota) is handled even when a
  // project read fails first; a read started and left unawaited would be an unhandled rejection.
  const [settings, loaded] = await Promise.all([
    settingsStore.readSettings(),
    Promise.all(
      keys.map(async (key) => {
        const project = await browsableProject(ctx, key);
        const [pipeline, read, totals] = await Promise.all([enabledPipeline(project.id), readScope(project.id, segment), segment ? Promise.resolve(null) : totalsStore.readTotals(project.id)]);
        return { ref: project, pipeline, totals: totals?.totals ?? null, ...read };
      }),
    ),
  ]);
  const rates = ratesOf(settings);
  const choice = CHOICE[input.period];
  const computed = loaded.filter((l) => l.metrics !== null);
  const all = computed.length === loaded.length && computed.length > 0;
  const period = all ? combinePeriods(computed.map((l) => periodOf(l, (m) => m[choice]))) : null;
  const lastCompleted = all ? combinePeriods(computed.map((l) => periodOf(l, (m) => m.lastCompleted[LAST[choice]]))) : null;
  const override = input.targetOverrideMinor;
  const target = override !== undefined ? 'gadget' : segment ? 'not-applicable' : period?.targetMinor != null ? 'project' : 'none';
  const targetMinor = override ?? (segment ? null : (period?.targetMinor ?? null));
  const scopes = computed.map((l) => l.scope).filter((s): s is ScopeMetrics => s !== null);
  const unconverted = new Map<string, { currency: string; deals: number; openMinor: number }>();
  for (const u of scopes.flatMap((s) => s.unconverted)) {
    const entry = unconverted.get(u.currency) ?? { currency: u.currency, deals: 0, openMinor: 0 };
    unconverted.set(u.currency, { currency: u.currency, deals: entry.deals + u.deals, openMinor: entry.openMinor + u.openMinor });
  }
  const counts: Record<string, number> = {};
  for (const s of scopes) for (const [kind, n] of Object.entries(s.changes.counts)) counts[kind] = (counts[kind] ?? 0) + n;
  const since = scopes.map((s) => s.changes.since).filter((d): d is string => d !== null).sort()[0] ?? null;
  const computedAt = all ? Math.min(...computed.map((l) => l.metrics!.computedAt)) : null;
  return {
    projectKey: loaded[0]!.ref.key,
    projectName: loaded.map((l) => l.ref.name).join(', '),
    projects: loaded.map((l) => ({ projectKey: l.ref.key, projectName: l.ref.name, computedAt: l.metrics?.computedAt ?? null })),
    reportingCurrency: settings.reportingCurrency,
    // The oldest computation among the projects: the figures are at least that fresh.
    computedAt,
    segment: segment ?? null,
    period,
    lastCompleted,
    dealCount: all ? scopes.reduce((n, s) => n + s.dealCount, 0) : null,
    targetMinor,
    target,
    coverage: period && targetMinor ? period.qualifiedMinor / targetMinor : null,
    pipeline: segment
      ? dailyPipeline(loaded.map((l) => ({ pipeline: l.pipeline, scope: l.scope })), rates, computedAt)
      : livePipeline(loaded.map((l) => ({ pipeline: l.pipeline, totals: l.totals! })), rates),
    unconverted: [...unconverted.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    changes: all ? { since, counts } : null,
    glossary: glossaryWith(settingsStore.glossaryOverrides(settings)),
  };
}

/** A project admin asks for the numbers now instead of at the next daily run. Errors: NOT_FOUND, FORBIDDEN. */
export async function refreshMetrics(ctx: UseCaseContext, projectKey: string): Promise<{ jobId: string }> {
  const project = await browsableProject(ctx, projectKey);
  await requireAdmin(ctx, project.id);
  await enabledPipeline(project.id);
  return { jobId: await jobQueue.enqueueJob({ kind: 'snapshot', projectId: project.id }) };
}

