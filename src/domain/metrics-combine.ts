import { forecastAccuracy, velocity } from './metrics';
import type { ForecastBasis, PeriodMetrics } from './metrics-period';
import type { PipelineNow, SegmentRow } from './metrics-summary';
import { addAmounts } from './money';
import type { ForecastCategory } from './pipeline';
import { daysBetween } from './periods';

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
  const wonWithRate = sum((p) => p.parts.wonWithRate);
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
  const qualifiedCount = sum((p) => p.qualifiedCount);
  const averageDealSizeMinor = wonWithRate === 0 ? null : Math.round(wonMinor / wonWithRate);
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
    qualifiedCount,
    velocityPerDayMinor: velocity(qualifiedCount, averageDealSizeMinor, winRateByCount, salesCycleDays),
    handoffSla: { handoffs, onTime, attainment: handoffs === 0 ? null : onTime / handoffs, averageHours: accepted === 0 ? null : acceptedHoursTotal / accepted },
    forecastAccuracy: forecastAtStartMinor === null ? null : forecastAccuracy(actualForAccuracy, forecastAtStartMinor),
    forecastAtStartMinor,
    forecastBasis: farthestBasis(withAccuracy.map((p) => p.forecastBasis), first.start),
    parts: { lostMinor, wonWithRate, cycleDaysTotal, cycleCount, bandTotals, accepted, acceptedHoursTotal },
  };
}

/** Of several projects' snapshots, the one farthest from the period's start: the combined figure is no more exact than that. */
function farthestBasis(bases: ReadonlyArray<ForecastBasis | null>, start: string): ForecastBasis | null {
  let worst: ForecastBasis | null = null;
  for (const basis of bases) {
    if (!basis) continue;
    if (!worst || Math.abs(daysBetween(start, basis.takenOn)) > Math.abs(daysBetween(start, worst.takenOn))) worst = basis;
  }
  return worst;
}

/** Segment rows of several projects, summed; the win rate recomputed from the summed counts. */
export function combineSegmentRows(rows: ReadonlyArray<SegmentRow | undefined>): SegmentRow {
  const out: SegmentRow = { qualifiedCount: 0, qualifiedMinor: 0, winRate: null, wonMinor: 0, won: 0, lost: 0 };
  for (const r of rows) {
    if (!r) continue;
    out.qualifiedCount += r.qualifiedCount;
    out.qualifiedMinor += r.qualifiedMinor;
    out.wonMinor += r.wonMinor;
    out.won += r.won;
    out.lost += r.lost;
  }
  out.winRate = out.won + out.lost === 0 ? null : out.won / (out.won + out.lost);
  return out;
}

/** The open pipeline of several scopes, summed per currency (stages stay per project: they are merged by name later). */
export function combinePipelineNow(list: readonly PipelineNow[]): PipelineNow {
  const out: PipelineNow = { open: { count: 0, amounts: {} }, weighted: {}, byStage: {}, weightedByStage: {} };
  for (const p of list) {
    out.open = { count: out.open.count + p.open.count, amounts: addAmounts(out.open.amounts, p.open.amounts) };
    out.weighted = addAmounts(out.weighted, p.weighted);
  }
  return out;
}
