import { activityStore, claimStore, companyStore } from '../../ports/registry';
import { fieldChanges } from '../../domain/audit';
import type { Company } from '../../domain/company';
import { COMPANY_AUDITED_FIELDS, CompanyError } from '../../domain/company';
import { StaleVersionError } from '../../domain/conflict';
import type { CompanyRecord } from '../../contracts/company';
import type { UseCaseContext } from '../context';
import { AppError, invalid, notFound } from '../errors';
import { saveVersioned } from '../versioned-save';
import { SITE_PROJECT } from './site-access';

/** The company as the contract shows it (the stored record is already that shape). */
export function companyRecord(company: Company): CompanyRecord {
  return company;
}

/** The version the client read must be the stored one (CONFLICT with the current company otherwise). */
export function checkCompanyVersion(company: Company, version: number): void {
  if (company.version !== version) throw new StaleVersionError('company', companyRecord(company));
}

/** CONFLICT naming the company that holds a domain already (archived ones included: they keep it). */
export async function domainTaken(domain: string, holderId: string): Promise<AppError> {
  const holder = await companyStore.readCompany(holderId);
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

/**
 * Saves one change of a company: the record (conditioned on the version read), its domain claim
 * (reserved first, see adapters/kvs/claims.ts) and the audit entry, in one transaction, with the
 * one save policy (usecases/versioned-save.ts). A version that moved on is CONFLICT with the
 * current company; a domain another company holds is CONFLICT naming it.
 */
export async function saveCompany(ctx: UseCaseContext, before: Company | null, change: (current: Company | null) => Company): Promise<Company> {
  const now = ctx.clock.now();
  let after: Company;
  try {
    after = change(before);
  } catch (error) {
    fromCompanyError(error);
  }
  const saved: Company = { ...after, version: (before?.version ?? 0) + 1, updatedAt: now };
  const takes = saved.domain !== null && saved.domain !== (before?.domain ?? null) ? saved.domain : null;
  if (takes) {
    const holder = await claimStore.reserveClaim('domain', takes, saved.id, now);
    if (holder) throw await domainTaken(takes, holder);
  }
  const changes = fieldChanges(before, saved, COMPANY_AUDITED_FIELDS);
  const activity = changes.length > 0 ? activityStore.changeActivity(ctx.ids.newId(), `company:${saved.id}`, SITE_PROJECT, ctx.access.accountId, now, changes) : null;
  try {
    return await saveVersioned({
      run: async () => {
        await companyStore.commitCompany({ before, after: saved, activity, now });
        return saved;
      },
      explain: async () => {
        if (before) {
          const fresh = await companyStore.readCompany(before.id);
          if (!fresh) throw notFound('The company');
          if (fresh.version !== before.version) throw new StaleVersionError('company', companyRecord(fresh));
        }
        if (takes && (await claimStore.claimHolder('domain', takes)) !== saved.id) {
          const holder = await claimStore.reserveClaim('domain', takes, saved.id, now);
          if (holder) throw await domainTaken(takes, holder);
        }
      },
    });
  } catch (error) {
    if (takes) await claimStore.releaseReservation('domain', takes, saved.id);
    throw error;
  }
}
