import { kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { SnapshotRow } from '../../domain/metrics';
import { FORECAST_CATEGORIES, OUTCOMES } from '../../domain/pipeline';
import { Entities, Keys } from './keys';
import { allPages } from './paging';
import { parseStored } from './stored-record';

/**
 * Daily pipeline snapshots in the `pipeline-snapshot` entity, packed: each row is a short array
 * (id, stage, amount, currency, close date, category, outcome, won on; about 80 bytes), and rows are packed
 * into chunks of at most CHUNK_BYTES, so 100,000 deals are about 8 MB in some 45 records, written in
 * as many requests, instead of 100,000 records. Chunks are keyed `projectId:takenOn:chunk` and found
 * by the by-project-date index.
 */
const CHUNK_BYTES = 180 * 1024;
/** How far before a period's start a snapshot may stand in for it (pruning keeps each month's first). */
const MAX_DAYS_BEFORE = 31;

/** Snapshots written before won rows were kept have seven elements (no won-on date). */
const PackedRow = z.tuple([z.string(), z.string(), z.number(), z.string(), z.string(), z.number(), z.number()], z.string());
type PackedRow = z.infer<typeof PackedRow>;

const SnapshotChunk = z.object({
  projectId: z.string(),
  takenOn: z.string(),
  chunk: z.number().int(),
  dealCount: z.number().int(),
  schemaVersion: z.number().int(),
  data: z.object({ rows: z.array(PackedRow) }),
});
type SnapshotChunk = z.infer<typeof SnapshotChunk>;
const chunkOf = (result: { key: string; value: unknown }) => parseStored(SnapshotChunk, 'pipeline snapshot chunk', result.key, result.value);

function pack(row: SnapshotRow): PackedRow {
  const packed: PackedRow = [row.dealId, row.stageId, row.amountMinor, row.currency, row.closeDate ?? '', FORECAST_CATEGORIES.indexOf(row.forecastCategory), OUTCOMES.indexOf(row.outcome)];
  if (row.closedOn) packed.push(row.closedOn);
  return packed;
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
    closedOn: row[7] || null,
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
    const value: SnapshotChunk = { projectId, takenOn, chunk: index, dealCount: rows.length, schemaVersion: 2, data: { rows: chunk } };
    await kvs.entity<SnapshotChunk>(Entities.pipelineSnapshot).set(Keys.snapshotChunk(projectId, takenOn, index), value);
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
  const takenOn = chunkOf(latest).takenOn;
  return { takenOn, rows: await rowsOf(projectId, takenOn) };
}

/**
 * The snapshot to take a period's starting forecast from: the one taken on its first day, else the
 * nearest one (the latest in the month before the start, or the first in the period, whichever is
 * fewer days away; a tie goes to the later one, which already holds the period's first wins).
 * Undefined when neither exists: an older snapshot says too little about the period's start.
 */
export async function readSnapshotNearest(projectId: string, start: string, end: string): Promise<{ takenOn: string; rows: SnapshotRow[] } | undefined> {
  const after = await firstTakenOn(projectId, WhereConditions.between(start, end), Sort.ASC);
  if (after === start) return { takenOn: after, rows: await rowsOf(projectId, after) };
  const days = (date: string) => Math.abs(Date.parse(`${date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000;
  const latestBefore = await firstTakenOn(projectId, WhereConditions.lessThan(start), Sort.DESC);
  const before = latestBefore !== undefined && days(latestBefore) <= MAX_DAYS_BEFORE ? latestBefore : undefined;
  const takenOn = after && (!before || days(after) <= days(before)) ? after : before;
  return takenOn ? { takenOn, rows: await rowsOf(projectId, takenOn) } : undefined;
}

async function firstTakenOn(projectId: string, condition: ReturnType<typeof WhereConditions.lessThan> | ReturnType<typeof WhereConditions.between>, order: Sort): Promise<string | undefined> {
  const first = await kvs.entity<SnapshotChunk>(Entities.pipelineSnapshot).query().index('by-project-date', { partition: [projectId] }).where(condition).sort(order).limit(1).getOne();
  return first ? chunkOf(first).takenOn : undefined;
}

async function rowsOf(projectId: string, takenOn: string): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = [];
  const chunks = () => kvs.entity<SnapshotChunk>(Entities.pipelineSnapshot).query().index('by-project-date', { partition: [projectId] }).where(WhereConditions.equalTo(takenOn)).limit(20);
  for await (const page of allPages(chunks)) for (const result of page) rows.push(...chunkOf(result).data.rows.map(unpack));
  return rows;
}

/**
 * Keeps 14 days of daily snapshots, and for older dates only each month's first one (what trends
 * and forecast accuracy at a period's start need). Returns how many chunks were deleted.
 */
export async function pruneSnapshots(projectId: string, today: string): Promise<number> {
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
  const keys: Array<{ key: string; takenOn: string }> = [];
  const older = () => kvs.entity<SnapshotChunk>(Entities.pipelineSnapshot).query().index('by-project-date', { partition: [projectId] }).where(WhereConditions.lessThan(cutoff)).limit(100);
  for await (const page of allPages(older)) for (const result of page) keys.push({ key: result.key, takenOn: chunkOf(result).takenOn });
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
