import { companyStore, contactStore, dealStore, directory } from '../../ports/registry';
import type { z } from 'zod';
import type { DealQualitySlice, RecordQuality } from '../../contracts/quality';
import type { Contact } from '../../domain/contact';
import { dealQuality } from '../../domain/data-quality';
import type { Deal } from '../../domain/deal';
import { isoDateOf } from '../../domain/periods';
import type { UseCaseContext } from '../context';
import { requireSiteList } from '../companies/site-access';
import { browsableProject, enabledPipeline } from '../project-access';

/** Open deals one call reads (10 queries of 100); the tab asks for the next slice while there is one. */
const DEALS_PER_SLICE = 1000;

/**
 * A slice of a project's open deals, scored: completeness per stage and owner (the glossary's
 * definition) and every open deal with a problem, with what to fix. Errors: NOT_FOUND, VALIDATION (cursor).
 */
export async function dealQualitySlice(ctx: UseCaseContext, input: { projectKey: string; cursor?: string | undefined }): Promise<z.infer<typeof DealQualitySlice>> {
  const project = await browsableProject(ctx, input.projectKey);
  const pipeline = await enabledPipeline(project.id);
  const deals: Deal[] = [];
  let cursor: string | null = input.cursor ?? null;
  do {
    const page: Awaited<ReturnType<typeof dealStore.queryDeals>> = await dealStore.queryDeals({ projectId: project.id, outcome: 'open', sort: 'closeDate', direction: 'asc', limit: 100, ...(cursor ? { cursor } : {}) });
    deals.push(...page.deals);
    cursor = page.nextCursor;
  } while (cursor && deals.length < DEALS_PER_SLICE);
  const now = ctx.clock.now();
  const quality = dealQuality(deals, pipeline, isoDateOf(now), now);
  return {
    scanned: deals.length,
    byStage: quality.byStage,
    byOwner: quality.byOwner,
    flagged: quality.flagged.map(({ deal, problems }) => ({ dealId: deal.id, name: deal.name, ownerId: deal.ownerId, stageId: deal.stageId, problems })),
    nextCursor: cursor,
  };
}

/** Active contacts one call checks for an owner (10 queries of 100, A–Z). */
const OWNER_SCAN = 1000;

/** Of the first contacts A–Z, those whose owner is no active person; the owners are asked of Jira once each. */
async function contactsWithoutOwner(): Promise<{ items: Contact[]; more: boolean }> {
  const contacts: Contact[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof contactStore.queryContacts>> = await contactStore.queryContacts({ status: 'active', limit: 100, ...(cursor ? { cursor } : {}) });
    contacts.push(...page.contacts);
    cursor = page.nextCursor;
  } while (cursor && contacts.length < OWNER_SCAN);
  const active = await directory.activePeople(contacts.map((c) => c.ownerId));
  const orphans = contacts.filter((c) => !active.has(c.ownerId));
  return { items: orphans.slice(0, 100), more: orphans.length > 100 || cursor !== null };
}

/**
 * Contacts without a company (the by-company index's 'none' partition) and companies without a
 * domain (by-domain at 'none'), active ones, first 100 of each; contacts whose owner left. Errors: NOT_FOUND.
 */
export async function recordQuality(ctx: UseCaseContext): Promise<z.infer<typeof RecordQuality>> {
  await requireSiteList(ctx, 'contacts');
  const [contacts, companies, orphans] = await Promise.all([
    contactStore.activeContactsWithoutCompany(100),
    companyStore.activeCompaniesWithoutDomain(100),
    contactsWithoutOwner(),
  ]);
  return {
    contactsWithoutCompany: { items: contacts.contacts.map((c) => ({ id: c.id, name: c.name })), more: contacts.nextCursor !== null },
    contactsWithoutOwner: { items: orphans.items.map((c) => ({ id: c.id, name: c.name })), more: orphans.more },
    companiesWithoutDomain: { items: companies.companies.map((c) => ({ id: c.id, name: c.name })), more: companies.nextCursor !== null },
  };
}
