import type { ArrMovement } from './arr';
import type { CurrencyAmounts, ExchangeRates } from './money';
import { addTo, convert } from './money';
import type { Period } from './periods';
import { isoDateOf } from './periods';

/**
 * NRR, GRR, logo churn and revenue churn (PRODUCT.md §4), from ARR movements alone:
 *
 *   NRR = (starting ARR + expansion − contraction − churn) / starting ARR
 *   GRR = (starting ARR − contraction − churn) / starting ARR
 *   logo churn = customers lost / customers at period start; revenue churn = churned ARR / starting ARR
 *
 * A customer at the period start is a company with ARR on the day before it (the sum of its
 * movements effective before the start). Only those customers count: a company acquired during the
 * period adds neither starting ARR nor expansion (its `new` and later movements are reported apart).
 * A customer is lost when its ARR at the period end is zero. Money is summed per currency and
 * converted once with the given rates; a currency without a rate is left out and named, never
 * silently dropped. Ratios are plain numbers (1.02 is 102 %), null when there is no starting ARR.
 */
export interface RetentionParts {
  startingMinor: number;
  expansionMinor: number;
  contractionMinor: number;
  churnMinor: number;
  /** ARR from companies that were not customers at the start (excluded from the ratios). */
  newMinor: number;
  customersAtStart: number;
  customersLost: number;
}

export interface Retention extends RetentionParts {
  nrr: number | null;
  grr: number | null;
  logoChurn: number | null;
  revenueChurn: number | null;
  unconvertedCurrencies: string[];
}

export type RetentionFilter = (companyMovements: readonly ArrMovement[]) => boolean;

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** The ratios of a set of parts (several projects or segments can be added up part by part first). */
export function retentionRatios(parts: RetentionParts): Pick<Retention, 'nrr' | 'grr' | 'logoChurn' | 'revenueChurn'> {
  const s = parts.startingMinor;
  return {
    nrr: ratio(s + parts.expansionMinor - parts.contractionMinor - parts.churnMinor, s),
    grr: ratio(s - parts.contractionMinor - parts.churnMinor, s),
    logoChurn: ratio(parts.customersLost, parts.customersAtStart),
    revenueChurn: ratio(parts.churnMinor, s),
  };
}

export function emptyParts(): RetentionParts {
  return { startingMinor: 0, expansionMinor: 0, contractionMinor: 0, churnMinor: 0, newMinor: 0, customersAtStart: 0, customersLost: 0 };
}

export function addParts(a: RetentionParts, b: RetentionParts): RetentionParts {
  return {
    startingMinor: a.startingMinor + b.startingMinor,
    expansionMinor: a.expansionMinor + b.expansionMinor,
    contractionMinor: a.contractionMinor + b.contractionMinor,
    churnMinor: a.churnMinor + b.churnMinor,
    newMinor: a.newMinor + b.newMinor,
    customersAtStart: a.customersAtStart + b.customersAtStart,
    customersLost: a.customersLost + b.customersLost,
  };
}

/**
 * Retention for a period from every movement (all history: starting ARR needs what came before).
 * `include` picks the companies counted (a segment, an owner), given each company's movements.
 */
export function arrRetention(movements: readonly ArrMovement[], period: Pick<Period, 'start' | 'end'>, rates: ExchangeRates, include: RetentionFilter = () => true): Retention {
  const byCompany = new Map<string, ArrMovement[]>();
  for (const m of movements) {
    const list = byCompany.get(m.companyId);
    if (list) list.push(m);
    else byCompany.set(m.companyId, [m]);
  }
  const unconverted = new Set<string>();
  const value = (amounts: CurrencyAmounts): number => {
    let total = 0;
    for (const [currency, amountMinor] of Object.entries(amounts)) {
      if (amountMinor === 0) continue;
      try {
        total += convert({ amountMinor, currency }, rates).amountMinor;
      } catch {
        unconverted.add(currency);
      }
    }
    return total;
  };
  const parts = emptyParts();
  for (const list of byCompany.values()) {
    if (!include(list)) continue;
    let before: CurrencyAmounts = {};
    let during: CurrencyAmounts = {};
    const inPeriod: ArrMovement[] = [];
    for (const m of list) {
      if (m.effectiveOn > period.end) continue;
      const target = m.effectiveOn < period.start ? 'before' : 'during';
      for (const [currency, amount] of Object.entries(m.deltas)) {
        if (target === 'before') before = addTo(before, currency, amount);
        else during = addTo(during, currency, amount);
      }
      if (target === 'during') inPeriod.push(m);
    }
    const starting = value(before);
    if (starting <= 0) {
      parts.newMinor += inPeriod.filter((m) => m.kind === 'new' || m.kind === 'expansion').reduce((sum, m) => sum + value(m.deltas), 0);
      continue;
    }
    parts.customersAtStart += 1;
    parts.startingMinor += starting;
    for (const m of inPeriod) {
      const amount = value(m.deltas);
      if (m.kind === 'churn') parts.churnMinor += -amount;
      else if (m.kind === 'contraction') parts.contractionMinor += -amount;
      else parts.expansionMinor += amount;
    }
    let end: CurrencyAmounts = before;
    for (const [currency, amount] of Object.entries(during)) end = addTo(end, currency, amount);
    if (value(end) <= 0) parts.customersLost += 1;
  }
  return { ...parts, ...retentionRatios(parts), unconvertedCurrencies: [...unconverted].sort() };
}

/** The segment a company counts in for a period: what its latest movement up to the period end recorded. */
export function latestOf<K extends 'segment' | 'region' | 'ownerId'>(movements: readonly ArrMovement[], key: K, periodEnd: string): ArrMovement[K] | null {
  let latest: ArrMovement | undefined;
  for (const m of movements) if (m.effectiveOn <= periodEnd && (!latest || m.effectiveOn >= latest.effectiveOn)) latest = m;
  return latest ? latest[key] : null;
}

/** Day boundaries of a movement's effective date as stored (epoch ms at UTC midnight), for index ranges. */
export function effectiveAt(effectiveOn: string): number {
  return Date.parse(`${effectiveOn}T00:00:00.000Z`);
}

export function effectiveOnOf(at: number): string {
  return isoDateOf(at);
}
