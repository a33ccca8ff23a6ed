import type { ConvertedTotal, CurrencyAmounts } from '../../../src/domain/money';
import { formatMoney } from '../../../src/domain/money-format';
import { t } from './i18n';

/**
 * The words around a converted total, the same on the board, the gadgets and Insights: its
 * per-currency breakdown (what a hover shows) and the amounts without a rate, named so no total
 * ever hides them.
 */
export function breakdownLines(total: Pick<ConvertedTotal, 'currency' | 'parts' | 'unconverted'>, locale: string): string[] {
  const lines = total.parts.map((part) =>
    part.currency === total.currency
      ? formatMoney(part.amountMinor, part.currency, locale)
      : t('money.convertedPart', { amount: formatMoney(part.amountMinor, part.currency, locale), converted: formatMoney(part.convertedMinor, total.currency, locale) }),
  );
  for (const [currency, amountMinor] of Object.entries(total.unconverted).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(t('money.notConvertedPart', { amount: formatMoney(amountMinor, currency, locale) }));
  }
  return lines;
}

/** "£21,000 and ¥500,000": unconverted amounts as a list, or '' when there are none. */
export function amountsText(amounts: CurrencyAmounts, locale: string): string {
  const parts = Object.entries(amounts)
    .filter(([, amount]) => amount !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => formatMoney(amount, currency, locale));
  if (parts.length <= 1) return parts[0] ?? '';
  return t('money.list', { items: parts.slice(0, -1).join(', '), last: parts.at(-1) ?? '' });
}

/** The warning beside totals that leave amounts out, or null when nothing is left out. */
export function unconvertedWarning(amounts: CurrencyAmounts, reportingCurrency: string, locale: string): string | null {
  const text = amountsText(amounts, locale);
  const currencies = Object.keys(amounts).filter((c) => amounts[c] !== 0).sort();
  if (!text) return null;
  return t('money.unconvertedWarning', { amounts: text, currencies: currencies.join(', '), currency: reportingCurrency });
}

/** The daily figures' list of currencies without a rate: "GBP: 2 deals (£21,000 open)". */
export function unconvertedDealsText(list: ReadonlyArray<{ currency: string; deals: number; openMinor: number }>, locale: string): string {
  return list
    .map((u) => t(u.deals === 1 ? 'money.unconvertedDeal' : 'money.unconvertedDeals', { currency: u.currency, deals: u.deals, amount: formatMoney(u.openMinor, u.currency, locale) }))
    .join('; ');
}
