import type { PeriodMetricsRecord } from '../../../src/contracts/metrics';
import { formatMoney } from '../../../src/domain/money-format';
import { daysBetween } from '../../../src/domain/periods';
import { t } from './i18n';
import { dateRangeText, dayText, periodName } from './period-format';

/**
 * The line under a figure that says what it was computed from ("3 won, 1 lost closing in Q4 FY2026
 * (Oct 1 – Dec 31, 2026)", "forecast from the snapshot of Oct 5, 4 days late"), the same words on the
 * gadget and in Insights. Pure, so the wording is unit-tested.
 */
/** "1 deal", "12 deals". */
export function dealsText(count: number): string {
  return count === 1 ? t('basis.deal') : t('basis.deals', { count });
}

export function periodLabel(period: Pick<PeriodMetricsRecord, 'key' | 'start' | 'end'>, locale: string, withDates = true): string {
  return withDates ? t('period.withDates', { name: periodName(period.key), range: dateRangeText(period.start, period.end, locale) }) : periodName(period.key);
}

/** Where coverage's target comes from, and the qualified deals it divides. */
export function targetBasis(result: { target: 'project' | 'gadget' | 'none' | 'not-applicable'; targetMinor: number | null; reportingCurrency: string }, period: Pick<PeriodMetricsRecord, 'key' | 'qualifiedCount'>, locale: string): string {
  const target = result.targetMinor === null ? '' : formatMoney(result.targetMinor, result.reportingCurrency, locale);
  const vars = { qualified: dealsText(period.qualifiedCount), target, period: periodName(period.key) };
  switch (result.target) {
    case 'not-applicable':
      return t('basis.coverageSegment', vars);
    case 'none':
      return t('basis.coverageNoTarget', vars);
    case 'gadget':
      return t('basis.coverageGadget', vars);
    case 'project':
      return t('basis.coverageProject', vars);
  }
}

/** Forecast accuracy's basis: the forecast, the snapshot it was taken from (and how far from the start), and what was won. */
export function accuracyBasis(period: PeriodMetricsRecord | null, currency: string, locale: string): string {
  if (!period) return t('basis.accuracyNotYet');
  const name = periodName(period.key);
  const basis = period.forecastBasis;
  if (period.forecastAtStartMinor === null || !basis) return t('basis.accuracyNoSnapshot', { period: name });
  const vars = { forecast: formatMoney(period.forecastAtStartMinor, currency, locale), won: formatMoney(period.wonMinor, currency, locale), date: dayText(basis.takenOn, locale), days: Math.abs(daysBetween(period.start, basis.takenOn)), period: name };
  const text = t(basis.kind === 'start' ? 'basis.accuracyStart' : basis.kind === 'late' ? 'basis.accuracyLate' : 'basis.accuracyBefore', vars);
  return period.forecastAccuracy === null ? `${text} ${t('basis.accuracyNoWins')}` : text;
}
