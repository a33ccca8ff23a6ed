import type { DealRecord } from '../../../../src/contracts/deal';
import { SEGMENTS } from '../../../../src/domain/company';
import type { Segment } from '../../../../src/domain/company';
import { FORECAST_CATEGORIES } from '../../../../src/domain/pipeline';
import type { ForecastCategory } from '../../../../src/domain/pipeline';
import type { FiscalCalendar, IsoDate } from '../../../../src/domain/periods';
import { isIsoDate, isWithin, isoDateOf, periodOf, shiftPeriod } from '../../../../src/domain/periods';

/**
 * The board's filters, applied in the browser to the deals the one `deals/board` call loaded (so a
 * filter change costs no invocation), and kept in the subpage URL's query so a reload or a shared
 * link shows the same board. Unknown or malformed query values are dropped, never trusted.
 */
export const CLOSE_PERIODS = ['this-quarter', 'next-quarter', 'custom'] as const;
export type ClosePeriod = (typeof CLOSE_PERIODS)[number];

export interface BoardFilters {
  owner?: string;
  period?: ClosePeriod;
  /** The custom range (inclusive), used when `period` is 'custom'. */
  from?: IsoDate;
  to?: IsoDate;
  forecast?: ForecastCategory;
  segment?: Segment;
  source?: string;
}

const KEYS = ['owner', 'period', 'from', 'to', 'forecast', 'segment', 'source'] as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

const text = (value: string | null) => (value !== null && value.trim().length > 0 && value.length <= 255 ? value.trim() : undefined);
const date = (value: string | null) => (value !== null && isIsoDate(value) ? value : undefined);

export function parseFilters(search: string): BoardFilters {
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const filters: BoardFilters = {
    owner: text(query.get('owner')),
    period: oneOf(CLOSE_PERIODS, query.get('period')),
    from: date(query.get('from')),
    to: date(query.get('to')),
    forecast: oneOf(FORECAST_CATEGORIES, query.get('forecast')),
    segment: oneOf(SEGMENTS, query.get('segment')),
    source: text(query.get('source')),
  };
  if (filters.period !== 'custom') {
    delete filters.from;
    delete filters.to;
  }
  for (const key of KEYS) if (filters[key] === undefined) delete filters[key];
  return filters;
}

/** The query string for the filters in a stable key order ('' when none is set). */
export function serializeFilters(filters: BoardFilters): string {
  const query = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value === undefined || value === '') continue;
    if ((key === 'from' || key === 'to') && filters.period !== 'custom') continue;
    query.set(key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function isFiltered(filters: BoardFilters): boolean {
  return Object.keys(parseFilters(serializeFilters(filters))).length > 0;
}

/**
 * The close-date range a period filter means on `now`'s date, in the site's fiscal calendar (the
 * quarters the metrics and the gadgets use: no default, so no caller can fall back to calendar
 * quarters); a custom range may be open at one end.
 */
export function closeRange(filters: BoardFilters, now: number, calendar: FiscalCalendar): { start: IsoDate | null; end: IsoDate | null } | null {
  if (!filters.period) return null;
  if (filters.period === 'custom') return filters.from || filters.to ? { start: filters.from ?? null, end: filters.to ?? null } : null;
  const quarter = periodOf(isoDateOf(now), 'quarter', calendar);
  const period = filters.period === 'this-quarter' ? quarter : shiftPeriod(quarter, 1, calendar);
  return { start: period.start, end: period.end };
}

/** Whether a deal passes every filter that is set. A close-period filter drops deals without a close date. */
export function matchesFilters(deal: DealRecord, filters: BoardFilters, now: number, calendar: FiscalCalendar): boolean {
  if (filters.owner && deal.ownerId !== filters.owner) return false;
  if (filters.forecast && deal.forecastCategory !== filters.forecast) return false;
  if (filters.segment && deal.segment !== filters.segment) return false;
  if (filters.source && (deal.source ?? '').toLowerCase() !== filters.source.toLowerCase()) return false;
  const range = closeRange(filters, now, calendar);
  if (range) {
    if (!deal.closeDate) return false;
    if (!isWithin(deal.closeDate, { start: range.start ?? '0000-01-01', end: range.end ?? '9999-12-31' })) return false;
  }
  return true;
}
