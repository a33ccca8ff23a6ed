import type { Activity, TimelineEntry } from '../../domain/activity';
import { ActivityError } from '../../domain/activity';
import { StaleVersionError } from '../../domain/conflict';
import { invalid } from '../errors';
import { activityRecord } from './activity-record';

/**
 * The rules a change to an activity answers to, as use-case errors: audit entries are not the user's
 * to change (VALIDATION, reason AUDIT_ENTRY), a stale version is a CONFLICT carrying the current
 * entry, and a domain ActivityError is a VALIDATION naming the field at fault.
 */

/** Audit entries are the app's record of what happened: nobody edits or deletes them. */
export function userWritten(entry: TimelineEntry): Activity {
  if (entry.kind === 'change') {
    throw invalid('This entry is part of the audit trail: it cannot be changed or deleted.', [{ path: 'activityId', message: 'An audit entry' }], { reason: 'AUDIT_ENTRY' });
  }
  return entry;
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
