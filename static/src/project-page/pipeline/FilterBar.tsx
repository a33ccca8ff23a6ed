import type { ReactNode } from 'react';
import { SEGMENTS } from '../../../../src/domain/company';
import { FORECAST_CATEGORIES } from '../../../../src/domain/pipeline';
import type { FiscalCalendar } from '../../../../src/domain/periods';
import { periodOf } from '../../../../src/domain/periods';
import type { Choice } from '../../lib/controls';
import { ChoiceSelect, DateField } from '../../lib/controls';
import { t } from '../../lib/i18n';
import type { PeopleLookup } from '../../lib/people';
import { dateRangeText, periodName } from '../../lib/period-format';
import type { BoardFilters, ClosePeriod } from './board-filters';
import { CLOSE_PERIODS, closeRange, isFiltered, parseFilters, serializeFilters } from './board-filters';

/** "This quarter: Q4 FY2027 (Nov 1, 2026 – Jan 31, 2027)": the quarters of the site's fiscal calendar, named as the gadget names them. */
function periodOption(period: ClosePeriod, now: number, calendar: FiscalCalendar, locale: string): string {
  const label = t(`board.filters.period.${period}`);
  const range = period === 'custom' ? null : closeRange({ period }, now, calendar);
  if (!range?.start || !range.end) return label;
  const key = periodOf(range.start, 'quarter', calendar).key;
  return `${label}: ${t('period.withDates', { name: periodName(key), range: dateRangeText(range.start, range.end, locale) })}`;
}

/** The board's owners for the filter: the user first, then everyone else by display name. */
function ownersByName(owners: string[], people: PeopleLookup, me: string | undefined): string[] {
  const others = owners.filter((o) => o !== me).sort((a, b) => people.nameOf(a).localeCompare(people.nameOf(b)));
  return me && owners.includes(me) ? [me, ...others] : others;
}

/** One labelled filter; the label names the control for screen readers and for a click. */
function Filter({ id, label, children, testId }: { id: string; label: string; children: ReactNode; testId: string }) {
  return (
    <div className="relay-filter" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/**
 * The board's filters in the design system's controls (Atlaskit Select and DatePicker, as Jira's
 * own boards filter): instant with a thousand cards, and each change rewrites the URL query (the
 * source of truth), so a reload or a shared link shows the same board.
 */
export function FilterBar({ filters, owners, people, sources, me, onChange, now, calendar, locale }: { filters: BoardFilters; owners: string[]; people: PeopleLookup; sources: string[]; me: string | undefined; onChange: (next: BoardFilters) => void; now: number; calendar: FiscalCalendar; locale: string }) {
  const set = (patch: Partial<BoardFilters>) => onChange(parseFilters(serializeFilters({ ...filters, ...patch })));
  const value = (v: string) => (v === '' ? undefined : v);
  const ownerChoices: Choice[] = [{ value: '', label: t('board.filters.anyOwner') }, ...ownersByName(owners, people, me).map((owner) => ({ value: owner, label: owner === me ? t('people.me', { name: people.nameOf(owner) }) : people.nameOf(owner) }))];
  const periodChoices: Choice[] = [{ value: '', label: t('board.filters.anyPeriod') }, ...CLOSE_PERIODS.map((p) => ({ value: p, label: periodOption(p, now, calendar, locale) }))];
  const forecastChoices: Choice[] = [{ value: '', label: t('board.filters.anyForecast') }, ...FORECAST_CATEGORIES.filter((c) => c !== 'closed').map((c) => ({ value: c, label: t(`board.forecast.${c}`) }))];
  const segmentChoices: Choice[] = [{ value: '', label: t('board.filters.anySegment') }, ...SEGMENTS.map((s) => ({ value: s, label: t(`board.segment.${s}`) }))];
  const sourceChoices: Choice[] = [{ value: '', label: t('board.filters.anySource') }, ...sources.map((s) => ({ value: s, label: s }))];
  return (
    <form className="relay-filters" aria-label={t('board.filters.label')} onSubmit={(e) => e.preventDefault()} data-testid="board-filters">
      <Filter id="filter-owner" label={t('board.filters.owner')} testId="filter-owner">
        <ChoiceSelect inputId="filter-owner" value={filters.owner ?? ''} options={ownerChoices} onChange={(v) => set({ owner: value(v) })} width={200} />
      </Filter>
      <Filter id="filter-period" label={t('board.filters.period')} testId="filter-period">
        <ChoiceSelect inputId="filter-period" value={filters.period ?? ''} options={periodChoices} onChange={(v) => set({ period: value(v) as BoardFilters['period'] })} width={320} />
      </Filter>
      {filters.period === 'custom' ? (
        <>
          <Filter id="filter-from" label={t('board.filters.from')} testId="filter-from">
            <DateField id="filter-from" value={filters.from ?? ''} onChange={(v) => set({ from: value(v) })} locale={locale} />
          </Filter>
          <Filter id="filter-to" label={t('board.filters.to')} testId="filter-to">
            <DateField id="filter-to" value={filters.to ?? ''} onChange={(v) => set({ to: value(v) })} locale={locale} />
          </Filter>
        </>
      ) : null}
      <Filter id="filter-forecast" label={t('board.filters.forecast')} testId="filter-forecast">
        <ChoiceSelect inputId="filter-forecast" value={filters.forecast ?? ''} options={forecastChoices} onChange={(v) => set({ forecast: value(v) as BoardFilters['forecast'] })} />
      </Filter>
      <Filter id="filter-segment" label={t('board.filters.segment')} testId="filter-segment">
        <ChoiceSelect inputId="filter-segment" value={filters.segment ?? ''} options={segmentChoices} onChange={(v) => set({ segment: value(v) as BoardFilters['segment'] })} />
      </Filter>
      <Filter id="filter-source" label={t('board.filters.source')} testId="filter-source">
        <ChoiceSelect inputId="filter-source" value={filters.source ?? ''} options={sourceChoices} onChange={(v) => set({ source: value(v) })} />
      </Filter>
      {isFiltered(filters) ? (
        <button type="button" className="relay-button" onClick={() => onChange({})} data-testid="filter-clear">
          {t('board.filters.clear')}
        </button>
      ) : null}
    </form>
  );
}
