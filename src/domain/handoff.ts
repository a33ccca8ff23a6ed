import type { z } from 'zod';
import type { HandoffRecord, TemplateFields } from '../contracts/handoff';

/**
 * The sales → delivery hand-off (PRODUCT.md §3): the state a won deal's delivery work is in, how
 * Jira's status categories move it, the acceptance clock in business hours, and the template that
 * turns a deal into an issue. Pure: time comes in as epoch ms.
 *
 * States: pending (won, issue not created yet) → retrying (Jira refused for a while; the job tries
 * again) → created → accepted (delivery lead pressed Accept, or the issue entered In Progress) →
 * delivered (the issue is done). `error` needs an admin (e.g. the template names a project that does
 * not exist); `unlinked` when the issue was deleted.
 */
export const HANDOFF_STATES = ['pending', 'retrying', 'created', 'accepted', 'delivered', 'error', 'unlinked'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/**
 * A deal's hand-off to delivery. One source for its shape: the schema storage and the contracts
 * parse it with (contracts/handoff.ts `HandoffRecord`).
 */
export type Handoff = z.infer<typeof HandoffRecord>;

/**
 * A project's hand-off template, as the contracts' `TemplateFields` schema (contracts/handoff.ts)
 * checks and describes it field by field: one source for its shape, like `Handoff`.
 */
export type HandoffTemplate = z.output<typeof TemplateFields>;

export const DEFAULT_TEMPLATE: Omit<HandoffTemplate, 'targetProjectKey'> = {
  enabled: true,
  issueTypeName: 'Epic',
  summaryTemplate: 'Deliver {{deal.name}} for {{company.name}}',
  assigneeAccountId: null,
  labels: ['relay-handoff'],
  dueInBusinessDays: 5,
  acceptWithinBusinessHours: 16,
  checklist: ['Kick-off call with the customer', 'Confirm scope and success criteria'],
  includeContactEmails: false,
  issueLanguage: 'en-US',
};

// ------------------------------------------------------------------ business time

const HOUR = 3_600_000;
const DAY_START = 9;
const DAY_END = 17;

function isWorkday(date: Date): boolean {
  const day = date.getUTCDay();
  return day !== 0 && day !== 6;
}

/**
 * `hours` business hours after `start`, counting Monday–Friday 09:00–17:00 UTC (the site's working
 * day; time zones per site come with the admin settings). A start outside working hours counts from
 * the next working morning.
 */
export function addBusinessHours(start: number, hours: number): number {
  let remaining = hours * HOUR;
  let cursor = new Date(start);
  for (let guard = 0; guard < 10_000; guard += 1) {
    const dayStart = Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth(), cursor.getUTCDate(), DAY_START);
    const dayEnd = Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth(), cursor.getUTCDate(), DAY_END);
    if (isWorkday(cursor) && cursor.getTime() < dayEnd) {
      const from = Math.max(cursor.getTime(), dayStart);
      const available = dayEnd - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
    cursor = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth(), cursor.getUTCDate() + 1, 0));
  }
  throw new RangeError('Business hours too far in the future');
}

/** The date (YYYY-MM-DD) `days` working days (Monday–Friday) after the day of `start`. */
export function addBusinessDays(start: number, days: number): string {
  const date = new Date(start);
  let cursor = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  for (let added = 0; added < days; ) {
    cursor += 86_400_000;
    if (isWorkday(new Date(cursor))) added += 1;
  }
  return new Date(cursor).toISOString().slice(0, 10);
}

// ------------------------------------------------------------------ states

export function startHandoff(wonAt: number, template: Pick<HandoffTemplate, 'acceptWithinBusinessHours'>): Handoff {
  return {
    state: 'pending',
    issueId: null,
    issueKey: null,
    wonAt,
    acceptDueAt: addBusinessHours(wonAt, template.acceptWithinBusinessHours),
    acceptedAt: null,
    acceptedBy: null,
    deliveredAt: null,
    breachedAt: null,
    attempts: 0,
    nextAttemptAt: wonAt,
    lastError: null,
    lastEventAt: 0,
    assigneeRefused: null,
  };
}

export function issueCreated(handoff: Handoff, issue: { id: string; key: string }, assigneeRefused: Handoff['assigneeRefused'] = null): Handoff {
  return {
    ...handoff,
    state: handoff.state === 'pending' || handoff.state === 'retrying' || handoff.state === 'error' ? 'created' : handoff.state,
    issueId: issue.id,
    issueKey: issue.key,
    nextAttemptAt: null,
    lastError: null,
    assigneeRefused: assigneeRefused ?? handoff.assigneeRefused,
  };
}

export function attemptFailed(handoff: Handoff, error: string, retryAt: number | null): Handoff {
  return { ...handoff, state: retryAt === null ? 'error' : 'retrying', attempts: handoff.attempts + 1, nextAttemptAt: retryAt, lastError: error };
}

/**
 * How long after asking Jira to create an issue Relay trusts a search that does not find it. Jira's
 * search lags writes by "a few seconds to minutes", so an attempt whose answer was lost (timeout,
 * 5xx) is only taken as having created nothing once this much time has passed; until then the job
 * waits rather than risk a second issue. Far above the lags Atlassian describes for single writes
 * (and above the sandbox's, 2 s by default).
 */
export const SEARCH_SETTLE_MS = 5 * 60_000;

/** Backoff for the next attempt: Jira's Retry-After when given, else 30 s doubling up to 15 minutes. */
export function retryDelayMs(attempts: number, retryAfterSeconds: number | null): number {
  if (retryAfterSeconds !== null && retryAfterSeconds > 0) return retryAfterSeconds * 1000;
  return Math.min(30_000 * 2 ** Math.max(0, attempts), 15 * 60_000);
}

export function accept(handoff: Handoff, accountId: string, at: number): Handoff {
  if (handoff.acceptedAt !== null || handoff.state === 'delivered') return handoff;
  return { ...handoff, state: handoff.state === 'created' ? 'accepted' : handoff.state, acceptedAt: at, acceptedBy: accountId };
}

export type StatusCategory = 'new' | 'indeterminate' | 'done';

/**
 * Applies the linked issue's status category at the event's time. Events older than the newest one
 * applied are ignored (Forge may deliver late, twice, or out of order); acceptance is sticky.
 */
export function applyIssueStatus(handoff: Handoff, category: StatusCategory, eventAt: number, actorId: string): Handoff {
  if (eventAt < handoff.lastEventAt || handoff.issueId === null || handoff.state === 'unlinked') return handoff;
  let next: Handoff = { ...handoff, lastEventAt: eventAt };
  if (category === 'indeterminate') {
    next = accept(next, actorId, eventAt);
    if (next.state === 'delivered') next = { ...next, state: 'accepted', deliveredAt: null };
  } else if (category === 'done') {
    next = accept(next, actorId, eventAt);
    next = { ...next, state: 'delivered', deliveredAt: next.deliveredAt ?? eventAt };
  } else if (next.state === 'delivered') {
    next = { ...next, state: next.acceptedAt !== null ? 'accepted' : 'created', deliveredAt: null };
  }
  return next;
}

export function issueDeleted(handoff: Handoff, eventAt: number): Handoff {
  return { ...handoff, state: 'unlinked', lastEventAt: Math.max(handoff.lastEventAt, eventAt) };
}

/** Overdue: created but not accepted by the due time. */
export function isBreached(handoff: Handoff, now: number): boolean {
  return handoff.acceptedAt === null && handoff.state !== 'unlinked' && handoff.state !== 'delivered' && now > handoff.acceptDueAt;
}
