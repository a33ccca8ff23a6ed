import type { Deal } from './deal';
import { forecastOf } from './deal';
import type { Dimension, SnapshotRow, WeeklyChanges } from './metrics';
import { bySegment, changesSince, dataCompleteness, segmentOf, stageConversion, staleDeals } from './metrics';
import type { PeriodMetrics } from './metrics-period';
import { periodMetrics } from './metrics-period';
import type { CurrencyAmounts, ExchangeRates } from './money';
import { convert, hasRate, weightedMinor } from './money';
import type { Pipeline } from './pipeline';
import { stageById } from './pipeline';
import type { FiscalCalendar, Period } from './periods';
import { isoDateOf, periodOf, shiftPeriod } from './periods';
import type { Bucket } from './totals';
import { ownValue } from './own';

export type { ForecastBasis, PeriodMetrics } from './metrics-period';

/**
 * A project's numbers, computed once a day from every deal and the stored snapshots by the snapshot
 * job, for the project and for each owner, segment, source and region of it (a scope), and read by
 * the gadgets and Insights in one request per scope. Money is in the reporting currency's minor units.
 */
export type PeriodChoice = 'quarter' | 'month' | 'nextQuarter' | 'year';
export const PERIOD_CHOICES: readonly PeriodChoice[] = ['quarter', 'month', 'nextQuarter', 'year'];
export const DIMENSIONS: readonly Dimension[] = ['owner', 'segment', 'source', 'region'];
/** Segment values kept per dimension (most deals first): a free-text source must not outgrow a stored record. */
export const MAX_SEGMENT_VALUES = 100;

/** One row of a segment breakdown for a period: its qualified pipeline and its results. */
export interface SegmentRow {
  qualifiedCount: number;
  qualifiedMinor: number;
  winRate: number | null;
  won: number;
  lost: number;
  wonMinor: number;
}

/** The open pipeline now, per currency (as the maintained totals keep it), so it converts as the board's does. */
export interface PipelineNow {
  open: Bucket;
  weighted: CurrencyAmounts;
  byStage: Record<string, Bucket>;
  weightedByStage: Record<string, CurrencyAmounts>;
}

export interface ScopeMetrics {
  computedAt: number;
  reportingCurrency: string;
  /** Null for the whole project. */
  scope: { dimension: Dimension; value: string } | null;
  /** Project targets apply to the project only: a segment's coverage needs a target of its own. */
  targetsApply: boolean;
  /** The deals the figures were computed from (not archived, open or closed). */
  dealCount: number;
  pipelineNow: PipelineNow;
  staleCount: number;
  dataCompleteness: number | null;
  quarter: PeriodMetrics;
  month: PeriodMetrics;
  nextQuarter: PeriodMetrics;
  /** The current fiscal year. */
  year: PeriodMetrics;
  /** The last month, quarter and fiscal year that have ended (their forecast accuracy is known). */
  lastCompleted: { month: PeriodMetrics; quarter: PeriodMetrics; year: PeriodMetrics };
  /** The last 8 quarters, oldest first, the current one last. */
  trend: PeriodMetrics[];
  stageConversion: Array<{ stageId: string; entered: number; advanced: number; rate: number | null }>;
  changes: { since: string | null; counts: Record<keyof WeeklyChanges, number>; dealIds: WeeklyChanges };
  /** Currencies without an exchange rate: their deals count, their amounts are in no money figure. */
  unconverted: Array<{ currency: string; deals: number; openMinor: number }>;
}

export interface ProjectMetrics extends ScopeMetrics {
  /** Per period, dimension and value: the breakdown tables of Insights. */
  segments: Record<PeriodChoice, Record<Dimension, Record<string, SegmentRow>>>;
  /** Values left out of the breakdowns per dimension (beyond MAX_SEGMENT_VALUES). */
  segmentsOmitted: Record<Dimension, number>;
}

export interface SummaryInput {
  deals: readonly Deal[];
  pipeline: Pipeline;
  rates: ExchangeRates;
  calendar: FiscalCalendar;
  targets: ReadonlyArray<{ period: string; amountMinor: number; currency: string }>;
  now: number;
  lastWeek: { takenOn: string; rows: SnapshotRow[] } | undefined;
  /** The snapshot nearest each ended period's start (periodsNeedingStart), by period key. */
  periodStarts: ReadonlyMap<string, { takenOn: string; rows: SnapshotRow[] }>;
  regionOf(companyId: string | null): string | null;
}

/** The ended periods whose forecast accuracy is shown: the trend's past quarters, last month and last fiscal year. */
export function periodsNeedingStart(today: string, calendar: FiscalCalendar): Period[] {
  const quarter = periodOf(today, 'quarter', calendar);
  return [
    ...Array.from({ length: 7 }, (_, i) => shiftPeriod(quarter, i - 7, calendar)),
    shiftPeriod(periodOf(today, 'month', calendar), -1, calendar),
    shiftPeriod(periodOf(today, 'year', calendar), -1, calendar),
  ];
}

function targetFor(period: Period, input: SummaryInput): number | null {
  const target = input.targets.find((t) => t.period === period.key);
  if (!target || !hasRate(target.currency, input.rates)) return null;
  return convert({ amountMinor: target.amountMinor, currency: target.currency }, input.rates).amountMinor;
}

/**
 * The open deals per stage and currency, as the maintained totals count them (domain/totals.ts: a
 * zero amount adds to the count only; weighted = amount × stage probability rounded per deal), so a
 * segment's open pipeline converts exactly as the board's columns do. Accumulated in place: this
 * runs for the project and every segment over every open deal.
 */
function pipelineNow(deals: readonly Deal[], pipeline: Pipeline): PipelineNow {
  const out: PipelineNow = { open: { count: 0, amounts: {} }, weighted: {}, byStage: {}, weightedByStage: {} };
  const add = (into: CurrencyAmounts, currency: string, amount: number) => {
    const next = (into[currency] ?? 0) + amount;
    if (next === 0) delete into[currency];
    else into[currency] = next;
  };
  for (const deal of deals) {
    if (deal.outcome !== 'open' || deal.archived) continue;
    const stage = stageById(pipeline, deal.stageId);
    // Stage ids are people's words too (a stage called "constructor"): own entries only.
    const bucket = ownValue(out.byStage, deal.stageId) ?? ownEntry(out.byStage, deal.stageId, { count: 0, amounts: {} });
    out.open.count += 1;
    bucket.count += 1;
    const amount = deal.amountMinor ?? 0;
    if (amount === 0) continue;
    add(out.open.amounts, deal.currency, amount);
    add(bucket.amounts, deal.currency, amount);
    if (!stage) continue;
    const weighted = weightedMinor(amount, stage.probability);
    add(out.weighted, deal.currency, weighted);
    add(ownValue(out.weightedByStage, deal.stageId) ?? ownEntry(out.weightedByStage, deal.stageId, {}), deal.currency, weighted);
  }
  return out;
}

/** Adds `value` under `key` as an own entry (even for "__proto__") and returns it. */
function ownEntry<V>(record: Record<string, V>, key: string, value: V): V {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

function unconvertedOf(deals: readonly Deal[], rates: ExchangeRates): ScopeMetrics['unconverted'] {
  const out = new Map<string, { currency: string; deals: number; openMinor: number }>();
  for (const d of deals) {
    if (hasRate(d.currency, rates)) continue;
    const entry = out.get(d.currency) ?? { currency: d.currency, deals: 0, openMinor: 0 };
    entry.deals += 1;
    if (d.outcome === 'open') entry.openMinor += d.amountMinor ?? 0;
    out.set(d.currency, entry);
  }
  return [...out.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

interface Scope {
  scope: ScopeMetrics['scope'];
  deals: readonly Deal[];
  lastWeek: SnapshotRow[] | undefined;
  starts: ReadonlyMap<string, { takenOn: string; rows: readonly SnapshotRow[] }>;
}

function summariseScope(input: SummaryInput, { scope, deals, lastWeek, starts }: Scope): ScopeMetrics {
  const today = isoDateOf(input.now);
  const { calendar, pipeline, rates } = input;
  const quarter = periodOf(today, 'quarter', calendar);
  const month = periodOf(today, 'month', calendar);
  const year = periodOf(today, 'year', calendar);
  const metrics = (period: Period) =>
    periodMetrics(period, deals, { pipeline, rates, targetMinor: scope === null ? targetFor(period, input) : null, startSnapshot: starts.get(period.key), ended: period.end < today });
  const trend = Array.from({ length: 8 }, (_, i) => metrics(shiftPeriod(quarter, i - 7, calendar)));
  const changes = lastWeek && input.lastWeek ? changesSince(lastWeek, deals, quarter, input.lastWeek.takenOn) : { added: [], won: [], lost: [], slipped: [], pulledIn: [], amountUp: [], amountDown: [] };
  return {
    computedAt: input.now,
    reportingCurrency: rates.reportingCurrency,
    scope,
    targetsApply: scope === null,
    dealCount: deals.length,
    pipelineNow: pipelineNow(deals, pipeline),
    staleCount: staleDeals(deals, pipeline, input.now).length,
    dataCompleteness: dataCompleteness(deals, pipeline).ratio,
    quarter: trend[7]!,
    month: metrics(month),
    nextQuarter: metrics(shiftPeriod(quarter, 1, calendar)),
    year: metrics(year),
    lastCompleted: { month: metrics(shiftPeriod(month, -1, calendar)), quarter: trend[6]!, year: metrics(shiftPeriod(year, -1, calendar)) },
    trend,
    stageConversion: stageConversion(pipeline, new Map(deals.map((d) => [d.id, d.stageHistory]))),
    changes: {
      since: input.lastWeek?.takenOn ?? null,
      counts: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.length])) as Record<keyof WeeklyChanges, number>,
      dealIds: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.slice(0, 20)])) as unknown as WeeklyChanges,
    },
    unconverted: unconvertedOf(deals, rates),
  };
}

function segmentRow(period: PeriodMetrics): SegmentRow {
  return { qualifiedCount: period.qualifiedCount, qualifiedMinor: period.qualifiedMinor, winRate: period.winRate.byCount, won: period.winRate.won, lost: period.winRate.lost, wonMinor: period.wonMinor };
}

/** Snapshot rows split by the segment their deal is in now (rows of deals no longer known stay in the project only). */
function splitRows(rows: readonly SnapshotRow[], valueOf: ReadonlyMap<string, string>): Map<string, SnapshotRow[]> {
  const out = new Map<string, SnapshotRow[]>();
  for (const row of rows) {
    const value = valueOf.get(row.dealId);
    if (value === undefined) continue;
    const list = out.get(value);
    if (list) list.push(row);
    else out.set(value, [row]);
  }
  return out;
}

/**
 * The project's figures and each segment's (owner, segment, source, region; a deal counts in the
 * segment it is in now), for the job to store: the project's record with the breakdown tables, and
 * one record per segment value (the most-dealt MAX_SEGMENT_VALUES per dimension).
 */
export function summarise(input: SummaryInput): { project: ProjectMetrics; segments: ScopeMetrics[] } {
  const deals = input.deals.filter((d) => !d.archived);
  const project = summariseScope(input, { scope: null, deals, lastWeek: input.lastWeek?.rows, starts: input.periodStarts });
  const segments: ScopeMetrics[] = [];
  const tables = Object.fromEntries(PERIOD_CHOICES.map((p) => [p, { owner: {}, segment: {}, source: {}, region: {} }])) as ProjectMetrics['segments'];
  const omitted = { owner: 0, segment: 0, source: 0, region: 0 } as Record<Dimension, number>;
  for (const dimension of DIMENSIONS) {
    // Every deal ever seen, archived too, so a snapshot row finds the segment of its deal.
    const valueOf = new Map(input.deals.map((d) => [d.id, segmentOf(d, dimension, input.regionOf)]));
    const groups = [...bySegment(deals, dimension, input.regionOf)].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
    omitted[dimension] = Math.max(0, groups.length - MAX_SEGMENT_VALUES);
    const lastWeek = input.lastWeek ? splitRows(input.lastWeek.rows, valueOf) : undefined;
    const starts = new Map([...input.periodStarts].map(([key, snapshot]) => [key, { takenOn: snapshot.takenOn, byValue: splitRows(snapshot.rows, valueOf) }]));
    for (const [value, group] of groups.slice(0, MAX_SEGMENT_VALUES)) {
      const scopeStarts = new Map([...starts].map(([key, s]) => [key, { takenOn: s.takenOn, rows: s.byValue.get(value) ?? [] }]));
      const metrics = summariseScope(input, { scope: { dimension, value }, deals: group, lastWeek: input.lastWeek ? (lastWeek?.get(value) ?? []) : undefined, starts: scopeStarts });
      segments.push(metrics);
      // People's words (a source "__proto__") become own entries, never assignments through the prototype.
      for (const period of PERIOD_CHOICES) ownEntry(tables[period][dimension], value, segmentRow(metrics[period]));
    }
  }
  return { project: { ...project, segments: tables, segmentsOmitted: omitted }, segments };
}

/**
 * One snapshot row per open deal, and per deal won since `wonSince` (the current fiscal year's start,
 * which covers the current quarter and month), so the forecast at a period's start has its Closed.
 */
export function snapshotRows(deals: readonly Deal[], pipeline: Pipeline, wonSince: string): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (const deal of deals) {
    if (deal.archived) continue;
    const closedOn = deal.closedAt === null ? null : isoDateOf(deal.closedAt);
    if (deal.outcome === 'lost' || (deal.outcome === 'won' && (closedOn === null || closedOn < wonSince))) continue;
    const stage = stageById(pipeline, deal.stageId);
    rows.push({
      dealId: deal.id, stageId: deal.stageId, amountMinor: deal.amountMinor ?? 0, currency: deal.currency, closeDate: deal.closeDate,
      forecastCategory: stage ? forecastOf(deal, stage) : 'pipeline', outcome: deal.outcome, closedOn: deal.outcome === 'won' ? closedOn : null,
    });
  }
  return rows;
}
