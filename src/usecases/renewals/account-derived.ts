import { arrStore, companyStore, jobQueue, settingsStore } from '../../ports/registry';
import type { Account } from '../../domain/arr';
import { arrOn, derivedLifecycle, nextRenewal } from '../../domain/arr';
import type { Company } from '../../domain/company';
import type { HealthScore } from '../../domain/health';
import type { CurrencyAmounts, ExchangeRates } from '../../domain/money';
import { convert } from '../../domain/money';
import { isoDateOf } from '../../domain/periods';
import type { Ids } from '../../ports';
import { saveCompany } from '../companies/save-company';
import { StaleVersionError } from '../../domain/conflict';
import { systemContext } from '../handoff/system';

/** The ARR in the reporting currency, leaving out currencies without a rate (the per-currency figure keeps them). */
export function reportingArr(amounts: CurrencyAmounts, rates: ExchangeRates): number {
  let total = 0;
  for (const [currency, amountMinor] of Object.entries(amounts)) {
    try {
      total += convert({ amountMinor, currency }, rates).amountMinor;
    } catch {
      // Shown per currency on the company; only the index order leaves it out.
    }
  }
  return total;
}

/** What Relay derives onto a company: ARR (per currency and converted), lifecycle, renewal date and, when given, health. */
export function derivedFields(company: Company, account: Account, rates: ExchangeRates, now: number, health?: HealthScore): Company {
  const today = isoDateOf(now);
  const arrByCurrency = arrOn(account, today);
  const next: Company = {
    ...company,
    arrByCurrency,
    arrMinor: reportingArr(arrByCurrency, rates),
    lifecycle: derivedLifecycle(company.lifecycle, account, today),
    renewalDate: nextRenewal(account),
  };
  if (health) {
    next.health = health.tier;
    next.healthDetail = { score: health.score, reasons: health.reasons, computedAt: health.computedAt };
  }
  // A company that has no ARR any more is no longer scored: its health says nothing about a renewal.
  if (next.lifecycle === 'churned' && company.lifecycle !== 'churned') {
    next.health = 'unknown';
    next.healthDetail = null;
  }
  return next;
}

const DERIVED = ['arrByCurrency', 'arrMinor', 'lifecycle', 'renewalDate', 'health', 'healthDetail'] as const;
const differs = (a: Company, b: Company) => DERIVED.some((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));

/**
 * Writes a company's derived fields as Relay, if they changed: read, derive, save at the version
 * read; a person's edit in between is read again rather than overwritten. A company that has just
 * become a customer and was never scored gets a health job. Answers the saved company, or
 * undefined when nothing changed (or the company is gone).
 */
export async function refreshCompany(companyId: string, now: number, ids: Ids, health?: HealthScore, knownRates?: ExchangeRates): Promise<Company | undefined> {
  const ctx = systemContext({ now: () => now }, ids);
  let rates: ExchangeRates;
  if (knownRates) rates = knownRates;
  else {
    const settings = await settingsStore.readSettings();
    rates = { reportingCurrency: settings.reportingCurrency, rates: settings.rates };
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [company, account] = await Promise.all([companyStore.readCompany(companyId), arrStore.readAccount(companyId)]);
    if (!company) return undefined;
    const next = derivedFields(company, account, rates, now, health);
    if (!differs(company, next)) return undefined;
    try {
      const saved = await saveCompany(ctx, company, () => next);
      if (saved.lifecycle === 'customer' && saved.health === 'unknown' && !health) await queueHealth([saved.id]);
      return saved;
    } catch (error) {
      // Someone saved the company meanwhile: derive again from what they saved.
      if (!(error instanceof StaleVersionError)) throw error;
    }
  }
  throw new Error(`The derived fields of company ${companyId} could not be saved: the company kept changing`);
}

/** Asks the queue to score companies' health (a job may call Jira; a resolver should not wait for it). */
export async function queueHealth(companyIds: string[], issueIds: string[] = []): Promise<void> {
  try {
    // Issues just linked are named: the links' index may not show them yet when the job runs.
    await jobQueue.enqueueJob({ kind: 'health', companyIds, ...(issueIds.length > 0 ? { issueIds } : {}) });
  } catch (error) {
    console.warn('[relay] could not queue a health job; the daily run scores these companies', error);
  }
}
