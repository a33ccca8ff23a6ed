import { formatMoney as formatMoneyText } from '../domain/money-format';
import type { SpanUnit } from '../domain/sla';
import { spanOf } from '../domain/sla';
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

const UNIT_KEY: Record<SpanUnit, MessageKey> = { minutes: 'duration.minutes', hours: 'duration.hours', days: 'duration.days' };

/** A span of time as an SLA clock reads it (the rounding rules are src/domain/sla.ts, shared with the deal drawer). */
export function formatDuration(ms: number, round: 'up' | 'down'): string {
  const { unit, count } = spanOf(ms, round);
  return t(UNIT_KEY[unit], { count });
}

/**
 * The SLA clock, in the one form every surface uses: "Accept within 5 h · by Dec 3, 5:00 PM" or
 * "Overdue by 2 h · was due Dec 3, 3:00 PM" (the deadline in the viewer's zone, when given).
 */
export function slaClockText(remainingMs: number, dueAt?: number, options: FormatOptions = DEFAULT_FORMAT): string {
  const clock = remainingMs >= 0 ? t('handoff.acceptWithin', { duration: formatDuration(remainingMs, 'up') }) : t('handoff.overdue', { duration: formatDuration(remainingMs, 'down') });
  if (dueAt === undefined) return clock;
  return t(remainingMs >= 0 ? 'handoff.by' : 'handoff.wasDue', { clock, when: formatInstant(dueAt, options) });
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
