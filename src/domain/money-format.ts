import type { Money } from './money';
import { formatAmount, minorDigits } from './money';

/**
 * How Relay writes money, one way per context, for every surface: the Custom UI (board, gadgets,
 * Insights, settings), the UI Kit panels and the text of generated Jira issues.
 *
 * - `full`: the exact amount as the locale writes money, minor units only when there are some
 *   ("$120,000", "$1,200.50", "¥5,000"). Every figure people read as a number.
 * - `compact`: the locale's short form ("$120K", "€1.2M"), for chart labels and axes, where the
 *   exact figure is one hover away.
 * - `input`: the exact decimal text a form field holds and `parseAmount` reads back ("120000",
 *   "1200.50"): no grouping, no symbol, a dot for decimals.
 *
 * Amounts stay exact integers until here: the decimal text comes from `formatAmount` and Intl only
 * adds grouping and the symbol (Intl.NumberFormat takes the decimal string as is, so an amount
 * beyond 2^53 / 100 is not rounded through a float). A code that is not an ISO currency (none
 * reaches storage, but a view must never throw) is written in whole units with the code after it,
 * never as a raw count of minor units.
 */
export type MoneyStyle = 'full' | 'compact';

const formats = new Map<string, Intl.NumberFormat | null>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat | null {
  const key = `${locale}|${JSON.stringify(options)}`;
  if (!formats.has(key)) {
    let format: Intl.NumberFormat | null = null;
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      try {
        format = new Intl.NumberFormat('en-US', options);
      } catch {
        format = null;
      }
    }
    formats.set(key, format);
  }
  return formats.get(key) ?? null;
}

function digitsOf(currency: string): number | null {
  try {
    return minorDigits(currency);
  } catch {
    return null;
  }
}

/** Intl formats a decimal string exactly (ES2023); typed as a number for older lib typings. */
const exact = (text: string) => text as unknown as number;

function unknownCurrency(amountMinor: number, currency: string, locale: string): string {
  const whole = numberFormat(locale, { maximumFractionDigits: 0 })?.format(Math.round(amountMinor / 100)) ?? String(Math.round(amountMinor / 100));
  return `${whole} ${currency}`;
}

/** An amount of minor units in its currency, written for `locale` in the given style. */
export function formatMoney(rawMinor: number, currency: string, locale = 'en-US', style: MoneyStyle = 'full'): string {
  // Amounts are whole minor units; a derived figure that is not (an average, a rate) is written to
  // the nearest unit rather than as "NaN" from the digit slicing below.
  const amountMinor = Number.isInteger(rawMinor) ? rawMinor : Math.round(rawMinor);
  const digits = digitsOf(currency);
  if (digits === null) return unknownCurrency(amountMinor, currency, locale);
  const text = formatAmount({ amountMinor, currency });
  if (style === 'compact') {
    const format = numberFormat(locale, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
    if (format) return format.format(Number(text));
  }
  const whole = amountMinor % 10 ** digits === 0;
  const format = numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits });
  return format ? format.format(exact(text)) : `${text} ${currency}`;
}

/** The same, for a `Money` value. */
export function moneyText(money: Money, locale = 'en-US', style: MoneyStyle = 'full'): string {
  return formatMoney(money.amountMinor, money.currency, locale, style);
}

/**
 * A chart axis tick or bar label: an amount already in major units (charts need numbers), in the
 * compact style ("$1.2M"), so axes read as money and never as "120000".
 */
export function formatMajorCompact(major: number, currency: string, locale = 'en-US'): string {
  if (digitsOf(currency) === null) return `${numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })?.format(major) ?? String(major)} ${currency}`;
  return numberFormat(locale, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 })?.format(major) ?? `${major} ${currency}`;
}

/** The text a money input field starts with: exact, no grouping, no trailing ".00" ("250000", "1200.50"). */
export function formatMoneyInput(amountMinor: number, currency: string): string {
  const digits = digitsOf(currency);
  if (digits === null) return String(amountMinor);
  const text = formatAmount({ amountMinor, currency });
  return amountMinor % 10 ** digits === 0 && digits > 0 ? text.slice(0, -(digits + 1)) : text;
}
