
import { z } from 'zod';
import type { Deal } from '../domain/deal';
import type { HandoffTemplate } from '../domain/handoff';
import { ISSUE_LANGUAGES } from '../domain/delivery-issue';
import type { ReadRecord, TxStep } from './storage';
/** The hand-off: each project's template, deal-to-issue links and the guard that makes creation happen once. */

export const StoredTemplate = z.object({
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
  issueLanguage: z.enum(ISSUE_LANGUAGES).default('en-US'),
});
export type StoredTemplate = z.infer<typeof StoredTemplate>;

export const LINK_ROLES = ['handoff', 'linked', 'expansion'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

/** An issue's link to its deal (the `deal-link` entity, keyed by the issue id), as stored and read back. */
export const DealLinkSchema = z.object({
  issueId: z.string(),
  issueKey: z.string(),
  dealId: z.string(),
  projectId: z.string(),
  role: z.enum(LINK_ROLES),
  linkedAt: z.number(),
  schemaVersion: z.number().int(),
  data: z.object({ linkedBy: z.string() }),
});
export type DealLinkEntity = z.infer<typeof DealLinkSchema>;

/**
 * A create Relay has asked Jira for whose outcome storage does not know yet: the nonce(s) written on
 * the issue in the create request itself, and when the latest was sent. Written before the request,
 * cleared once the issue id is recorded or Jira certainly refused; a job that finds it set must look
 * for the issue (by nonce, created by Relay) before creating again.
 */
export const CreateAttemptSchema = z.object({
  /** `issue` for the delivery issue, `child:<n>` for checklist line n. */
  slot: z.string(),
  nonces: z.array(z.string()),
  startedAt: z.number(),
});
export type CreateAttempt = z.infer<typeof CreateAttemptSchema>;

/**
 * The per-deal guard against creating its delivery work twice (guard entity). The optional fields
 * were added by later versions: a guard stored before them reads without them, as it always has.
 */
export const HandoffGuardSchema = z.object({
  kind: z.literal('idempotency'),
  holderId: z.string(),
  version: z.number().int(),
  updatedAt: z.number(),
  schemaVersion: z.number().int(),
  data: z.object({
    issueId: z.string().nullable(),
    issueKey: z.string().nullable(),
    /** A job holds the deal's delivery work until then; others wait rather than work on it at the same time. */
    leaseUntil: z.number(),
    leaseId: z.string().nullable(),
    /** Checklist items whose child issue exists, by index: the key (and, since attempts were recorded, the id). */
    children: z.record(z.string(), z.string()),
    childIds: z.record(z.string(), z.string()).optional(),
    /** The deal's address in Jira, known when it was won (jobs have no site context). */
    dealUrl: z.string(),
    attempt: CreateAttemptSchema.nullable().optional(),
    /** Jira refused the template's assignee for this deal's work: created unassigned (shown on the deal). */
    assigneeRefused: z.object({ accountId: z.string(), reason: z.string() }).nullable().optional(),
    /** When everything (issue, links, children, the deal's state) was done: later deliveries have nothing to do. */
    completedAt: z.number().nullable().optional(),
  }),
});
export type HandoffGuard = z.infer<typeof HandoffGuardSchema>;

/**
 * Hand-off templates, deal-to-issue links, the per-deal guard against double creation, and hand-offs whose acceptance is due.
 * Implemented by adapters/kvs/handoff-store.ts, adapters/kvs/handoff-sla.ts.
 */
export interface HandoffsPort {
  /** Deals whose hand-off acceptance is breached (at most `maxPages` pages of 100), of one company when it is named. */
  breachedHandoffDeals(companyId: string | undefined, maxPages: number): Promise<Deal[]>;
  /** The guard a first win adds to its transaction. It needs no condition of its own: the win's
   * transaction is conditioned on the deal's version, and only a deal without a hand-off starts one,
   * so of any number of concurrent or repeated wins exactly one writes it (a condition on a key that
   * does not exist yet is not documented by Forge, see README "Storage conditions"). */
  createGuardStep(dealId: string, now: number, dealUrl: string): TxStep;
  /** Links an issue to a deal unless it is linked already (then false: one deal per issue). */
  createLink(link: DealLinkEntity): Promise<boolean>;
  deleteLink(issueId: string): Promise<void>;
  /** Ids of deals whose hand-off is in `state` with its deadline at or before `dueBy`, oldest first (at most `maxPages` pages of 100). */
  handoffIdsDue(state: string, dueBy: number, maxPages: number): Promise<string[]>;
  linksOfDeal(dealId: string): Promise<DealLinkEntity[]>;
  readGuard(dealId: string): Promise<HandoffGuard | undefined>;
  /** The deal behind an issue: one storage request, keyed by the issue id. */
  readLink(issueId: string): Promise<DealLinkEntity | undefined>;
  /** The template and where it is stored (one request), for a save conditioned on it. */
  readStoredTemplate(projectId: string): Promise<ReadRecord<StoredTemplate> | undefined>;
  readTemplate(projectId: string): Promise<StoredTemplate | undefined>;
  /** Writes the guard if its version is still `expected` (the guard exists: the win created it). */
  writeGuard(dealId: string, next: HandoffGuard, expected: number): Promise<void>;
  /** Saves the template at `version` (the one read plus one) if nobody saved it since `read` was
   * read; refused otherwise (a condition failure, see usecases/versioned-save.ts). */
  writeTemplate(projectId: string, template: HandoffTemplate, version: number, read: ReadRecord<StoredTemplate> | undefined, now: number): Promise<StoredTemplate>;
}
