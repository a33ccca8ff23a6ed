import type { CurrencyAmounts } from './money';
import { addTo, weightedMinor } from './money';
import type { Deal } from './deal';
import { forecastOf } from './deal';
import type { ForecastCategory, Pipeline } from './pipeline';
import { stageById } from './pipeline';
import { ownValue } from './own';

/**
 * A project's derived totals for the board and the gadgets, kept per currency (conversion happens
 * when a report is read, so a rate change never makes stored totals wrong). They are maintained by
 * applying each write's before/after difference in the same transaction as the write, and can be
 * rebuilt from scratch with `computeTotals`; both must always agree (a property test checks this).
 *
 * Weighted amounts use the stage probability at write time: a change of probabilities in the
 * pipeline settings rebuilds the totals.
 */
export interface Bucket {
  count: number;
  amounts: CurrencyAmounts;
}

export interface PipelineTotals {
  open: Bucket;
  won: Bucket;
  lost: Bucket;
  /** Open amount × stage probability, rounded per deal to the minor unit. */
  weighted: CurrencyAmounts;
  byStage: Record<string, Bucket>;
  /** Open amount × probability per stage (the board's column headers). */
  weightedByStage: Record<string, CurrencyAmounts>;
  /** Open and won deals by forecast category (lost deals are Omitted). */
  byForecast: Partial<Record<ForecastCategory, Bucket>>;
}

export function emptyTotals(): PipelineTotals {
  return { open: emptyBucket(), won: emptyBucket(), lost: emptyBucket(), weighted: {}, byStage: {}, weightedByStage: {}, byForecast: {} };
}

function emptyBucket(): Bucket {
  return { count: 0, amounts: {} };
}

function shift(bucket: Bucket | undefined, sign: 1 | -1, currency: string, amountMinor: number): Bucket {
  const base = bucket ?? emptyBucket();
  return { count: base.count + sign, amounts: amountMinor === 0 ? base.amounts : addTo(base.amounts, currency, sign * amountMinor) };
}

function prune<K extends string>(record: Partial<Record<K, Bucket>>, key: K): void {
  const bucket = ownValue<Bucket>(record, key);
  if (bucket && bucket.count === 0 && Object.keys(bucket.amounts).length === 0) delete record[key];
}

function applyOne(totals: PipelineTotals, deal: Deal, pipeline: Pipeline, sign: 1 | -1): PipelineTotals {
  if (deal.archived) return totals;
  const stage = stageById(pipeline, deal.stageId);
  const amount = deal.amountMinor ?? 0;
  const next: PipelineTotals = { ...totals, byStage: { ...totals.byStage }, weightedByStage: { ...totals.weightedByStage }, byForecast: { ...totals.byForecast } };
  next[deal.outcome] = shift(totals[deal.outcome], sign, deal.currency, amount);
  next.byStage[deal.stageId] = shift(ownValue(totals.byStage, deal.stageId), sign, deal.currency, amount);
  prune(next.byStage, deal.stageId);
  if (stage) {
    const category = forecastOf(deal, stage);
    next.byForecast[category] = shift(ownValue(totals.byForecast, category), sign, deal.currency, amount);
    prune(next.byForecast, category);
    if (deal.outcome === 'open' && amount !== 0) {
      const weighted = sign * weightedMinor(amount, stage.probability);
      next.weighted = addTo(totals.weighted, deal.currency, weighted);
      const stageWeighted = addTo(ownValue(totals.weightedByStage, deal.stageId) ?? {}, deal.currency, weighted);
      if (Object.keys(stageWeighted).length > 0) next.weightedByStage[deal.stageId] = stageWeighted;
      else delete next.weightedByStage[deal.stageId];
    }
  }
  return next;
}

/** The totals after one write: `before` is null for a create, `after` null for a delete. */
export function applyChange(totals: PipelineTotals, before: Deal | null, after: Deal | null, pipeline: Pipeline): PipelineTotals {
  let next = totals;
  if (before) next = applyOne(next, before, pipeline, -1);
  if (after) next = applyOne(next, after, pipeline, 1);
  return next;
}

/** The totals recomputed from every deal of a project (the rebuild, and the check in tests). */
export function computeTotals(deals: Iterable<Deal>, pipeline: Pipeline): PipelineTotals {
  let totals = emptyTotals();
  for (const deal of deals) totals = applyOne(totals, deal, pipeline, 1);
  return totals;
}

// ------------------------------------------------------------------ shards

/**
 * The rollup is split into shards so that writes to different deals do not all update one record:
 * a deal's changes always go to the shard its id picks (so its before/after difference lands where
 * its earlier contribution is, or is balanced across shards by the sum), and a reader adds every
 * shard up. A shard alone may hold negative counts (a deal counted in one shard by an older rollup
 * and moved out in its own); only the sum means anything.
 */
export function shardOf(dealId: string, shards: number): number {
  // FNV-1a over UTF-16 code units: stable across runtimes, pure, and spreads ids evenly.
  let hash = 0x811c9dc5;
  for (let i = 0; i < dealId.length; i += 1) {
    hash ^= dealId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

function addBucket(into: Bucket | undefined, bucket: Bucket): Bucket {
  let amounts = into?.amounts ?? {};
  for (const [currency, amount] of Object.entries(bucket.amounts)) amounts = addTo(amounts, currency, amount);
  return { count: (into?.count ?? 0) + bucket.count, amounts };
}

function addBuckets<K extends string>(into: Partial<Record<K, Bucket>>, from: Partial<Record<K, Bucket>>): void {
  for (const [key, bucket] of Object.entries(from) as Array<[K, Bucket]>) {
    into[key] = addBucket(ownValue<Bucket>(into, key), bucket);
    prune(into, key);
  }
}

/** The project's totals: the sum of its shards, with empty buckets left out as `computeTotals` leaves them out. */
export function mergeTotals(parts: Iterable<PipelineTotals>): PipelineTotals {
  const sum = emptyTotals();
  for (const part of parts) {
    sum.open = addBucket(sum.open, part.open);
    sum.won = addBucket(sum.won, part.won);
    sum.lost = addBucket(sum.lost, part.lost);
    for (const [currency, amount] of Object.entries(part.weighted)) sum.weighted = addTo(sum.weighted, currency, amount);
    addBuckets(sum.byStage, part.byStage);
    addBuckets(sum.byForecast, part.byForecast);
    for (const [stageId, amounts] of Object.entries(part.weightedByStage)) {
      let merged = ownValue(sum.weightedByStage, stageId) ?? {};
      for (const [currency, amount] of Object.entries(amounts)) merged = addTo(merged, currency, amount);
      if (Object.keys(merged).length > 0) sum.weightedByStage[stageId] = merged;
      else delete sum.weightedByStage[stageId];
    }
  }
  return sum;
}

/** The totals recomputed per shard (the rebuild stores each shard's own deals' totals). */
export function computeShards(deals: Iterable<Deal>, pipeline: Pipeline, shards: number): PipelineTotals[] {
  const parts = Array.from({ length: shards }, () => emptyTotals());
  for (const deal of deals) {
    const at = shardOf(deal.id, shards);
    parts[at] = applyOne(parts[at]!, deal, pipeline, 1);
  }
  return parts;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** Whether two totals hold the same figures, whatever order their keys were added in. */
export function sameTotals(a: PipelineTotals, b: PipelineTotals): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
