import { companyStore, contactStore, dealStore, words } from '../../ports/registry';
import type { z } from 'zod';
import type { ExportInput, ExportSlice } from '../../contracts/export';
import type { Company } from '../../domain/company';
import { exportColumns, headerLine, recordLine, type ExportNames } from '../../domain/export-columns';
import type { UseCaseContext } from '../context';
import { requireSiteList } from '../companies/site-access';
import { browsableProject, enabledPipeline } from '../project-access';

/** Records one call reads at most (20 queries of 100), and the time it stops reading after. */
export const EXPORT_ROWS_PER_CALL = 2000;
export const EXPORT_CALL_BUDGET_MS = 12_000;

type Slice = z.infer<typeof ExportSlice>;

/** Company names for the records of one page, 25 per batch request, remembered for the call. */
function companyNames(): { load(ids: Array<string | null>): Promise<void>; names: ExportNames } {
  const known = new Map<string, Company>();
  return {
    async load(ids) {
      const missing = [...new Set(ids.filter((id): id is string => id !== null && !known.has(id)))];
      for (const company of await companyStore.readCompanies(missing)) known.set(company.id, company);
    },
    names: { companyName: (id) => (id ? (known.get(id)?.name ?? null) : null) },
  };
}

/**
 * One slice of a table's CSV export with the table's filters and columns, as the user may see it:
 * deals of a project they can browse, companies and contacts if they browse any project (a
 * marketing export of contacts holds only those who granted consent). Reads pages of 100 until
 * 2,000 records or 12 seconds, so each call stays small and quick; the cursor continues it.
 * The header row (first slice only) is in `locale`, the user's language as the page sends it
 * (English when Relay does not ship it). Errors: NOT_FOUND (project, or no project browsable), VALIDATION (a cursor of another export).
 */
export async function exportTable(ctx: UseCaseContext, input: z.infer<typeof ExportInput>, locale?: string): Promise<Slice> {
  const started = ctx.clock.now();
  const header = async (columns: Parameters<typeof headerLine>[0]) => headerLine(columns, await words.translatorFor(locale));
  const lookups = companyNames();
  const parts: string[] = [];
  let cursor: string | null = input.cursor ?? null;
  let rows = 0;
  const more = () => cursor !== null && rows < EXPORT_ROWS_PER_CALL && ctx.clock.now() - started < EXPORT_CALL_BUDGET_MS;

  if (input.table === 'deals') {
    const project = await browsableProject(ctx, input.projectKey);
    const pipeline = await enabledPipeline(project.id);
    const columns = exportColumns('deals', input.columns);
    if (!input.cursor) parts.push(await header(columns));
    do {
      const page: Awaited<ReturnType<typeof dealStore.queryDeals>> = await dealStore.queryDeals({ ...input.filters, projectId: project.id, limit: 100, ...(cursor ? { cursor } : {}) });
      await lookups.load(page.deals.map((d) => d.companyId));
      for (const deal of page.deals) parts.push(recordLine(columns, deal, lookups.names, pipeline));
      rows += page.deals.length;
      cursor = page.nextCursor;
    } while (more());
    return { csv: parts.join(''), rows, nextCursor: cursor };
  }

  await requireSiteList(ctx, input.table);
  if (input.table === 'companies') {
    const columns = exportColumns('companies', input.columns);
    if (!input.cursor) parts.push(await header(columns));
    do {
      const page: Awaited<ReturnType<typeof companyStore.queryCompanies>> = await companyStore.queryCompanies({ ...input.filters, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const company of page.companies) parts.push(recordLine(columns, company, lookups.names, null));
      rows += page.companies.length;
      cursor = page.nextCursor;
    } while (more());
    return { csv: parts.join(''), rows, nextCursor: cursor };
  }

  const columns = exportColumns('contacts', input.columns);
  if (!input.cursor) parts.push(await header(columns));
  do {
    const page: Awaited<ReturnType<typeof contactStore.queryContacts>> = await contactStore.queryContacts({ status: input.filters.status, ...(input.filters.companyId ? { companyId: input.filters.companyId } : {}), limit: 100, ...(cursor ? { cursor } : {}) });
    // Marketing exports respect consent: only contacts who granted it, and have it on record with its date.
    const contacts = input.filters.consentGranted ? page.contacts.filter((c) => c.consent.status === 'granted') : page.contacts;
    await lookups.load(contacts.map((c) => c.companyId));
    for (const contact of contacts) parts.push(recordLine(columns, contact, lookups.names, null));
    rows += contacts.length;
    cursor = page.nextCursor;
  } while (more());
  return { csv: parts.join(''), rows, nextCursor: cursor };
}
