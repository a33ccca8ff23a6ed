import { movementsBetween } from '../../adapters/kvs/arr-store';
import { readCompanies } from '../../adapters/kvs/company-store';
import { openRenewals, writeRenewalSummary, writeRetention } from '../../adapters/kvs/renewal-store';
import { readSettings } from '../../adapters/kvs/settings-store';
import type { RenewalSummaryRecord, RetentionMetricsRecord } from '../../contracts/renewal';
import type { ArrMovement } from '../../domain/arr';
import type { Health } from '../../domain/company';
import type { Deal } from '../../domain/deal';
import type { ExchangeRates } from '../../domain/money';
import type { FiscalCalendar, Period } from '../../domain/periods';
import { addDays, isoDateOf, periodOf, shiftPeriod } from '../../domain/periods';
import { bucketRenewals, renewalArr } from '../../domain/renewal';
import { arrRetention, effectiveAt, latestOf } from '../../domain/retention';

/**
 * What the daily run computes for the Renewals tab and gadget, so they read one record each whatever
 * the number of contracts: per project, its open renewals bucketed by due window and company health;
 * site-wide, NRR, GRR and churn for the current month, quarter and fiscal year, 8 quarters of trend
 * and the quarter per segment, region and owner — all from the stored ARR movements.
 */
const PAGE = 100;

/** A project's open renewals closing up to 90 days ahead (overdue ones included), with their companies' health. */
export async function renewalsDue(projectId: string, today: string): Promise<Array<{ deal: Deal; health: Health }>> {
  const out: Array<{ deal: Deal; health: Health }> = [];
  let cursor: string | undefined;
  do {
    const page = await openRenewals(projectId, '0000-01-01', addDays(today, 90), PAGE, cursor);
    const companies = new Map((await readCompanies([...new Set(page.deals.map((d) => d.companyId).filter((id): id is string => id !== null))])).map((c) => [c.id, c]));
    for (const deal of page.deals) out.push({ deal, health: (deal.companyId ? companies.get(deal.companyId)?.health : undefined) ?? 'unknown' });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export async function computeRenewalSummary(projectId: string, now: number): Promise<RenewalSummaryRecord> {
  const today = isoDateOf(now);
  const due = await renewalsDue(projectId, today);
  const buckets = bucketRenewals(
    due.map(({ deal, health }) => ({ closeDate: deal.closeDate ?? today, arr: renewalArr(deal), health })),
    today,
  );
  const summary: RenewalSummaryRecord = { computedAt: now, today, due: buckets.due, overdue: buckets.overdue };
  await writeRenewalSummary(projectId, summary);
  return summary;
}

function periodRetention(movements: readonly ArrMovement[], period: Period, rates: ExchangeRates) {
  return { key: period.key, start: period.start, end: period.end, ...arrRetention(movements, period, rates) };
}

/** Retention for one quarter per value of a dimension (the company's segment, region or owner at the period end). */
function bySegment(movements: readonly ArrMovement[], period: Period, rates: ExchangeRates, key: 'segment' | 'region' | 'ownerId') {
  const byCompany = new Map<string, ArrMovement[]>();
  for (const m of movements) byCompany.set(m.companyId, [...(byCompany.get(m.companyId) ?? []), m]);
  const values = new Set<string>();
  for (const list of byCompany.values()) values.add(String(latestOf(list, key, period.end) ?? 'none'));
  const out: Record<string, ReturnType<typeof arrRetention>> = {};
  for (const value of values) out[value] = arrRetention(movements, period, rates, (list) => String(latestOf(list, key, period.end) ?? 'none') === value);
  return out;
}

/** Site-wide retention from every movement effective up to the end of the current fiscal year. */
export async function computeRetention(now: number): Promise<RetentionMetricsRecord> {
  const settings = await readSettings();
  const calendar: FiscalCalendar = { startMonth: settings.fiscalYearStartMonth };
  const rates: ExchangeRates = { reportingCurrency: settings.reportingCurrency, rates: settings.rates };
  const today = isoDateOf(now);
  const year = periodOf(today, 'year', calendar);
  const movements: ArrMovement[] = [];
  for await (const page of movementsBetween(0, effectiveAt(year.end))) movements.push(...page);
  const quarter = periodOf(today, 'quarter', calendar);
  const record: RetentionMetricsRecord = {
    computedAt: now,
    reportingCurrency: settings.reportingCurrency,
    quarter: periodRetention(movements, quarter, rates),
    month: periodRetention(movements, periodOf(today, 'month', calendar), rates),
    year: periodRetention(movements, year, rates),
    trend: Array.from({ length: 8 }, (_, i) => periodRetention(movements, shiftPeriod(quarter, i - 7, calendar), rates)),
    segments: { segment: bySegment(movements, quarter, rates, 'segment'), region: bySegment(movements, quarter, rates, 'region'), owner: bySegment(movements, quarter, rates, 'ownerId') },
  };
  await writeRetention(record);
  return record;
}
