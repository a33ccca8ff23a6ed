import { QUERY_SETTLE_MS } from '../../ports/storage';
import { activityStore, claimStore, contactStore, delivery, erasureStore, jobQueue } from '../../ports/registry';
import type { z } from 'zod';
import type { ContactData } from '../../contracts/privacy';
import { normaliseEmail } from '../../domain/normalise';
import { mentions, personalNeedles } from '../../domain/privacy';
import type { UseCaseContext } from '../context';
import { contactRecord } from '../contacts/save-contact';
import { forbidden, notFound } from '../errors';
import { dealsNaming, issuesOf } from './contact-reach';

/** Data export and erasure are on the admin page: Jira administrators only (PRODUCT §2, §5). */
async function requireSiteAdmin(ctx: UseCaseContext): Promise<void> {
  if (!(await ctx.access.isSiteAdmin())) throw forbidden('Only Jira administrators can export or erase what Relay holds about a person.');
}

/**
 * Everything Relay holds about a contact: the record (with its first touch and consent), its whole
 * timeline, the deals that name them, and what Relay wrote on those deals' issues that names them
 * (descriptions and properties). Errors: FORBIDDEN (not a Jira admin), NOT_FOUND.
 */
export async function exportContact(ctx: UseCaseContext, contactId: string): Promise<z.input<typeof ContactData>> {
  await requireSiteAdmin(ctx);
  const contact = await contactStore.readContact(contactId);
  if (!contact) throw notFound('The contact');
  const needles = personalNeedles(contact);
  const deals = await dealsNaming(contactId, ctx.clock.now());
  const issues = [];
  for (const issueKey of await issuesOf(deals)) {
    const text = await delivery.relayIssueText(issueKey);
    if (!text) continue;
    if (mentions(text.description, needles) || mentions(text.property, needles)) issues.push({ issueKey, description: text.description, property: text.property });
  }
  return {
    exportedAt: ctx.clock.now(),
    contact: contactRecord(contact),
    timeline: (await erasureStore.timelineEntities(`contact:${contactId}`)).map((e) => activityStore.fromEntity(e) as unknown as Record<string, unknown>),
    deals: deals.map((d) => ({ id: d.id, projectId: d.projectId, name: d.name, stageId: d.stageId, outcome: d.outcome, amountMinor: d.amountMinor, currency: d.currency, contactIds: d.contactIds, stakeholders: d.stakeholders, issueKey: d.handoff?.issueKey ?? null })),
    issues,
  };
}

/** Queues the erasure of a contact (erase-contact.ts does it). Errors: FORBIDDEN, NOT_FOUND. */
export async function requestErasure(ctx: UseCaseContext, contactId: string): Promise<{ contactId: string; queued: boolean }> {
  await requireSiteAdmin(ctx);
  if (!(await contactStore.readContact(contactId))) throw notFound('The contact');
  // The erasure finds what mentions the contact with storage queries, which trail writes: it runs once
  // they show everything written up to the request, or a note made a moment before would keep the name.
  await jobQueue.enqueueJob({ kind: 'erase-contact', contactId, requestedBy: ctx.access.accountId }, QUERY_SETTLE_MS / 1000);
  return { contactId, queued: true };
}

/** The contact holding an email address. Errors: FORBIDDEN, NOT_FOUND (no contact has it). */
export async function findPerson(ctx: UseCaseContext, email: string): Promise<{ contactId: string; name: string; email: string | null }> {
  await requireSiteAdmin(ctx);
  const normalised = normaliseEmail(email);
  const holder = normalised ? await claimStore.claimHolder('email', normalised) : undefined;
  const contact = holder ? await contactStore.readContact(holder) : undefined;
  if (!contact) throw notFound('A contact with this email');
  return { contactId: contact.id, name: contact.name, email: contact.email };
}
