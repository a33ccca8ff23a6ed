import { ownValue } from './own';

/**
 * Money in exact integer minor units (cents, yen, fils) with an ISO 4217 currency. Amounts are never
 * summed as binary floats: parsing goes from the decimal text straight to an integer, and every
 * arithmetic result is checked to stay a safe integer.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

export type MoneyProblem = 'CURRENCY_UNKNOWN' | 'AMOUNT_FORMAT' | 'AMOUNT_PRECISION' | 'AMOUNT_RANGE' | 'CURRENCY_MISMATCH' | 'RATE_MISSING';

export class MoneyError extends Error {
  constructor(readonly problem: MoneyProblem, message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** The number of minor-unit digits of a currency (2 for EUR, 0 for JPY, 3 for KWD), from the platform's ICU data. */
/** Known answers: building an Intl.NumberFormat per conversion made a 100,000-deal metrics run spend seconds here. */
const digitsByCurrency = new Map<string, number>();

export function minorDigits(currency: string): number {
  const known = digitsByCurrency.get(currency);
  if (known !== undefined) return known;
  if (!CURRENCY_CODE.test(currency)) throw new MoneyError('CURRENCY_UNKNOWN', `"${currency}" is not an ISO 4217 currency code`);
  let digits: number;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new MoneyError('CURRENCY_UNKNOWN', `"${currency}" is not an ISO 4217 currency code`);
  }
  digitsByCurrency.set(currency, digits);
  return digits;
}

export function isCurrency(code: string): boolean {
  try {
    minorDigits(code);
    return true;
  } catch {
    return false;
  }
}

function checkSafe(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new MoneyError('AMOUNT_RANGE', `${what} is too large to be held exactly`);
  return value;
}

/**
 * Parses a decimal amount as people type it ("1200", "1,200.50", "-3.5") into minor units, refusing
 * more decimals than the currency has rather than rounding them away.
 */
export function parseAmount(text: string, currency: string): Money {
  const digits = minorDigits(currency);
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) throw new MoneyError('AMOUNT_FORMAT', `"${text}" is not an amount (use digits and at most one decimal point)`);
  const [, sign, whole = '0', fraction = ''] = match;
  const trimmedFraction = fraction.replace(/0+$/, '');
  if (trimmedFraction.length > digits) throw new MoneyError('AMOUNT_PRECISION', `${currency} amounts have at most ${digits} decimal places`);
  const minor = Number(whole + fraction.padEnd(digits, '0').slice(0, digits));
  const amountMinor = checkSafe(sign ? -minor : minor, `"${text}"`);
  return { amountMinor: amountMinor === 0 ? 0 : amountMinor, currency };
}

/** The decimal text of an amount, e.g. 120050 EUR → "1200.50". */
export function formatAmount(money: Money): string {
  const digits = minorDigits(money.currency);
  const negative = money.amountMinor < 0;
  const text = String(Math.abs(money.amountMinor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function add(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new MoneyError('CURRENCY_MISMATCH', `Cannot add ${b.currency} to ${a.currency}`);
  return { amountMinor: checkSafe(a.amountMinor + b.amountMinor, 'The sum'), currency: a.currency };
}

/** Integer division rounding half away from zero, exact for any safe integers. */
export function divideRounded(numerator: number, denominator: number): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const sign = (n < 0n) !== (d < 0n) ? -1n : 1n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const rounded = (an * 2n + ad) / (ad * 2n);
  return checkSafe(Number(sign * rounded), 'The result');
}

/** An amount weighted by a whole-number probability in percent, rounded to the minor unit. */
export function weightedMinor(amountMinor: number, probabilityPercent: number): number {
  return divideRounded(amountMinor * probabilityPercent, 100);
}

/**
 * Exchange rates as an admin enters them: how many units of the reporting currency one unit of each
 * other currency is worth, as decimal text (so "1.0825" is held exactly).
 */
export interface ExchangeRates {
  reportingCurrency: string;
  rates: Record<string, string>;
}

const RATE = /^\d+(?:\.\d{1,10})?$/;

export function isRate(text: string): boolean {
  return RATE.test(text) && Number(text) > 0;
}

/** Converts to the reporting currency with exact decimal arithmetic, rounding half away from zero once. */
export function convert(money: Money, rates: ExchangeRates): Money {
  const target = rates.reportingCurrency;
  if (money.currency === target) return money;
  const rate = ownValue(rates.rates, money.currency);
  if (rate === undefined || !isRate(rate)) throw new MoneyError('RATE_MISSING', `No exchange rate from ${money.currency} to ${target}`);
  const [whole = '0', fraction = ''] = rate.split('.');
  const rateScaled = BigInt(whole + fraction);
  const rateScale = 10n ** BigInt(fraction.length);
  const fromDigits = minorDigits(money.currency);
  const toDigits = minorDigits(target);
  // minor_to = minor_from × rate × 10^(toDigits − fromDigits)
  let numerator = BigInt(money.amountMinor) * rateScaled;
  let denominator = rateScale;
  if (toDigits >= fromDigits) numerator *= 10n ** BigInt(toDigits - fromDigits);
  else denominator *= 10n ** BigInt(fromDigits - toDigits);
  const negative = numerator < 0n;
  const absolute = negative ? -numerator : numerator;
  const rounded = (absolute * 2n + denominator) / (denominator * 2n);
  return { amountMinor: checkSafe(Number(negative ? -rounded : rounded), 'The converted amount'), currency: target };
}

/** Sums per currency: totals never mix currencies; conversion happens when a report is read. */
export type CurrencyAmounts = Record<string, number>;

export function addTo(amounts: CurrencyAmounts, currency: string, amountMinor: number): CurrencyAmounts {
  const next = checkSafe((ownValue(amounts, currency) ?? 0) + amountMinor, 'The total');
  const result = { ...amounts };
  if (next === 0) delete result[currency];
  else result[currency] = next;
  return result;
}

/** One figure in the reporting currency from per-currency sums. */
export function convertAll(amounts: CurrencyAmounts, rates: ExchangeRates): Money {
  let total = 0;
  for (const [currency, amountMinor] of Object.entries(amounts)) total = checkSafe(total + convert({ amountMinor, currency }, rates).amountMinor, 'The total');
  return { amountMinor: total, currency: rates.reportingCurrency };
}

/** Whether an amount in `currency` can be converted to the reporting currency (it is that currency, or has a valid rate). */
export function hasRate(currency: string, rates: ExchangeRates): boolean {
  if (currency === rates.reportingCurrency) return true;
  const rate = ownValue(rates.rates, currency);
  return rate !== undefined && isRate(rate);
}

/**
 * Per-currency sums as one figure in the reporting currency, never losing an amount silently: the
 * amounts in currencies without a rate stay out of `amountMinor` and are returned in `unconverted`,
 * so every surface can name them. `parts` is the breakdown a hover shows (each currency and what it
 * converted to).
 */
export interface ConvertedTotal {
  amountMinor: number;
  currency: string;
  parts: Array<{ currency: string; amountMinor: number; convertedMinor: number }>;
  unconverted: CurrencyAmounts;
}

export function convertAvailable(amounts: CurrencyAmounts, rates: ExchangeRates): ConvertedTotal {
  let total = 0;
  const parts: ConvertedTotal['parts'] = [];
  let unconverted: CurrencyAmounts = {};
  for (const currency of Object.keys(amounts).sort()) {
    const amountMinor = amounts[currency] ?? 0;
    if (amountMinor === 0) continue;
    if (!hasRate(currency, rates)) {
      unconverted = addTo(unconverted, currency, amountMinor);
      continue;
    }
    const convertedMinor = convert({ amountMinor, currency }, rates).amountMinor;
    total = checkSafe(total + convertedMinor, 'The total');
    parts.push({ currency, amountMinor, convertedMinor });
  }
  return { amountMinor: total, currency: rates.reportingCurrency, parts, unconverted };
}

/** Two sets of per-currency amounts added up (several columns, stages or projects). */
export function addAmounts(into: CurrencyAmounts, from: CurrencyAmounts): CurrencyAmounts {
  let out = into;
  for (const [currency, amount] of Object.entries(from)) out = addTo(out, currency, amount);
  return out;
}
