import { SEGMENTS } from '../../../../src/domain/company';
import { FORECAST_CATEGORIES } from '../../../../src/domain/pipeline';
import type { FiscalCalendar } from '../../../../src/domain/periods';
import { periodOf } from '../../../../src/domain/periods';
import { t } from '../../lib/i18n';
import { dateRangeText, periodName } from '../../lib/period-format';
import type { BoardFilters } from './board-filters';
import type { ClosePeriod } from './board-filters';
import { CLOSE_PERIODS, closeRange, isFiltered, parseFilters, serializeFilters } from './board-filters';

/** "This quarter: Q4 FY2027 (Nov 1, 2026 – Jan 31, 2027)": the quarters of the site's fiscal calendar, named as the gadget names them. */
function periodOption(period: ClosePeriod, now: number, calendar: FiscalCalendar, locale: string): string {
  const label = t(`board.filters.period.${period}`);
  const range = period === 'custom' ? null : closeRange({ period }, now, calendar);
  if (!range?.start || !range.end) return label;
  const key = periodOf(range.start, 'quarter', calendar).key;
  return `${label}: ${t('period.withDates', { name: periodName(key), range: dateRangeText(range.start, range.end, locale) })}`;
}

/**
 * The board's filters as plain labelled native selects and date inputs: fully keyboard operable,
 * instant with a thousand cards, and each change rewrites the URL query (the source of truth).
 */
export function FilterBar({ filters, owners, sources, me, onChange, now, calendar, locale }: { filters: BoardFilters; owners: string[]; sources: string[]; me: string | undefined; onChange: (next: BoardFilters) => void; now: number; calendar: FiscalCalendar; locale: string }) {
  const set = (patch: Partial<BoardFilters>) => onChange(parseFilters(serializeFilters({ ...filters, ...patch })));
  const value = (v: string) => (v === '' ? undefined : v);
  return (
    <form className="relay-filters" aria-label={t('board.filters.label')} onSubmit={(e) => e.preventDefault()} data-testid="board-filters">
      <label className="relay-filter">
        <span>{t('board.filters.owner')}</span>
        <select value={filters.owner ?? ''} onChange={(e) => set({ owner: value(e.target.value) })} data-testid="filter-owner">
          <option value="">{t('board.filters.anyOwner')}</option>
          {owners.map((owner) => (
            <option key={owner} value={owner}>
              {owner === me ? `${t('board.filters.me')} (${owner})` : owner}
            </option>
          ))}
        </select>
      </label>
      <label className="relay-filter">
        <span>{t('board.filters.period')}</span>
        <select value={filters.period ?? ''} onChange={(e) => set({ period: value(e.target.value) as BoardFilters['period'] })} data-testid="filter-period">
          <option value="">{t('board.filters.anyPeriod')}</option>
          {CLOSE_PERIODS.map((p) => (
            <option key={p} value={p}>
              {periodOption(p, now, calendar, locale)}
            </option>
          ))}
        </select>
      </label>
      {filters.period === 'custom' ? (
        <>
          <label className="relay-filter">
            <span>{t('board.filters.from')}</span>
            <input type="date" value={filters.from ?? ''} onChange={(e) => set({ from: value(e.target.value) })} data-testid="filter-from" />
          </label>
          <label className="relay-filter">
            <span>{t('board.filters.to')}</span>
            <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: value(e.target.value) })} data-testid="filter-to" />
          </label>
        </>
      ) : null}
      <label className="relay-filter">
        <span>{t('board.filters.forecast')}</span>
        <select value={filters.forecast ?? ''} onChange={(e) => set({ forecast: value(e.target.value) as BoardFilters['forecast'] })} data-testid="filter-forecast">
          <option value="">{t('board.filters.anyForecast')}</option>
          {FORECAST_CATEGORIES.filter((c) => c !== 'closed').map((c) => (
            <option key={c} value={c}>
              {t(`board.forecast.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="relay-filter">
        <span>{t('board.filters.segment')}</span>
        <select value={filters.segment ?? ''} onChange={(e) => set({ segment: value(e.target.value) as BoardFilters['segment'] })} data-testid="filter-segment">
          <option value="">{t('board.filters.anySegment')}</option>
          {SEGMENTS.map((s) => (
            <option key={s} value={s}>
              {t(`board.segment.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="relay-filter">
        <span>{t('board.filters.source')}</span>
        <select value={filters.source ?? ''} onChange={(e) => set({ source: value(e.target.value) })} data-testid="filter-source">
          <option value="">{t('board.filters.anySource')}</option>
          {sources.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {isFiltered(filters) ? (
        <button type="button" className="relay-button" onClick={() => onChange({})} data-testid="filter-clear">
          {t('board.filters.clear')}
        </button>
      ) : null}
    </form>
  );
}
