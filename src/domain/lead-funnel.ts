import type { FunnelStage } from './lead';
import { FUNNEL_STAGES } from './lead';
import type { FiscalCalendar, Period, PeriodKind } from './periods';
import { periodOf, shiftPeriod } from './periods';

/**
 * The marketing funnel by period (glossary: Lead → SQL and SQL → opportunity conversion =
 * next-stage count / previous-stage count). Each stage is counted in the period a contact first
 * reached it, so a period's numbers add up from its months and never change once the month is over;
 * a contact is counted at most once per stage. Counts are kept per cell — the segment and source
 * fixed when the contact entered the funnel — so any cut by segment or source sums cells. Pure.
 */
export type FunnelCounts = Record<FunnelStage, number>;

/** Cell key: `${segment}|${source}`. */
export type FunnelCells = Record<string, FunnelCounts>;

/** Stored rollups by calendar month ("YYYY-MM"). */
export type FunnelMonths = Record<string, FunnelCells>;

export const ZERO_COUNTS: FunnelCounts = { lead: 0, mql: 0, sql: 0, opportunity: 0 };

export function cellKey(segment: string, source: string): string {
  return `${segment}|${source}`;
}

export function parseCell(key: string): { segment: string; source: string } {
  const bar = key.indexOf('|');
  return { segment: key.slice(0, bar), source: key.slice(bar + 1) };
}

export function addCounts(a: FunnelCounts, b: Partial<FunnelCounts>): FunnelCounts {
  return { lead: a.lead + (b.lead ?? 0), mql: a.mql + (b.mql ?? 0), sql: a.sql + (b.sql ?? 0), opportunity: a.opportunity + (b.opportunity ?? 0) };
}

/** The cells with one contact's newly reached stages counted. */
export function countReached(cells: FunnelCells, cell: string, reached: FunnelStage[]): FunnelCells {
  const counts = { ...(cells[cell] ?? ZERO_COUNTS) };
  for (const stage of reached) counts[stage] += 1;
  return { ...cells, [cell]: counts };
}

export interface Conversion {
  leadToSql: number | null;
  sqlToOpportunity: number | null;
  leadToMql: number | null;
  mqlToSql: number | null;
}

const ratio = (next: number, previous: number) => (previous > 0 ? next / previous : null);

export function conversionOf(counts: FunnelCounts): Conversion {
  return { leadToSql: ratio(counts.sql, counts.lead), sqlToOpportunity: ratio(counts.opportunity, counts.sql), leadToMql: ratio(counts.mql, counts.lead), mqlToSql: ratio(counts.sql, counts.mql) };
}

/** The calendar months ("YYYY-MM") a period spans. */
export function monthsOf(period: Pick<Period, 'start' | 'end'>): string[] {
  const months: string[] = [];
  let [year, month] = period.start.slice(0, 7).split('-').map(Number) as [number, number];
  const last = period.end.slice(0, 7);
  for (let guard = 0; guard < 240; guard += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export interface FunnelFilter {
  segment?: string;
  source?: string;
}

export interface PeriodFunnel {
  key: string;
  kind: PeriodKind;
  start: string;
  end: string;
  counts: FunnelCounts;
  conversion: Conversion;
  bySegment: Record<string, { counts: FunnelCounts; conversion: Conversion }>;
  bySource: Record<string, { counts: FunnelCounts; conversion: Conversion }>;
}

function matches(cell: string, filter: FunnelFilter): boolean {
  const { segment, source } = parseCell(cell);
  return (filter.segment === undefined || filter.segment === segment) && (filter.source === undefined || filter.source === source);
}

/** One period's funnel from the monthly rollups, optionally for one segment and/or source. */
export function periodFunnel(months: FunnelMonths, period: Period, filter: FunnelFilter = {}): PeriodFunnel {
  let counts = ZERO_COUNTS;
  const bySegment: Record<string, FunnelCounts> = {};
  const bySource: Record<string, FunnelCounts> = {};
  for (const month of monthsOf(period)) {
    for (const [cell, cellCounts] of Object.entries(months[month] ?? {})) {
      if (!matches(cell, filter)) continue;
      const { segment, source } = parseCell(cell);
      counts = addCounts(counts, cellCounts);
      bySegment[segment] = addCounts(bySegment[segment] ?? ZERO_COUNTS, cellCounts);
      bySource[source] = addCounts(bySource[source] ?? ZERO_COUNTS, cellCounts);
    }
  }
  const withConversion = (table: Record<string, FunnelCounts>) => Object.fromEntries(Object.entries(table).map(([k, c]) => [k, { counts: c, conversion: conversionOf(c) }]));
  return { key: period.key, kind: period.kind, start: period.start, end: period.end, counts, conversion: conversionOf(counts), bySegment: withConversion(bySegment), bySource: withConversion(bySource) };
}

/** The `count` periods of a kind ending with the one that contains `today`, oldest first. */
export function recentPeriods(today: string, kind: PeriodKind, count: number, calendar: FiscalCalendar): Period[] {
  const current = periodOf(today, kind, calendar);
  return Array.from({ length: count }, (_, i) => shiftPeriod(current, i - (count - 1), calendar));
}

export { FUNNEL_STAGES };
