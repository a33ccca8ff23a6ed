import { addMonths, format, parseISO } from 'date-fns';
import type { RenewedContract } from './arr';
import { dealArr } from './arr';
import type { Health } from './company';
import type { Deal } from './deal';
import { newDeal } from './new-deal';
import type { CurrencyAmounts } from './money';
import { addTo } from './money';
import type { IsoDate } from './periods';
import { addDays, daysBetween } from './periods';

/**
 * Contracts and their renewals (PRODUCT.md §3 "Renewals"). A contract is a won recurring deal with
 * a contract end; Relay opens its renewal deal N days before the end (per project, default 90), in
 * the project chosen for renewals, owned by the account owner, for the contract's ARR, closing on
 * the contract end. Pure: `today` and ids come in.
 */
export const RENEWAL_STATES = ['none', 'pending', 'created'] as const;
export type RenewalState = (typeof RENEWAL_STATES)[number];

export const DEFAULT_DAYS_BEFORE = 90;
export const MAX_DAYS_BEFORE = 365;

export interface RenewalSettings {
  enabled: boolean;
  /** Open the renewal this many days before the contract ends. */
  daysBefore: number;
  /** The project renewals are opened in (e.g. Customer Success); null: the contract's own project. */
  targetProjectId: string | null;
}

export const DEFAULT_RENEWAL_SETTINGS: RenewalSettings = { enabled: true, daysBefore: DEFAULT_DAYS_BEFORE, targetProjectId: null };

/** Whether a deal is a contract (won, recurring, with ARR and an end date, not archived). */
export function isContract(deal: Deal): deal is Deal & { contractEnd: IsoDate } {
  return !deal.archived && deal.outcome === 'won' && dealArr(deal) > 0 && deal.contractEnd !== null;
}

/**
 * What the daily scan's index (by-renewal: renewalState → contractEnd) holds for a deal: `pending`
 * for a contract still waiting for its renewal, `created` once it was opened, `none` otherwise.
 */
export function renewalStateOf(deal: Deal): RenewalState {
  if (!isContract(deal)) return 'none';
  return deal.renewal ? 'created' : 'pending';
}

/** The day the renewal of a contract ending `contractEnd` is opened. */
export function opensOn(contractEnd: IsoDate, daysBefore: number): IsoDate {
  return addDays(contractEnd, -daysBefore);
}

/** Whether the scan should open this contract's renewal today (late ones too: a contract won after its window). */
export function isDue(deal: Deal, settings: RenewalSettings, today: IsoDate): boolean {
  return renewalStateOf(deal) === 'pending' && settings.enabled && opensOn(deal.contractEnd!, settings.daysBefore) <= today;
}

/**
 * The renewed term: it starts the day after the contract ends and runs as long as the contract did —
 * in whole months when the contract did (1 April to 31 March renews to the next 31 March, leap years
 * or not), else in days; a year when the start is unknown.
 */
export function nextTerm(contract: Pick<Deal, 'contractStart' | 'contractEnd'>): { start: IsoDate; end: IsoDate } {
  const end = contract.contractEnd!;
  const start = addDays(end, 1);
  const began = contract.contractStart && contract.contractStart <= end ? contract.contractStart : null;
  const months = began && began.slice(8) === start.slice(8) ? (Number(start.slice(0, 4)) - Number(began.slice(0, 4))) * 12 + Number(start.slice(5, 7)) - Number(began.slice(5, 7)) : began ? 0 : 12;
  if (months > 0) return { start, end: addDays(format(addMonths(parseISO(start), months), 'yyyy-MM-dd'), -1) };
  return { start, end: addDays(start, Math.max(1, daysBetween(began!, end) + 1) - 1) };
}

export interface RenewalDealInput {
  id: string;
  projectId: string;
  stageId: string;
  position: string;
  ownerId: string;
  companyName: string | null;
  now: number;
}

/**
 * The renewal deal for a contract: in the renewals project's first open stage, owned by the account
 * owner, amount = the contract's ARR (what is up for renewal), close date = the contract end, the
 * next term prefilled, the hand-off facts carried over, linked back to the contract.
 */
export function renewalDeal(contract: Deal & { contractEnd: IsoDate }, input: RenewalDealInput): Deal {
  const term = nextTerm(contract);
  const renews: RenewedContract = {
    dealId: contract.id,
    projectId: contract.projectId,
    arrMinor: dealArr(contract),
    currency: contract.currency,
    contractStart: contract.contractStart,
    contractEnd: contract.contractEnd,
  };
  return newDeal({
    id: input.id,
    projectId: input.projectId,
    name: `${input.companyName ?? contract.name}: renewal ${term.start.slice(0, 4) === term.end.slice(0, 4) ? term.start.slice(0, 4) : `${term.start.slice(0, 4)}–${term.end.slice(0, 4)}`}`,
    companyId: contract.companyId,
    contactIds: contract.contactIds,
    amountMinor: renews.arrMinor,
    currency: contract.currency,
    recurring: true,
    type: 'renewal',
    stage: { id: input.stageId, outcome: 'open' },
    position: input.position,
    closeDate: contract.contractEnd,
    ownerId: input.ownerId,
    source: 'renewal',
    // A renewal comes from the contract, not from a lead's touches: no marketing attribution of its own.
    attribution: null,
    segment: contract.segment,
    nextStep: 'Renewal conversation with the customer',
    nextStepDue: addDays(contract.contractEnd, -30),
    contractStart: term.start,
    contractEnd: term.end,
    scope: contract.scope,
    notSold: contract.notSold,
    stakeholders: contract.stakeholders,
    successCriteria: contract.successCriteria,
    renews,
    now: input.now,
  });
}

// ------------------------------------------------------------------ what is due (the Renewals tab and gadget)

export const DUE_WINDOWS = [30, 60, 90] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];
export const HEALTH_KEYS = ['good', 'average', 'poor', 'unknown'] as const satisfies readonly Health[];

export interface DueFigures {
  count: number;
  /** ARR up for renewal, per currency. */
  arr: CurrencyAmounts;
}

export type ByHealth = Record<Health, DueFigures>;

export interface RenewalBuckets {
  /** Open renewals whose contract ends within N days (overdue ones not included), by company health. */
  due: Record<DueWindow, ByHealth>;
  /** Open renewals whose contract end has passed. */
  overdue: ByHealth;
}

export interface OpenRenewal {
  closeDate: IsoDate;
  arr: { currency: string; amountMinor: number };
  health: Health;
}

const emptyByHealth = (): ByHealth => ({ good: { count: 0, arr: {} }, average: { count: 0, arr: {} }, poor: { count: 0, arr: {} }, unknown: { count: 0, arr: {} } });

/** The ARR a renewal deal puts up for renewal: the renewed contract's (else its own amount). */
export function renewalArr(deal: Pick<Deal, 'renews' | 'amountMinor' | 'currency'>): { currency: string; amountMinor: number } {
  return deal.renews ? { currency: deal.renews.currency, amountMinor: deal.renews.arrMinor } : { currency: deal.currency, amountMinor: deal.amountMinor ?? 0 };
}

/**
 * Open renewals bucketed by how soon the contract ends (30/60/90 days, cumulative) and overdue, per
 * health tier; added to `so far` when given (a summary read page by page), which is left unchanged.
 */
export function bucketRenewals(renewals: readonly OpenRenewal[], today: IsoDate, soFar?: RenewalBuckets): RenewalBuckets {
  const buckets: RenewalBuckets = soFar
    ? (JSON.parse(JSON.stringify(soFar)) as RenewalBuckets)
    : { due: { 30: emptyByHealth(), 60: emptyByHealth(), 90: emptyByHealth() }, overdue: emptyByHealth() };
  const add = (figures: DueFigures, r: OpenRenewal) => {
    figures.count += 1;
    figures.arr = addTo(figures.arr, r.arr.currency, r.arr.amountMinor);
  };
  for (const renewal of renewals) {
    if (renewal.closeDate < today) {
      add(buckets.overdue[renewal.health], renewal);
      continue;
    }
    const days = daysBetween(today, renewal.closeDate);
    for (const window of DUE_WINDOWS) if (days <= window) add(buckets.due[window][renewal.health], renewal);
  }
  return buckets;
}
