import { handoffStore } from '../../ports/registry';
import { applyIssueStatus, issueDeleted, type StatusCategory } from '../../domain/handoff';
import type { UseCaseContext } from '../context';
import { updateHandoff } from './update-handoff';

export interface IssueEvent {
  eventType: string;
  atlassianId?: string;
  timestamp?: number;
  issue: { id: string; key?: string; fields?: { status?: { statusCategory?: { key?: string } }; parent?: { id?: string } } };
}

export type EventOutcome = 'not-linked' | 'unchanged' | 'updated' | 'unlinked';

function categoryOf(event: IssueEvent): StatusCategory | undefined {
  const key = event.issue.fields?.status?.statusCategory?.key;
  return key === 'new' || key === 'indeterminate' || key === 'done' ? key : undefined;
}

/**
 * An issue event from Jira: one storage request tells whether the issue is delivery work of a deal.
 * If it is the deal's hand-off issue, its status category moves the hand-off (In Progress → accepted,
 * Done → delivered); a deleted issue is unlinked and the deal says so. Events older than the last
 * one applied, and repeats, change nothing (Forge may deliver late, twice or out of order).
 */
export async function onIssueEvent(event: IssueEvent, ctx: UseCaseContext): Promise<EventOutcome> {
  const link = await handoffStore.readLink(event.issue.id);
  if (!link) return 'not-linked';
  const at = event.timestamp ?? ctx.clock.now();
  const deleted = event.eventType === 'avi:jira:deleted:issue';
  if (deleted) await handoffStore.deleteLink(event.issue.id);
  if (link.role !== 'handoff') return deleted ? 'unlinked' : 'unchanged';
  const category = categoryOf(event);
  if (!deleted && !category) return 'unchanged';
  const saved = await updateHandoff(
    link.dealId,
    // Only the deal's own hand-off issue moves its hand-off; older or repeated events change nothing.
    (handoff) => (handoff.issueId !== event.issue.id ? handoff : deleted ? issueDeleted(handoff, at) : applyIssueStatus(handoff, category!, at, event.atlassianId ?? 'unknown')),
    ctx,
  );
  if (!saved) return 'unchanged';
  return deleted ? 'unlinked' : 'updated';
}
