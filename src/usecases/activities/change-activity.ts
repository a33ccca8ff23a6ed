import { activityStore } from '../../ports/registry';
import type { z } from 'zod';
import type { ActivityRecord, ActivityRef, UpdateActivityInput } from '../../contracts/activity';
import type { Activity } from '../../domain/activity';
import { completeTask as markDone, editActivity, reopenTask as markOpen } from '../../domain/activity';
import type { UseCaseContext } from '../context';
import { notFound } from '../errors';
import { saveVersioned } from '../versioned-save';
import type { RecordScope } from './record-scope';
import { activityRecord } from './activity-record';
import { applyRule, checkVersion, conflict, userWritten } from './activity-rules';
import { requireWrite, visibleEntry } from './record-scope';

/** Why a write conditioned on `before.version` was refused: the entry is gone (NOT_FOUND) or changed (CONFLICT). */
async function explainRefusal(before: Activity, now: number): Promise<void> {
  const fresh = await activityStore.readActivity(before.id);
  if (!fresh || fresh.kind === 'change') throw notFound('The activity');
  if (fresh.version !== before.version) throw conflict(fresh, now);
}

/** Stores `after` over `before`, conditioned on the version read, with the one save policy (usecases/versioned-save.ts). */
async function save(before: Activity, after: Activity, now: number): Promise<Activity> {
  const next = { ...after, version: before.version + 1, updatedAt: now };
  return saveVersioned({
    run: async () => {
      await activityStore.writeActivity(next, before.version);
      return next;
    },
    explain: () => explainRefusal(before, now),
  });
}

/** A user-written entry the caller may change, at the version they read. */
async function editable(ctx: UseCaseContext, activityId: string, version: number, mayWrite: (scope: RecordScope, activity: Activity) => Promise<void>): Promise<Activity> {
  const { entry, scope } = await visibleEntry(ctx, activityId);
  const activity = userWritten(entry);
  await mayWrite(scope, activity);
  checkVersion(activity, version, ctx.clock.now());
  return activity;
}

const recordWriter = (scope: RecordScope) => requireWrite(scope);

/**
 * A task's owner may tick it off even without "Edit CRM records" (a delivery lead given a task on a
 * deal they can see); everyone else needs the record's write permission.
 */
const taskOwnerOrWriter = async (scope: RecordScope, activity: Activity, accountId: string) => {
  if (activity.task?.ownerId === accountId) return;
  await requireWrite(scope);
};

/**
 * Edits the subject, body or (tasks) due date. Errors: NOT_FOUND, FORBIDDEN, CONFLICT (stale
 * version, with the current entry), VALIDATION (an audit entry, text limits, a due date on a non-task).
 */
export async function updateActivity(ctx: UseCaseContext, input: z.infer<typeof UpdateActivityInput>): Promise<ActivityRecord> {
  const now = ctx.clock.now();
  const activity = await editable(ctx, input.activityId, input.version, recordWriter);
  const changes = input.changes;
  const after = applyRule(() =>
    editActivity(
      activity,
      {
        ...(changes.subject !== undefined ? { subject: changes.subject } : {}),
        ...(changes.body !== undefined ? { body: changes.body } : {}),
        ...(changes.dueAt !== undefined ? { dueAt: changes.dueAt } : {}),
      },
      now,
    ),
  );
  return activityRecord(await save(activity, after, now), now);
}

/** Marks a task done. Errors: NOT_FOUND, FORBIDDEN, CONFLICT, VALIDATION (not a task, already done, an audit entry). */
export async function completeTask(ctx: UseCaseContext, input: z.infer<typeof ActivityRef>): Promise<ActivityRecord> {
  const now = ctx.clock.now();
  const activity = await editable(ctx, input.activityId, input.version, (scope, a) => taskOwnerOrWriter(scope, a, ctx.access.accountId));
  const after = applyRule(() => markDone(activity, ctx.access.accountId, now));
  return activityRecord(await save(activity, after, now), now);
}

/** Opens a done task again. Errors: NOT_FOUND, FORBIDDEN, CONFLICT, VALIDATION (not a task, still open, an audit entry). */
export async function reopenTask(ctx: UseCaseContext, input: z.infer<typeof ActivityRef>): Promise<ActivityRecord> {
  const now = ctx.clock.now();
  const activity = await editable(ctx, input.activityId, input.version, (scope, a) => taskOwnerOrWriter(scope, a, ctx.access.accountId));
  const after = applyRule(() => markOpen(activity, now));
  return activityRecord(await save(activity, after, now), now);
}

/**
 * Deletes a user-written entry at the version read. Errors: NOT_FOUND, FORBIDDEN, CONFLICT (stale
 * version), VALIDATION (audit entries are never deleted).
 */
export async function deleteActivity(ctx: UseCaseContext, input: z.infer<typeof ActivityRef>): Promise<{ activityId: string; deleted: true }> {
  const now = ctx.clock.now();
  const activity = await editable(ctx, input.activityId, input.version, recordWriter);
  await saveVersioned({ run: () => activityStore.deleteActivity(activity.id, activity.version), explain: () => explainRefusal(activity, now) });
  return { activityId: activity.id, deleted: true };
}
