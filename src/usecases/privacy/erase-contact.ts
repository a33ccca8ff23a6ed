import { activityStore, contactStore, dealStore, delivery, erasureStore, externalIdStore, importStore, pipelineStore } from '../../ports/registry';
import type { FieldChange } from '../../domain/audit';
import { mentions, personalNeedles, scrubbed } from '../../domain/privacy';
import type { UseCaseContext } from '../context';
import { saveDeal } from '../deals/save-deal';
import { retrying } from '../duplicates/move-merged';
import { SITE_PROJECT } from '../companies/site-access';
import { dealsNaming, issuesOf } from './contact-reach';

export interface Erasure {
  deals: number;
  entries: number;
  issues: number;
  reports: number;
}

/** Rewrites the timeline entries of a record that mention the person; answers how many. */
async function scrubTimeline(recordKey: string, needles: string[]): Promise<number> {
  let count = 0;
  for (const entry of await erasureStore.timelineEntities(recordKey)) {
    const clean = scrubbed(entry, needles);
    if (clean === entry) continue;
    await erasureStore.rewriteEntry(entry, clean);
    count += 1;
  }
  return count;
}

/**
 * Erases a contact on request (PRODUCT §5), as the queued job of an admin's request: the deals
 * that name them lose them (and every mention of their name, email or phone, the deals' audit
 * entries included); the timelines of those deals and of the contact's company are cleaned the same
 * way; so are the descriptions and properties Relay wrote on those deals' issues and the rejected
 * rows of past imports. Then the contact's own timeline, external ids, email claim and record go.
 * Each of those deals and the company keeps an anonymised entry ("a contact was erased"), and one
 * erasure record says who erased how much, never whom. The record itself goes last, so a run that
 * dies midway is run again by the queue and finds everything it still has to clean.
 */
export async function eraseContact(ctx: UseCaseContext, contactId: string): Promise<Erasure | undefined> {
  const contact = await contactStore.readContact(contactId);
  if (!contact) return undefined;
  const now = ctx.clock.now();
  const needles = personalNeedles(contact);
  const done: Erasure = { deals: 0, entries: 0, issues: 0, reports: 0 };
  const note = (recordKey: string, projectId: string) => activityStore.changeActivity(ctx.ids.newId(), recordKey, projectId, ctx.access.accountId, now, [{ field: 'erasedContact', from: null, to: 'A contact was erased on request' }]);

  const deals = await dealsNaming(contactId, now);
  for (const deal of deals) {
    const pipeline = await pipelineStore.readPipeline(deal.projectId);
    if (!pipeline) continue;
    const fresh = async () => dealStore.readDeal(deal.id);
    // The erasure's own audit entry must not carry what it erases ("from: her name"): the timeline
    // scrub below reads with a storage query, which would not show an entry written just now.
    const audit = (changes: FieldChange[]) => scrubbed(changes, needles);
    await retrying(fresh, (current) => saveDeal(ctx, current, (d) => scrubbed({ ...(d ?? current), contactIds: (d ?? current).contactIds.filter((id) => id !== contactId) }, needles), pipeline, { audit }));
    done.deals += 1;
  }
  const records = [...deals.map((d) => ({ key: `deal:${d.id}`, projectId: d.projectId })), ...(contact.companyId ? [{ key: `company:${contact.companyId}`, projectId: SITE_PROJECT }] : [])];
  for (const record of records) {
    done.entries += await scrubTimeline(record.key, needles);
    const entry = note(record.key, record.projectId);
    await erasureStore.addEntry(entry);
  }
  for (const issueKey of await issuesOf(deals)) {
    const text = await delivery.relayIssueText(issueKey);
    if (!text) continue;
    if (text.description && mentions(text.description, needles)) await delivery.writeDescription(issueKey, scrubbed(text.description, needles));
    if (text.property && mentions(text.property, needles)) await delivery.writeProperty(issueKey, scrubbed(text.property, needles));
    done.issues += 1;
  }
  for (const job of await importStore.finishedJobs()) {
    const parts = await importStore.readReport(job.id, 0, job.reportParts);
    for (const [index, rows] of parts.entries()) {
      if (!mentions(rows, needles)) continue;
      await importStore.rewriteReport(job.id, index, scrubbed(rows, needles));
      done.reports += 1;
    }
  }

  await erasureStore.deleteEntries(await erasureStore.timelineEntities(`contact:${contactId}`));
  await erasureStore.deleteContactAndHoldings({ id: contactId, version: contact.version, email: contact.email }, await externalIdStore.externalIdsOf(contactId));
  await erasureStore.recordErasure(ctx.ids.newId(), { at: now, by: ctx.access.accountId, ...done });
  return done;
}
