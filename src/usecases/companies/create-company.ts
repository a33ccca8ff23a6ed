import type { z } from 'zod';
import type { CompanyRecord, CreateCompanyInput } from '../../contracts/company';
import { newCompany } from '../../domain/company';
import type { UseCaseContext } from '../context';
import { companyRecord, saveCompany } from './save-company';
import { requireSiteEdit } from './site-access';

/**
 * Creates a company owned by the caller unless another owner is named; the domain is stored in its
 * normalised form and claimed in the same transaction. Errors: FORBIDDEN (no "Edit CRM records"
 * anywhere), VALIDATION (blank name, not a domain), CONFLICT (domain held by another company,
 * named in `details.existing`).
 */
export async function createCompany(ctx: UseCaseContext, input: z.infer<typeof CreateCompanyInput>): Promise<CompanyRecord> {
  await requireSiteEdit(ctx, 'companies');
  const id = ctx.ids.newId();
  const saved = await saveCompany(ctx, null, () => newCompany({ ...input, ownerId: input.ownerId ?? ctx.access.accountId }, id, ctx.clock.now()));
  return companyRecord(saved);
}
