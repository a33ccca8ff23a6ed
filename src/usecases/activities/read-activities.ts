import { activityStore } from '../../ports/registry';
import type { z } from 'zod';
import type { MyTasksInput, TaskPage, TimelineInput, TimelinePage } from '../../contracts/activity';
import type { Activity } from '../../domain/activity';
import { recordKeyOf } from '../../domain/activity';
import type { UseCaseContext } from '../context';
import { crmReach, SITE_PROJECT } from '../companies/site-access';
import { activityRecord, timelineRecord } from './activity-record';
import { visibleRecord } from './record-scope';

/**
 * A record's timeline, newest first: user entries and the audit trail together, one entity query
 * per page (by-record; by-record-kind when `kind` is given). Errors: NOT_FOUND (record missing or
 * not visible to the user).
 */
export async function listTimeline(ctx: UseCaseContext, input: z.infer<typeof TimelineInput>): Promise<z.infer<typeof TimelinePage>> {
  await visibleRecord(ctx, input.recordType, input.recordId);
  const page = await activityStore.queryTimeline(recordKeyOf(input.recordType, input.recordId), input.kind, input.limit, input.cursor);
  const now = ctx.clock.now();
  return { items: page.entries.map((entry) => timelineRecord(entry, now)), nextCursor: page.nextCursor };
}

/**
 * The caller's tasks in one state, one entity query per page (by-owner-task): open ones by due
 * date, so overdue ones come first; done ones latest due first. Tasks on records the caller can no
 * longer see (their project's browse permission was taken away) are left out of the page, so a page
 * can hold fewer than `limit` items while `nextCursor` still leads on. No errors of its own.
 */
export async function myTasks(ctx: UseCaseContext, input: z.infer<typeof MyTasksInput>): Promise<z.infer<typeof TaskPage>> {
  const page = await activityStore.queryTasks(ctx.access.accountId, input.state, input.limit, input.cursor);
  const now = ctx.clock.now();
  const items = [];
  for (const task of page.entries) {
    if (await canSee(ctx, task)) items.push(activityRecord(task, now));
  }
  return { items, nextCursor: page.nextCursor };
}

/** Permission answers are cached per invocation, so this costs one Jira call per project (one for all site-wide records). */
async function canSee(ctx: UseCaseContext, task: Activity): Promise<boolean> {
  return task.projectId === null || task.projectId === SITE_PROJECT ? (await crmReach(ctx)).read : ctx.access.can(task.projectId, 'browse');
}
