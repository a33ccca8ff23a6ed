import type { FieldChange } from './audit';

/**
 * Activities: what people log on a record (notes, calls, meetings, emails) and the tasks they give
 * each other, on one timeline with the system's audit entries ('change'). Users write the first
 * kind; only the app writes changes, and a change is never edited or deleted, so the trail can be
 * trusted. Pure: time and ids come in as arguments.
 */
export const RECORD_TYPES = ['deal', 'company', 'contact'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The kinds a user can log. */
export const ACTIVITY_KINDS = ['note', 'call', 'meeting', 'email', 'task'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Every kind a timeline shows: the user kinds plus the audit trail. */
export const TIMELINE_KINDS = [...ACTIVITY_KINDS, 'change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TASK_STATES = ['open', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Text limits: a subject is one line for the timeline; a body is a long note, well inside the 240 KiB value limit. */
export const SUBJECT_MAX = 200;
export const BODY_MAX = 10_000;

/**
 * The instants an activity may carry (epoch ms, 2000-01-01 to 2100-01-01). Meetings and tasks are
 * often in the future; anything outside this window is a unit mistake (seconds for milliseconds).
 */
export const EARLIEST_AT = Date.UTC(2000, 0, 1);
export const LATEST_AT = Date.UTC(2100, 0, 1);

export interface Task {
  ownerId: string;
  dueAt: number;
  state: TaskState;
  doneAt: number | null;
  doneBy: string | null;
}

/** A user-written timeline entry; `task` is set exactly when kind is 'task'. */
export interface Activity {
  id: string;
  recordType: RecordType;
  recordId: string;
  /** The deal's project; null for companies and contacts, which belong to the whole site. */
  projectId: string | null;
  kind: ActivityKind;
  subject: string;
  body: string | null;
  /** When it happened (or happens, for a meeting): chosen by the user, defaults to now. */
  at: number;
  actorId: string;
  task: Task | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** A system entry of the audit trail: the fields one write changed, who made it and when. */
export interface ChangeEntry {
  id: string;
  recordType: RecordType;
  recordId: string;
  kind: 'change';
  actorId: string;
  at: number;
  changes: FieldChange[];
  version: number;
}

export type TimelineEntry = Activity | ChangeEntry;

export type ActivityErrorCode = 'TEXT_INVALID' | 'TIME_INVALID' | 'TASK_FIELDS' | 'NOT_A_TASK' | 'TASK_ALREADY_DONE' | 'TASK_NOT_DONE';

/** A broken activity rule; `field` names the input at fault, when there is one. */
export class ActivityError extends Error {
  constructor(
    readonly code: ActivityErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ActivityError';
  }
}

function checkSubject(subject: string): string {
  const trimmed = subject.trim();
  if (trimmed.length === 0) throw new ActivityError('TEXT_INVALID', 'An activity needs a subject.', 'subject');
  if (trimmed.length > SUBJECT_MAX) throw new ActivityError('TEXT_INVALID', `A subject has at most ${SUBJECT_MAX} characters.`, 'subject');
  return trimmed;
}

/** A blank body is no body: the timeline shows nothing rather than an empty box. */
function checkBody(body: string | null | undefined): string | null {
  if (body === null || body === undefined) return null;
  const trimmed = body.trim();
  if (trimmed.length > BODY_MAX) throw new ActivityError('TEXT_INVALID', `A body has at most ${BODY_MAX} characters.`, 'body');
  return trimmed.length === 0 ? null : trimmed;
}

function checkInstant(value: number, field: string): number {
  if (!Number.isInteger(value) || value < EARLIEST_AT || value > LATEST_AT) {
    throw new ActivityError('TIME_INVALID', 'A time between the years 2000 and 2100, in epoch milliseconds.', field);
  }
  return value;
}

export interface NewActivity {
  recordType: RecordType;
  recordId: string;
  projectId: string | null;
  kind: ActivityKind;
  subject: string;
  body?: string | null;
  at?: number;
  dueAt?: number;
  ownerId?: string;
}

/**
 * A new activity by `actorId`. A task needs a due date (so "my tasks" can order it and say when it
 * is overdue) and is owned by `ownerId` or, by default, by whoever creates it; other kinds carry
 * neither. Throws ActivityError.
 */
export function newActivity(input: NewActivity, actorId: string, id: string, now: number): Activity {
  const isTask = input.kind === 'task';
  if (!isTask && (input.dueAt !== undefined || input.ownerId !== undefined)) {
    throw new ActivityError('TASK_FIELDS', 'Only a task has a due date and an owner.', input.dueAt !== undefined ? 'dueAt' : 'ownerId');
  }
  if (isTask && input.dueAt === undefined) throw new ActivityError('TASK_FIELDS', 'A task needs a due date.', 'dueAt');
  const task: Task | null = isTask ? { ownerId: input.ownerId ?? actorId, dueAt: checkInstant(input.dueAt as number, 'dueAt'), state: 'open', doneAt: null, doneBy: null } : null;
  return {
    id,
    recordType: input.recordType,
    recordId: input.recordId,
    projectId: input.projectId,
    kind: input.kind,
    subject: checkSubject(input.subject),
    body: checkBody(input.body),
    at: input.at === undefined ? now : checkInstant(input.at, 'at'),
    actorId,
    task,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export interface ActivityChanges {
  subject?: string;
  /** null clears the body. */
  body?: string | null;
  dueAt?: number;
}

/** Edits the text of an activity, or a task's due date. Throws ActivityError. */
export function editActivity(activity: Activity, changes: ActivityChanges, now: number): Activity {
  let task = activity.task;
  if (changes.dueAt !== undefined) {
    if (!task) throw new ActivityError('NOT_A_TASK', 'Only a task has a due date.', 'dueAt');
    task = { ...task, dueAt: checkInstant(changes.dueAt, 'dueAt') };
  }
  return {
    ...activity,
    subject: changes.subject === undefined ? activity.subject : checkSubject(changes.subject),
    body: changes.body === undefined ? activity.body : checkBody(changes.body),
    task,
    updatedAt: now,
  };
}

function requireTask(activity: Activity): Task {
  if (!activity.task) throw new ActivityError('NOT_A_TASK', `Only a task can be completed or reopened; this is a ${activity.kind}.`);
  return activity.task;
}

/** Marks a task done, remembering who and when. Throws ActivityError (not a task, already done). */
export function completeTask(activity: Activity, actorId: string, now: number): Activity {
  const task = requireTask(activity);
  if (task.state === 'done') throw new ActivityError('TASK_ALREADY_DONE', 'This task is done already.');
  return { ...activity, task: { ...task, state: 'done', doneAt: now, doneBy: actorId }, updatedAt: now };
}

/** Opens a done task again. Throws ActivityError (not a task, not done). */
export function reopenTask(activity: Activity, now: number): Activity {
  const task = requireTask(activity);
  if (task.state !== 'done') throw new ActivityError('TASK_NOT_DONE', 'This task is still open.');
  return { ...activity, task: { ...task, state: 'open', doneAt: null, doneBy: null }, updatedAt: now };
}

/** An open task whose due time has passed. */
export function isOverdue(activity: Activity, now: number): boolean {
  return activity.task !== null && activity.task.state === 'open' && activity.task.dueAt < now;
}

/** Whether users may change or delete an entry: never for the audit trail. */
export function isUserWritten(entry: TimelineEntry): entry is Activity {
  return entry.kind !== 'change';
}

/** The key that groups a record's timeline: 'deal:<id>', 'company:<id>', 'contact:<id>'. */
export function recordKeyOf(recordType: RecordType, recordId: string): string {
  return `${recordType}:${recordId}`;
}

/** The record behind a timeline key, or undefined for a key of no known record type. */
export function parseRecordKey(recordKey: string): { recordType: RecordType; recordId: string } | undefined {
  const colon = recordKey.indexOf(':');
  const type = recordKey.slice(0, colon);
  const recordId = recordKey.slice(colon + 1);
  const recordType = RECORD_TYPES.find((t) => t === type);
  return colon > 0 && recordType && recordId ? { recordType, recordId } : undefined;
}
