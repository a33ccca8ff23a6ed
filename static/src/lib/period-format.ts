import type { FiscalCalendar } from '../../../src/domain/periods';
import { periodFromKey } from '../../../src/domain/periods';
import { t } from './i18n';

/**
 * How every Custom UI surface names a period: one name per key ("Q4 FY2027", "M4 FY2027",
 * "FY2027", fiscal years named by the calendar year they end in) and its dates in the site's fiscal
 * calendar, so the targets editor, the board's filters, the gadgets and Insights say the same thing.
 */
const PERIOD_KEY = /^FY(\d{4})(?:-(Q|M)(\d{1,2}))?$/;

export function periodName(key: string): string {
  const match = PERIOD_KEY.exec(key);
  if (!match) return key;
  const [, year = '', kind, index = ''] = match;
  if (!kind) return t('period.yearName', { year });
  return t(kind === 'Q' ? 'period.quarterName' : 'period.monthName', { year, n: Number(index) });
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD) in the locale, read as that date wherever the viewer is. */
export function dayText(iso: string, locale = 'en-US'): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  let format = dateFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
    }
    dateFormats.set(locale, format);
  }
  return format.format(Date.UTC(y, m - 1, d));
}

export function dateRangeText(start: string, end: string, locale = 'en-US'): string {
  return t('period.range', { start: dayText(start, locale), end: dayText(end, locale) });
}

/** "Q4 FY2027 (Nov 1, 2026 – Jan 31, 2027)": the name and the dates of a period key in a calendar. */
export function periodText(key: string, calendar: FiscalCalendar, locale = 'en-US'): string {
  const period = periodFromKey(key, calendar);
  return period ? t('period.withDates', { name: periodName(key), range: dateRangeText(period.start, period.end, locale) }) : key;
}
