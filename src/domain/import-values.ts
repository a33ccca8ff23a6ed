import { isCurrency, MoneyError, parseAmount } from './money';
import { isIsoDate, type IsoDate } from './periods';
import type { CompanyLifecycle, Segment } from './company';
import type { ConsentStatus, LifecycleStage } from './contact';
import type { DealType } from './deal';

/**
 * Cell values as other CRMs and spreadsheets write them, read into Relay's values. Each reader
 * answers `{ value }` or `{ problem }` (the reason a row is rejected), never guesses: a date that is
 * not a real day, an amount with two decimal separators, a stage the pipeline does not have.
 */
export type Read<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

const ok = <T>(value: T): Read<T> => ({ value });
const bad = <T>(problem: string): Read<T> => ({ problem });

/** How numeric dates are ordered in the file: 03/04/2026 is 4 March (mdy, US exports) or 3 April (dmy). */
export type DateOrder = 'mdy' | 'dmy';

function realDay(year: number, month: number, day: number): IsoDate | undefined {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(text) ? text : undefined;
}

/**
 * Dates as exports write them: 2026-03-04, 2026-03-04T10:00:00.000Z (Salesforce), 2026/03/04,
 * 03/04/2026 or 3/4/26 (in the file's date order), 04.03.2026 (always day first).
 */
export function readDate(text: string, order: DateOrder): Read<IsoDate> {
  const value = text.trim();
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match) {
    const day = realDay(Number(match[1]), Number(match[2]), Number(match[3]));
    return day ? ok(day) : bad(`"${value}" is not a real date`);
  }
  match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(value);
  if (match) {
    const year = match[4]!.length === 2 ? 2000 + Number(match[4]) : Number(match[4]);
    const dayFirst = match[2] === '.' || order === 'dmy';
    const [day, month] = dayFirst ? [Number(match[1]), Number(match[3])] : [Number(match[3]), Number(match[1])];
    const iso = realDay(year, month, day);
    return iso ? ok(iso) : bad(`"${value}" is not a real date (read as ${dayFirst ? 'day/month' : 'month/day'}/year)`);
  }
  return bad(`"${value}" is not a date (use YYYY-MM-DD)`);
}

/** The date order a column's values must be in: day first when any first number is above 12. */
export function guessDateOrder(values: readonly string[]): DateOrder {
  for (const value of values) {
    const match = /^(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}$/.exec(value.trim());
    if (match && Number(match[1]) > 12) return 'dmy';
  }
  return 'mdy';
}

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', 'CHF': 'CHF' };

/**
 * An amount as people and exports write it: "12000", "12,000.50", "$12,000.50", "12.000,50 €",
 * "1 200 EUR". The last of "." and "," is the decimal separator when both appear; a lone "," with one
 * or two digits after it is decimal, otherwise it groups thousands. A currency written in the cell
 * must agree with the row's currency. Amounts are whole minor units of the currency.
 */
export function readAmount(text: string, currency: string): Read<{ amountMinor: number; currency: string }> {
  let value = text.trim().replace(/\u00a0/g, ' ');
  let written: string | undefined;
  // A currency code written before or after the number ("EUR 1200", "1 200 EUR").
  const code = /^([A-Za-z]{3})\s*(?=[\d.,])|(?<=[\d.,])\s*([A-Za-z]{3})$/.exec(value);
  if (code && isCurrency((code[1] ?? code[2])!.toUpperCase())) {
    written = (code[1] ?? code[2])!.toUpperCase();
    value = value.replace(code[0], '');
  }
  for (const [symbol, symbolCurrency] of Object.entries(SYMBOLS)) {
    if (value.includes(symbol)) {
      written ??= symbolCurrency;
      value = value.replace(symbol, '');
    }
  }
  if (written && written !== currency) return bad(`The amount is in ${written}, the row's currency is ${currency}`);
  value = value.replace(/[\s']/g, '');
  const lastDot = value.lastIndexOf('.');
  const lastComma = value.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    value = lastComma > lastDot ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  } else if (lastComma >= 0) {
    const decimals = value.length - lastComma - 1;
    value = value.indexOf(',') === lastComma && decimals >= 1 && decimals <= 2 ? value.replace(',', '.') : value.replace(/,/g, '');
  } else if (lastDot >= 0 && value.indexOf('.') !== lastDot) {
    value = value.replace(/\./g, '');
  }
  if (value.startsWith('-')) return bad(`"${text.trim()}": amounts cannot be negative`);
  try {
    return ok(parseAmount(value, currency));
  } catch (error) {
    if (error instanceof MoneyError) return bad(`"${text.trim()}" is not an amount in ${currency}: ${error.message}`);
    throw error;
  }
}

export function readCurrency(text: string): Read<string> {
  const code = text.trim().toUpperCase();
  return isCurrency(code) ? ok(code) : bad(`"${text.trim()}" is not a currency code (e.g. EUR)`);
}

const fold = (text: string) => text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '');

const LIFECYCLE: Record<string, LifecycleStage> = {
  subscriber: 'lead', lead: 'lead', newlead: 'lead', marketingqualifiedlead: 'mql', mql: 'mql', salesqualifiedlead: 'sql', sql: 'sql',
  opportunity: 'opportunity', customer: 'customer', evangelist: 'customer', other: 'other',
};

export function readLifecycleStage(text: string): Read<LifecycleStage> {
  const stage = LIFECYCLE[fold(text)];
  return stage ? ok(stage) : bad(`"${text.trim()}" is not a lifecycle stage (lead, MQL, SQL, opportunity, customer, other)`);
}

const SEGMENT: Record<string, Segment> = { smb: 'smb', small: 'smb', smallbusiness: 'smb', midmarket: 'mid-market', mid: 'mid-market', midsize: 'mid-market', enterprise: 'enterprise', ent: 'enterprise' };

export function readSegment(text: string): Read<Segment> {
  const segment = SEGMENT[fold(text)];
  return segment ? ok(segment) : bad(`"${text.trim()}" is not a segment (SMB, Mid-market, Enterprise)`);
}

const COMPANY_LIFECYCLE: Record<string, CompanyLifecycle> = { prospect: 'prospect', customer: 'customer', churned: 'churned', formercustomer: 'churned', pastcustomer: 'churned' };

export function readCompanyLifecycle(text: string): Read<CompanyLifecycle> {
  const lifecycle = COMPANY_LIFECYCLE[fold(text)];
  return lifecycle ? ok(lifecycle) : bad(`"${text.trim()}" is not a company lifecycle (prospect, customer, churned)`);
}

export function readDealType(text: string): Read<DealType> {
  const value = fold(text);
  if (value.includes('renew')) return ok('renewal');
  if (/expansion|upsell|upgrade|existing/.test(value)) return ok('expansion');
  if (value.includes('new')) return ok('new_business');
  return bad(`"${text.trim()}" is not a deal type (new business, expansion, renewal)`);
}

export function readBoolean(text: string): Read<boolean> {
  const value = fold(text);
  if (['yes', 'true', '1', 'y', 'x'].includes(value)) return ok(true);
  if (['no', 'false', '0', 'n'].includes(value)) return ok(false);
  return bad(`"${text.trim()}" is not yes or no`);
}

const CONSENT: Record<string, ConsentStatus> = {
  granted: 'granted', yes: 'granted', true: 'granted', optedin: 'granted', optin: 'granted', subscribed: 'granted',
  denied: 'denied', no: 'denied', false: 'denied', optedout: 'denied', optout: 'denied', unsubscribed: 'withdrawn', withdrawn: 'withdrawn', unknown: 'unknown',
};

export function readConsentStatus(text: string): Read<ConsentStatus> {
  const status = CONSENT[fold(text)];
  return status ? ok(status) : bad(`"${text.trim()}" is not a consent answer (granted, denied, withdrawn)`);
}

/** Several values in one cell ("a@x.io; b@x.io", HubSpot's "id1;id2"). */
export function readList(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
