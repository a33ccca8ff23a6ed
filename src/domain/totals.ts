import type { CurrencyAmounts } from './money';
import { addTo, weightedMinor } from './money';
import type { Deal } from './deal';
import { forecastOf } from './deal';
import type { ForecastCategory, Pipeline } from './pipeline';
import { stageById } from './pipeline';

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
  const bucket = record[key];
  if (bucket && bucket.count === 0 && Object.keys(bucket.amounts).length === 0) delete record[key];
}

function applyOne(totals: PipelineTotals, deal: Deal, pipeline: Pipeline, sign: 1 | -1): PipelineTotals {
  if (deal.archived) return totals;
  const stage = stageById(pipeline, deal.stageId);
  const amount = deal.amountMinor ?? 0;
  const next: PipelineTotals = { ...totals, byStage: { ...totals.byStage }, weightedByStage: { ...totals.weightedByStage }, byForecast: { ...totals.byForecast } };
  next[deal.outcome] = shift(totals[deal.outcome], sign, deal.currency, amount);
  next.byStage[deal.stageId] = shift(totals.byStage[deal.stageId], sign, deal.currency, amount);
  prune(next.byStage, deal.stageId);
  if (stage) {
    const category = forecastOf(deal, stage);
    next.byForecast[category] = shift(totals.byForecast[category], sign, deal.currency, amount);
    prune(next.byForecast, category);
    if (deal.outcome === 'open' && amount !== 0) {
      const weighted = sign * weightedMinor(amount, stage.probability);
      next.weighted = addTo(totals.weighted, deal.currency, weighted);
      const stageWeighted = addTo(totals.weightedByStage[deal.stageId] ?? {}, deal.currency, weighted);
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
