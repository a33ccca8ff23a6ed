import { companyStore, contactStore } from '../../ports/registry';
import type { z } from 'zod';
import type { DuplicatesSlice, FindDuplicatesInput } from '../../contracts/duplicates';
import type { Company } from '../../domain/company';
import type { Contact } from '../../domain/contact';
import { companyDuplicates, contactDuplicates } from '../../domain/dedupe';
import type { UseCaseContext } from '../context';
import { companyRecord } from '../companies/save-company';
import { requireSiteList } from '../companies/site-access';
import { contactRecord } from '../contacts/save-contact';

/** Active records one call compares (20 queries of 100, A–Z); the screen asks for the next slice while there is one. */
export const DUPLICATES_PER_SLICE = 2000;

/**
 * Likely duplicate contacts or companies among a slice of the active ones, A–Z (domain/dedupe.ts
 * says what "likely" means). A pair is found when both records fall in one slice: a slice holds
 * 2,000 records, and the name rules compare neighbours in name order anyway. Errors: NOT_FOUND
 * (the user sees no CRM project), VALIDATION (cursor).
 */
export async function findDuplicates(ctx: UseCaseContext, input: z.infer<typeof FindDuplicatesInput>): Promise<z.input<typeof DuplicatesSlice>> {
  await requireSiteList(ctx, input.kind);
  let cursor: string | null = input.cursor ?? null;
  if (input.kind === 'contacts') {
    const contacts: Contact[] = [];
    do {
      const page: Awaited<ReturnType<typeof contactStore.queryContacts>> = await contactStore.queryContacts({ status: 'active', limit: 100, ...(cursor ? { cursor } : {}) });
      contacts.push(...page.contacts);
      cursor = page.nextCursor;
    } while (cursor && contacts.length < DUPLICATES_PER_SLICE);
    const pairs = contactDuplicates(contacts).map((p) => ({ a: contactRecord(p.a), b: contactRecord(p.b), reasons: p.reasons }));
    return { kind: 'contacts', scanned: contacts.length, pairs, nextCursor: cursor };
  }
  const companies: Company[] = [];
  do {
    const page: Awaited<ReturnType<typeof companyStore.queryCompanies>> = await companyStore.queryCompanies({ status: 'active', limit: 100, ...(cursor ? { cursor } : {}) });
    companies.push(...page.companies);
    cursor = page.nextCursor;
  } while (cursor && companies.length < DUPLICATES_PER_SLICE);
  const pairs = companyDuplicates(companies).map((p) => ({ a: companyRecord(p.a), b: companyRecord(p.b), reasons: p.reasons }));
  return { kind: 'companies', scanned: companies.length, pairs, nextCursor: cursor };
}
