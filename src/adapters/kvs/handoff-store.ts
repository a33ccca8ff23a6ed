import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import type { HandoffTemplate } from '../../domain/handoff';
import { Entities, Keys } from './keys';

// ------------------------------------------------------------------ template (key-value)

const StoredTemplate = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int(),
  enabled: z.boolean(),
  targetProjectKey: z.string(),
  issueTypeName: z.string(),
  summaryTemplate: z.string(),
  assigneeAccountId: z.string().nullable(),
  labels: z.array(z.string()),
  dueInBusinessDays: z.number(),
  acceptWithinBusinessHours: z.number(),
  checklist: z.array(z.string()),
  includeContactEmails: z.boolean().default(false),
});
export type StoredTemplate = z.infer<typeof StoredTemplate>;

export async function readTemplate(projectId: string): Promise<StoredTemplate | undefined> {
  const value = await kvs.get(Keys.handoffTemplate(projectId));
  return value === undefined ? undefined : StoredTemplate.parse(value);
}

export async function writeTemplate(projectId: string, template: HandoffTemplate, version: number): Promise<StoredTemplate> {
  const value: StoredTemplate = { schemaVersion: 1, version, ...template };
  await kvs.set(Keys.handoffTemplate(projectId), value);
  return value;
}

// ------------------------------------------------------------------ issue → deal links (entity deal-link)

export type LinkRole = 'handoff' | 'linked' | 'expansion';

export interface DealLinkEntity {
  issueId: string;
  issueKey: string;
  dealId: string;
  projectId: string;
  role: LinkRole;
  linkedAt: number;
  schemaVersion: number;
  data: { linkedBy: string };
}

const linkEntity = () => kvs.entity<DealLinkEntity>(Entities.dealLink);

/** The deal behind an issue: one storage request, keyed by the issue id. */
export async function readLink(issueId: string): Promise<DealLinkEntity | undefined> {
  return (await linkEntity().get(issueId)) as DealLinkEntity | undefined;
}

export async function linksOfDeal(dealId: string): Promise<DealLinkEntity[]> {
  const page = await linkEntity().query().index('by-deal', { partition: [dealId] }).sort(Sort.ASC).limit(100).getMany();
  return page.results.map((r) => r.value as DealLinkEntity);
}

/** Links an issue to a deal unless it is linked already (then false: one deal per issue). */
export async function createLink(link: DealLinkEntity): Promise<boolean> {
  try {
    await kvs
      .transact()
      .set(link.issueId, link, { entityName: Entities.dealLink, conditions: new Filter<DealLinkEntity>().and('dealId', FilterConditions.notExists()) })
      .execute();
    return true;
  } catch (error) {
    if ((await readLink(link.issueId)) !== undefined) return false;
    throw error;
  }
}

export async function deleteLink(issueId: string): Promise<void> {
  await linkEntity().delete(issueId);
}

// ------------------------------------------------------------------ the delivery-issue idempotency record (guard)

/**
 * A create Relay has asked Jira for whose outcome storage does not know yet: the nonce(s) written on
 * the issue in the create request itself, and when the latest was sent. Written before the request,
 * cleared once the issue id is recorded or Jira certainly refused; a job that finds it set must look
 * for the issue (by nonce, created by Relay) before creating again.
 */
export interface CreateAttempt {
  /** `issue` for the delivery issue, `child:<n>` for checklist line n. */
  slot: string;
  nonces: string[];
  startedAt: number;
}

export interface HandoffGuard {
  kind: 'idempotency';
  holderId: string;
  version: number;
  updatedAt: number;
  schemaVersion: number;
  data: {
    issueId: string | null;
    issueKey: string | null;
    /** A job holds the deal's delivery work until then; others wait rather than work on it at the same time. */
    leaseUntil: number;
    leaseId: string | null;
    /** Checklist items whose child issue exists, by index: the key (and, since attempts were recorded, the id). */
    children: Record<string, string>;
    childIds?: Record<string, string>;
    /** The deal's address in Jira, known when it was won (jobs have no site context). */
    dealUrl: string;
    attempt?: CreateAttempt | null;
    /** Jira refused the template's assignee for this deal's work: created unassigned (shown on the deal). */
    assigneeRefused?: { accountId: string; reason: string } | null;
    /** When everything (issue, links, children, the deal's state) was done: later deliveries have nothing to do. */
    completedAt?: number | null;
  };
}

export function newGuard(dealId: string, now: number, dealUrl: string): HandoffGuard {
  return { kind: 'idempotency', holderId: dealId, version: 1, updatedAt: now, schemaVersion: 1, data: { issueId: null, issueKey: null, leaseUntil: 0, leaseId: null, children: {}, childIds: {}, dealUrl, attempt: null, completedAt: null } };
}

export async function readGuard(dealId: string): Promise<HandoffGuard | undefined> {
  return (await kvs.entity<HandoffGuard>(Entities.guard).get(Keys.handoffGuard(dealId))) as HandoffGuard | undefined;
}

/** Writes the guard if its version is still `expected` (0: it must not exist yet). */
export async function writeGuard(dealId: string, next: HandoffGuard, expected: number): Promise<void> {
  const conditions = new Filter<HandoffGuard>().and('version', expected === 0 ? FilterConditions.notExists() : FilterConditions.equalTo(expected));
  await kvs.transact().set(Keys.handoffGuard(dealId), next, { entityName: Entities.guard, conditions }).execute();
}

/** A step another write adds to its own transaction. */
export type TxStep = (tx: ReturnType<typeof kvs.transact>) => ReturnType<typeof kvs.transact>;

/** The guard a first win adds to its transaction: it can exist only once per deal, so a deal gets one delivery issue. */
export function createGuardStep(dealId: string, now: number, dealUrl: string): TxStep {
  const conditions = new Filter<HandoffGuard>().and('version', FilterConditions.notExists());
  return (tx) => tx.set(Keys.handoffGuard(dealId), newGuard(dealId, now, dealUrl), { entityName: Entities.guard, conditions });
}
