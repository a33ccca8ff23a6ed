import { z } from 'zod';
import { ACTIVITY_KINDS, BODY_MAX, EARLIEST_AT, LATEST_AT, RECORD_TYPES, SUBJECT_MAX, TASK_STATES, TIMELINE_KINDS } from '../domain/activity';
import { AccountId, Cursor, Id, PageLimit, Version, page } from './common';

export const RecordType = z.enum(RECORD_TYPES);
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export const TimelineKind = z.enum(TIMELINE_KINDS);
export const TaskState = z.enum(TASK_STATES);

/** An instant in epoch milliseconds, as every record's createdAt/updatedAt. */
export const Instant = z.number().int('Epoch milliseconds').min(EARLIEST_AT, 'After the year 2000').max(LATEST_AT, 'Before the year 2100');
const Subject = z.string().trim().min(1, 'An activity needs a subject').max(SUBJECT_MAX);
const Body = z.string().trim().max(BODY_MAX);

const AuditValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export const FieldChangeRecord = z.object({ field: z.string(), from: AuditValue, to: AuditValue });

export const TaskRecord = z.object({
  ownerId: AccountId,
  dueAt: z.number(),
  state: TaskState,
  doneAt: z.number().nullable(),
  doneBy: AccountId.nullable(),
  /** Open and due before the time of the answer. */
  overdue: z.boolean(),
});

/** A user-written entry: note, call, meeting, email or task. */
export const ActivityRecord = z.object({
  id: Id,
  recordType: RecordType,
  recordId: Id,
  kind: ActivityKind,
  subject: z.string(),
  body: z.string().nullable(),
  at: z.number(),
  actorId: AccountId,
  task: TaskRecord.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: Version,
});
export type ActivityRecord = z.infer<typeof ActivityRecord>;

/** A system entry of the audit trail: who changed which fields, when, from what to what. Read-only. */
export const ChangeRecord = z.object({
  id: Id,
  recordType: RecordType,
  recordId: Id,
  kind: z.literal('change'),
  actorId: AccountId,
  at: z.number(),
  changes: z.array(FieldChangeRecord),
  version: Version,
});
export type ChangeRecord = z.infer<typeof ChangeRecord>;

export const TimelineRecord = z.discriminatedUnion('kind', [ActivityRecord, ChangeRecord]);
export type TimelineRecord = z.infer<typeof TimelineRecord>;

const taskOnly = (value: { kind?: string; dueAt?: number; ownerId?: string }, ctx: z.RefinementCtx) => {
  if (value.kind === 'task') {
    if (value.dueAt === undefined) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'A task needs a due date', params: { reason: 'task-due-required' } });
    return;
  }
  if (value.dueAt !== undefined) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'Only a task has a due date', params: { reason: 'due-only-for-tasks' } });
  if (value.ownerId !== undefined) ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'Only a task has an owner', params: { reason: 'owner-only-for-tasks' } });
};

/** Logs an activity on a record; `at` defaults to now, a task's owner to the caller. */
export const CreateActivityInput = z
  .object({
    recordType: RecordType,
    recordId: Id,
    kind: ActivityKind,
    subject: Subject,
    body: Body.optional(),
    at: Instant.optional(),
    dueAt: Instant.optional(),
    ownerId: AccountId.optional(),
  })
  .strict()
  .superRefine(taskOnly);

export const UpdateActivityInput = z
  .object({
    activityId: Id,
    version: Version,
    changes: z.object({ subject: Subject, body: Body.nullable(), dueAt: Instant }).partial().strict(),
  })
  .strict();

export const ActivityRef = z.object({ activityId: Id, version: Version }).strict();
export const DeletedActivity = z.object({ activityId: Id, deleted: z.literal(true) });

/** A record's timeline, newest first; `kind` narrows it (e.g. 'change' for the audit trail alone). */
export const TimelineInput = z
  .object({ recordType: RecordType, recordId: Id, kind: TimelineKind.optional(), limit: PageLimit, cursor: Cursor.optional() })
  .strict();
export const TimelinePage = page(TimelineRecord);

/** The caller's tasks: open ones by due date (overdue first), done ones most recently due first. */
export const MyTasksInput = z.object({ state: TaskState.default('open'), limit: PageLimit, cursor: Cursor.optional() }).strict();
export const TaskPage = page(ActivityRecord);
