import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { TotalsRecord } from '../../contracts/pipeline';
import type { PipelineTotals } from '../../domain/totals';
import { emptyTotals, mergeTotals, shardOf } from '../../domain/totals';
import { Entities, Keys } from './keys';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import { type TxStep } from '../../ports/storage';
import type { TotalsShard, VersionedTotals } from '../../ports/deals';
import { TOTALS_SHARDS } from '../../ports/deals';
import { guardEnvelope, parseStoredIfAny } from './stored-record';


interface TotalsGuard {
  kind: 'rollup';
  holderId: string;
  version: number;
  updatedAt: number;
  schemaVersion: number;
  data: PipelineTotals;
}

/** A shard as read back: every figure optional, since the ones added to the totals later are missing from older shards. */
const StoredShard = guardEnvelope(z.literal('rollup'), TotalsRecord.shape.totals.partial());
const parseShard = (key: string, value: unknown) => parseStoredIfAny(StoredShard, 'totals shard', key, value);



const guard = () => kvs.entity<TotalsGuard>(Entities.guard);

function shardFrom(index: number, value: z.infer<typeof StoredShard> | undefined): TotalsShard {
  // Fields added to the totals later start empty; a rebuild fills them.
  return value ? { index, totals: { ...emptyTotals(), ...value.data }, version: value.version, updatedAt: value.updatedAt } : { index, totals: emptyTotals(), version: 0, updatedAt: 0 };
}

/** Every shard of a project, in one batch request. */
export async function readShards(projectId: string): Promise<TotalsShard[]> {
  const keys = Array.from({ length: TOTALS_SHARDS }, (_, index) => ({ key: Keys.totalsShard(projectId, index), entityName: Entities.guard }));
  const result = await kvs.batchGet<unknown>(keys);
  const byKey = new Map(result.successfulKeys.map((item) => [item.key, item.value]));
  return keys.map(({ key }, index) => shardFrom(index, parseShard(key, byKey.get(key))));
}

/** A project's totals: one batch read of its shards, summed. Same meaning as the single rollup it replaces. */
export async function readTotals(projectId: string): Promise<VersionedTotals> {
  const shards = await readShards(projectId);
  return { totals: mergeTotals(shards.map((s) => s.totals)), version: shards.reduce((sum, s) => sum + s.version, 0), updatedAt: lastDealWrite(shards) };
}

/** When a deal write last changed any of the shards (0 when none has). */
export function lastDealWrite(shards: TotalsShard[]): number {
  return shards.reduce((latest, s) => Math.max(latest, s.updatedAt), 0);
}

// Created empty, no deal write has changed it yet: updatedAt 0 (the settle wait reads it).
function emptyShard(projectId: string): TotalsGuard {
  return { kind: 'rollup', holderId: projectId, version: 1, updatedAt: 0, schemaVersion: 1, data: emptyTotals() };
}

/** Creates a missing shard, empty (create-only: a writer that lost the race just reads the winner's). */
async function createShard(projectId: string, index: number): Promise<void> {
  await createOnly(Keys.totalsShard(projectId, index), emptyShard(projectId), Entities.guard).catch((error: unknown) => {
    if (!(error instanceof WriteRefused)) throw error;
  });
}

/** The shard a deal's writes go to, created first if it does not exist yet (one get; three the first time). */
export async function shardForDeal(projectId: string, dealId: string): Promise<TotalsShard> {
  const index = shardOf(dealId, TOTALS_SHARDS);
  const key = Keys.totalsShard(projectId, index);
  let value = parseShard(key, await guard().get(key));
  if (!value) {
    await createShard(projectId, index);
    value = parseShard(key, await guard().get(key));
  }
  return shardFrom(index, value);
}

/** Every shard, the missing ones created first, so that each can carry a condition. */
export async function allShards(projectId: string): Promise<TotalsShard[]> {
  const shards = await readShards(projectId);
  const missing = shards.filter((s) => s.version === 0);
  if (missing.length === 0) return shards;
  for (const shard of missing) await createShard(projectId, shard.index);
  return readShards(projectId);
}

const versionIs = (version: number) => new Filter<TotalsGuard>().and('version', FilterConditions.equalTo(version));

/** Writes a shard's new figures, stamped with the deal write's time `at`, if it is still at the version read. */
export function shardWrite(projectId: string, shard: TotalsShard, totals: PipelineTotals, at: number): TxStep {
  const next: TotalsGuard = { kind: 'rollup', holderId: projectId, version: shard.version + 1, updatedAt: at, schemaVersion: 1, data: totals };
  return (tx) => tx.set(Keys.totalsShard(projectId, shard.index), next, { entityName: Entities.guard, conditions: versionIs(shard.version) });
}

/** Holds the transaction to the shard being unchanged since it was read (e.g. no deal entered a stage being removed). */
export function shardUnchanged(projectId: string, shard: TotalsShard): TxStep {
  return (tx) => tx.check(Keys.totalsShard(projectId, shard.index), { entityName: Entities.guard, conditions: versionIs(shard.version) });
}

/**
 * Replaces every shard with recomputed figures in one transaction, if none changed since `read` (and
 * `also` holds). `writtenAt` is when the deals were written (seeding), or `'unchanged'` for a
 * rebuild, which changes no deal and so keeps each shard's time of its last deal write.
 */
export async function replaceShards(projectId: string, read: TotalsShard[], next: PipelineTotals[], writtenAt: number | 'unchanged', also: TxStep[] = []): Promise<void> {
  let tx = kvs.transact();
  for (const shard of read) tx = shardWrite(projectId, shard, next[shard.index]!, writtenAt === 'unchanged' ? shard.updatedAt : writtenAt)(tx);
  for (const step of also) tx = step(tx);
  await tx.execute();
}
