import { activityStore, contactStore, crmProjectStore, dealStore, mergeStore, pipelineStore, storage } from '../../ports/registry';
import type { Activity } from '../../domain/activity';
import { StaleVersionError } from '../../domain/conflict';
import type { Deal } from '../../domain/deal';
import type { UseCaseContext } from '../context';
import { saveContact } from '../contacts/save-contact';
import { saveDeal } from '../deals/save-deal';

/**
 * The queued half of a merge: every activity, deal and contact of the merged-away record moves to
 * the survivor, each with its ordinary conditioned save (a record someone edits meanwhile is read
 * again and moved on its new version). Safe to run twice: what has moved is no longer found.
 * Queries trail writes, so each pass skips what it has handled already instead of trusting the index.
 */
export interface Moved {
  activities: number;
  deals: number;
  contacts: number;
}

const ATTEMPTS = 5;

/** Runs `move` on the freshest copy until it sticks; `fresh` answers undefined when there is nothing (left) to move. */
export async function retrying<T>(fresh: () => Promise<T | undefined>, move: (current: T) => Promise<unknown>): Promise<boolean> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const current = await fresh();
    if (current === undefined) return false;
    try {
      await move(current);
      return true;
    } catch (error) {
      if (!(error instanceof StaleVersionError) && !storage.isConditionFailure(error)) throw error;
    }
  }
  throw new Error('A record kept changing while a merge moved it; the queue will run the move again');
}

async function moveActivities(recordType: 'contact' | 'company', fromId: string, toId: string, now: number): Promise<number> {
  const seen = new Set<string>();
  let moved = 0;
  for (;;) {
    const batch = (await mergeStore.movableActivities(`${recordType}:${fromId}`, 100)).filter((a) => !seen.has(a.id));
    if (batch.length === 0) return moved;
    for (const activity of batch) {
      seen.add(activity.id);
      const fresh = async () => {
        const current = (await activityStore.readActivity(activity.id)) as Activity | undefined;
        return current && current.recordId === fromId ? current : undefined;
      };
      if (await retrying(fresh, (current) => mergeStore.moveActivity(current, toId, now))) moved += 1;
    }
  }
}

async function moveDeal(ctx: UseCaseContext, deal: Deal, change: (d: Deal) => Deal | undefined): Promise<boolean> {
  const pipeline = await pipelineStore.readPipeline(deal.projectId);
  if (!pipeline) return false;
  const fresh = async () => {
    const current = await dealStore.readDeal(deal.id);
    return current && change(current) ? current : undefined;
  };
  return retrying(fresh, (current) => saveDeal(ctx, current, (d) => change(d ?? current)!, pipeline));
}

const withoutDuplicates = (ids: string[]) => [...new Set(ids)];

export async function moveMerged(recordType: 'contact' | 'company', fromId: string, toId: string, ctx: UseCaseContext): Promise<Moved> {
  const now = ctx.clock.now();
  const moved: Moved = { activities: await moveActivities(recordType, fromId, toId, now), deals: 0, contacts: 0 };
  if (recordType === 'contact') {
    // Deals name contacts in their data (no index): every deal of every CRM project is read, in pages.
    const replace = (d: Deal) => (d.contactIds.includes(fromId) ? { ...d, contactIds: withoutDuplicates(d.contactIds.map((id) => (id === fromId ? toId : id))) } : undefined);
    for (const projectId of await crmProjectStore.crmProjectIds(now)) {
      for await (const page of dealStore.allProjectDeals(projectId)) {
        for (const deal of page) if (replace(deal) && (await moveDeal(ctx, deal, replace))) moved.deals += 1;
      }
    }
    return moved;
  }
  const repoint = (d: Deal) => (d.companyId === fromId ? { ...d, companyId: toId } : undefined);
  await eachUnseen(async () => (await mergeStore.companyDeals(fromId)).deals, async (deal) => {
    if (await moveDeal(ctx, deal, repoint)) moved.deals += 1;
  });
  await eachUnseen(async () => (await mergeStore.companyContacts(fromId)).contacts, async (contact) => {
    const fresh = async () => {
      const current = await contactStore.readContact(contact.id);
      return current && current.companyId === fromId ? current : undefined;
    };
    if (await retrying(fresh, (current) => saveContact(ctx, current, (c) => ({ ...(c ?? current), companyId: toId })))) moved.contacts += 1;
  });
  return moved;
}

/**
 * Handles every record a query shows, each once, reading its first page again until it shows none
 * not handled yet: moved records leave the query, so its first page is always where the rest are.
 */
async function eachUnseen<T extends { id: string }>(firstPage: () => Promise<T[]>, handle: (item: T) => Promise<void>): Promise<void> {
  const seen = new Set<string>();
  for (;;) {
    const page = (await firstPage()).filter((item) => !seen.has(item.id));
    if (page.length === 0) return;
    for (const item of page) {
      seen.add(item.id);
      await handle(item);
    }
  }
}
