import type { Activity, NewActivity } from '../../../src/domain/activity';
import {
  ActivityError,
  BODY_MAX,
  completeTask,
  editActivity,
  isOverdue,
  isUserWritten,
  newActivity,
  parseRecordKey,
  recordKeyOf,
  reopenTask,
  SUBJECT_MAX,
} from '../../../src/domain/activity';
import { T0 } from '../../builders/deal';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const note: NewActivity = { recordType: 'deal', recordId: 'deal-1', projectId: '10000', kind: 'note', subject: 'Pricing call recap' };
const task: NewActivity = { ...note, kind: 'task', subject: 'Send the order form', dueAt: T0 + DAY };

function failure(fn: () => unknown): ActivityError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ActivityError) return error;
    throw error;
  }
  throw new Error('expected an ActivityError');
}

describe('activity rules', () => {
  it('logs an activity at the current time by default, trimming its text and dropping a blank body', () => {
    const activity = newActivity({ ...note, subject: '  Pricing call recap ', body: '   ' }, 'alice', 'a-1', T0);
    expect(activity).toEqual({
      id: 'a-1', recordType: 'deal', recordId: 'deal-1', projectId: '10000', kind: 'note', subject: 'Pricing call recap', body: null,
      at: T0, actorId: 'alice', task: null, createdAt: T0, updatedAt: T0, version: 1,
    });
  });

  it('keeps the time the user gives, past or future (a meeting next week)', () => {
    expect(newActivity({ ...note, kind: 'meeting', at: T0 + 7 * DAY }, 'alice', 'a-1', T0).at).toBe(T0 + 7 * DAY);
    expect(newActivity({ ...note, kind: 'call', at: T0 - DAY }, 'alice', 'a-1', T0).at).toBe(T0 - DAY);
  });

  it('refuses times that are not epoch milliseconds between 2000 and 2100', () => {
    const inSeconds = failure(() => newActivity({ ...note, at: Math.floor(T0 / 1000) }, 'alice', 'a-1', T0));
    expect([inSeconds.code, inSeconds.field]).toEqual(['TIME_INVALID', 'at']);
    expect(failure(() => newActivity({ ...task, dueAt: T0 + 0.5 }, 'alice', 'a-1', T0)).field).toBe('dueAt');
  });

  it('enforces the subject and body limits', () => {
    expect(failure(() => newActivity({ ...note, subject: '   ' }, 'alice', 'a-1', T0))).toMatchObject({ code: 'TEXT_INVALID', field: 'subject' });
    expect(failure(() => newActivity({ ...note, subject: 'x'.repeat(SUBJECT_MAX + 1) }, 'alice', 'a-1', T0)).field).toBe('subject');
    expect(newActivity({ ...note, subject: 'x'.repeat(SUBJECT_MAX) }, 'alice', 'a-1', T0).subject).toHaveLength(SUBJECT_MAX);
    expect(failure(() => newActivity({ ...note, body: 'y'.repeat(BODY_MAX + 1) }, 'alice', 'a-1', T0)).field).toBe('body');
  });

  it('gives a task an owner (the creator by default), a due date and the open state', () => {
    expect(newActivity(task, 'alice', 't-1', T0).task).toEqual({ ownerId: 'alice', dueAt: T0 + DAY, state: 'open', doneAt: null, doneBy: null });
    expect(newActivity({ ...task, ownerId: 'sam' }, 'alice', 't-1', T0).task?.ownerId).toBe('sam');
  });

  it('requires a due date on a task and refuses task fields on other kinds', () => {
    const { dueAt: _dueAt, ...noDue } = task;
    expect(failure(() => newActivity(noDue, 'alice', 't-1', T0))).toMatchObject({ code: 'TASK_FIELDS', field: 'dueAt' });
    expect(failure(() => newActivity({ ...note, dueAt: T0 }, 'alice', 'a-1', T0))).toMatchObject({ code: 'TASK_FIELDS', field: 'dueAt' });
    expect(failure(() => newActivity({ ...note, ownerId: 'sam' }, 'alice', 'a-1', T0))).toMatchObject({ code: 'TASK_FIELDS', field: 'ownerId' });
  });

  it('edits text and a task’s due date, leaving the rest alone', () => {
    const created = newActivity(task, 'alice', 't-1', T0);
    const edited = editActivity(created, { subject: 'Send the signed order form', body: 'Legal approved', dueAt: T0 + 2 * DAY }, T0 + HOUR);
    expect(edited).toMatchObject({ subject: 'Send the signed order form', body: 'Legal approved', task: { dueAt: T0 + 2 * DAY, state: 'open' }, updatedAt: T0 + HOUR, createdAt: T0 });
    expect(editActivity(edited, { body: null }, T0 + 2 * HOUR).body).toBeNull();
    expect(editActivity(edited, {}, T0 + 2 * HOUR).subject).toBe('Send the signed order form');
  });

  it('refuses a due date on a note and a blank subject on edit', () => {
    const created = newActivity(note, 'alice', 'a-1', T0);
    expect(failure(() => editActivity(created, { dueAt: T0 + DAY }, T0))).toMatchObject({ code: 'NOT_A_TASK', field: 'dueAt' });
    expect(failure(() => editActivity(created, { subject: '' }, T0))).toMatchObject({ code: 'TEXT_INVALID', field: 'subject' });
  });

  it('completes a task once, remembering who and when, and reopens it once', () => {
    const created = newActivity(task, 'alice', 't-1', T0);
    const done = completeTask(created, 'sam', T0 + HOUR);
    expect(done.task).toEqual({ ownerId: 'alice', dueAt: T0 + DAY, state: 'done', doneAt: T0 + HOUR, doneBy: 'sam' });
    expect(failure(() => completeTask(done, 'sam', T0 + 2 * HOUR)).code).toBe('TASK_ALREADY_DONE');
    const reopened = reopenTask(done, T0 + 3 * HOUR);
    expect(reopened.task).toEqual({ ownerId: 'alice', dueAt: T0 + DAY, state: 'open', doneAt: null, doneBy: null });
    expect(failure(() => reopenTask(reopened, T0 + 4 * HOUR)).code).toBe('TASK_NOT_DONE');
  });

  it('completes and reopens only tasks', () => {
    const call = newActivity({ ...note, kind: 'call' }, 'alice', 'a-1', T0);
    expect(failure(() => completeTask(call, 'alice', T0)).code).toBe('NOT_A_TASK');
    expect(failure(() => reopenTask(call, T0)).code).toBe('NOT_A_TASK');
  });

  it('calls an open task overdue once its due time has passed, a done one never', () => {
    const created: Activity = newActivity(task, 'alice', 't-1', T0);
    expect(isOverdue(created, T0 + DAY)).toBe(false);
    expect(isOverdue(created, T0 + DAY + 1)).toBe(true);
    expect(isOverdue(completeTask(created, 'alice', T0), T0 + 2 * DAY)).toBe(false);
    expect(isOverdue(newActivity(note, 'alice', 'a-1', T0), T0 + 9 * DAY)).toBe(false);
  });

  it('tells audit entries from user-written ones', () => {
    expect(isUserWritten(newActivity(note, 'alice', 'a-1', T0))).toBe(true);
    expect(isUserWritten({ id: 'c-1', recordType: 'deal', recordId: 'deal-1', kind: 'change', actorId: 'alice', at: T0, changes: [], version: 1 })).toBe(false);
  });

  it('builds and reads timeline keys', () => {
    expect(recordKeyOf('company', 'c-9')).toBe('company:c-9');
    expect(parseRecordKey('contact:p-1')).toEqual({ recordType: 'contact', recordId: 'p-1' });
    expect(parseRecordKey('lead:p-1')).toBeUndefined();
    expect(parseRecordKey('deal:')).toBeUndefined();
    expect(parseRecordKey('deal')).toBeUndefined();
  });
});
