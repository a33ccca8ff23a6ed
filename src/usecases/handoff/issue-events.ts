import { readDeal } from '../../adapters/kvs/deal-store';
import { deleteLink, readLink } from '../../adapters/kvs/handoff-store';
import { readPipeline } from '../../adapters/kvs/pipeline-store';
import { applyIssueStatus, issueDeleted, type StatusCategory } from '../../domain/handoff';
import { saveDeal } from '../deals/shared';
import { systemContext } from './system';

export interface IssueEvent {
  eventType: string;
  atlassianId?: string;
  timestamp?: number;
  issue: { id: string; key?: string; fields?: { status?: { statusCategory?: { key?: string } } } };
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
export async function onIssueEvent(event: IssueEvent, now: () => number = () => Date.now()): Promise<EventOutcome> {
  const link = await readLink(event.issue.id);
  if (!link) return 'not-linked';
  const at = event.timestamp ?? now();
  if (event.eventType === 'avi:jira:deleted:issue') await deleteLink(event.issue.id);
  if (link.role !== 'handoff') return event.eventType === 'avi:jira:deleted:issue' ? 'unlinked' : 'unchanged';
  const deal = await readDeal(link.dealId);
  const pipeline = deal ? await readPipeline(deal.projectId) : undefined;
  if (!deal?.handoff || !pipeline || deal.handoff.issueId !== event.issue.id) return 'unchanged';
  const handoff = deal.handoff;
  let next = handoff;
  if (event.eventType === 'avi:jira:deleted:issue') next = issueDeleted(handoff, at);
  else {
    const category = categoryOf(event);
    if (!category) return 'unchanged';
    next = applyIssueStatus(handoff, category, at, event.atlassianId ?? 'unknown');
  }
  if (JSON.stringify(next) === JSON.stringify(handoff)) return 'unchanged';
  const ctx = systemContext(now);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = attempt === 0 ? deal : await readDeal(deal.id);
    if (!current?.handoff) return 'unchanged';
    const updated = event.eventType === 'avi:jira:deleted:issue' ? issueDeleted(current.handoff, at) : applyIssueStatus(current.handoff, categoryOf(event) ?? 'new', at, event.atlassianId ?? 'unknown');
    try {
      await saveDeal(ctx, current, (d) => ({ ...(d ?? current), handoff: updated }), pipeline);
      return event.eventType === 'avi:jira:deleted:issue' ? 'unlinked' : 'updated';
    } catch (error) {
      if ((error as { code?: string }).code !== 'CONFLICT') throw error;
    }
  }
  throw new Error(`Deal ${deal.id} kept changing while its hand-off was being updated`);
}
