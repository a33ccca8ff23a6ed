import { z } from 'zod';
import { ISSUE_LANGUAGES } from '../domain/delivery-issue';
import { HANDOFF_STATES } from '../domain/handoff';
import { AccountId, Id, ProjectKey } from './common';
import { Person } from './people';

export const HandoffRecord = z.object({
  state: z.enum(HANDOFF_STATES),
  issueId: z.string().nullable(),
  issueKey: z.string().nullable(),
  wonAt: z.number(),
  /** Accept by then (business hours after won). */
  acceptDueAt: z.number(),
  acceptedAt: z.number().nullable(),
  acceptedBy: z.string().nullable(),
  deliveredAt: z.number().nullable(),
  /** When the hourly scan found the acceptance overdue. */
  breachedAt: z.number().nullable(),
  attempts: z.number().int(),
  /** When the job should try again (pending / retrying). */
  nextAttemptAt: z.number().nullable(),
  lastError: z.string().nullable(),
  /** The time of the newest issue event applied: older or repeated events change nothing. */
  lastEventAt: z.number(),
  /** Jira refused the template's assignee: the work was created unassigned (absent on hand-offs stored before this existed). */
  assigneeRefused: z.object({ accountId: z.string(), reason: z.string() }).nullable().default(null),
});
export type HandoffRecord = z.infer<typeof HandoffRecord>;

export const TemplateFields = z.object({
  enabled: z.boolean(),
  targetProjectKey: ProjectKey,
  issueTypeName: z.string().trim().min(1).max(60),
  /** `{{deal.name}}`, `{{company.name}}`, `{{deal.amount}}`, `{{deal.closeDate}}` are filled in. */
  summaryTemplate: z.string().trim().min(1, 'A summary template is needed').max(255),
  assigneeAccountId: AccountId.nullable(),
  labels: z.array(z.string().regex(/^\S{1,255}$/, 'Labels have no spaces')).max(10),
  /** The kick-off due date: this many business days after won. */
  dueInBusinessDays: z.number().int().min(0).max(60),
  /** The acceptance SLA: business hours from won to accepted. */
  acceptWithinBusinessHours: z.number().int().min(1).max(400),
  /** Child issues (sub-tasks or tasks under an epic), one per line of the checklist. */
  checklist: z.array(z.string().trim().min(1).max(255)).max(20),
  /** Contact e-mail addresses in the issue description: opt-in (everyone who can browse the target project reads them). */
  includeContactEmails: z.boolean().default(false),
  /** The language of the issue text Relay writes (its fixed words and amounts): a shared record, so one language for the project, not the clicking user's; English on templates saved before this existed. */
  issueLanguage: z.enum(ISSUE_LANGUAGES).default('en-US'),
});

export const TemplateRecord = TemplateFields.extend({ projectKey: z.string(), version: z.number().int(), configured: z.boolean() });
export type TemplateRecord = z.infer<typeof TemplateRecord>;

export const TemplateInput = z.object({ projectKey: ProjectKey }).strict();
export const UpdateTemplateInput = z.object({ projectKey: ProjectKey, version: z.number().int().min(0), template: TemplateFields.strict() }).strict();

export const PreviewInput = z.object({ dealId: Id }).strict();
export const PreviewResult = z.object({
  projectKey: z.string(),
  issueTypeName: z.string(),
  summary: z.string(),
  description: z.record(z.string(), z.unknown()),
  assigneeAccountId: z.string().nullable(),
  labels: z.array(z.string()),
  duedate: z.string(),
  checklist: z.array(z.string()),
});

export const IssueRef = z.object({ issueKey: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/, 'An issue key such as DEL-12') }).strict();
export const LinkDealInput = z.object({ issueKey: IssueRef.shape.issueKey, dealId: Id }).strict();
export const FlagExpansionInput = z.object({ issueKey: IssueRef.shape.issueKey, name: z.string().trim().min(1).max(255).optional() }).strict();
export const LinkResult = z.object({ issueKey: z.string(), dealId: z.string() });
export const UnlinkResult = z.object({ issueKey: z.string() });

/**
 * What the issue panel and glance show: nothing linked, linked but not visible to this user, or the
 * deal. Two levels of discriminator (`linked`, then `visible`): zod refuses one discriminated union
 * whose options repeat a discriminator value, and only fails when it first parses.
 */
export const IssueDealView = z.discriminatedUnion('linked', [
  z.object({ linked: z.literal(false), issueKey: z.string(), canLink: z.boolean() }),
  z.discriminatedUnion('visible', [
    z.object({ linked: z.literal(true), visible: z.literal(false), issueKey: z.string() }),
    z.object({
      linked: z.literal(true),
      visible: z.literal(true),
      issueKey: z.string(),
      role: z.enum(['handoff', 'linked', 'expansion']),
      deal: z.object({
        id: z.string(),
        name: z.string(),
        projectKey: z.string(),
        amountMinor: z.number().nullable(),
        currency: z.string(),
        recurring: z.boolean(),
        outcome: z.string(),
        scope: z.string().nullable(),
        notSold: z.string().nullable(),
        successCriteria: z.string().nullable(),
        contractStart: z.string().nullable(),
        contractEnd: z.string().nullable(),
        ownerId: z.string(),
        version: z.number().int(),
      }),
      company: z
        .object({
          id: z.string(),
          name: z.string(),
          arrMinor: z.number(),
          /** The company's ARR per currency (its contracts in effect); absent from older builds. */
          arrByCurrency: z.record(z.string(), z.number()).optional(),
          health: z.string(),
          /** Why the health is what it is, most costly first. */
          healthReasons: z.array(z.object({ code: z.string(), value: z.number() })).optional(),
          renewalDate: z.string().nullable(),
        })
        .nullable(),
      contacts: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable(), email: z.string().nullable() })),
      handoff: HandoffRecord.nullable(),
      /** The hand-off clock at the time of the call: ms left until the acceptance deadline (negative: overdue). */
      slaRemainingMs: z.number().nullable(),
      canAccept: z.boolean(),
      canEditDeal: z.boolean(),
      /** Unlinking needs both: Edit CRM records on the deal and edit rights on the issue. */
      canUnlink: z.boolean(),
      /** The people the panel names (the deal's owner, who accepted the hand-off), as Jira shows them. */
      people: z.array(Person),
    }),
  ]),
]);
export type IssueDealView = z.infer<typeof IssueDealView>;
