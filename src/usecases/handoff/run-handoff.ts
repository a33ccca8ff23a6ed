import { JiraBusy, JiraRefused } from '../../ports/failures';
import { companyStore, contactStore, dealStore, delivery, handoffStore, storage, words } from '../../ports/registry';
import type { StoredTemplate } from '../../ports/handoffs';
import type { DealProperty, NewIssue } from '../../ports/delivery';
import type { Deal } from '../../domain/deal';
import { fillTemplate, handoffDescription, type DealFacts, type IssueWords } from '../../domain/delivery-issue';
import { addBusinessDays, attemptFailed, issueCreated, retryDelayMs, type Handoff } from '../../domain/handoff';
import { formatMoney } from '../../domain/money-format';
import type { Ids } from '../../ports';
import type { UseCaseContext } from '../context';
import { createOnce, HeldGuard } from './create-once';
import { updateHandoff } from './update-handoff';

const LEASE_MS = 120_000;

export type HandoffRun = { outcome: 'done' | 'skipped' } | { outcome: 'retry'; afterSeconds: number } | { outcome: 'failed'; error: string };
type AssigneeRefused = NonNullable<Handoff['assigneeRefused']>;

/** What the issue says about the deal. Contact e-mails only when the template opts in (the issue is readable by everyone who can browse its project). */
export async function dealFacts(deal: Deal, dealUrl: string, includeContactEmails: boolean, language = 'en-US'): Promise<DealFacts> {
  const [company, contacts] = await Promise.all([deal.companyId ? companyStore.readCompany(deal.companyId) : Promise.resolve(undefined), contactStore.readContacts(deal.contactIds)]);
  return {
    deal,
    companyName: company?.name ?? null,
    contacts: contacts.map((c) => ({ name: c.name, title: c.title, email: includeContactEmails ? c.email : null })),
    dealUrl,
    // Written in the template's issue language (a shared record: the project's choice, not the clicking user's).
    amountText: deal.amountMinor === null ? '—' : formatMoney(deal.amountMinor, deal.currency, language),
  };
}

export function dealProperty(facts: DealFacts, state: string, relation: DealProperty['relation'], attempt?: string): DealProperty {
  return { dealId: facts.deal.id, companyId: facts.deal.companyId ?? 'none', companyName: facts.companyName ?? '', handoffState: state, relation, ...(attempt ? { attempt } : {}) };
}

/** The issue the template makes of a deal (also the settings page's preview). */
export function issueFromTemplate(template: StoredTemplate, facts: DealFacts, wonAt: number, words: IssueWords) {
  return {
    projectKey: template.targetProjectKey,
    issueTypeName: template.issueTypeName,
    summary: fillTemplate(template.summaryTemplate, facts, words),
    description: handoffDescription(facts, words),
    assigneeAccountId: template.assigneeAccountId,
    labels: template.labels,
    duedate: addBusinessDays(wonAt, template.dueInBusinessDays),
  };
}

/**
 * Creates the issue; when Jira refuses only the assignee (400 `errors.assignee`: not assignable in
 * the project), creates it unassigned and says why. That first request certainly created nothing.
 */
async function createAssigning(issue: NewIssue): Promise<{ issue: { id: string; key: string }; extra: AssigneeRefused | null }> {
  try {
    return { issue: await delivery.createIssue(issue), extra: null };
  } catch (error) {
    if (!(error instanceof JiraRefused && error.fields.assignee !== undefined && issue.assigneeAccountId)) throw error;
    const created = await delivery.createIssue({ ...issue, assigneeAccountId: null });
    return { issue: created, extra: { accountId: issue.assigneeAccountId, reason: error.fields.assignee } };
  }
}

const retryAfter = (untilMs: number, now: number): HandoffRun => ({ outcome: 'retry', afterSeconds: Math.max(1, Math.ceil((untilMs - now) / 1000)) });

/**
 * The queue job behind a won deal: creates its delivery issue and checklist children exactly once
 * (create-once.ts: attempt nonces in storage, adoption only of issues Relay created for them, a
 * settle window instead of trusting a lagging search) and links the issue both ways. One job at a
 * time works on a deal (a lease in its idempotency record; a concurrent delivery comes back later).
 * Jira busy (429, 5xx): recorded on the deal, retried after Retry-After or a growing backoff. Jira
 * refusing (4xx): the error is shown on the deal; a refused assignee only makes the work unassigned.
 */
export async function runHandoff(dealId: string, ctx: UseCaseContext): Promise<HandoffRun> {
  const now = () => ctx.clock.now();
  const deal = await dealStore.readDeal(dealId);
  if (!deal?.handoff) return { outcome: 'skipped' };
  const guard = await handoffStore.readGuard(dealId);
  if (!guard || guard.data.completedAt) return { outcome: 'skipped' };
  const template = await handoffStore.readTemplate(deal.projectId);
  if (!template) {
    await updateHandoff(dealId, (h) => attemptFailed(h, 'The project has no hand-off template any more.', null), ctx);
    return { outcome: 'failed', error: 'no template' };
  }
  if (guard.data.leaseUntil > now()) return retryAfter(guard.data.leaseUntil, now());
  // The lease rides along with the job's first write, which is conditioned on the version read here:
  // of two jobs started together, one writes and the other finds its write refused and comes back.
  const leaseId = ctx.ids.newId();
  const held = new HeldGuard(dealId, guard, now, (data) => ({ ...data, leaseUntil: now() + LEASE_MS, leaseId }));
  const release = () => held.release().catch(() => undefined);

  try {
    const facts = await dealFacts(deal, guard.data.dealUrl, template.includeContactEmails, template.issueLanguage);
    const work: Work = { held, template, facts, words: await words.issueWordsFor(template.issueLanguage), now, ids: ctx.ids, refused: guard.data.assigneeRefused ?? null };
    const issue = await deliveryIssue(work, deal.handoff.wonAt);
    if (issue.kind === 'wait') {
      await release();
      return retryAfter(issue.untilMs, now());
    }
    await handoffStore.createLink({ issueId: issue.issue.id, issueKey: issue.issue.key, dealId, projectId: deal.projectId, role: 'handoff', linkedAt: now(), schemaVersion: 1, data: { linkedBy: 'relay' } });
    await delivery.upsertDealLink(issue.issue.key, { dealId, url: facts.dealUrl, title: deal.name, summary: facts.companyName ?? '', resolved: false });
    const children = await createChildren(work, issue.issue);
    if (children.kind === 'wait') {
      await release();
      return retryAfter(children.untilMs, now());
    }
    await updateHandoff(dealId, (h) => issueCreated(h, issue.issue, work.refused), ctx);
    await held.update((data) => ({ ...data, completedAt: now(), leaseUntil: 0, leaseId: null }));
    return { outcome: 'done' };
  } catch (error) {
    if (storage.isConditionFailure(error)) return { outcome: 'retry', afterSeconds: 5 };
    if (error instanceof JiraBusy) {
      const delay = retryDelayMs(deal.handoff.attempts ?? 0, error.retryAfterSeconds);
      await release();
      await updateHandoff(dealId, (h) => attemptFailed(h, error.message, now() + delay), ctx);
      return { outcome: 'retry', afterSeconds: Math.ceil(delay / 1000) };
    }
    if (error instanceof JiraRefused) {
      await release();
      await updateHandoff(dealId, (h) => attemptFailed(h, error.message, null), ctx);
      return { outcome: 'failed', error: error.message };
    }
    throw error;
  }
}

/** One job's work on a deal: its hold on the idempotency record, what to create, and whether Jira refused the assignee. */
interface Work {
  held: HeldGuard;
  template: StoredTemplate;
  facts: DealFacts;
  /** The issue text's fixed words, in the template's issue language. */
  words: IssueWords;
  now: () => number;
  ids: Ids;
  refused: AssigneeRefused | null;
}

/** The delivery issue: recorded, found from an earlier attempt, or created now (its id recorded with the job's next write). */
async function deliveryIssue(work: Work, wonAt: number) {
  const { held, template, facts, words, now, ids } = work;
  const { issueId, issueKey } = held.current.data;
  if (issueId && issueKey) return { kind: 'made' as const, issue: { id: issueId, key: issueKey } };
  const made = await createOnce(
    held,
    'issue',
    now,
    ids,
    (nonces) => delivery.findAttemptIssue({ projectKey: template.targetProjectKey, dealId: facts.deal.id, nonces, parentId: null, knownIds: [] }),
    (nonce) => createAssigning({ ...issueFromTemplate(template, facts, wonAt, words), property: dealProperty(facts, 'created', 'delivery', nonce) }),
  );
  if (made.kind === 'wait') return made;
  work.refused ??= made.extra;
  const refused = work.refused;
  held.stage((data) => ({ ...data, issueId: made.issue.id, issueKey: made.issue.key, attempt: null, assigneeRefused: refused }));
  return made;
}

/** Child issues from the template's checklist, each recorded with the job's next write, so a retry makes only the missing ones. */
async function createChildren(work: Work, parent: { id: string; key: string }): Promise<{ kind: 'done' } | { kind: 'wait'; untilMs: number }> {
  const { held, template, facts, now, ids } = work;
  const done = { ...held.current.data.children };
  for (const [index, summary] of template.checklist.entries()) {
    if (done[String(index)]) continue;
    const made = await createOnce(
      held,
      `child:${index}`,
      now,
      ids,
      (nonces) => delivery.findAttemptIssue({ projectKey: template.targetProjectKey, dealId: facts.deal.id, nonces, parentId: parent.id, knownIds: Object.values(held.current.data.childIds ?? {}) }),
      (nonce) =>
        createAssigning({
          projectKey: template.targetProjectKey,
          issueTypeName: template.issueTypeName === 'Epic' ? 'Task' : 'Sub-task',
          summary,
          description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `From the hand-off of ${facts.deal.name}.` }] }] },
          // Once Jira refused the assignee for this deal's work, it refuses them for every child too: ask once.
          assigneeAccountId: work.refused ? null : template.assigneeAccountId,
          labels: template.labels,
          duedate: null,
          parentKey: parent.key,
          property: dealProperty(facts, 'created', 'delivery', nonce),
        }),
    );
    if (made.kind === 'wait') return made;
    work.refused ??= made.extra;
    const refused = work.refused;
    done[String(index)] = made.issue.key;
    held.stage((data) => ({
      ...data,
      children: { ...data.children, [String(index)]: made.issue.key },
      childIds: { ...(data.childIds ?? {}), [String(index)]: made.issue.id },
      attempt: null,
      assigneeRefused: refused,
    }));
  }
  return { kind: 'done' };
}
