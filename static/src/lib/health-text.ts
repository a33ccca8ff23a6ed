import type { CurrencyAmounts, ExchangeRates } from '../../../src/domain/money';
import { convert } from '../../../src/domain/money';
import type { HealthReasonCode } from '../../../src/domain/health';
import { HEALTH_REASON_CODES, reasonMessages } from '../../../src/domain/health';
import type { MessageKey } from './i18n';
import { t } from './i18n';

/** Pure helpers the renewal surfaces share: health in words, ARR per currency as one figure. */
export const TIER_KEYS: Record<string, MessageKey> = { good: 'health.tier.good', average: 'health.tier.average', poor: 'health.tier.poor', unknown: 'health.tier.unknown' };

export function tierText(tier: string): string {
  return t(TIER_KEYS[tier] ?? 'health.tier.unknown');
}

/** The Atlaskit lozenge appearance of a tier. */
export function tierAppearance(tier: string): 'success' | 'moved' | 'removed' | 'default' {
  return tier === 'good' ? 'success' : tier === 'average' ? 'moved' : tier === 'poor' ? 'removed' : 'default';
}

/** "3 overdue delivery issues, last activity 41 days ago"; reasons of a code this build does not know are left out. */
export function reasonsText(reasons: ReadonlyArray<{ code: string; value: number }>): string {
  const known = reasons.filter((r): r is { code: HealthReasonCode; value: number } => (HEALTH_REASON_CODES as readonly string[]).includes(r.code));
  const text = reasonMessages(known)
    .map((m) => t(m.key, { count: m.count }))
    .join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Per-currency ARR in the reporting currency; currencies without a rate are returned apart, never dropped silently. */
export function reportingTotal(amounts: CurrencyAmounts, rates: ExchangeRates): { amountMinor: number; unconverted: string[] } {
  let amountMinor = 0;
  const unconverted: string[] = [];
  for (const [currency, amount] of Object.entries(amounts)) {
    try {
      amountMinor += convert({ amountMinor: amount, currency }, rates).amountMinor;
    } catch {
      unconverted.push(currency);
    }
  }
  return { amountMinor, unconverted: unconverted.sort() };
}
