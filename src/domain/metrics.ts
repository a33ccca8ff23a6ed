import type { Deal } from './deal';
import { forecastOf, missingCriteria } from './deal';
import type { CurrencyAmounts, ExchangeRates } from './money';
import { addTo, convertAvailable, divideRounded, weightedMinor } from './money';
import type { ForecastCategory, Pipeline } from './pipeline';
import { stageById, stageIndex } from './pipeline';
import type { IsoDate, Period } from './periods';
import { daysBetween, isoDateOf, isWithin } from './periods';

/**
 * The glossary of PRODUCT.md §4, implemented exactly as written. Every function is pure: the deals,
 * the pipeline, the period and the exchange rates come in; money comes out in the reporting
 * currency's minor units (summed per currency, converted once), ratios as plain numbers (0.25 is
 * 25 %), and `null` where a definition divides by zero (no closed deals → no win rate).
 *
 * Amounts in a currency without an exchange rate are left out of money sums (never converted at a
 * guessed rate); counts include their deals. The caller names those amounts beside the figures
 * (metrics-summary.ts `unconverted`), and leaves such deals out of averages made of money.
 */

export interface MetricInput {
  deals: readonly Deal[];
  pipeline: Pipeline;
  period: Pick<Period, 'start' | 'end'>;
  rates: ExchangeRates;
}

const DAY = 86_400_000;

function closedIn(deal: Deal, period: Pick<Period, 'start' | 'end'>): boolean {
  return !deal.archived && deal.closedAt !== null && deal.outcome !== 'open' && isWithin(isoDateOf(deal.closedAt), period);
}

function sum(deals: readonly Deal[], rates: ExchangeRates, amount: (d: Deal) => number = (d) => d.amountMinor ?? 0): number {
  let amounts: CurrencyAmounts = {};
  for (const deal of deals) amounts = addTo(amounts, deal.currency, amount(deal));
  return convertAvailable(amounts, rates).amountMinor;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** Win rate = won / (won + lost), deals closed in the period; by count, and by value as a variant. */
export function winRate({ deals, period, rates }: Omit<MetricInput, 'pipeline'>): { byCount: number | null; byValue: number | null; won: number; lost: number } {
  const closed = deals.filter((d) => closedIn(d, period));
  const won = closed.filter((d) => d.outcome === 'won');
  const lost = closed.filter((d) => d.outcome === 'lost');
  const wonValue = sum(won, rates);
  return { byCount: ratio(won.length, won.length + lost.length), byValue: ratio(wonValue, wonValue + sum(lost, rates)), won: won.length, lost: lost.length };
}

/** Average deal size = sum of won amounts / number of won deals (won in the period), in minor units. */
export function averageDealSize({ deals, period, rates }: Omit<MetricInput, 'pipeline'>): number | null {
  const won = deals.filter((d) => closedIn(d, period) && d.outcome === 'won');
  return won.length === 0 ? null : divideRounded(sum(won, rates), won.length);
}

/** Deal-size bands for segmenting cycle length, in the reporting currency's minor units (upper bounds, exclusive). */
export const SIZE_BANDS = [
  { key: 'small', below: 1_000_000 },
  { key: 'medium', below: 5_000_000 },
  { key: 'large', below: 25_000_000 },
  { key: 'enterprise', below: Number.POSITIVE_INFINITY },
] as const;
export type SizeBand = (typeof SIZE_BANDS)[number]['key'];

export function sizeBandOf(amountMinor: number): SizeBand {
  return SIZE_BANDS.find((b) => amountMinor < b.below)!.key;
}

/** Sales cycle length = average (calendar) days from creation to won, for deals won in the period; overall and by size band. */
export function salesCycleLength({ deals, period, rates }: Omit<MetricInput, 'pipeline'>): { days: number | null; byBand: Partial<Record<SizeBand, number>> } {
  const won = deals.filter((d) => closedIn(d, period) && d.outcome === 'won');
  // Calendar days (UTC) from the day it was created to the day it was won: a deal won the day it was
  // created took 0 days, never a fraction of one that would make velocity explode.
  const days = (d: Deal) => daysBetween(isoDateOf(d.createdAt), isoDateOf(d.closedAt!));
  const average = (list: readonly Deal[]) => (list.length === 0 ? null : list.reduce((t, d) => t + days(d), 0) / list.length);
  const byBand: Partial<Record<SizeBand, number>> = {};
  for (const band of SIZE_BANDS) {
    const inBand = won.filter((d) => sizeBandOf(sum([d], rates)) === band.key);
    const value = average(inBand);
    if (value !== null) byBand[band.key] = value;
  }
  return { days: average(won), byBand };
}

/** Weighted pipeline = sum of open amount × stage probability (per deal, rounded to the minor unit). */
export function weightedPipeline({ deals, pipeline, rates }: Omit<MetricInput, 'period'>): number {
  const open = deals.filter((d) => d.outcome === 'open' && !d.archived);
  return sum(open, rates, (d) => weightedMinor(d.amountMinor ?? 0, stageById(pipeline, d.stageId)?.probability ?? 0));
}

/**
 * Forecast by category for the period: open deals closing in the period by their category (stage
 * default or the deal's override), and deals won in the period as Closed; lost deals are not forecast.
 */
export function forecastByCategory({ deals, pipeline, period, rates }: MetricInput): Record<ForecastCategory, { count: number; amountMinor: number }> {
  const groups: Record<ForecastCategory, Deal[]> = { closed: [], commit: [], best_case: [], pipeline: [], omitted: [] };
  for (const deal of deals) {
    if (deal.archived) continue;
    const stage = stageById(pipeline, deal.stageId);
    if (!stage) continue;
    if (deal.outcome === 'won' && closedIn(deal, period)) groups.closed.push(deal);
    else if (deal.outcome === 'open' && deal.closeDate !== null && isWithin(deal.closeDate, period)) groups[forecastOf(deal, stage)].push(deal);
  }
  const out = {} as Record<ForecastCategory, { count: number; amountMinor: number }>;
  for (const [category, list] of Object.entries(groups) as Array<[ForecastCategory, Deal[]]>) out[category] = { count: list.length, amountMinor: sum(list, rates) };
  return out;
}

/**
 * Pipeline coverage = open qualified pipeline closing in the period / target for the period.
 * "Qualified" = open deals forecast as Pipeline, Best case or Commit (Omitted is not pipeline).
 */
export function coverage(input: MetricInput, targetMinor: number | null): { qualifiedMinor: number; ratio: number | null } {
  const f = forecastByCategory(input);
  const qualifiedMinor = f.pipeline.amountMinor + f.best_case.amountMinor + f.commit.amountMinor;
  return { qualifiedMinor, ratio: targetMinor ? qualifiedMinor / targetMinor : null };
}

/**
 * Pipeline (revenue) velocity = open opportunities × average deal size × win rate / sales cycle length,
 * per day, in whole minor units like every other amount (a fraction of a cent is not money and
 * cannot be written as such).
 */
export function velocity(openOpportunities: number, averageDealSizeMinor: number | null, winRateByCount: number | null, cycleDays: number | null): number | null {
  if (averageDealSizeMinor === null || winRateByCount === null || !cycleDays) return null;
  return Math.round((openOpportunities * averageDealSizeMinor * winRateByCount) / cycleDays);
}

/** Forecast accuracy = (1 − |actual − forecast| / actual) × 100, the forecast taken from the snapshot at the period's start. */
export function forecastAccuracy(actualMinor: number, forecastMinor: number): number | null {
  if (actualMinor === 0) return null;
  return (1 - Math.abs(actualMinor - forecastMinor) / actualMinor) * 100;
}

/**
 * Stage conversion = deals that reached the next stage / deals that entered the stage, from the stage
 * history (each deal's stage entries, oldest first). Reaching a later open stage or won counts as
 * reaching the next one.
 */
export function stageConversion(pipeline: Pipeline, history: ReadonlyMap<string, readonly string[]>): Array<{ stageId: string; entered: number; advanced: number; rate: number | null }> {
  const open = pipeline.stages.filter((s) => s.outcome === 'open');
  return open.map((stage) => {
    const index = stageIndex(pipeline, stage.id);
    let entered = 0;
    let advanced = 0;
    for (const stages of history.values()) {
      const at = stages.indexOf(stage.id);
      if (at < 0) continue;
      entered += 1;
      if (stages.slice(at + 1).some((s) => stageIndex(pipeline, s) > index && pipeline.stages[stageIndex(pipeline, s)]!.outcome !== 'lost')) advanced += 1;
    }
    return { stageId: stage.id, entered, advanced, rate: ratio(advanced, entered) };
  });
}

/**
 * Stale deal = days in stage above the stage maximum, or no next step, or next step overdue.
 * Returns each stale open deal with its reasons.
 */
export function staleDeals(deals: readonly Deal[], pipeline: Pipeline, now: number): Array<{ dealId: string; reasons: Array<'too-long-in-stage' | 'no-next-step' | 'next-step-overdue'> }> {
  const today = isoDateOf(now);
  const out: Array<{ dealId: string; reasons: Array<'too-long-in-stage' | 'no-next-step' | 'next-step-overdue'> }> = [];
  for (const deal of deals) {
    if (deal.outcome !== 'open' || deal.archived) continue;
    const stage = stageById(pipeline, deal.stageId);
    const reasons: Array<'too-long-in-stage' | 'no-next-step' | 'next-step-overdue'> = [];
    if (stage?.maxDays != null && (now - deal.stageEnteredAt) / DAY > stage.maxDays) reasons.push('too-long-in-stage');
    if (!deal.nextStep || !deal.nextStep.trim()) reasons.push('no-next-step');
    else if (deal.nextStepDue !== null && deal.nextStepDue < today) reasons.push('next-step-overdue');
    if (reasons.length > 0) out.push({ dealId: deal.id, reasons });
  }
  return out;
}

/** Hand-off SLA = hours from won to accepted; attainment = share of hand-offs (won in the period) accepted by their deadline. */
export function handoffSla(deals: readonly Deal[], period: Pick<Period, 'start' | 'end'>): { handoffs: number; accepted: number; onTime: number; attainment: number | null; averageHours: number | null } {
  const handoffs = deals.filter((d) => d.handoff !== null && isWithin(isoDateOf(d.handoff.wonAt), period));
  const accepted = handoffs.filter((d) => d.handoff!.acceptedAt !== null);
  const onTime = accepted.filter((d) => d.handoff!.acceptedAt! <= d.handoff!.acceptDueAt);
  const hours = accepted.map((d) => (d.handoff!.acceptedAt! - d.handoff!.wonAt) / 3_600_000);
  return {
    handoffs: handoffs.length,
    accepted: accepted.length,
    onTime: onTime.length,
    attainment: ratio(onTime.length, handoffs.length),
    averageHours: hours.length === 0 ? null : hours.reduce((a, b) => a + b, 0) / hours.length,
  };
}

/** Data completeness = share of open deals whose fields satisfy their stage's exit criteria. */
export function dataCompleteness(deals: readonly Deal[], pipeline: Pipeline): { open: number; complete: number; ratio: number | null } {
  const open = deals.filter((d) => d.outcome === 'open' && !d.archived);
  const complete = open.filter((d) => {
    const stage = stageById(pipeline, d.stageId);
    return stage ? missingCriteria(d, stage.exitCriteria).length === 0 : false;
  });
  return { open: open.length, complete: complete.length, ratio: ratio(complete.length, open.length) };
}

/**
 * The facts a daily snapshot keeps per open deal (to tell what changed since, and the forecast at a
 * period's start), and per deal won in the current fiscal year (the forecast's Closed), with the
 * day it was won.
 */
export interface SnapshotRow {
  dealId: string;
  stageId: string;
  amountMinor: number;
  currency: string;
  closeDate: IsoDate | null;
  forecastCategory: ForecastCategory;
  outcome: Deal['outcome'];
  /** The day a won deal was won; null for open deals (and in snapshots from before won rows were kept). */
  closedOn: IsoDate | null;
}

export interface WeeklyChanges {
  added: string[];
  won: string[];
  lost: string[];
  /** Close date moved out of the period. */
  slipped: string[];
  /** Close date moved into the period from later. */
  pulledIn: string[];
  amountUp: string[];
  amountDown: string[];
}

/**
 * Changes since a snapshot taken on `takenOn` (new, won, lost, slipped, pulled in, amount up/down),
 * relative to the period. Snapshots keep open deals and the year's won ones, so a deal missing from
 * the snapshot is new, won or lost this week only if that happened on or after the snapshot day:
 * a deal lost in March is missing too, and is no change of this week.
 */
export function changesSince(snapshot: readonly SnapshotRow[], deals: readonly Deal[], period: Pick<Period, 'start' | 'end'>, takenOn: IsoDate): WeeklyChanges {
  const before = new Map(snapshot.map((row) => [row.dealId, row]));
  const changes: WeeklyChanges = { added: [], won: [], lost: [], slipped: [], pulledIn: [], amountUp: [], amountDown: [] };
  const inPeriod = (date: IsoDate | null) => date !== null && isWithin(date, period);
  for (const deal of deals) {
    if (deal.archived) continue;
    const old = before.get(deal.id);
    if (!old) {
      if (deal.outcome === 'open') {
        if (isoDateOf(deal.createdAt) >= takenOn) changes.added.push(deal.id);
      } else if (deal.closedAt !== null && isoDateOf(deal.closedAt) >= takenOn) {
        (deal.outcome === 'won' ? changes.won : changes.lost).push(deal.id);
      }
      continue;
    }
    if (old.outcome === 'open' && deal.outcome === 'won') changes.won.push(deal.id);
    if (old.outcome === 'open' && deal.outcome === 'lost') changes.lost.push(deal.id);
    // Snapshots also keep the period's won deals (forecast accuracy's Closed); a reopened one is not a move of an open deal.
    if (deal.outcome !== 'open' || old.outcome !== 'open') continue;
    if (inPeriod(old.closeDate) && !inPeriod(deal.closeDate) && (deal.closeDate ?? '9999') > period.end) changes.slipped.push(deal.id);
    if (!inPeriod(old.closeDate) && (old.closeDate ?? '9999') > period.end && inPeriod(deal.closeDate)) changes.pulledIn.push(deal.id);
    if (deal.currency === old.currency && (deal.amountMinor ?? 0) > old.amountMinor) changes.amountUp.push(deal.id);
    if (deal.currency === old.currency && (deal.amountMinor ?? 0) < old.amountMinor) changes.amountDown.push(deal.id);
  }
  return changes;
}

/** Segments every metric can be split by. Region comes from the deal's company (looked up by the caller). */
export type Dimension = 'owner' | 'segment' | 'source' | 'region';

export function segmentOf(deal: Deal, dimension: Dimension, regionOf: (companyId: string | null) => string | null): string {
  const value = dimension === 'owner' ? deal.ownerId : dimension === 'segment' ? deal.segment : dimension === 'source' ? deal.source : regionOf(deal.companyId);
  return value && value.trim() ? value : 'none';
}

/** Splits deals by a dimension, so any metric above can be computed per owner, segment, source or region. */
export function bySegment(deals: readonly Deal[], dimension: Dimension, regionOf: (companyId: string | null) => string | null = () => null): Map<string, Deal[]> {
  const groups = new Map<string, Deal[]>();
  for (const deal of deals) {
    const key = segmentOf(deal, dimension, regionOf);
    const group = groups.get(key);
    if (group) group.push(deal);
    else groups.set(key, [deal]);
  }
  return groups;
}

/** Days between two dates, re-exported for reports that show ages. */
export const ageInDays = daysBetween;

/** NRR, GRR, logo and revenue churn live beside the ARR facts they are computed from (retention.ts). */
export { arrRetention, retentionRatios, type Retention, type RetentionParts } from './retention';
