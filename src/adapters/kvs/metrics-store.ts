import { createHash } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { ProjectMetricsSchema, ScopeMetricsSchema } from '../../contracts/metrics';
import type { Dimension } from '../../domain/metrics';
import type { ProjectMetrics, ScopeMetrics } from '../../domain/metrics-summary';
import { Keys } from './keys';

/**
 * The daily job's figures: one record per project (`metrics:<project>`, with the segment
 * breakdowns) and one per segment value (`metrics-segment:<project>:<dimension>:<digest>`), so a
 * gadget or Insights filtered to one owner reads one more record, never the deals. Records are read
 * through the contract's schema: figures computed by an older version (a field missing) are not
 * shown as if they were complete; the next daily run replaces them.
 */
export interface StoredMetrics extends ProjectMetrics {
  schemaVersion: 2;
  projectId: string;
}

const BATCH = 25;

function segmentKey(projectId: string, dimension: Dimension, value: string): string {
  return Keys.segmentMetrics(projectId, dimension, createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 40));
}

export async function readMetrics(projectId: string): Promise<ProjectMetrics | null> {
  const parsed = ProjectMetricsSchema.safeParse(await kvs.get(Keys.metrics(projectId)));
  return parsed.success ? parsed.data : null;
}

/** One segment's stored figures (read beside the project's: check them with `currentSegment`). */
export async function readSegmentMetrics(projectId: string, dimension: Dimension, value: string): Promise<ScopeMetrics | null> {
  const parsed = ScopeMetricsSchema.safeParse(await kvs.get(segmentKey(projectId, dimension, value)));
  const metrics = parsed.success ? parsed.data : null;
  return metrics?.scope?.dimension === dimension && metrics.scope.value === value ? metrics : null;
}

/**
 * A segment's figures when they belong to the project's current figures (written by the same run
 * or a newer one): a value that has no deals any more keeps an old record, which is not shown.
 */
export function currentSegment(segment: ScopeMetrics | null, project: Pick<ProjectMetrics, 'computedAt'> | null): ScopeMetrics | null {
  return segment && project && segment.computedAt >= project.computedAt ? segment : null;
}

/** Writes the segments first and the project last, so a reader never pairs new project figures with missing segments. */
export async function writeMetrics(projectId: string, project: ProjectMetrics, segments: readonly ScopeMetrics[]): Promise<number> {
  const entries = segments.filter((s) => s.scope !== null).map((s) => ({ key: segmentKey(projectId, s.scope!.dimension, s.scope!.value), value: s }));
  for (let i = 0; i < entries.length; i += BATCH) {
    const result = await kvs.batchSet(entries.slice(i, i + BATCH));
    if (result.failedKeys.length > 0) throw new Error(`Could not store the figures of ${result.failedKeys.length} segments: ${result.failedKeys[0]?.error.message ?? ''}`);
  }
  const stored: StoredMetrics = { schemaVersion: 2, projectId, ...project };
  await kvs.set(Keys.metrics(projectId), stored);
  return entries.length;
}
