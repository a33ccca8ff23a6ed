import type { CurrencyAmounts } from '../../../../src/domain/money';
import { minorDigits } from '../../../../src/domain/money';

/**
 * Display formatting for the board. Amounts stay exact integers everywhere else; only here are they
 * turned into a locale's currency text (Intl.NumberFormat), one currency at a time, never summed
 * across currencies.
 */
/** Intl formatters are costly to build (a board renders a thousand cards): one per locale and currency. */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number } | null>();

function moneyFormat(currency: string, locale: string): { format: Intl.NumberFormat; digits: number } | null {
  const key = `${locale}|${currency}`;
  if (!moneyFormats.has(key)) {
    let entry: { format: Intl.NumberFormat; digits: number } | null = null;
    try {
      const digits = minorDigits(currency);
      const options = { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits } as const;
      let format: Intl.NumberFormat;
      try {
        format = new Intl.NumberFormat(locale, options);
      } catch {
        format = new Intl.NumberFormat('en-US', options);
      }
      entry = { format, digits };
    } catch {
      entry = null;
    }
    moneyFormats.set(key, entry);
  }
  return moneyFormats.get(key) ?? null;
}

/** Formatted amounts, so re-rendered and repeated cards skip Intl; bounded for long sessions. */
const formattedMoney = new Map<string, string>();
const MAX_FORMATTED_MONEY = 5000;

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}|${amountMinor}`;
  const known = formattedMoney.get(key);
  if (known !== undefined) return known;
  const text = formatMoneyUncached(amountMinor, currency, locale);
  if (formattedMoney.size >= MAX_FORMATTED_MONEY) formattedMoney.clear();
  formattedMoney.set(key, text);
  return text;
}

function formatMoneyUncached(amountMinor: number, currency: string, locale: string): string {
  const entry = moneyFormat(currency, locale);
  if (!entry) return `${amountMinor} ${currency}`;
  return entry.format.format(amountMinor / 10 ** entry.digits);
}

/** Per-currency sums as one line, currencies A–Z ("€48,000 · $21,000"); empty when there is nothing. */
export function formatAmounts(amounts: CurrencyAmounts, locale: string): string {
  return Object.keys(amounts)
    .sort()
    .filter((currency) => (amounts[currency] ?? 0) !== 0)
    .map((currency) => formatMoney(amounts[currency] ?? 0, currency, locale))
    .join(' · ');
}

/** A calendar date (YYYY-MM-DD) in the user's locale, read as that date wherever the user is. */
const dateFormats = new Map<string, Intl.DateTimeFormat | null>();
/** Close dates repeat across a board's cards: each (locale, date) is formatted once. Bounded, as a long session sees more dates. */
const formattedDates = new Map<string, string>();
const MAX_FORMATTED_DATES = 5000;

export function formatDate(iso: string, locale: string): string {
  const key = `${locale}|${iso}`;
  const known = formattedDates.get(key);
  if (known !== undefined) return known;
  const text = formatDateUncached(iso, locale);
  if (formattedDates.size >= MAX_FORMATTED_DATES) formattedDates.clear();
  formattedDates.set(key, text);
  return text;
}

function formatDateUncached(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const instant = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  if (!dateFormats.has(locale)) {
    try {
      dateFormats.set(locale, new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
    } catch {
      dateFormats.set(locale, null);
    }
  }
  return dateFormats.get(locale)?.format(instant) ?? iso;
}

/**
 * Two letters for an avatar. The sandbox's account ids are opaque hex, so the last two characters
 * are used when no display name is known; a name gives its initials.
 */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._-]+/).filter(Boolean);
  if (words.length >= 2 && /[a-z]/i.test(name)) return `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}`.toUpperCase();
  return name.trim().slice(-2).toUpperCase();
}
