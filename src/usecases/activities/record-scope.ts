import { activityStore, companyStore, contactStore } from '../../ports/registry';
import type { RecordType, TimelineEntry } from '../../domain/activity';
import { crmReach } from '../companies/site-access';
import type { UseCaseContext } from '../context';
import { visibleDeal } from '../deals/deal-access';
import { AppError, forbidden, notFound } from '../errors';

/**
 * The record a timeline belongs to, as the acting user may use it. Deals follow their project
 * (Browse projects to read, "Edit CRM records" to write); companies and contacts are site-wide
 * (PRODUCT.md §5: readable by whoever browses a project, writable by whoever edits CRM records in one).
 */
export interface RecordScope {
  recordType: RecordType;
  recordId: string;
  /** The deal's project; null for site-wide records. */
  projectId: string | null;
  /** The company the record belongs to (itself, a deal's or a contact's), for its last-activity date. */
  companyId: string | null;
  canWrite(): Promise<boolean>;
}

/**
 * The record, if it exists and the user may see it; NOT_FOUND otherwise, whichever of the two is
 * the reason (never "forbidden with details").
 */
export async function visibleRecord(ctx: UseCaseContext, recordType: RecordType, recordId: string): Promise<RecordScope> {
  if (recordType === 'deal') {
    const deal = await visibleDeal(ctx, recordId);
    return { recordType, recordId, projectId: deal.projectId, companyId: deal.companyId, canWrite: () => ctx.access.can(deal.projectId, 'edit') };
  }
  const what = recordType === 'company' ? 'The company' : 'The contact';
  if (!(await crmReach(ctx)).read) throw notFound(what);
  // An archived company or contact keeps its timeline (readable, and notes may still be added).
  const record = recordType === 'company' ? await companyStore.readCompany(recordId) : await contactStore.readContact(recordId);
  if (!record) throw notFound(what);
  const companyId = recordType === 'company' ? recordId : ((record as { companyId?: string | null }).companyId ?? null);
  return { recordType, recordId, projectId: null, companyId, canWrite: async () => (await crmReach(ctx)).write };
}

export async function requireWrite(scope: RecordScope): Promise<void> {
  if (await scope.canWrite()) return;
  throw forbidden(
    scope.recordType === 'deal'
      ? 'You need the "Edit CRM records" permission in this project to change this deal’s activities.'
      : 'You need the "Edit CRM records" permission in a CRM project to change activities of companies and contacts.',
  );
}

/** A timeline entry the user may see (its record visible), with the scope of that record. */
export async function visibleEntry(ctx: UseCaseContext, activityId: string): Promise<{ entry: TimelineEntry; scope: RecordScope }> {
  const entry = await activityStore.readActivity(activityId);
  if (!entry) throw notFound('The activity');
  try {
    return { entry, scope: await visibleRecord(ctx, entry.recordType, entry.recordId) };
  } catch (error) {
    // The entry's record is gone or hidden: so is the entry, under its own name.
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('The activity');
    throw error;
  }
}
