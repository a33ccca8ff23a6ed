import type { z } from 'zod';
import type { PeriodMetricsSchema, ProjectMetricsSchema, ScopeMetricsSchema, SegmentRowSchema } from '../../../../src/contracts/metrics';
import { SEGMENT_LABELS, type Segment } from '../../../../src/domain/company';
import { formatAmount, minorDigits } from '../../../../src/domain/money';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { periodName } from '../../lib/period-format';
import '../../lib/areas/insights';

/**
 * What the Insights subpage shows, derived from one `metrics/project` answer. Pure, so the
 * arithmetic a reader relies on (which quarters count as past, how segments are ordered, how a
 * ratio is written) is unit-tested without a browser. Money stays in integer minor units until
 * the last step; charts get major units because an axis needs numbers, not text.
 */
export type PeriodMetrics = z.infer<typeof PeriodMetricsSchema>;
export type ProjectMetrics = z.infer<typeof ProjectMetricsSchema>;
export type ScopeMetrics = z.infer<typeof ScopeMetricsSchema>;
export type Dimension = 'owner' | 'segment' | 'source' | 'region';
export type SegmentFigures = z.infer<typeof SegmentRowSchema>;

export const DIMENSIONS: readonly Dimension[] = ['owner', 'segment', 'source', 'region'];

/** The value the metrics engine files deals under when the dimension is empty (domain/metrics.ts segmentOf). */
export const NO_VALUE = 'none';

export type PeriodChoice = 'quarter' | 'month' | 'nextQuarter' | 'year';
export const PERIOD_CHOICES: readonly PeriodChoice[] = ['quarter', 'month', 'nextQuarter', 'year'];

export function periodOfChoice(metrics: ScopeMetrics, choice: PeriodChoice): PeriodMetrics {
  return metrics[choice];
}

/** The values a dimension has deals in, over every period of the breakdowns, for the segment picker. */
export function segmentValues(metrics: ProjectMetrics, dimension: Dimension): string[] {
  return [...new Set(PERIOD_CHOICES.flatMap((choice) => Object.keys(metrics.segments[choice]?.[dimension] ?? {})))].sort();
}

const NOT_SET = (): string => t('common.notSet');

/** A 0–1 ratio as a percentage with at most one decimal ("62.5%"); null is "—". */
export function percentText(ratio: number | null, locale = 'en-US'): string {
  if (ratio === null || !Number.isFinite(ratio)) return NOT_SET();
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** A value already in percent (forecast accuracy is (1 − |a − f| / a) × 100), written as a percentage. */
export function percentPointsText(value: number | null, locale = 'en-US'): string {
  return value === null ? NOT_SET() : percentText(value / 100, locale);
}

/** Coverage as a multiple of the target, e.g. "3.2×". */
export function coverageText(ratio: number | null, locale = 'en-US'): string {
  if (ratio === null || !Number.isFinite(ratio)) return NOT_SET();
  return t('insights.format.coverage', { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ratio) });
}

export function daysText(days: number | null, locale = 'en-US'): string {
  if (days === null || !Number.isFinite(days)) return NOT_SET();
  return t('insights.format.days', { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(days) });
}

export { periodName };

/** Minor units as a number of major units, for a chart's axis (exact decimal text first, so 1005 cents is 10.05, not 10.049999). */
export function majorUnits(amountMinor: number, currency: string): number {
  try {
    minorDigits(currency);
  } catch {
    return amountMinor / 100;
  }
  return Number(formatAmount({ amountMinor, currency }));
}

export interface SegmentRow extends SegmentFigures {
  value: string;
  label: string;
}

/** How a segment value reads: owners by name, segments by their label, "none" as "Not set", the rest as stored. */
export function segmentLabel(dimension: Dimension, value: string, nameOf: (accountId: string) => string): string {
  if (value === NO_VALUE) return t('insights.segment.none');
  if (dimension === 'owner') return nameOf(value);
  if (dimension === 'segment' && value in SEGMENT_LABELS) return SEGMENT_LABELS[value as Segment];
  return value;
}

/**
 * One dimension's rows for a period, largest qualified pipeline first (where the money is), then by
 * qualified deals and by label so equal rows keep a stable order; "Not set" always last, because it
 * is the row to fix, not a segment to compare.
 */
export function segmentRows(dimension: Dimension, values: Record<string, SegmentFigures>, nameOf: (accountId: string) => string): SegmentRow[] {
  const rows = Object.entries(values).map(([value, figures]) => ({ ...figures, value, label: segmentLabel(dimension, value, nameOf) }));
  return rows.sort((a, b) => {
    if ((a.value === NO_VALUE) !== (b.value === NO_VALUE)) return a.value === NO_VALUE ? 1 : -1;
    return b.qualifiedMinor - a.qualifiedMinor || b.qualifiedCount - a.qualifiedCount || b.wonMinor - a.wonMinor || a.label.localeCompare(b.label);
  });
}

export interface TrendPoint {
  key: string;
  label: string;
  /** Won in the quarter, in major units of the reporting currency (the chart's scale). */
  won: number;
  /** The same, exact, for the figures written out. */
  wonMinor: number;
  /** Win rate by count, in percent (one decimal), or null when nothing closed. */
  winRate: number | null;
  cycleDays: number | null;
  coverage: number | null;
}

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

/** The trend quarters as chart points, oldest first (as the server sends them). */
export function trendPoints(trend: readonly PeriodMetrics[], currency: string): TrendPoint[] {
  return trend.map((period) => ({
    key: period.key,
    label: periodName(period.key),
    won: majorUnits(period.wonMinor, currency),
    wonMinor: period.wonMinor,
    winRate: period.winRate.byCount === null ? null : oneDecimal(period.winRate.byCount * 100),
    cycleDays: period.salesCycleDays === null ? null : oneDecimal(period.salesCycleDays),
    coverage: period.coverage === null ? null : Math.round(period.coverage * 100) / 100,
  }));
}

export interface AccuracyRow {
  key: string;
  label: string;
  forecastMinor: number | null;
  actualMinor: number;
  accuracy: number | null;
  /** Why there is no accuracy, when there is none. */
  missing: 'noSnapshot' | 'noWins' | null;
  /** The period itself, for the basis line (which snapshot the forecast came from). */
  period: PeriodMetrics;
}

/**
 * Forecast accuracy of the quarters that have ended, newest first. The current quarter (the last
 * trend entry, or any quarter ending on or after today) is left out: its actual is not known yet.
 */
export function accuracyRows(trend: readonly PeriodMetrics[], today: string): AccuracyRow[] {
  return trend
    .filter((period) => period.end < today)
    .map((period) => ({
      key: period.key,
      label: periodName(period.key),
      forecastMinor: period.forecastAtStartMinor,
      actualMinor: period.wonMinor,
      accuracy: period.forecastAccuracy,
      missing: period.forecastAtStartMinor === null ? ('noSnapshot' as const) : period.forecastAccuracy === null ? ('noWins' as const) : null,
      period,
    }))
    .reverse();
}

export const CHANGE_KINDS = ['added', 'won', 'lost', 'slipped', 'pulledIn', 'amountUp', 'amountDown'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The week's changes in a fixed reading order, each with its label and glossary entry where one exists. */
export function changeRows(counts: Record<string, number>): Array<{ kind: ChangeKind; label: string; count: number }> {
  return CHANGE_KINDS.map((kind) => ({ kind, label: t(`insights.change.${kind}` as MessageKey), count: counts[kind] ?? 0 }));
}

/**
 * Asks for the metrics until they are newer than `since` (a recompute was queued and runs in the
 * background), at most `attempts` times with `delayMs` between. Returns the last answer and whether
 * it is the fresh one, so the page can say "still computing" rather than spin forever.
 */
export async function pollForNewer<T extends { metrics: { computedAt: number } | null }>(
  load: () => Promise<T>,
  since: number | null,
  options: { attempts: number; delayMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<{ result: T; fresh: boolean }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let result = await load();
  for (let attempt = 1; ; attempt += 1) {
    const computedAt = result.metrics?.computedAt ?? null;
    if (computedAt !== null && (since === null || computedAt > since)) return { result, fresh: true };
    if (attempt >= options.attempts) return { result, fresh: false };
    await sleep(options.delayMs);
    result = await load();
  }
}
