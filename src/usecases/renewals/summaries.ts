import { arrStore, companyStore, jobQueue, renewalStore, settingsStore } from '../../ports/registry';
import type { RetentionMetricsRecord } from '../../contracts/renewal';
import type { ArrMovement } from '../../domain/arr';
import type { ExchangeRates } from '../../domain/money';
import type { FiscalCalendar, Period } from '../../domain/periods';
import { addDays, isoDateOf, periodOf, shiftPeriod } from '../../domain/periods';
import { bucketRenewals, renewalArr } from '../../domain/renewal';
import { arrRetention, effectiveAt, latestOf } from '../../domain/retention';
import { advance, START, SummaryProgress } from './run-state';

/**
 * What the daily run computes for the Renewals tab and gadget, so they read one record each whatever
 * the number of contracts: per project, its open renewals bucketed by due window and company health;
 * site-wide, NRR, GRR and churn for the current month, quarter and fiscal year, 8 quarters of trend
 * and the quarter per segment, region and owner — all from the stored ARR movements.
 */
const PAGE = 100;
/** Summary pages a step reads: each ≈ 85 read units (the renewals, their companies), ≈ 2,000 of the 4,000 a minute. */
export const SUMMARY_PAGES_PER_STEP = 25;

export function startSummary(today: string): SummaryProgress {
  return { boundary: START, today, ...bucketRenewals([], today) };
}

/**
 * Up to `maxPages` pages of a project's open renewals closing up to 90 days ahead (overdue ones
 * included), bucketed with their companies' health and added to the progress; when the last page is
 * read, the summary is stored. Paged, and resumable from the progress (the close date reached and
 * the ids counted there are skipped), so a project with tens of thousands of renewals is summarised
 * within the storage read rate, a minute's share at a time.
 */
export async function summaryPages(projectId: string, progress: SummaryProgress, now: number, maxPages: number, pageSize = PAGE): Promise<{ progress: SummaryProgress; done: boolean; pages: number }> {
  let state = progress;
  const { today } = progress;
  // A cursor only continues the query it came from, so every page of this step belongs to one query.
  const from = typeof state.boundary.value === 'string' ? state.boundary.value : '0000-01-01';
  let cursor: string | undefined;
  let pages = 0;
  while (pages < maxPages) {
    const result = await renewalStore.openRenewals(projectId, from, addDays(today, 90), pageSize, cursor);
    const fresh = result.deals.filter((d) => !(progress.boundary.value === (d.closeDate ?? today) && progress.boundary.doneIds.includes(d.id)));
    // A page holding only renewals counted in an earlier step is not charged: else more of them than
    // a step's pages (on one close date) would be read again by every step, and the summary never end.
    if (fresh.length > 0) pages += 1;
    const companies = new Map((await companyStore.readCompanies([...new Set(fresh.map((d) => d.companyId).filter((id): id is string => id !== null))])).map((c) => [c.id, c]));
    const buckets = bucketRenewals(
      fresh.map((deal) => ({ closeDate: deal.closeDate ?? today, arr: renewalArr(deal), health: (deal.companyId ? companies.get(deal.companyId)?.health : undefined) ?? 'unknown' })),
      today,
      state,
    );
    state = { boundary: advance(state.boundary, fresh.map((d) => ({ id: d.id, value: d.closeDate ?? today }))), today, due: buckets.due, overdue: buckets.overdue };
    cursor = result.nextCursor ?? undefined;
    if (!cursor) {
      await renewalStore.writeRenewalSummary(projectId, { computedAt: now, today, due: state.due, overdue: state.overdue });
      return { progress: state, done: true, pages };
    }
  }
  return { progress: state, done: false, pages };
}

/** A whole project's summary in one go (small projects, tests). */
export async function computeRenewalSummary(projectId: string, now: number): Promise<void> {
  let progress = startSummary(isoDateOf(now));
  for (;;) {
    const step = await summaryPages(projectId, progress, now, 1_000);
    if (step.done) return;
    progress = step.progress;
  }
}

/**
 * A refresh asked for from the Renewals tab: a minute's share of the project's summary, the rest a
 * minute later (within the storage read rate); the site's retention once the summary is stored.
 * Answers whether it is done.
 */
export async function summaryJob(projectId: string, carried: unknown, now: number): Promise<boolean> {
  const progress = carried === undefined ? startSummary(isoDateOf(now)) : SummaryProgress.parse(carried);
  const step = await summaryPages(projectId, progress, now, SUMMARY_PAGES_PER_STEP);
  if (!step.done) {
    await jobQueue.enqueueJob({ kind: 'renewal-summary', projectId, progress: step.progress }, 60);
    return false;
  }
  await computeRetention(now);
  return true;
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
  const settings = await settingsStore.readSettings();
  const calendar: FiscalCalendar = { startMonth: settings.fiscalYearStartMonth };
  const rates: ExchangeRates = { reportingCurrency: settings.reportingCurrency, rates: settings.rates };
  const today = isoDateOf(now);
  const year = periodOf(today, 'year', calendar);
  const movements: ArrMovement[] = [];
  for await (const page of arrStore.movementsBetween(0, effectiveAt(year.end))) movements.push(...page);
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
  await renewalStore.writeRetention(record);
  return record;
}
