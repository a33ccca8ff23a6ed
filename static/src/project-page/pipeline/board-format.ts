import { formatMoney as formatMoneyText } from '../../../../src/domain/money-format';

/**
 * Display formatting for the board. Amounts stay exact integers everywhere else; the one money
 * formatter (domain/money-format.ts) writes them, and this module only remembers the texts a board
 * of a thousand cards repeats.
 */
/** Formatted amounts, so re-rendered and repeated cards skip Intl; bounded for long sessions. */
const formattedMoney = new Map<string, string>();
const MAX_FORMATTED_MONEY = 5000;

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}|${amountMinor}`;
  const known = formattedMoney.get(key);
  if (known !== undefined) return known;
  const text = formatMoneyText(amountMinor, currency, locale);
  if (formattedMoney.size >= MAX_FORMATTED_MONEY) formattedMoney.clear();
  formattedMoney.set(key, text);
  return text;
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

