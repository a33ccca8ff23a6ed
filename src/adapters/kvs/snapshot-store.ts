import { kvs, Sort, WhereConditions } from '@forge/kvs';
import type { SnapshotRow } from '../../domain/metrics';
import { FORECAST_CATEGORIES, OUTCOMES } from '../../domain/pipeline';
import { Entities } from './keys';

/**
 * Daily pipeline snapshots in the `pipeline-snapshot` entity, packed: each row is a short array
 * (id, stage, amount, currency, close date, category, outcome; about 80 bytes), and rows are packed
 * into chunks of at most CHUNK_BYTES, so 100,000 deals are about 8 MB in some 45 records, written in
 * as many requests, instead of 100,000 records. Chunks are keyed `projectId:takenOn:chunk` and found
 * by the by-project-date index.
 */
const CHUNK_BYTES = 180 * 1024;

type PackedRow = [string, string, number, string, string, number, number];

interface SnapshotChunk {
  projectId: string;
  takenOn: string;
  chunk: number;
  dealCount: number;
  schemaVersion: number;
  data: { rows: PackedRow[] };
}

function pack(row: SnapshotRow): PackedRow {
  return [row.dealId, row.stageId, row.amountMinor, row.currency, row.closeDate ?? '', FORECAST_CATEGORIES.indexOf(row.forecastCategory), OUTCOMES.indexOf(row.outcome)];
}

function unpack(row: PackedRow): SnapshotRow {
  return {
    dealId: row[0],
    stageId: row[1],
    amountMinor: row[2],
    currency: row[3],
    closeDate: row[4] || null,
    forecastCategory: FORECAST_CATEGORIES[row[5]] ?? 'pipeline',
    outcome: OUTCOMES[row[6]] ?? 'open',
  };
}

/** Writes one snapshot; returns how many chunks (storage writes) it took. */
export async function writeSnapshot(projectId: string, takenOn: string, rows: readonly SnapshotRow[]): Promise<number> {
  const chunks: PackedRow[][] = [[]];
  let bytes = 0;
  for (const row of rows) {
    const packed = pack(row);
    const size = JSON.stringify(packed).length + 1;
    if (bytes + size > CHUNK_BYTES && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      bytes = 0;
    }
    chunks.at(-1)!.push(packed);
    bytes += size;
  }
  for (const [index, chunk] of chunks.entries()) {
    const value: SnapshotChunk = { projectId, takenOn, chunk: index, dealCount: rows.length, schemaVersion: 1, data: { rows: chunk } };
    await kvs.entity<SnapshotChunk>(Entities.pipelineSnapshot).set(`${projectId}:${takenOn}:${index}`, value);
  }
  return chunks.length;
}

/** The snapshot taken on the latest date ≤ `onOrBefore`, or undefined. */
export async function readSnapshot(projectId: string, onOrBefore: string): Promise<{ takenOn: string; rows: SnapshotRow[] } | undefined> {
  const latest = await kvs
    .entity<SnapshotChunk>(Entities.pipelineSnapshot)
    .query()
    .index('by-project-date', { partition: [projectId] })
    .where(WhereConditions.lessThanEqualTo(onOrBefore))
    .sort(Sort.DESC)
    .limit(1)
    .getOne();
  if (!latest) return undefined;
  const takenOn = (latest.value as SnapshotChunk).takenOn;
  return { takenOn, rows: await rowsOf(projectId, takenOn) };
}

/** The first snapshot taken on or after `onOrAfter` (the one at a period's start). */
export async function readSnapshotFrom(projectId: string, onOrAfter: string, before: string): Promise<{ takenOn: string; rows: SnapshotRow[] } | undefined> {
  const first = await kvs
    .entity<SnapshotChunk>(Entities.pipelineSnapshot)
    .query()
    .index('by-project-date', { partition: [projectId] })
    .where(WhereConditions.between(onOrAfter, before))
    .sort(Sort.ASC)
    .limit(1)
    .getOne();
  if (!first) return undefined;
  const takenOn = (first.value as SnapshotChunk).takenOn;
  return { takenOn, rows: await rowsOf(projectId, takenOn) };
}

async function rowsOf(projectId: string, takenOn: string): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.entity<SnapshotChunk>(Entities.pipelineSnapshot).query().index('by-project-date', { partition: [projectId] }).where(WhereConditions.equalTo(takenOn)).limit(20);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) rows.push(...(result.value as SnapshotChunk).data.rows.map(unpack));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/**
 * Keeps 14 days of daily snapshots, and for older dates only each month's first one (what trends
 * and forecast accuracy at a period's start need). Returns how many chunks were deleted.
 */
export async function pruneSnapshots(projectId: string, today: string): Promise<number> {
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
  const keys: Array<{ key: string; takenOn: string }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs.entity<SnapshotChunk>(Entities.pipelineSnapshot).query().index('by-project-date', { partition: [projectId] }).where(WhereConditions.lessThan(cutoff)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) keys.push({ key: result.key, takenOn: (result.value as SnapshotChunk).takenOn });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const firstOfMonth = new Map<string, string>();
  for (const { takenOn } of keys) {
    const month = takenOn.slice(0, 7);
    const known = firstOfMonth.get(month);
    if (!known || takenOn < known) firstOfMonth.set(month, takenOn);
  }
  const doomed = keys.filter(({ takenOn }) => firstOfMonth.get(takenOn.slice(0, 7)) !== takenOn);
  for (let i = 0; i < doomed.length; i += 25) await kvs.batchDelete(doomed.slice(i, i + 25).map(({ key }) => ({ key, entityName: Entities.pipelineSnapshot })));
  return doomed.length;
}
