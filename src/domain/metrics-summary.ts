import type { Deal } from './deal';
import { forecastOf } from './deal';
import type { Dimension, SnapshotRow, WeeklyChanges } from './metrics';
import {
  averageDealSize, bySegment, changesSince, sizeBandOf, stageConversion, coverage, dataCompleteness, forecastAccuracy, forecastByCategory, handoffSla, salesCycleLength, staleDeals, velocity,
  weightedPipeline, winRate,
} from './metrics';
import type { ExchangeRates } from './money';
import { convert } from './money';
import type { ForecastCategory, Pipeline } from './pipeline';
import { stageById } from './pipeline';
import type { FiscalCalendar, Period, PeriodKind } from './periods';
import { daysBetween, isoDateOf, periodOf, shiftPeriod } from './periods';

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
  /** The additive parts the figures above are made of, so several projects can be combined exactly. */
  parts: {
    openCount: number;
    lostMinor: number;
    cycleDaysTotal: number;
    cycleCount: number;
    bandTotals: Record<string, { days: number; count: number }>;
    accepted: number;
    acceptedHoursTotal: number;
  };
  /** Forecast at the period's start (Commit + Closed of its snapshot) against won in the period; past periods only. */
  forecastAccuracy: number | null;
  forecastAtStartMinor: number | null;
}

export interface SegmentMetrics {
  openCount: number;
  weightedMinor: number;
  winRate: number | null;
  wonMinor: number;
  won: number;
  lost: number;
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

function lostAmount(deals: readonly Deal[], period: Pick<Period, 'start' | 'end'>, rates: ExchangeRates): number {
  let total = 0;
  for (const d of deals) {
    if (d.outcome === 'lost' && !d.archived && d.closedAt !== null && isoDateOf(d.closedAt) >= period.start && isoDateOf(d.closedAt) <= period.end) {
      total += convert({ amountMinor: d.amountMinor ?? 0, currency: d.currency }, rates).amountMinor;
    }
  }
  return total;
}

function bandTotals(deals: readonly Deal[], period: Pick<Period, 'start' | 'end'>, rates: ExchangeRates): Record<string, { days: number; count: number }> {
  const out: Record<string, { days: number; count: number }> = {};
  for (const d of deals) {
    if (d.outcome !== 'won' || d.archived || d.closedAt === null || isoDateOf(d.closedAt) < period.start || isoDateOf(d.closedAt) > period.end) continue;
    const band = sizeBandOf(convert({ amountMinor: d.amountMinor ?? 0, currency: d.currency }, rates).amountMinor);
    const days = daysBetween(isoDateOf(d.createdAt), isoDateOf(d.closedAt));
    const entry = (out[band] ??= { days: 0, count: 0 });
    entry.days += days;
    entry.count += 1;
  }
  return out;
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
    parts: {
      openCount: open,
      lostMinor: lostAmount(deals, period, input.rates),
      cycleDaysTotal: (cycle.days ?? 0) * wr.won,
      cycleCount: wr.won,
      bandTotals: bandTotals(deals, period, input.rates),
      accepted: sla.accepted,
      acceptedHoursTotal: (sla.averageHours ?? 0) * sla.accepted,
    },
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
    const rows: Array<[string, SegmentMetrics]> = []; // people's words (a source "__proto__"): own entries, never assigned
    for (const [value, group] of bySegment(deals, dimension, input.regionOf)) {
      const wr = winRate({ deals: group, period: quarter, rates: input.rates });
      rows.push([value, {
        openCount: group.filter((d) => d.outcome === 'open').length,
        weightedMinor: weightedPipeline({ deals: group, pipeline: input.pipeline, rates: input.rates }),
        winRate: wr.byCount,
        won: wr.won,
        lost: wr.lost,
        wonMinor: forecastByCategory({ deals: group, pipeline: input.pipeline, period: quarter, rates: input.rates }).closed.amountMinor,
      }]);
    }
    segments[dimension] = Object.fromEntries(rows);
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

/**
 * Several projects' figures for the same period, combined exactly from their additive parts (sums
 * of amounts and counts; ratios recomputed from the sums, never averaged), for a gadget that reports
 * on more than one project.
 */
export function combinePeriods(periods: readonly PeriodMetrics[]): PeriodMetrics | null {
  const [first] = periods;
  if (!first) return null;
  if (periods.length === 1) return first;
  const sum = (pick: (p: PeriodMetrics) => number) => periods.reduce((total, p) => total + pick(p), 0);
  const won = sum((p) => p.winRate.won);
  const lost = sum((p) => p.winRate.lost);
  const wonMinor = sum((p) => p.wonMinor);
  const lostMinor = sum((p) => p.parts.lostMinor);
  const cycleCount = sum((p) => p.parts.cycleCount);
  const cycleDaysTotal = sum((p) => p.parts.cycleDaysTotal);
  const forecast = {} as PeriodMetrics['forecast'];
  for (const category of Object.keys(first.forecast) as ForecastCategory[]) {
    forecast[category] = { count: sum((p) => p.forecast[category].count), amountMinor: sum((p) => p.forecast[category].amountMinor) };
  }
  const bandTotals: Record<string, { days: number; count: number }> = {};
  for (const p of periods) {
    for (const [band, t] of Object.entries(p.parts.bandTotals)) {
      const entry = (bandTotals[band] ??= { days: 0, count: 0 });
      entry.days += t.days;
      entry.count += t.count;
    }
  }
  const targets = periods.map((p) => p.targetMinor);
  const targetMinor = targets.every((t) => t === null) ? null : targets.reduce<number>((total, t) => total + (t ?? 0), 0);
  const qualifiedMinor = sum((p) => p.qualifiedMinor);
  const openCount = sum((p) => p.parts.openCount);
  const averageDealSizeMinor = won === 0 ? null : Math.round(wonMinor / won);
  const salesCycleDays = cycleCount === 0 ? null : cycleDaysTotal / cycleCount;
  const winRateByCount = won + lost === 0 ? null : won / (won + lost);
  const handoffs = sum((p) => p.handoffSla.handoffs);
  const onTime = sum((p) => p.handoffSla.onTime);
  const accepted = sum((p) => p.parts.accepted);
  const acceptedHoursTotal = sum((p) => p.parts.acceptedHoursTotal);
  const withAccuracy = periods.filter((p) => p.forecastAtStartMinor !== null);
  const forecastAtStartMinor = withAccuracy.length === 0 ? null : withAccuracy.reduce((total, p) => total + (p.forecastAtStartMinor ?? 0), 0);
  const actualForAccuracy = withAccuracy.reduce((total, p) => total + p.wonMinor, 0);
  return {
    key: first.key,
    kind: first.kind,
    start: first.start,
    end: first.end,
    winRate: { byCount: winRateByCount, byValue: wonMinor + lostMinor === 0 ? null : wonMinor / (wonMinor + lostMinor), won, lost },
    wonMinor,
    averageDealSizeMinor,
    salesCycleDays,
    salesCycleByBand: Object.fromEntries(Object.entries(bandTotals).map(([band, t]) => [band, t.days / t.count])),
    forecast,
    targetMinor,
    coverage: targetMinor ? qualifiedMinor / targetMinor : null,
    qualifiedMinor,
    velocityPerDayMinor: velocity(openCount, averageDealSizeMinor, winRateByCount, salesCycleDays),
    handoffSla: { handoffs, onTime, attainment: handoffs === 0 ? null : onTime / handoffs, averageHours: accepted === 0 ? null : acceptedHoursTotal / accepted },
    forecastAccuracy: forecastAtStartMinor === null ? null : forecastAccuracy(actualForAccuracy, forecastAtStartMinor),
    forecastAtStartMinor,
    parts: { openCount, lostMinor, cycleDaysTotal, cycleCount, bandTotals, accepted, acceptedHoursTotal },
  };
}

/** Segment figures of several projects, summed; the win rate recomputed from the summed counts. */
export function combineSegments(segments: ReadonlyArray<SegmentMetrics | undefined>): SegmentMetrics {
  const out: SegmentMetrics = { openCount: 0, weightedMinor: 0, winRate: null, wonMinor: 0, won: 0, lost: 0 };
  for (const s of segments) {
    if (!s) continue;
    out.openCount += s.openCount;
    out.weightedMinor += s.weightedMinor;
    out.wonMinor += s.wonMinor;
    out.won += s.won ?? 0;
    out.lost += s.lost ?? 0;
  }
  out.winRate = out.won + out.lost === 0 ? null : out.won / (out.won + out.lost);
  return out;
}
