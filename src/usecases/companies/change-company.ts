import type { z } from 'zod';
import type { CompanyRecord, CompanyRef, UpdateCompanyInput } from '../../contracts/company';
import { archiveCompany as archive, restoreCompany as restore, updateCompany as update } from '../../domain/company';
import type { UseCaseContext } from '../context';
import { COMPANY, companyRecord } from './save-company';
import { changeRecord } from './site-record';

/**
 * Edits a company at the version the user read; every changed field lands in the audit trail.
 * Errors: NOT_FOUND, FORBIDDEN, CONFLICT (stale version with `details.current`, or the new domain
 * held by another company with `details.existing`), VALIDATION (bad field, archived company).
 */
export async function updateCompany(ctx: UseCaseContext, input: z.infer<typeof UpdateCompanyInput>): Promise<CompanyRecord> {
  return companyRecord(await changeRecord(ctx, COMPANY, { id: input.companyId, version: input.version }, (current, now) => update(current, input.changes, now)));
}

/**
 * Archives a company: it leaves active lists and searches and keeps its domain, its contacts and its
 * history. Errors: NOT_FOUND, FORBIDDEN, CONFLICT, VALIDATION (archived already).
 */
export async function archiveCompany(ctx: UseCaseContext, input: z.infer<typeof CompanyRef>): Promise<CompanyRecord> {
  return companyRecord(await changeRecord(ctx, COMPANY, { id: input.companyId, version: input.version }, archive));
}

/** Restores an archived company (its domain claim was kept, so this never collides). Errors as `archiveCompany`. */
export async function restoreCompany(ctx: UseCaseContext, input: z.infer<typeof CompanyRef>): Promise<CompanyRecord> {
  return companyRecord(await changeRecord(ctx, COMPANY, { id: input.companyId, version: input.version }, restore));
}
