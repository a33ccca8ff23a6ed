import type { CompanyLifecycle, Segment } from './company';
import type { Deal } from './deal';
import type { CurrencyAmounts, ExchangeRates } from './money';
import { addTo, convert } from './money';
import type { IsoDate } from './periods';
import { addDays, isoDateOf } from './periods';

/**
 * ARR as stored facts (PRODUCT.md §3 "Renewals", §4 NRR/GRR). A customer's ARR changes only through
 * movements: `new` (the first contract of a company with no ARR), `expansion` (more ARR: an
 * expansion deal, a renewal won higher), `contraction` (a renewal won lower) and `churn` (a renewal
 * lost, or won with no recurring revenue). Each movement is dated by the day it takes effect — a
 * contract's start, the renewal's start, the day after a lost contract ends — so a company's ARR on
 * any day is the sum of its movements up to that day, which is also the sum of its contracts in
 * effect. Amounts stay per currency; conversion happens when a report is read.
 *
 * A deal's movements are a function of the deal alone (plus the company's ARR from its other deals
 * when telling `new` from `expansion`), so saving a deal rewrites exactly its own movements: a
 * reopened win takes them back, an edited ARR corrects them, and nothing is counted twice.
 */
export const ARR_MOVEMENT_KINDS = ['new', 'expansion', 'contraction', 'churn'] as const;
export type ArrMovementKind = (typeof ARR_MOVEMENT_KINDS)[number];

/** The contract a renewal deal renews, as it was when Relay opened the renewal. */
export interface RenewedContract {
  dealId: string;
  projectId: string;
  /** The ARR up for renewal (the contract's amount) and its currency. */
  arrMinor: number;
  currency: string;
  contractStart: IsoDate | null;
  contractEnd: IsoDate;
}

/** On a contract: the renewal deal Relay opened for it. */
export interface RenewalRef {
  dealId: string;
  projectId: string;
  openedAt: number;
}

export interface ArrMovement {
  /** `<dealId>.<role>`: one per role per deal, so rewriting a deal's movements replaces them. */
  id: string;
  companyId: string;
  projectId: string;
  dealId: string;
  kind: ArrMovementKind;
  /** Signed amounts per currency (one currency unless a renewal changed currency). */
  deltas: CurrencyAmounts;
  effectiveOn: IsoDate;
  /** The company's segment, region and owner when the movement was recorded (metrics segment by them). */
  segment: Segment | null;
  region: string | null;
  ownerId: string;
}

export interface MovementContext {
  /** The company's ARR on the movement's effective day from its other deals (tells new from expansion). */
  arrBefore(effectiveOn: IsoDate): CurrencyAmounts;
  rates: ExchangeRates;
  company: { segment: Segment | null; region: string | null; ownerId: string };
}

function isEmpty(amounts: CurrencyAmounts): boolean {
  return Object.values(amounts).every((v) => v === 0);
}

/** A rough sign of a multi-currency sum: converted when rates allow, else the plain sum of minor units. */
function valueOf(amounts: CurrencyAmounts, rates: ExchangeRates): number {
  let total = 0;
  for (const [currency, amountMinor] of Object.entries(amounts)) {
    try {
      total += convert({ amountMinor, currency }, rates).amountMinor;
    } catch {
      total += amountMinor;
    }
  }
  return total;
}

/** The ARR a won deal carries: its amount when it is recurring. */
export function dealArr(deal: Pick<Deal, 'recurring' | 'amountMinor'>): number {
  return deal.recurring && deal.amountMinor !== null && deal.amountMinor > 0 ? deal.amountMinor : 0;
}

/**
 * The movements a deal stands for, as it is now:
 * - a renewal Relay opened, won: the difference to the renewed ARR (expansion or contraction; none
 *   when equal), or churn when it was won without recurring revenue; lost: churn of the renewed ARR
 *   the day after the contract ended;
 * - any other won recurring deal: `expansion` for an expansion deal or a company that already had
 *   ARR on its start day, else `new` — except a renewal typed by hand, which Relay cannot tie to a
 *   contract: it counts only when the company had no ARR (then as `new`), never on top of ARR it
 *   already counts;
 * - open, lost (non-renewal), archived or company-less deals: none.
 */
export function movementsOfDeal(deal: Deal, context: MovementContext): ArrMovement[] {
  if (deal.archived || !deal.companyId) return [];
  const base = { companyId: deal.companyId, projectId: deal.projectId, dealId: deal.id, ...context.company };
  const renews = deal.renews;
  if (renews) {
    const ended = addDays(renews.contractEnd, 1);
    const churn = (): ArrMovement => ({ ...base, id: `${deal.id}.churn`, kind: 'churn', deltas: { [renews.currency]: -renews.arrMinor }, effectiveOn: ended });
    if (deal.outcome === 'lost') return renews.arrMinor > 0 ? [churn()] : [];
    if (deal.outcome !== 'won') return [];
    const arr = dealArr(deal);
    if (arr === 0) return renews.arrMinor > 0 ? [churn()] : [];
    const deltas = addTo(addTo({}, deal.currency, arr), renews.currency, -renews.arrMinor);
    if (isEmpty(deltas)) return [];
    const kind: ArrMovementKind = valueOf(deltas, context.rates) >= 0 ? 'expansion' : 'contraction';
    return [{ ...base, id: `${deal.id}.renewal`, kind, deltas, effectiveOn: deal.contractStart ?? ended }];
  }
  if (deal.outcome !== 'won' || deal.closedAt === null) return [];
  const arr = dealArr(deal);
  if (arr === 0) return [];
  const effectiveOn = deal.contractStart ?? isoDateOf(deal.closedAt);
  const hadArr = valueOf(context.arrBefore(effectiveOn), context.rates) > 0;
  if (deal.type === 'renewal' && hadArr) return [];
  const kind: ArrMovementKind = deal.type === 'expansion' || hadArr ? 'expansion' : 'new';
  return [{ ...base, id: `${deal.id}.contract`, kind, deltas: { [deal.currency]: arr }, effectiveOn }];
}

// ------------------------------------------------------------------ the account (a company's derived record)

/** A company's own ledger entry for one movement (what its ARR on any day is summed from). */
export interface LedgerEntry {
  id: string;
  dealId: string;
  kind: ArrMovementKind;
  effectiveOn: IsoDate;
  deltas: CurrencyAmounts;
}

/** A contract of the company: when it ends, and whether its renewal was decided (won or lost). */
export interface ContractEntry {
  dealId: string;
  projectId: string;
  contractEnd: IsoDate;
  decided: boolean;
}

/**
 * What Relay derives about a company from its deals and activities, kept together in one record so
 * it is read consistently (entity queries lag; this is read by key): the ARR ledger, its contracts,
 * whether it ever won a deal, and when someone last logged an activity with it.
 */
export interface Account {
  companyId: string;
  ledger: LedgerEntry[];
  contracts: ContractEntry[];
  wonDeals: string[];
  lastActivityAt: number | null;
  version: number;
}

export function emptyAccount(companyId: string): Account {
  return { companyId, ledger: [], contracts: [], wonDeals: [], lastActivityAt: null, version: 0 };
}

/** The company's ARR on a day: its movements up to and including that day, per currency. */
export function arrOn(account: Pick<Account, 'ledger'>, date: IsoDate, exceptDealId?: string): CurrencyAmounts {
  let amounts: CurrencyAmounts = {};
  for (const entry of account.ledger) {
    if (entry.effectiveOn > date || entry.dealId === exceptDealId) continue;
    for (const [currency, amount] of Object.entries(entry.deltas)) amounts = addTo(amounts, currency, amount);
  }
  for (const [currency, amount] of Object.entries(amounts)) if (amount <= 0) delete amounts[currency];
  return amounts;
}

/**
 * The account after a deal's save: its movements replaced, its contract (a won recurring deal with
 * an end date) tracked, the contract it renews marked decided once the renewal is won or lost, and
 * the win remembered. Pure; answers the same object when nothing changed.
 */
export function applyDealToAccount(account: Account, deal: Deal, movements: readonly ArrMovement[]): Account {
  const ledger = [...account.ledger.filter((e) => e.dealId !== deal.id), ...movements.filter((m) => m.companyId === account.companyId).map(({ id, dealId, kind, effectiveOn, deltas }) => ({ id, dealId, kind, effectiveOn, deltas }))];
  ledger.sort((a, b) => (a.effectiveOn === b.effectiveOn ? a.id.localeCompare(b.id) : a.effectiveOn < b.effectiveOn ? -1 : 1));
  const ours = deal.companyId === account.companyId && !deal.archived;
  let contracts = account.contracts.filter((c) => c.dealId !== deal.id);
  if (ours && deal.outcome === 'won' && dealArr(deal) > 0 && deal.contractEnd) {
    const previous = account.contracts.find((c) => c.dealId === deal.id);
    contracts.push({ dealId: deal.id, projectId: deal.projectId, contractEnd: deal.contractEnd, decided: previous?.decided ?? false });
  }
  if (deal.renews) {
    const decided = ours && deal.outcome !== 'open';
    contracts = contracts.map((c) => (c.dealId === deal.renews!.dealId ? { ...c, decided } : c));
  }
  contracts.sort((a, b) => (a.contractEnd === b.contractEnd ? a.dealId.localeCompare(b.dealId) : a.contractEnd < b.contractEnd ? -1 : 1));
  const wonDeals = account.wonDeals.filter((id) => id !== deal.id);
  if (ours && deal.outcome === 'won') wonDeals.push(deal.id);
  const next = { ...account, ledger, contracts, wonDeals };
  return JSON.stringify(next) === JSON.stringify(account) ? account : next;
}

/** The next contract end whose renewal is not decided yet (overdue ones first): the company's renewal date. */
export function nextRenewal(account: Pick<Account, 'contracts'>): IsoDate | null {
  return account.contracts.find((c) => !c.decided)?.contractEnd ?? null;
}

/**
 * The lifecycle an account implies: customer from the first won deal while it has ARR or never had
 * any; churned once every contract it had ended without renewal (ARR back to zero after having
 * some). A prospect with no won deal stays whatever a person set.
 */
export function derivedLifecycle(current: CompanyLifecycle, account: Account, today: IsoDate): CompanyLifecycle {
  const hadArr = account.ledger.some((e) => e.effectiveOn <= today && (e.kind === 'new' || e.kind === 'expansion'));
  const arrNow = Object.keys(arrOn(account, today)).length > 0;
  if (arrNow) return 'customer';
  if (hadArr) return 'churned';
  if (account.wonDeals.length > 0) return current === 'churned' ? 'churned' : 'customer';
  return current;
}
