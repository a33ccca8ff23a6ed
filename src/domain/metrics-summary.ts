import type { Deal } from './deal';
import { forecastOf } from './deal';
import type { Dimension, SnapshotRow, WeeklyChanges } from './metrics';
import {
  averageDealSize, bySegment, changesSince, stageConversion, coverage, dataCompleteness, forecastAccuracy, forecastByCategory, handoffSla, salesCycleLength, staleDeals, velocity,
  weightedPipeline, winRate,
} from './metrics';
import type { ExchangeRates } from './money';
import { convert } from './money';
import type { ForecastCategory, Pipeline } from './pipeline';
import { stageById } from './pipeline';
import type { FiscalCalendar, Period, PeriodKind } from './periods';
import { isoDateOf, periodOf, shiftPeriod } from './periods';

/**
 * A project's numbers, computed once a day from every deal (and the stored snapshots) by the snapshot
 * job, and read by the gadgets and Insights in one request. Money is in the reporting currency's
 * minor units.
 */
export interface PeriodMetrics {
  key: string;
  kind: PeriodKind;
  start: string;
  end: string;
  winRate: { byCount: number | null; byValue: number | null; won: number; lost: number };
  wonMinor: number;
  averageDealSizeMinor: number | null;
  salesCycleDays: number | null;
  salesCycleByBand: Record<string, number>;
  forecast: Record<ForecastCategory, { count: number; amountMinor: number }>;
  targetMinor: number | null;
  coverage: number | null;
  qualifiedMinor: number;
  velocityPerDayMinor: number | null;
  handoffSla: { handoffs: number; onTime: number; attainment: number | null; averageHours: number | null };
  /** Forecast at the period's start (Commit + Closed of its snapshot) against won in the period; past periods only. */
  forecastAccuracy: number | null;
  forecastAtStartMinor: number | null;
}

export interface SegmentMetrics {
  openCount: number;
  weightedMinor: number;
  winRate: number | null;
  wonMinor: number;
}

export interface ProjectMetrics {
  computedAt: number;
  reportingCurrency: string;
  openOpportunities: number;
  weightedMinor: number;
  unweightedMinor: number;
  staleCount: number;
  dataCompleteness: number | null;
  quarter: PeriodMetrics;
  month: PeriodMetrics;
  nextQuarter: PeriodMetrics;
  /** The current fiscal year. */
  year: PeriodMetrics;
  /** The last 8 quarters, oldest first, the current one last. */
  trend: PeriodMetrics[];
  stageConversion: Array<{ stageId: string; entered: number; advanced: number; rate: number | null }>;
  segments: Record<Dimension, Record<string, SegmentMetrics>>;
  changes: { since: string | null; counts: Record<keyof WeeklyChanges, number>; dealIds: WeeklyChanges };
  /** Amounts in currencies without an exchange rate are left out of every money figure; listed here. */
  unconvertedCurrencies: string[];
}

export interface SummaryInput {
  deals: readonly Deal[];
  pipeline: Pipeline;
  rates: ExchangeRates;
  calendar: FiscalCalendar;
  targets: ReadonlyArray<{ period: string; amountMinor: number; currency: string }>;
  now: number;
  lastWeek: { takenOn: string; rows: SnapshotRow[] } | undefined;
  /** Snapshots at the start of past periods, by period key. */
  periodStarts: ReadonlyMap<string, SnapshotRow[]>;
  regionOf(companyId: string | null): string | null;
}

/** Deals whose currency has a rate (others would make every total wrong; they are reported instead). */
function convertible(deals: readonly Deal[], rates: ExchangeRates): { deals: Deal[]; unconverted: string[] } {
  const missing = new Set<string>();
  const ok = deals.filter((d) => {
    if (d.currency === rates.reportingCurrency || rates.rates[d.currency]) return true;
    missing.add(d.currency);
    return false;
  });
  return { deals: ok, unconverted: [...missing].sort() };
}

function targetFor(period: Period, input: SummaryInput): number | null {
  const target = input.targets.find((t) => t.period === period.key);
  if (!target) return null;
  try {
    return convert({ amountMinor: target.amountMinor, currency: target.currency }, input.rates).amountMinor;
  } catch {
    return null;
  }
}

function periodMetrics(period: Period, deals: readonly Deal[], input: SummaryInput): PeriodMetrics {
  const base = { deals, pipeline: input.pipeline, period, rates: input.rates };
  const wr = winRate(base);
  const avg = averageDealSize(base);
  const cycle = salesCycleLength(base);
  const forecast = forecastByCategory(base);
  const targetMinor = targetFor(period, input);
  const cov = coverage(base, targetMinor);
  const open = deals.filter((d) => d.outcome === 'open' && !d.archived).length;
  const sla = handoffSla(deals, period);
  const startRows = input.periodStarts.get(period.key);
  let forecastAtStartMinor: number | null = null;
  let accuracy: number | null = null;
  if (startRows && isoDateOf(input.now) > period.end) {
    forecastAtStartMinor = 0;
    for (const row of startRows) {
      if (row.closeDate && row.closeDate >= period.start && row.closeDate <= period.end && (row.forecastCategory === 'commit' || row.forecastCategory === 'closed')) {
        try {
          forecastAtStartMinor += convert({ amountMinor: row.amountMinor, currency: row.currency }, input.rates).amountMinor;
        } catch {
          // A currency without a rate: left out, as everywhere.
        }
      }
    }
    accuracy = forecastAccuracy(forecast.closed.amountMinor, forecastAtStartMinor);
  }
  return {
    key: period.key,
    kind: period.kind,
    start: period.start,
    end: period.end,
    winRate: wr,
    wonMinor: forecast.closed.amountMinor,
    averageDealSizeMinor: avg,
    salesCycleDays: cycle.days,
    salesCycleByBand: cycle.byBand,
    forecast,
    targetMinor,
    coverage: cov.ratio,
    qualifiedMinor: cov.qualifiedMinor,
    velocityPerDayMinor: velocity(open, avg, wr.byCount, cycle.days),
    handoffSla: { handoffs: sla.handoffs, onTime: sla.onTime, attainment: sla.attainment, averageHours: sla.averageHours },
    forecastAccuracy: accuracy,
    forecastAtStartMinor,
  };
}

export function summarise(input: SummaryInput): ProjectMetrics {
  const { deals, unconverted } = convertible(input.deals.filter((d) => !d.archived), input.rates);
  const today = isoDateOf(input.now);
  const quarter = periodOf(today, 'quarter', input.calendar);
  const open = deals.filter((d) => d.outcome === 'open');
  const weightedMinor = weightedPipeline({ deals, pipeline: input.pipeline, rates: input.rates });
  const unweightedMinor = open.reduce((total, d) => total + convert({ amountMinor: d.amountMinor ?? 0, currency: d.currency }, input.rates).amountMinor, 0);
  const segments = {} as ProjectMetrics['segments'];
  for (const dimension of ['owner', 'segment', 'source', 'region'] as const) {
    segments[dimension] = {};
    for (const [value, group] of bySegment(deals, dimension, input.regionOf)) {
      const wr = winRate({ deals: group, period: quarter, rates: input.rates });
      segments[dimension][value] = {
        openCount: group.filter((d) => d.outcome === 'open').length,
        weightedMinor: weightedPipeline({ deals: group, pipeline: input.pipeline, rates: input.rates }),
        winRate: wr.byCount,
        wonMinor: forecastByCategory({ deals: group, pipeline: input.pipeline, period: quarter, rates: input.rates }).closed.amountMinor,
      };
    }
  }
  const changes = input.lastWeek ? changesSince(input.lastWeek.rows, deals, quarter) : { added: [], won: [], lost: [], slipped: [], pulledIn: [], amountUp: [], amountDown: [] };
  const counts = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.length])) as Record<keyof WeeklyChanges, number>;
  const clip = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.slice(0, 20)])) as unknown as WeeklyChanges;
  return {
    computedAt: input.now,
    reportingCurrency: input.rates.reportingCurrency,
    openOpportunities: open.length,
    weightedMinor,
    unweightedMinor,
    staleCount: staleDeals(deals, input.pipeline, input.now).length,
    dataCompleteness: dataCompleteness(deals, input.pipeline).ratio,
    quarter: periodMetrics(quarter, deals, input),
    month: periodMetrics(periodOf(today, 'month', input.calendar), deals, input),
    nextQuarter: periodMetrics(shiftPeriod(quarter, 1, input.calendar), deals, input),
    year: periodMetrics(periodOf(today, 'year', input.calendar), deals, input),
    stageConversion: stageConversion(input.pipeline, new Map(deals.map((d) => [d.id, d.stageHistory]))),
    trend: Array.from({ length: 8 }, (_, i) => periodMetrics(shiftPeriod(quarter, i - 7, input.calendar), deals, input)),
    segments,
    changes: { since: input.lastWeek?.takenOn ?? null, counts, dealIds: clip },
    unconvertedCurrencies: unconverted,
  };
}

/** One snapshot row per open deal (the facts "changes since" and forecast accuracy compare). */
export function snapshotRows(deals: readonly Deal[], pipeline: Pipeline): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (const deal of deals) {
    if (deal.archived || deal.outcome !== 'open') continue;
    const stage = stageById(pipeline, deal.stageId);
    rows.push({ dealId: deal.id, stageId: deal.stageId, amountMinor: deal.amountMinor ?? 0, currency: deal.currency, closeDate: deal.closeDate, forecastCategory: stage ? forecastOf(deal, stage) : 'pipeline', outcome: deal.outcome });
  }
  return rows;
}
