import { activityStore, storage } from '../../ports/registry';
import type { z } from 'zod';
import type { ActivityRecord, CreateActivityInput } from '../../contracts/activity';
import { newActivity } from '../../domain/activity';
import type { UseCaseContext } from '../context';
import { AppError } from '../errors';
import { noteLeadResponse } from '../leads/lead-response';
import { noteActivity } from '../renewals/last-activity';
import { activityRecord } from './activity-record';
import { applyRule } from './activity-rules';
import { requireWrite, visibleRecord } from './record-scope';

/**
 * Logs a note, call, meeting, email or task on a deal, company or contact, as the acting user (a
 * task's owner defaults to them). One conditioned write: the entry is stored only if its id is new.
 * Errors: NOT_FOUND (record missing or not visible), FORBIDDEN (no "Edit CRM records" where the
 * record lives), VALIDATION (text limits, task fields), CONFLICT (id already taken).
 */
export async function createActivity(ctx: UseCaseContext, input: z.infer<typeof CreateActivityInput>): Promise<ActivityRecord> {
  const scope = await visibleRecord(ctx, input.recordType, input.recordId);
  await requireWrite(scope);
  const now = ctx.clock.now();
  const activity = applyRule(() =>
    newActivity(
      {
        recordType: input.recordType,
        recordId: input.recordId,
        projectId: scope.projectId,
        kind: input.kind,
        subject: input.subject,
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.at !== undefined ? { at: input.at } : {}),
        ...(input.dueAt !== undefined ? { dueAt: input.dueAt } : {}),
        ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
      },
      ctx.access.accountId,
      ctx.ids.newId(),
      now,
    ),
  );
  try {
    await activityStore.writeActivity(activity, 0);
  } catch (error) {
    if (storage.isConditionFailure(error)) throw new AppError('CONFLICT', 'An activity with this id exists already.');
    throw error;
  }
  if (activity.recordType === 'contact' && activity.kind !== 'task') {
    // The owner's first answer to a lead stops its response clock. The activity is stored either way;
    // should this write fail, the hourly scan finds the activity and records the answer then.
    await noteLeadResponse(activity.recordId, activity.actorId, now, { now: () => ctx.clock.now(), newId: () => ctx.ids.newId() }).catch((error: unknown) => console.warn('[relay] lead response not recorded yet', error));
  }
  await noteActivity(scope.companyId, Math.min(activity.at, now), now);
  return activityRecord(activity, now);
}
