import { activityStore, companyStore } from '../../ports/registry';
import { fieldChanges } from '../../domain/audit';
import type { Company } from '../../domain/company';
import { COMPANY_AUDITED_FIELDS, CompanyError } from '../../domain/company';
import type { CompanyRecord } from '../../contracts/company';
import type { UseCaseContext } from '../context';
import { SITE_PROJECT } from './site-access';
import { commitHolding, nextVersion, reserveOrRefuse, type SiteKind } from './site-record';

/** The company as the contract shows it (the stored record is already that shape). */
export function companyRecord(company: Company): CompanyRecord {
  return company;
}

/**
 * Saves one change of a company: the record (conditioned on the version read), its domain claim
 * (reserved first, see adapters/kvs/claims.ts) and the audit entry, in one transaction, with the
 * one save policy (usecases/versioned-save.ts). A version that moved on is CONFLICT with the
 * current company; a domain another company holds is CONFLICT naming it.
 */
export async function saveCompany(ctx: UseCaseContext, before: Company | null, change: (current: Company | null) => Company): Promise<Company> {
  const now = ctx.clock.now();
  const saved = nextVersion(CompanyError, before, change, now);
  const takes = saved.domain !== null && saved.domain !== (before?.domain ?? null) ? saved.domain : null;
  if (takes) await reserveOrRefuse(COMPANY, takes, saved.id, now);
  const changes = fieldChanges(before, saved, COMPANY_AUDITED_FIELDS);
  const activity = changes.length > 0 ? activityStore.changeActivity(ctx.ids.newId(), `company:${saved.id}`, SITE_PROJECT, ctx.access.accountId, now, changes) : null;
  return commitHolding(COMPANY, before, saved, takes, now, () => companyStore.commitCompany({ before, after: saved, activity, now }));
}

/** Companies as site-wide records (site-record.ts): their words, their store and their save. */
export const COMPANY: SiteKind<Company> = {
  type: 'company',
  what: 'The company',
  plural: 'companies',
  claim: 'domain',
  pronoun: 'it',
  read: (id) => companyStore.readCompany(id),
  save: saveCompany,
};
