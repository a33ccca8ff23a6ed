import { formatMoney as formatMoneyText } from '../domain/money-format';
import type { MessageKey } from './i18n';
import { t } from './i18n';

/**
 * How the UI Kit surfaces show numbers, dates and durations. Amounts arrive as integer minor units
 * with a currency (contracts never carry floats of money) and are written by domain/money-format.ts,
 * as on every other surface; dates arrive as ISO days or epoch ms.
 */

export interface FormatOptions {
  locale: string;
  /** IANA zone of the viewer (from the product context), for instants such as "accepted at". */
  timeZone: string;
}

export const DEFAULT_FORMAT: FormatOptions = { locale: 'en-US', timeZone: 'UTC' };

/** 4_800_000 EUR → "€48,000" in en-US: the one money formatter every surface uses (full style). */
export function formatMoney(amountMinor: number, currency: string, options: FormatOptions = DEFAULT_FORMAT): string {
  return formatMoneyText(amountMinor, currency, options.locale);
}

/** "2027-12-31" → "Dec 31, 2027". ISO days are calendar days, so they are shown in UTC whatever the viewer's zone. */
export function formatDay(isoDay: string, options: FormatOptions = DEFAULT_FORMAT): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return new Intl.DateTimeFormat(options.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An instant in the viewer's zone, e.g. "Nov 2, 2026, 9:00 AM". */
export function formatInstant(epochMs: number, options: FormatOptions = DEFAULT_FORMAT): string {
  return new Intl.DateTimeFormat(options.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone }).format(new Date(epochMs));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of time as a person reads an SLA clock: minutes under an hour, hours under two days, days
 * beyond. Time left is rounded up (4 h 10 min left is "within 5 h": still true) and time overdue is
 * rounded down ("overdue by 2 h" is never an exaggeration), so the words never overstate the slack.
 */
export function formatDuration(ms: number, round: 'up' | 'down'): string {
  const span = Math.abs(ms);
  const pick = (unit: number, key: MessageKey) => {
    const exact = span / unit;
    const count = round === 'up' ? Math.ceil(exact) : Math.floor(exact);
    return t(key, { count: Math.max(1, count) });
  };
  if (span < HOUR) return pick(MINUTE, 'duration.minutes');
  if (span < 2 * DAY) return pick(HOUR, 'duration.hours');
  return pick(DAY, 'duration.days');
}

/** The SLA clock text: "Accept within 5 h" or "Overdue by 2 h". */
export function slaClockText(remainingMs: number): string {
  return remainingMs >= 0 ? t('handoff.acceptWithin', { duration: formatDuration(remainingMs, 'up') }) : t('handoff.overdue', { duration: formatDuration(remainingMs, 'down') });
}

/** The viewer's locale and zone from the product context, when it names them. */
export function formatOptionsOf(context: unknown): FormatOptions {
  const raw = (context ?? {}) as { locale?: unknown; timezone?: unknown };
  const locale = typeof raw.locale === 'string' && raw.locale !== '' ? raw.locale.replace('_', '-') : DEFAULT_FORMAT.locale;
  const timeZone = typeof raw.timezone === 'string' && raw.timezone !== '' ? raw.timezone : DEFAULT_FORMAT.timeZone;
  try {
    new Intl.DateTimeFormat(locale, { timeZone });
    return { locale, timeZone };
  } catch {
    return DEFAULT_FORMAT;
  }
}
