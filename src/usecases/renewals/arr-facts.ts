import { activityStore, arrStore, companyStore, settingsStore } from '../../ports/registry';
import type { TxStep } from '../../ports/storage';
import type { Account, ArrMovement } from '../../domain/arr';
import { applyDealToAccount, arrOn, movementsOfDeal } from '../../domain/arr';
import { fieldChanges } from '../../domain/audit';
import type { Company } from '../../domain/company';
import { COMPANY_AUDITED_FIELDS } from '../../domain/company';
import type { Deal } from '../../domain/deal';
import type { Ids } from '../../ports';
import { SITE_PROJECT } from '../companies/site-access';
import { SYSTEM_ACTOR } from '../handoff/system';
import { derivedFields } from './account-derived';

/** What a deal's save adds to its own transaction for ARR, and which companies became customers with it. */
export interface ArrEffect {
  steps: TxStep[];
  /** Companies that became customers and were never scored: their health is scored after the save. */
  newCustomers: string[];
  /** The deal's movements after the save. */
  movements: ArrMovement[];
}

export const NO_ARR_EFFECT: ArrEffect = { steps: [], newCustomers: [], movements: [] };

/** Deals that can stand for ARR facts or a won deal: anything closed, and renewals Relay opened (a reopen takes facts back). */
function touchesArr(deal: Deal | null): boolean {
  return deal !== null && deal.companyId !== null && (deal.outcome !== 'open' || deal.renews !== null);
}

/** The fields ARR facts are made of: a save that changes none of them changes no fact. */
const ARR_FIELDS = ['outcome', 'recurring', 'amountMinor', 'currency', 'companyId', 'contractStart', 'contractEnd', 'archived', 'type', 'renews', 'closedAt', 'projectId'] as const;
const sameArrFacts = (a: Deal, b: Deal) => ARR_FIELDS.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));

/**
 * The ARR side of one deal save, decided on the accounts and companies as stored now: the deal's
 * movements rewritten (gone ones deleted, changed ones written), the accounts of its company — and
 * of the company it had before, if that changed — updated, and those companies' derived fields (ARR
 * of the contracts in effect, lifecycle, renewal date) written, each conditioned on the version
 * read (the lifecycle change lands on the company's timeline as Relay's). All of it joins the deal's own transaction, so a deal, its ARR facts and its company's ARR
 * are never out of step; if anything moved meanwhile, the save is tried again on fresh reads. Saves
 * that change no ARR fact cost nothing here.
 */
export async function arrEffects(before: Deal | null, after: Deal, now: number, ids: Ids): Promise<ArrEffect> {
  if ((!touchesArr(before) && !touchesArr(after)) || (before !== null && sameArrFacts(before, after))) return NO_ARR_EFFECT;
  const companyIds = [...new Set([before?.companyId, after.companyId].filter((id): id is string => typeof id === 'string'))];
  const [accounts, settings, companies] = await Promise.all([arrStore.readAccounts(companyIds), settingsStore.readSettings(), companyStore.readCompanies(companyIds)]);
  const rates = { reportingCurrency: settings.reportingCurrency, rates: settings.rates };
  const read = new Map<string, Account>();
  for (const id of companyIds) read.set(id, await arrStore.ensureAccount(accounts.get(id)!, now));
  const company = companies.find((c) => c.id === after.companyId);
  const own = after.companyId ? read.get(after.companyId) : undefined;
  const movements = own
    ? movementsOfDeal(after, {
        arrBefore: (date) => arrOn(own, date, after.id),
        rates,
        company: { segment: company?.segment ?? after.segment, region: company?.region ?? null, ownerId: company?.ownerId ?? after.ownerId },
      })
    : [];
  const stored = [...read.values()].flatMap((account) => account.ledger.filter((entry) => entry.dealId === after.id));
  const steps: TxStep[] = arrStore.movementSteps(stored, movements);
  const newCustomers: string[] = [];
  for (const account of read.values()) {
    const next = applyDealToAccount(account, after, movements);
    if (next !== account) steps.push(arrStore.accountStep(account, next, now));
    const current = companies.find((c) => c.id === account.companyId);
    if (!current) continue;
    const derived: Company = { ...derivedFields(current, next, rates, now), version: current.version + 1, updatedAt: now };
    if (JSON.stringify({ ...derived, version: 0, updatedAt: 0 }) === JSON.stringify({ ...current, version: 0, updatedAt: 0 })) continue;
    const changes = fieldChanges(current, derived, COMPANY_AUDITED_FIELDS);
    steps.push(...companyStore.companyStep(current, derived, changes.length > 0 ? activityStore.changeActivity(ids.newId(), `company:${current.id}`, SITE_PROJECT, SYSTEM_ACTOR, now, changes) : null));
    if (derived.lifecycle === 'customer' && derived.health === 'unknown') newCustomers.push(current.id);
  }
  return { steps, newCustomers, movements };
}
