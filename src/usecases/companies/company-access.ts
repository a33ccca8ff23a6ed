import { companyStore } from '../../ports/registry';
import type { Company } from '../../domain/company';
import type { UseCaseContext } from '../context';
import { notFound } from '../errors';
import { requireSiteEdit, requireSiteRead } from './site-access';

/** A company the user may see; else NOT_FOUND, whether it is missing or the user sees no project. */
export async function visibleCompany(ctx: UseCaseContext, companyId: string): Promise<Company> {
  await requireSiteRead(ctx, 'The company');
  const company = await companyStore.readCompany(companyId);
  if (!company) throw notFound('The company');
  return company;
}

/** A company the user may change: visible, and "Edit CRM records" somewhere. */
export async function editableCompany(ctx: UseCaseContext, companyId: string): Promise<Company> {
  const company = await visibleCompany(ctx, companyId);
  await requireSiteEdit(ctx, 'companies');
  return company;
}
