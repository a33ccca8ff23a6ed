import { arrStore, companyStore, delivery, handoffStore, renewalStore, settingsStore } from '../../ports/registry';
import type { Account } from '../../domain/arr';
import { nextRenewal } from '../../domain/arr';
import type { Company } from '../../domain/company';
import type { HealthScore, HealthWeights, IssueSignals } from '../../domain/health';
import { issueSignals, scoreHealth } from '../../domain/health';
import { isoDateOf } from '../../domain/periods';
import type { Ids } from '../../ports';
import { derivedFields, refreshCompany } from './account-derived';

/**
 * Scores companies' health from what happens around them (src/domain/health.ts): their open linked
 * Jira work (one search for up to 100 companies), hand-off breaches not yet accepted, the last
 * activity and the next renewal (their accounts), with the site's weights. Only scores and derived
 * fields that changed are written.
 */
const NO_ISSUES: IssueSignals = { overdueIssues: 0, blockedIssues: 0, openBugs: 0 };

/** Open hand-off breaches per company: deals whose acceptance is overdue and still not accepted. */
export async function breachesByCompany(companyIds?: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const one = companyIds?.length === 1 ? companyIds[0] : undefined;
  for (const deal of await handoffStore.breachedHandoffDeals(one, 10)) {
    if (deal.companyId && !deal.archived) out.set(deal.companyId, (out.get(deal.companyId) ?? 0) + 1);
  }
  return out;
}

export interface ScoringInputs {
  weights: HealthWeights;
  issues: Map<string, IssueSignals>;
  breaches: Map<string, number>;
  accounts: Map<string, Account>;
}

/** Everything needed to score these companies, read in a few requests (one Jira search per 100 companies). */
export async function scoringInputs(companyIds: readonly string[], now: number, reconcileIssueIds: readonly string[] = [], breaches?: Map<string, number>): Promise<ScoringInputs> {
  const [weights, linked, accounts, breached] = await Promise.all([renewalStore.readHealthWeights(), delivery.openLinkedIssues(companyIds, reconcileIssueIds), arrStore.readAccounts(companyIds), breaches ?? breachesByCompany(companyIds)]);
  return { weights: weights.value, issues: issueSignals(linked, isoDateOf(now)), breaches: breached, accounts };
}

export function scoreOf(company: Company, inputs: ScoringInputs, now: number): HealthScore {
  const account = inputs.accounts.get(company.id);
  return scoreHealth(
    {
      ...(inputs.issues.get(company.id) ?? NO_ISSUES),
      handoffBreaches: inputs.breaches.get(company.id) ?? 0,
      lastActivityAt: account?.lastActivityAt ?? null,
      since: company.createdAt,
      nextRenewal: account ? nextRenewal(account) : null,
    },
    inputs.weights,
    now,
  );
}

/** Whether a company is scored at all: customers (ARR or a won deal); prospects and churned companies are not. */
export function isScored(company: Company): boolean {
  return !company.archived && company.lifecycle === 'customer';
}

/**
 * Scores the companies given (as read; they may be stale query results) and writes those whose
 * score or derived fields changed, each re-read and saved at its version. Answers how many changed.
 */
export async function scoreCompanies(companies: readonly Company[], now: number, ids: Ids, options: { reconcileIssueIds?: readonly string[]; breaches?: Map<string, number> } = {}): Promise<number> {
  const scored = companies.filter(isScored);
  if (scored.length === 0) return 0;
  const inputs = await scoringInputs(
    scored.map((c) => c.id),
    now,
    options.reconcileIssueIds,
    options.breaches,
  );
  const settings = await settingsStore.readSettings();
  const rates = { reportingCurrency: settings.reportingCurrency, rates: settings.rates };
  let changed = 0;
  for (const company of scored) {
    const health = scoreOf(company, inputs, now);
    const account = inputs.accounts.get(company.id)!;
    const next = derivedFields(company, account, rates, now, health);
    // Scores are rewritten only when the tier, the score or a reason changed (not merely the time).
    const same = company.health === next.health && JSON.stringify({ ...company.healthDetail, computedAt: 0 }) === JSON.stringify({ ...next.healthDetail, computedAt: 0 }) && JSON.stringify(company.arrByCurrency) === JSON.stringify(next.arrByCurrency) && company.lifecycle === next.lifecycle && company.renewalDate === next.renewalDate;
    if (same) continue;
    if (await refreshCompany(company.id, now, ids, health, rates)) changed += 1;
  }
  return changed;
}

/** Scores companies by id (a health job, an issue event). */
export async function scoreCompaniesById(companyIds: readonly string[], now: number, ids: Ids, reconcileIssueIds: readonly string[] = []): Promise<number> {
  const companies = await companyStore.readCompanies(companyIds);
  return scoreCompanies(companies, now, ids, { reconcileIssueIds });
}

