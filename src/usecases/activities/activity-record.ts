import type { ActivityRecord, TimelineRecord } from '../../contracts/activity';
import type { Activity, TimelineEntry } from '../../domain/activity';
import { isOverdue } from '../../domain/activity';

/** What a client is sent for an activity (a task says whether it is overdue `now`) or a timeline entry. */
export function activityRecord(activity: Activity, now: number): ActivityRecord {
  const { projectId: _projectId, task, ...rest } = activity;
  return { ...rest, task: task ? { ...task, overdue: isOverdue(activity, now) } : null };
}

export function timelineRecord(entry: TimelineEntry, now: number): TimelineRecord {
  return entry.kind === 'change' ? entry : activityRecord(entry, now);
}
