import { kvs } from '@forge/kvs';
import { readCompanies } from '../../adapters/kvs/company-store';
import { allProjectDeals } from '../../adapters/kvs/deal-store';
import { Keys } from '../../adapters/kvs/keys';
import { crmProjectIds } from '../../adapters/kvs/crm-projects-store';
import { readPipeline } from '../../adapters/kvs/pipeline-store';
import { readSettings } from '../../adapters/kvs/settings-store';
import { pruneSnapshots, readSnapshot, readSnapshotFrom, writeSnapshot } from '../../adapters/kvs/snapshot-store';
import { enqueueJob } from '../../adapters/queue/jobs';
import type { Deal } from '../../domain/deal';
import type { SnapshotRow } from '../../domain/metrics';
import { snapshotRows, summarise, type ProjectMetrics } from '../../domain/metrics-summary';
import { addDays, isoDateOf, periodOf, shiftPeriod } from '../../domain/periods';

export interface StoredMetrics extends ProjectMetrics {
  schemaVersion: 1;
  projectId: string;
}

export async function readMetrics(projectId: string): Promise<StoredMetrics | undefined> {
  return (await kvs.get(Keys.metrics(projectId))) as StoredMetrics | undefined;
}

/**
 * The daily job of one project (on the queue: 900 s): reads every deal once, stores today's
 * snapshot (packed chunks), prunes old daily snapshots, and computes the project's metrics with
 * last week's snapshot and the snapshots at past periods' starts, so gadgets and Insights read
 * them in one request whatever the number of deals.
 */
export async function runProjectSnapshot(projectId: string, now: number): Promise<{ deals: number; chunks: number; pruned: number }> {
  const pipeline = await readPipeline(projectId);
  if (!pipeline) return { deals: 0, chunks: 0, pruned: 0 };
  const settings = await readSettings();
  const deals: Deal[] = [];
  for await (const page of allProjectDeals(projectId)) deals.push(...page);
  const today = isoDateOf(now);
  const calendar = { startMonth: settings.fiscalYearStartMonth };

  const lastWeek = await readSnapshot(projectId, addDays(today, -7));
  const periodStarts = new Map<string, SnapshotRow[]>();
  const quarter = periodOf(today, 'quarter', calendar);
  for (const period of [...Array.from({ length: 8 }, (_, i) => shiftPeriod(quarter, i - 7, calendar)), shiftPeriod(periodOf(today, 'month', calendar), -1, calendar)]) {
    if (period.end >= today) continue;
    const start = await readSnapshotFrom(projectId, period.start, period.end);
    if (start) periodStarts.set(period.key, start.rows);
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
  const chunks = await writeSnapshot(projectId, today, snapshotRows(deals, pipeline));
  const pruned = await pruneSnapshots(projectId, today);
  const stored: StoredMetrics = { schemaVersion: 1, projectId, ...summary };
  await kvs.set(Keys.metrics(projectId), stored);
  return { deals: deals.length, chunks, pruned };
}

/** The daily trigger: one queued snapshot job per project with the CRM enabled (the site's list of them). */
export async function queueAllSnapshots(): Promise<number> {
  const projectIds = await crmProjectIds(Date.now());
  for (const projectId of projectIds) await enqueueJob({ kind: 'snapshot', projectId });
  return projectIds.length;
}
