import type { CompanyRecord } from '../../contracts/company';
import { claimHolder } from '../../adapters/kvs/claims';
import { commitCompany, readCompany } from '../../adapters/kvs/company-store';
import { changeActivity } from '../../adapters/kvs/activity-store';
import { InvalidCursorError } from '../../adapters/kvs/paging';
import { isConditionFailure } from '../../adapters/kvs/transactions';
import { fieldChanges } from '../../domain/audit';
import type { Company } from '../../domain/company';
import { COMPANY_AUDITED_FIELDS, CompanyError } from '../../domain/company';
import type { UseCaseContext } from '../context';
import { AppError, invalid, notFound } from '../errors';
import { requireSiteEdit, requireSiteRead, SITE_PROJECT } from './site-access';

/** The company as the contract shows it (the stored record is already that shape). */
export function companyRecord(company: Company): CompanyRecord {
  return company;
}

/** A company the user may see; else NOT_FOUND, whether it is missing or the user sees no project. */
export async function visibleCompany(ctx: UseCaseContext, companyId: string): Promise<Company> {
  await requireSiteRead(ctx, 'The company');
  const company = await readCompany(companyId);
  if (!company) throw notFound('The company');
  return company;
}

/** A company the user may change: visible, and "Edit CRM records" somewhere. */
export async function editableCompany(ctx: UseCaseContext, companyId: string): Promise<Company> {
  const company = await visibleCompany(ctx, companyId);
  await requireSiteEdit(ctx, 'companies');
  return company;
}

export function companyConflict(current: Company): AppError {
  return new AppError('CONFLICT', 'Someone changed this company after you opened it. Review their change and try again.', [], { reason: 'STALE_VERSION', current: companyRecord(current) });
}

/** The version the client read must be the stored one. */
export function checkCompanyVersion(company: Company, version: number): void {
  if (company.version !== version) throw companyConflict(company);
}

/** CONFLICT naming the company that holds a domain already (archived ones included: they keep it). */
export async function domainTaken(domain: string, holderId: string): Promise<AppError> {
  const holder = await readCompany(holderId);
  const name = holder?.name ?? holderId;
  return new AppError('CONFLICT', `${name} already has the domain ${domain}${holder?.archived ? ' (archived: restore it instead)' : ''}.`, [{ path: 'domain', message: `Taken by ${name}`, code: 'taken', params: { name } }], {
    reason: 'DUPLICATE_DOMAIN',
    existing: { id: holderId, name, archived: holder?.archived ?? false },
  });
}

export function fromCompanyError(error: unknown): never {
  if (error instanceof CompanyError) throw invalid(error.message, error.field ? [{ path: error.field, message: error.message }] : [], { reason: error.code });
  throw error;
}

/** Pages of stored lists continue only their own query; a foreign cursor is the caller's mistake. */
export async function withCursorCheck<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw invalid(error.message, [{ path: 'cursor', message: error.message }]);
    throw error;
  }
}

/**
 * Saves one change of a company: the record (conditioned on the version read), its domain claim
 * and the audit entry, in one transaction. When Forge cancels it, the cause is read back: a version
 * that moved on is CONFLICT with the current company, a domain another company holds is CONFLICT
 * naming it; anything else (a race that has since resolved) is tried again, a few times.
 */
export async function saveCompany(ctx: UseCaseContext, before: Company | null, change: (current: Company | null) => Company): Promise<Company> {
  const now = ctx.clock.now();
  for (let attempt = 1; ; attempt += 1) {
    let after: Company;
    try {
      after = change(before);
    } catch (error) {
      fromCompanyError(error);
    }
    after = { ...after, version: (before?.version ?? 0) + 1, updatedAt: now };
    const changes = fieldChanges(before, after, COMPANY_AUDITED_FIELDS);
    const activity = changes.length > 0 ? changeActivity(ctx.ids.newId(), `company:${after.id}`, SITE_PROJECT, ctx.access.accountId, now, changes) : null;
    try {
      await commitCompany({ before, after, activity, now });
      return after;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const fresh = await readCompany(after.id);
      if (before && !fresh) throw notFound('The company');
      if (before && fresh && fresh.version !== before.version) throw companyConflict(fresh);
      if (!before && fresh) throw new AppError('CONFLICT', 'A company with this id exists already.');
      if (after.domain && after.domain !== (before?.domain ?? null)) {
        const holder = await claimHolder('domain', after.domain);
        if (holder && holder !== after.id) throw await domainTaken(after.domain, holder);
      }
      if (attempt >= 3) throw error;
    }
  }
}
