import { companyStore } from '../../ports/registry';
import type { z } from 'zod';
import type { CompanyRecord, GetCompanyInput, ListCompaniesInput, SearchCompaniesInput } from '../../contracts/company';
import { domainPrefix, namePrefix } from '../../domain/company';
import type { UseCaseContext } from '../context';
import { COMPANY, companyRecord } from './save-company';
import { requireSiteList } from './site-access';
import { searchRecords, visibleRecord, type SitePage } from './site-record';

type Page = SitePage<CompanyRecord>;

/** One company. Errors: NOT_FOUND (missing, or the user browses no project). */
export async function getCompany(ctx: UseCaseContext, input: z.infer<typeof GetCompanyInput>): Promise<CompanyRecord> {
  return companyRecord(await visibleRecord(ctx, COMPANY, input.companyId));
}

/**
 * A page of companies A–Z, optionally of one owner, segment or region (each has its own index).
 * Errors: NOT_FOUND (the user browses no project), VALIDATION (a cursor of another query).
 */
export async function listCompanies(ctx: UseCaseContext, input: z.infer<typeof ListCompaniesInput>): Promise<Page> {
  await requireSiteList(ctx, 'companies');
  const page = await companyStore.queryCompanies(input);
  return { items: page.companies.map(companyRecord), nextCursor: page.nextCursor };
}

/**
 * Companies whose name (A–Z) or domain starts with the text. The text is folded like stored values:
 * "Émi" finds "Emile SA", "https://www.acm" finds "acme.io". Errors as `listCompanies`.
 */
export async function searchCompanies(ctx: UseCaseContext, input: z.infer<typeof SearchCompaniesInput>): Promise<Page> {
  const prefix = input.field === 'name' ? namePrefix(input.text) : domainPrefix(input.text);
  return searchRecords(ctx, 'companies', input, prefix, async (search) => {
    const page = await companyStore.searchCompanies(search);
    return { items: page.companies.map(companyRecord), nextCursor: page.nextCursor };
  });
}
