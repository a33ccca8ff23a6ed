import { QUERY_SETTLE_MS } from '../../ports/storage';
import { companyStore, crmProjectStore, dealStore, jobQueue, metricsStore, pipelineStore, settingsStore, snapshotStore, storage, totalsStore } from '../../ports/registry';
import type { Deal } from '../../domain/deal';
import type { SnapshotRow } from '../../domain/metrics';
import { periodsNeedingStart, snapshotRows, summarise } from '../../domain/metrics-summary';
import { addDays, isoDateOf, periodOf } from '../../domain/periods';

/** How long a queued job (900 s) may spend waiting for Forge's storage quota. */
export const JOB_QUOTA_WAIT_MS = 600_000;

/**
 * The daily job of one project (on the queue: 900 s): reads every deal once, stores today's
 * snapshot (packed chunks: open deals, and the deals won this fiscal year), prunes old daily
 * snapshots, and computes the figures of the project and of each of its segments with last week's
 * snapshot and the snapshots nearest past periods' starts, so gadgets and Insights read them in one
 * request per scope whatever the number of deals.
 */
export async function runProjectSnapshot(projectId: string, now: number): Promise<{ deals: number; chunks: number; pruned: number; segments: number } | { retryAfterSeconds: number }> {
  // Every storage request of the job waits out Forge's quota (429) rather than fail the whole run:
  // reading 100,000 deals alone spends about 14,000 read units, over three minutes of the
  // installation's 4,000 a minute; the job has 900 seconds.
  const paced = <T>(request: () => Promise<T>) => storage.withStorageBackoff(request, JOB_QUOTA_WAIT_MS);
  const pipeline = await paced(() => pipelineStore.readPipeline(projectId));
  if (!pipeline) return { deals: 0, chunks: 0, pruned: 0, segments: 0 };
  // The deals are read with an entity query, which may trail writes: right after a deal write the
  // snapshot waits (the queue runs it again) rather than store numbers that miss that write.
  const { updatedAt } = await paced(() => totalsStore.readTotals(projectId));
  const quietFor = now - updatedAt;
  if (quietFor < QUERY_SETTLE_MS) return { retryAfterSeconds: Math.max(1, Math.ceil(Math.min(QUERY_SETTLE_MS, QUERY_SETTLE_MS - quietFor) / 1000)) };
  const settings = await paced(() => settingsStore.readSettings());
  const deals: Deal[] = [];
  for await (const page of dealStore.allProjectDeals(projectId, JOB_QUOTA_WAIT_MS)) deals.push(...page);
  const today = isoDateOf(now);
  const calendar = { startMonth: settings.fiscalYearStartMonth };
  const rows = snapshotRows(deals, pipeline, periodOf(today, 'year', calendar).start);

  const lastWeek = await paced(() => snapshotStore.readSnapshot(projectId, addDays(today, -7)));
  const periodStarts = new Map<string, { takenOn: string; rows: SnapshotRow[] }>();
  for (const period of periodsNeedingStart(today, calendar)) {
    const start = await paced(() => snapshotStore.readSnapshotNearest(projectId, period.start, period.end));
    if (start) periodStarts.set(period.key, start);
  }

  const companyIds = [...new Set(deals.map((d) => d.companyId).filter((id): id is string => id !== null))];
  const regions = new Map((await paced(() => companyStore.readCompanies(companyIds))).map((c) => [c.id, c.region]));
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
  // Each is idempotent (keys by day and number, or by scope), so a retried call rewrites the same keys.
  const chunks = await paced(() => snapshotStore.writeSnapshot(projectId, today, rows));
  const pruned = await paced(() => snapshotStore.pruneSnapshots(projectId, today));
  const segments = await paced(() => metricsStore.writeMetrics(projectId, summary.project, summary.segments));
  return { deals: deals.length, chunks, pruned, segments };
}

/** The daily trigger: one queued snapshot job per project with the CRM enabled (the site's list of them). */
export async function queueAllSnapshots(now: number): Promise<number> {
  const projectIds = await crmProjectStore.crmProjectIds(now);
  for (const projectId of projectIds) await jobQueue.enqueueJob({ kind: 'snapshot', projectId });
  return projectIds.length;
}
