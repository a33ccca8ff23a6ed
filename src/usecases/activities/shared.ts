import type { ActivityRecord, TimelineRecord } from '../../contracts/activity';
import { readActivity } from '../../adapters/kvs/activity-store';
import { readCompany } from '../../adapters/kvs/company-store';
import { readContact } from '../../adapters/kvs/contact-store';
import type { Activity, RecordType, TimelineEntry } from '../../domain/activity';
import { ActivityError, isOverdue } from '../../domain/activity';
import { StaleVersionError } from '../../domain/conflict';
import { crmReach } from '../companies/site-access';
import type { UseCaseContext } from '../context';
import { visibleDeal } from '../deals/shared';
import { AppError, forbidden, invalid, notFound } from '../errors';

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
  const record = recordType === 'company' ? await readCompany(recordId) : await readContact(recordId);
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
  const entry = await readActivity(activityId);
  if (!entry) throw notFound('The activity');
  try {
    return { entry, scope: await visibleRecord(ctx, entry.recordType, entry.recordId) };
  } catch (error) {
    // The entry's record is gone or hidden: so is the entry, under its own name.
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('The activity');
    throw error;
  }
}

/** Audit entries are the app's record of what happened: nobody edits or deletes them. */
export function userWritten(entry: TimelineEntry): Activity {
  if (entry.kind === 'change') {
    throw invalid('This entry is part of the audit trail: it cannot be changed or deleted.', [{ path: 'activityId', message: 'An audit entry' }], { reason: 'AUDIT_ENTRY' });
  }
  return entry;
}

export function activityRecord(activity: Activity, now: number): ActivityRecord {
  const { projectId: _projectId, task, ...rest } = activity;
  return { ...rest, task: task ? { ...task, overdue: isOverdue(activity, now) } : null };
}

export function timelineRecord(entry: TimelineEntry, now: number): TimelineRecord {
  return entry.kind === 'change' ? entry : activityRecord(entry, now);
}

export function conflict(current: Activity, now: number): StaleVersionError {
  return new StaleVersionError('activity', activityRecord(current, now));
}

/** The version the client read must be the stored one: a stale write gets CONFLICT with the current entry. */
export function checkVersion(activity: Activity, version: number, now: number): void {
  if (activity.version !== version) throw conflict(activity, now);
}

/** Runs a domain rule, turning its ActivityError into VALIDATION naming the field at fault. */
export function applyRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof ActivityError) {
      throw invalid(error.message, error.field ? [{ path: error.field, message: error.message }] : [], { reason: error.code });
    }
    throw error;
  }
}
