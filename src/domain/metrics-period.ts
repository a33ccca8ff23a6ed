import type { Deal } from './deal';
import type { SnapshotRow } from './metrics';
import { averageDealSize, coverage, forecastAccuracy, forecastByCategory, handoffSla, salesCycleLength, sizeBandOf, velocity, winRate } from './metrics';
import type { ExchangeRates } from './money';
import { convert, hasRate } from './money';
import type { ForecastCategory, Pipeline } from './pipeline';
import type { Period, PeriodKind } from './periods';
import { daysBetween, isoDateOf, isWithin } from './periods';

/**
 * One period's figures for one scope (a project, or one owner, segment, source or region of it),
 * as the gadgets and Insights show them. Money is in the reporting currency's minor units; deals in
 * a currency without a rate count in every count and in no money figure (nor in the averages made
 * of money). `parts` are the additive pieces the figures are made of, so several projects combine
 * exactly (metrics-combine.ts).
 */
export interface ForecastBasis {
  /** The day the snapshot the forecast comes from was taken. */
  takenOn: string;
  /** On the period's first day; before it (nothing was won in the period yet); or late, after it. */
  kind: 'start' | 'before' | 'late';
}

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
  /** Qualified pipeline: open deals closing in the period, forecast Pipeline, Best case or Commit. */
  qualifiedMinor: number;
  qualifiedCount: number;
  /** Velocity's "open opportunities" are the qualified opportunities (qualifiedCount). */
  velocityPerDayMinor: number | null;
  handoffSla: { handoffs: number; onTime: number; attainment: number | null; averageHours: number | null };
  parts: {
    lostMinor: number;
    /** Won deals whose currency has a rate: the denominator of the average deal size. */
    wonWithRate: number;
    cycleDaysTotal: number;
    cycleCount: number;
    bandTotals: Record<string, { days: number; count: number }>;
    accepted: number;
    acceptedHoursTotal: number;
  };
  /** Forecast at the period's start (Commit + Closed of the snapshot) against won in the period; ended periods only. */
  forecastAccuracy: number | null;
  forecastAtStartMinor: number | null;
  forecastBasis: ForecastBasis | null;
}

export interface PeriodInput {
  pipeline: Pipeline;
  rates: ExchangeRates;
  /** The scope's target for the period in the reporting currency, or null (none set, or targets do not apply). */
  targetMinor: number | null;
  /** The snapshot nearest the period's start, with the scope's rows only; undefined when there is none. */
  startSnapshot: { takenOn: string; rows: readonly SnapshotRow[] } | undefined;
  /** Whether the period has ended (its actual is known, so accuracy can be computed). */
  ended: boolean;
}

/**
 * The forecast as of a period's start: Commit (open deals in Commit closing in the period) plus
 * Closed (deals already won in the period when the snapshot was taken), from one snapshot.
 */
export function forecastFromSnapshot(rows: readonly SnapshotRow[], period: Pick<Period, 'start' | 'end'>, rates: ExchangeRates): number {
  let total = 0;
  for (const row of rows) {
    const commit = row.outcome === 'open' && row.forecastCategory === 'commit' && row.closeDate !== null && isWithin(row.closeDate, period);
    const closed = row.outcome === 'won' && row.closedOn !== null && isWithin(row.closedOn, period);
    if ((commit || closed) && hasRate(row.currency, rates)) total += convert({ amountMinor: row.amountMinor, currency: row.currency }, rates).amountMinor;
  }
  return total;
}

export function basisOf(takenOn: string, period: Pick<Period, 'start'>): ForecastBasis {
  return { takenOn, kind: takenOn === period.start ? 'start' : takenOn < period.start ? 'before' : 'late' };
}

const wonIn = (d: Deal, period: Pick<Period, 'start' | 'end'>) => d.outcome === 'won' && d.closedAt !== null && isWithin(isoDateOf(d.closedAt), period);
const lostIn = (d: Deal, period: Pick<Period, 'start' | 'end'>) => d.outcome === 'lost' && d.closedAt !== null && isWithin(isoDateOf(d.closedAt), period);

/** The period's figures over `deals` (not archived; every currency) for a scope. */
export function periodMetrics(period: Period, deals: readonly Deal[], input: PeriodInput): PeriodMetrics {
  const { pipeline, rates } = input;
  const withRate = deals.filter((d) => hasRate(d.currency, rates));
  const base = { deals, pipeline, period, rates };
  const wr = winRate(base);
  const avg = averageDealSize({ deals: withRate, period, rates });
  const cycle = salesCycleLength(base);
  const bands = salesCycleLength({ deals: withRate, period, rates }).byBand;
  const forecast = forecastByCategory(base);
  const cov = coverage(base, input.targetMinor);
  const qualifiedCount = forecast.pipeline.count + forecast.best_case.count + forecast.commit.count;
  const sla = handoffSla(deals, period);
  let forecastAtStartMinor: number | null = null;
  let accuracy: number | null = null;
  let forecastBasis: ForecastBasis | null = null;
  if (input.startSnapshot && input.ended) {
    forecastAtStartMinor = forecastFromSnapshot(input.startSnapshot.rows, period, rates);
    forecastBasis = basisOf(input.startSnapshot.takenOn, period);
    accuracy = forecastAccuracy(forecast.closed.amountMinor, forecastAtStartMinor);
  }
  const bandTotals: Record<string, { days: number; count: number }> = {};
  for (const d of withRate) {
    if (!wonIn(d, period)) continue;
    const entry = (bandTotals[sizeBandOf(convert({ amountMinor: d.amountMinor ?? 0, currency: d.currency }, rates).amountMinor)] ??= { days: 0, count: 0 });
    entry.days += daysBetween(isoDateOf(d.createdAt), isoDateOf(d.closedAt!));
    entry.count += 1;
  }
  let lostMinor = 0;
  for (const d of withRate) if (lostIn(d, period)) lostMinor += convert({ amountMinor: d.amountMinor ?? 0, currency: d.currency }, rates).amountMinor;
  return {
    key: period.key,
    kind: period.kind,
    start: period.start,
    end: period.end,
    winRate: wr,
    wonMinor: forecast.closed.amountMinor,
    averageDealSizeMinor: avg,
    salesCycleDays: cycle.days,
    salesCycleByBand: bands,
    forecast,
    targetMinor: input.targetMinor,
    coverage: cov.ratio,
    qualifiedMinor: cov.qualifiedMinor,
    qualifiedCount,
    velocityPerDayMinor: velocity(qualifiedCount, avg, wr.byCount, cycle.days),
    handoffSla: { handoffs: sla.handoffs, onTime: sla.onTime, attainment: sla.attainment, averageHours: sla.averageHours },
    parts: {
      lostMinor,
      wonWithRate: withRate.filter((d) => wonIn(d, period)).length,
      cycleDaysTotal: (cycle.days ?? 0) * wr.won,
      cycleCount: wr.won,
      bandTotals,
      accepted: sla.accepted,
      acceptedHoursTotal: (sla.averageHours ?? 0) * sla.accepted,
    },
    forecastAccuracy: accuracy,
    forecastAtStartMinor,
    forecastBasis,
  };
}

/** A period's figures with nothing in it (a segment that has no deals in one of the projects combined). */
export function emptyPeriod(like: Pick<PeriodMetrics, 'key' | 'kind' | 'start' | 'end'>): PeriodMetrics {
  const zero = { count: 0, amountMinor: 0 };
  return {
    key: like.key, kind: like.kind, start: like.start, end: like.end,
    winRate: { byCount: null, byValue: null, won: 0, lost: 0 }, wonMinor: 0, averageDealSizeMinor: null, salesCycleDays: null, salesCycleByBand: {},
    forecast: { closed: zero, commit: zero, best_case: zero, pipeline: zero, omitted: zero },
    targetMinor: null, coverage: null, qualifiedMinor: 0, qualifiedCount: 0, velocityPerDayMinor: null,
    handoffSla: { handoffs: 0, onTime: 0, attainment: null, averageHours: null },
    parts: { lostMinor: 0, wonWithRate: 0, cycleDaysTotal: 0, cycleCount: 0, bandTotals: {}, accepted: 0, acceptedHoursTotal: 0 },
    forecastAccuracy: null, forecastAtStartMinor: null, forecastBasis: null,
  };
}
