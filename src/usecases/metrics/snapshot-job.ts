import { readCompanies } from '../../adapters/kvs/company-store';
import { allProjectDeals } from '../../adapters/kvs/deal-store';
import { crmProjectIds } from '../../adapters/kvs/crm-projects-store';
import { writeMetrics } from '../../adapters/kvs/metrics-store';
import { readPipeline } from '../../adapters/kvs/pipeline-store';
import { readSettings } from '../../adapters/kvs/settings-store';
import { pruneSnapshots, readSnapshot, readSnapshotNearest, writeSnapshot } from '../../adapters/kvs/snapshot-store';
import { enqueueJob } from '../../adapters/queue/jobs';
import type { Deal } from '../../domain/deal';
import type { SnapshotRow } from '../../domain/metrics';
import { periodsNeedingStart, snapshotRows, summarise } from '../../domain/metrics-summary';
import { addDays, isoDateOf, periodOf } from '../../domain/periods';

/**
 * The daily job of one project (on the queue: 900 s): reads every deal once, stores today's
 * snapshot (packed chunks: open deals, and the deals won this fiscal year), prunes old daily
 * snapshots, and computes the figures of the project and of each of its segments with last week's
 * snapshot and the snapshots nearest past periods' starts, so gadgets and Insights read them in one
 * request per scope whatever the number of deals.
 */
export async function runProjectSnapshot(projectId: string, now: number): Promise<{ deals: number; chunks: number; pruned: number; segments: number }> {
  const pipeline = await readPipeline(projectId);
  if (!pipeline) return { deals: 0, chunks: 0, pruned: 0, segments: 0 };
  const settings = await readSettings();
  const deals: Deal[] = [];
  for await (const page of allProjectDeals(projectId)) deals.push(...page);
  const today = isoDateOf(now);
  const calendar = { startMonth: settings.fiscalYearStartMonth };
  const rows = snapshotRows(deals, pipeline, periodOf(today, 'year', calendar).start);

  const lastWeek = await readSnapshot(projectId, addDays(today, -7));
  const periodStarts = new Map<string, { takenOn: string; rows: SnapshotRow[] }>();
  for (const period of periodsNeedingStart(today, calendar)) {
    const start = await readSnapshotNearest(projectId, period.start, period.end);
    if (start) periodStarts.set(period.key, start);
  }

  const companyIds = [...new Set(deals.map((d) => d.companyId).filter((id): id is string => id !== null))];
  const regions = new Map((await readCompanies(companyIds)).map((c) => [c.id, c.region]));
  const summary = summarise({
    deals,
    pipeline,
    rates: { reportingCurrency: settings.reportingCurrency, rates: settings.rates },
    calendar,
    targets: pipeline.targets,
    now,
    lastWeek,
    periodStarts,
    regionOf: (companyId) => (companyId ? (regions.get(companyId) ?? null) : null),
  });
  const chunks = await writeSnapshot(projectId, today, rows);
  const pruned = await pruneSnapshots(projectId, today);
  const segments = await writeMetrics(projectId, summary.project, summary.segments);
  return { deals: deals.length, chunks, pruned, segments };
}

/** The daily trigger: one queued snapshot job per project with the CRM enabled (the site's list of them). */
export async function queueAllSnapshots(): Promise<number> {
  const projectIds = await crmProjectIds(Date.now());
  for (const projectId of projectIds) await enqueueJob({ kind: 'snapshot', projectId });
  return projectIds.length;
}
