import { createHash } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import type { FunnelCells, FunnelMonths } from '../../domain/lead-funnel';
import { addCounts, ZERO_COUNTS } from '../../domain/lead-funnel';
import type { Transaction } from '../../ports/storage';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import { Entities, Keys } from './keys';
import { guardEnvelope, parseStored } from './stored-record';
import type { VersionedShard } from '../../ports/leads';

/**
 * The funnel's monthly counts, kept by the write that moves a contact into a stage (same
 * transaction, conditioned on the shard's version) so Insights reads a year in a few requests at any
 * number of leads. A month is split in SHARDS records by contact, so concurrent writers rarely touch
 * the same one; reading sums them.
 */
export const FUNNEL_SHARDS = 4;
const BATCH = 25;

export interface FunnelShard {
  kind: 'rollup';
  holderId: string;
  version: number;
  updatedAt: number;
  schemaVersion: number;
  data: { cells: FunnelCells };
}

const Counts = z.object({ lead: z.number(), mql: z.number(), sql: z.number(), opportunity: z.number() });
const ShardData = z.object({ cells: z.record(z.string(), Counts) });
const StoredShard = guardEnvelope(z.literal('rollup'), ShardData);

export function funnelShardOf(contactId: string): number {
  return createHash('sha256').update(contactId).digest()[0]! % FUNNEL_SHARDS;
}


export function parseFunnelShard(month: string, shard: number, value: unknown): VersionedShard {
  if (value === undefined) return { month, shard, version: 0, cells: {} };
  const stored = parseStored(StoredShard, 'funnel shard', Keys.funnel(month, shard), value);
  return { month, shard, version: stored.version, cells: stored.data.cells };
}

/** A shard as stored (version 0: none yet). */
export async function readFunnelShard(month: string, shard: number): Promise<VersionedShard> {
  return parseFunnelShard(month, shard, await kvs.entity<FunnelShard>(Entities.guard).get(Keys.funnel(month, shard)));
}

/**
 * A shard a write can be conditioned on: `read` itself when it exists; else created empty first
 * (create-only, since Forge documents no condition on an absent key; a writer that loses that race
 * reads the winner's) and read back.
 */
export async function ensureFunnelShard(read: VersionedShard, now: number): Promise<VersionedShard> {
  if (read.version > 0) return read;
  const empty: FunnelShard = { kind: 'rollup', holderId: `funnel:${read.month}`, version: 1, updatedAt: now, schemaVersion: 1, data: { cells: {} } };
  await createOnly(Keys.funnel(read.month, read.shard), empty, Entities.guard).catch((error: unknown) => {
    if (!(error instanceof WriteRefused)) throw error;
  });
  return parseFunnelShard(read.month, read.shard, await kvs.entity<FunnelShard>(Entities.guard).get(Keys.funnel(read.month, read.shard)));
}

/** Adds to `tx` the shard with its new cells, on condition nobody wrote it since it was read (it exists: see ensureFunnelShard). */
export function writeFunnelShard(tx: Transaction, read: VersionedShard, cells: FunnelCells, now: number): Transaction {
  const value: FunnelShard = { kind: 'rollup', holderId: `funnel:${read.month}`, version: read.version + 1, updatedAt: now, schemaVersion: 1, data: { cells } };
  return tx.set(Keys.funnel(read.month, read.shard), value, { entityName: Entities.guard, conditions: new Filter<FunnelShard>().and('version', FilterConditions.equalTo(read.version)) });
}

/** Every shard of the months asked for, summed per month (25 keys per request). */
export async function readFunnelMonths(months: string[]): Promise<FunnelMonths> {
  const keys = months.flatMap((month) => Array.from({ length: FUNNEL_SHARDS }, (_, shard) => ({ month, key: Keys.funnel(month, shard) })));
  const out: FunnelMonths = {};
  for (let i = 0; i < keys.length; i += BATCH) {
    const slice = keys.slice(i, i + BATCH);
    const result = await kvs.batchGet<unknown>(slice.map(({ key }) => ({ key, entityName: Entities.guard })));
    for (const item of result.successfulKeys) {
      if (item.value === undefined) continue;
      const month = slice.find((k) => k.key === item.key)?.month;
      if (!month) continue;
      const cells = parseStored(StoredShard, 'funnel shard', item.key, item.value).data.cells;
      const target = (out[month] ??= {});
      for (const [cell, counts] of Object.entries(cells)) target[cell] = addCounts(target[cell] ?? ZERO_COUNTS, counts);
    }
  }
  return out;
}
