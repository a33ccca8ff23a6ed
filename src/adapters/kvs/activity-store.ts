import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import type { Activity, ChangeEntry, TaskState, TimelineEntry } from '../../domain/activity';
import { ACTIVITY_KINDS, parseRecordKey, RECORD_TYPES, recordKeyOf, TASK_STATES } from '../../domain/activity';
import type { FieldChange } from '../../domain/audit';
import { Entities } from './keys';
import { continuing } from './paging';
import type { ActivityEntity, EntryPage } from '../../ports/customers';
import type { TxStep } from '../../ports/storage';

/**
 * Timeline entries in the `activity` entity. A user-written activity keeps its whole domain record
 * in `data`; an audit entry ('change') keeps its field changes there. The attributes are the
 * projections the four indexes need, never null or '' ('none' instead, 0 for "no due date"):
 * by-record and by-record-kind serve the timeline, by-owner-task "my tasks", by-project the feed.
 * Site-wide records (companies, contacts) have projectId 'none'.
 */
const NONE = 'none';


/** The audit entry a record write stores in the same transaction (see saveDeal). */
export function changeActivity(id: string, recordKey: string, projectId: string, actorId: string, at: number, changes: FieldChange[]): ActivityEntity {
  return { id, recordKey, kind: 'change', projectId, actorId, ownerId: NONE, at, taskState: NONE, dueAt: 0, version: 1, schemaVersion: 1, data: { changes } };
}

const TaskData = z.object({
  ownerId: z.string(),
  dueAt: z.number(),
  state: z.enum(TASK_STATES),
  doneAt: z.number().nullable(),
  doneBy: z.string().nullable(),
});

const ActivityData = z.object({
  id: z.string(),
  recordType: z.enum(RECORD_TYPES),
  recordId: z.string(),
  projectId: z.string().nullable(),
  kind: z.enum(ACTIVITY_KINDS),
  subject: z.string(),
  body: z.string().nullable(),
  at: z.number(),
  actorId: z.string(),
  task: TaskData.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

const AuditValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
const ChangeData = z.object({ changes: z.array(z.object({ field: z.string(), from: AuditValue, to: AuditValue })) });

const StoredEntry = z.object({ id: z.string(), recordKey: z.string(), kind: z.string(), actorId: z.string(), at: z.number(), version: z.number(), data: z.unknown() });

/** An audit or activity entry written in another write's transaction (a new entry: no condition). */
export function activityStep(entry: ActivityEntity): TxStep {
  return (tx) => tx.set(entry.id, entry, { entityName: Entities.activity });
}

export function toEntity(activity: Activity): ActivityEntity {
  return {
    id: activity.id,
    recordKey: recordKeyOf(activity.recordType, activity.recordId),
    kind: activity.kind,
    projectId: activity.projectId ?? NONE,
    actorId: activity.actorId,
    ownerId: activity.task?.ownerId ?? NONE,
    at: activity.at,
    taskState: activity.task?.state ?? NONE,
    dueAt: activity.task?.dueAt ?? 0,
    version: activity.version,
    schemaVersion: 1,
    data: { ...activity },
  };
}

/** A stored entry, validated: a change entry or a user-written activity. */
export function fromEntity(value: unknown): TimelineEntry {
  const stored = StoredEntry.parse(value);
  if (stored.kind === 'change') {
    const record = parseRecordKey(stored.recordKey);
    if (!record) throw new Error(`Activity ${stored.id} has an unknown record key`);
    const change: ChangeEntry = { id: stored.id, ...record, kind: 'change', actorId: stored.actorId, at: stored.at, changes: ChangeData.parse(stored.data).changes, version: stored.version };
    return change;
  }
  return ActivityData.parse(stored.data);
}

const activityEntity = () => kvs.entity<ActivityEntity>(Entities.activity);

export async function readActivity(id: string): Promise<TimelineEntry | undefined> {
  const value = await activityEntity().get(id);
  return value === undefined ? undefined : fromEntity(value);
}

function versionIs(expectedVersion: number) {
  return new Filter<ActivityEntity>().and('version', FilterConditions.equalTo(expectedVersion));
}

/**
 * Writes an activity conditioned on the version read; a new one (0) has a fresh random id and no
 * condition (Forge documents none for a key that does not exist yet). A failed condition rejects
 * with the transaction's condition failure (see isConditionFailure); the caller re-reads.
 */
export async function writeActivity(activity: Activity, expectedVersion: number): Promise<void> {
  await kvs
    .transact()
    .set(activity.id, toEntity(activity), { entityName: Entities.activity, ...(expectedVersion > 0 ? { conditions: versionIs(expectedVersion) } : {}) })
    .execute();
}

/** Deletes an activity if it is still at `expectedVersion` (a condition failure otherwise). */
export async function deleteActivity(id: string, expectedVersion: number): Promise<void> {
  await kvs.transact().delete(id, { entityName: Entities.activity, conditions: versionIs(expectedVersion) }).execute();
}


/** One page of a record's timeline, newest first: one query on by-record, or on by-record-kind for one kind. */
export async function queryTimeline(recordKey: string, kind: string | undefined, limit: number, cursor?: string): Promise<EntryPage<TimelineEntry>> {
  let query = kind
    ? activityEntity().query().index('by-record-kind', { partition: [recordKey, kind] })
    : activityEntity().query().index('by-record', { partition: [recordKey] });
  query = query.sort(Sort.DESC).limit(limit);
  if (cursor) query = query.cursor(cursor);
  const page = await continuing(cursor, () => query.getMany());
  return { entries: page.results.map((r) => fromEntity(r.value)), nextCursor: page.nextCursor ?? null };
}

/** One page of a person's tasks in one state (by-owner-task): open ones soonest due first, done ones latest due first. */
export async function queryTasks(ownerId: string, state: TaskState, limit: number, cursor?: string): Promise<EntryPage<Activity>> {
  let query = activityEntity()
    .query()
    .index('by-owner-task', { partition: [ownerId, state] })
    .sort(state === 'open' ? Sort.ASC : Sort.DESC)
    .limit(limit);
  if (cursor) query = query.cursor(cursor);
  const page = await continuing(cursor, () => query.getMany());
  const entries: Activity[] = [];
  for (const result of page.results) {
    const entry = fromEntity(result.value);
    if (entry.kind !== 'change') entries.push(entry);
  }
  return { entries, nextCursor: page.nextCursor ?? null };
}
