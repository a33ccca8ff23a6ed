import { randomUUID } from 'node:crypto';
import { readCompany } from '../../adapters/kvs/company-store';
import { readContacts } from '../../adapters/kvs/contact-store';
import { readDeal } from '../../adapters/kvs/deal-store';
import { createLink, readGuard, readTemplate, writeGuard, type HandoffGuard, type StoredTemplate } from '../../adapters/kvs/handoff-store';
import { isConditionFailure } from '../../adapters/kvs/transactions';
import { createIssue, findIssueForDeal, JiraBusy, JiraRefused, setDealProperty, upsertDealLink, type DealProperty } from '../../adapters/jira/delivery';
import type { Deal } from '../../domain/deal';
import type { DealFacts } from '../../domain/handoff';
import { addBusinessDays, attemptFailed, fillTemplate, handoffDescription, issueCreated, retryDelayMs } from '../../domain/handoff';
import { formatAmount } from '../../domain/money';
import { updateHandoff } from './update-handoff';

const LEASE_MS = 120_000;

export type HandoffRun = { outcome: 'done' | 'skipped' } | { outcome: 'retry'; afterSeconds: number } | { outcome: 'failed'; error: string };

export async function dealFacts(deal: Deal, dealUrl: string): Promise<DealFacts> {
  const [company, contacts] = await Promise.all([deal.companyId ? readCompany(deal.companyId) : Promise.resolve(undefined), readContacts(deal.contactIds)]);
  return {
    deal,
    companyName: company?.name ?? null,
    contacts: contacts.map((c) => ({ name: c.name, title: c.title, email: c.email })),
    dealUrl,
    amountText: deal.amountMinor === null ? '—' : `${formatAmount({ amountMinor: deal.amountMinor, currency: deal.currency })} ${deal.currency}`,
  };
}

export function dealProperty(facts: DealFacts, state: string): DealProperty {
  return {
    dealId: facts.deal.id,
    dealName: facts.deal.name,
    companyId: facts.deal.companyId ?? 'none',
    companyName: facts.companyName ?? '',
    amount: facts.deal.amountMinor ?? 0,
    handoffState: state,
  };
}

/** The issue the template makes of a deal (also the settings page's preview). */
export function issueFromTemplate(template: StoredTemplate, facts: DealFacts, wonAt: number) {
  return {
    projectKey: template.targetProjectKey,
    issueTypeName: template.issueTypeName,
    summary: fillTemplate(template.summaryTemplate, facts),
    description: handoffDescription(facts),
    assigneeAccountId: template.assigneeAccountId,
    labels: template.labels,
    duedate: addBusinessDays(wonAt, template.dueInBusinessDays),
  };
}

/**
 * The queue job behind a won deal: creates its delivery issue exactly once and links it both ways.
 * A job first takes a short lease on the deal's idempotency record (a concurrent delivery of the
 * same job waits), then adopts an issue an earlier, interrupted attempt created (found by the deal's
 * entity property) or creates it, records it, and writes the property, the remote link and the
 * issue → deal link. Jira being busy (429, 5xx) records the error on the deal and asks for a retry
 * after Retry-After or a growing backoff; a refusal (4xx) stops with the error shown on the deal.
 */
export async function runHandoff(dealId: string, now: () => number = () => Date.now()): Promise<HandoffRun> {
  const deal = await readDeal(dealId);
  if (!deal?.handoff) return { outcome: 'skipped' };
  let guard = await readGuard(dealId);
  if (!guard) return { outcome: 'skipped' };
  const template = await readTemplate(deal.projectId);
  if (!template) {
    await updateHandoff(dealId, (h) => attemptFailed(h, 'The project has no hand-off template any more.', null), now);
    return { outcome: 'failed', error: 'no template' };
  }

  const leaseId = randomUUID();
  if (!guard.data.issueId) {
    if (guard.data.leaseUntil > now()) return { outcome: 'retry', afterSeconds: Math.ceil((guard.data.leaseUntil - now()) / 1000) };
    const leased: HandoffGuard = { ...guard, version: guard.version + 1, updatedAt: now(), data: { ...guard.data, leaseUntil: now() + LEASE_MS, leaseId } };
    try {
      await writeGuard(dealId, leased, guard.version);
    } catch (error) {
      if (isConditionFailure(error)) return { outcome: 'retry', afterSeconds: 5 };
      throw error;
    }
    guard = leased;
  }

  const facts = await dealFacts(deal, guard.data.dealUrl);
  try {
    let issue = guard.data.issueId && guard.data.issueKey ? { id: guard.data.issueId, key: guard.data.issueKey } : await findIssueForDeal(dealId);
    if (!issue) {
      issue = await createIssue({ ...issueFromTemplate(template, facts, deal.handoff.wonAt), property: dealProperty(facts, 'created') });
    }
    if (!guard.data.issueId) {
      const recorded: HandoffGuard = { ...guard, version: guard.version + 1, updatedAt: now(), data: { ...guard.data, issueId: issue.id, issueKey: issue.key, leaseUntil: 0, leaseId: null } };
      await writeGuard(dealId, recorded, guard.version);
      guard = recorded;
    }
    await createLink({ issueId: issue.id, issueKey: issue.key, dealId, projectId: deal.projectId, role: 'handoff', linkedAt: now(), schemaVersion: 1, data: { linkedBy: 'relay' } });
    await setDealProperty(issue.key, dealProperty(facts, 'created'));
    await upsertDealLink(issue.key, { dealId, url: facts.dealUrl, title: deal.name, summary: facts.companyName ?? '', resolved: false });
    await createChildren(template, facts, issue.key, guard, now);
    const created = issue;
    await updateHandoff(dealId, (h) => issueCreated(h, created), now);
    return { outcome: 'done' };
  } catch (error) {
    if (error instanceof JiraBusy) {
      const attempts = (deal.handoff.attempts ?? 0) + 1;
      const delay = retryDelayMs(attempts - 1, error.retryAfterSeconds);
      await releaseLease(dealId, leaseId, now);
      await updateHandoff(dealId, (h) => attemptFailed(h, error.message, now() + delay), now);
      return { outcome: 'retry', afterSeconds: Math.ceil(delay / 1000) };
    }
    if (error instanceof JiraRefused) {
      await releaseLease(dealId, leaseId, now);
      await updateHandoff(dealId, (h) => attemptFailed(h, error.message, null), now);
      return { outcome: 'failed', error: error.message };
    }
    throw error;
  }
}

/** Child issues from the template's checklist, each recorded in the guard as it is made (so a retry makes only the missing ones). */
async function createChildren(template: StoredTemplate, facts: DealFacts, parentKey: string, guard: HandoffGuard, now: () => number): Promise<void> {
  let current = guard;
  for (const [index, summary] of template.checklist.entries()) {
    if (current.data.children[String(index)]) continue;
    const existing = await findIssueForDeal(facts.deal.id, parentKey, summary);
    const child =
      existing ??
      (await createIssue({
        projectKey: template.targetProjectKey,
        issueTypeName: template.issueTypeName === 'Epic' ? 'Task' : 'Sub-task',
        summary,
        description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `From the hand-off of ${facts.deal.name}.` }] }] },
        assigneeAccountId: template.assigneeAccountId,
        labels: template.labels,
        duedate: null,
        parentKey,
        property: dealProperty(facts, 'created'),
      }));
    const next: HandoffGuard = { ...current, version: current.version + 1, updatedAt: now(), data: { ...current.data, children: { ...current.data.children, [String(index)]: child.key } } };
    await writeGuard(facts.deal.id, next, current.version);
    current = next;
  }
}

async function releaseLease(dealId: string, leaseId: string, now: () => number): Promise<void> {
  const guard = await readGuard(dealId);
  if (!guard || guard.data.leaseId !== leaseId) return;
  await writeGuard(dealId, { ...guard, version: guard.version + 1, updatedAt: now(), data: { ...guard.data, leaseUntil: 0, leaseId: null } }, guard.version).catch(() => undefined);
}
