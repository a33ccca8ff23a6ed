import { companyStore, contactStore } from '../../ports/registry';
import type { z } from 'zod';
import type { DuplicatesSlice, FindDuplicatesInput } from '../../contracts/duplicates';
import { companyDuplicates, contactDuplicates } from '../../domain/dedupe';
import type { UseCaseContext } from '../context';
import { requireSiteList } from '../companies/site-access';
import type { SitePage } from '../companies/site-record';

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
  const from = input.cursor ?? null;
  if (input.kind === 'contacts') {
    const slice = await activeSlice(from, async (cursor) => {
      const page = await contactStore.queryContacts({ status: 'active', limit: 100, ...(cursor ? { cursor } : {}) });
      return { items: page.contacts, nextCursor: page.nextCursor };
    });
    return { kind: 'contacts', scanned: slice.items.length, pairs: contactDuplicates(slice.items), nextCursor: slice.nextCursor };
  }
  const slice = await activeSlice(from, async (cursor) => {
    const page = await companyStore.queryCompanies({ status: 'active', limit: 100, ...(cursor ? { cursor } : {}) });
    return { items: page.companies, nextCursor: page.nextCursor };
  });
  return { kind: 'companies', scanned: slice.items.length, pairs: companyDuplicates(slice.items), nextCursor: slice.nextCursor };
}

/** Pages of 100 active records, A–Z from the cursor, until the slice is full or the records end. */
async function activeSlice<T>(from: string | null, page: (cursor: string | null) => Promise<SitePage<T>>): Promise<SitePage<T>> {
  const items: T[] = [];
  let cursor = from;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor && items.length < DUPLICATES_PER_SLICE);
  return { items, nextCursor: cursor };
}
