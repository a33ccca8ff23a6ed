import { z } from 'zod';
import { ARR_MOVEMENT_KINDS } from '../domain/arr';
import { HEALTH_TIERS } from '../domain/company';
import { HEALTH_REASON_CODES } from '../domain/health';
import { MAX_DAYS_BEFORE } from '../domain/renewal';
import { AmountMinor, Cursor, Id, IsoDate, PageLimit, ProjectKey, Version } from './common';

/** On a contract: the renewal deal Relay opened for it. */
export const RenewalRefSchema = z.object({ dealId: z.string(), projectId: z.string(), openedAt: z.number() });
/** On a renewal: the contract it renews, as it was when the renewal was opened. */
export const RenewedContractSchema = z.object({
  dealId: z.string(),
  projectId: z.string(),
  arrMinor: z.number(),
  currency: z.string(),
  contractStart: z.string().nullable(),
  contractEnd: z.string(),
});

export const HealthReasonSchema = z.object({ code: z.enum(HEALTH_REASON_CODES), value: z.number(), points: z.number() });
export const HealthDetailSchema = z.object({ score: z.number(), reasons: z.array(HealthReasonSchema), computedAt: z.number() });
export type HealthDetail = z.infer<typeof HealthDetailSchema>;
export const HealthTier = z.enum(HEALTH_TIERS);

// ------------------------------------------------------------------ project renewal settings

export const RenewalSettingsInput = z.object({ projectKey: ProjectKey }).strict();
export const RenewalSettingsRecord = z.object({
  projectKey: z.string(),
  enabled: z.boolean(),
  daysBefore: z.number().int(),
  /** Where renewals are opened: null means this project. */
  targetProjectKey: z.string().nullable(),
  targetProjectName: z.string().nullable(),
  version: z.number().int(),
  canEdit: z.boolean(),
});
export const SaveRenewalSettingsInput = z
  .object({
    projectKey: ProjectKey,
    version: z.number().int().min(0),
    enabled: z.boolean(),
    daysBefore: z.number().int().min(1, 'At least one day before').max(MAX_DAYS_BEFORE, `At most ${MAX_DAYS_BEFORE} days before`),
    targetProjectKey: ProjectKey.nullable(),
  })
  .strict();

// ------------------------------------------------------------------ site health weights

const Weight = z.number().int().min(0).max(100);
export const HealthWeightsSchema = z.object({
  overdueIssue: Weight,
  blockedIssue: Weight,
  openBug: Weight,
  handoffBreach: Weight,
  inactivity: Weight,
  inactivityDays: z.number().int().min(1).max(365),
  renewalSoon: Weight,
  renewalOverdue: Weight,
  goodAtLeast: Weight,
  averageAtLeast: Weight,
});
export const HealthWeightsRecord = z.object({ weights: HealthWeightsSchema, defaults: HealthWeightsSchema, version: z.number().int(), canEdit: z.boolean() });
export const HealthWeightsInput = z.object({}).strict();
export const SaveHealthWeightsInput = z
  .object({ version: z.number().int().min(0), weights: HealthWeightsSchema })
  .strict()
  .refine((v) => v.weights.averageAtLeast <= v.weights.goodAtLeast, { path: ['weights', 'averageAtLeast'], message: 'Average starts at or below Good' });

// ------------------------------------------------------------------ the Renewals tab

export const RenewalWindow = z.union([z.literal('overdue'), z.literal(30), z.literal(60), z.literal(90)]);
export const ListRenewalsInput = z.object({ projectKey: ProjectKey, window: RenewalWindow.default(90), limit: PageLimit, cursor: Cursor.optional() }).strict();

export const RenewalRow = z.object({
  dealId: Id,
  name: z.string(),
  closeDate: IsoDate,
  daysLeft: z.number().int(),
  ownerId: z.string(),
  stageId: z.string(),
  amountMinor: AmountMinor.nullable(),
  currency: z.string(),
  /** The ARR up for renewal (the renewed contract's) and its currency. */
  arrMinor: z.number(),
  arrCurrency: z.string(),
  contractDealId: z.string().nullable(),
  version: Version,
  company: z
    .object({ id: z.string(), name: z.string(), health: HealthTier, healthDetail: HealthDetailSchema.nullable(), arrByCurrency: z.record(z.string(), z.number()) })
    .nullable(),
});
export const RenewalPage = z.object({ items: z.array(RenewalRow), nextCursor: z.string().nullable() });

const Figures = z.object({ count: z.number().int(), arr: z.record(z.string(), z.number()) });
const ByHealthSchema = z.record(HealthTier, Figures);
export const RetentionSchema = z.object({
  startingMinor: z.number(),
  expansionMinor: z.number(),
  contractionMinor: z.number(),
  churnMinor: z.number(),
  newMinor: z.number(),
  customersAtStart: z.number().int(),
  customersLost: z.number().int(),
  nrr: z.number().nullable(),
  grr: z.number().nullable(),
  logoChurn: z.number().nullable(),
  revenueChurn: z.number().nullable(),
  unconvertedCurrencies: z.array(z.string()),
});
export const PeriodRetention = RetentionSchema.extend({ key: z.string(), start: z.string(), end: z.string() });

/** A project's renewals as the daily job (or a refresh) computed them: one read for the tab and the gadget. */
export const RenewalSummarySchema = z.object({
  computedAt: z.number(),
  today: z.string(),
  due: z.object({ 30: ByHealthSchema, 60: ByHealthSchema, 90: ByHealthSchema }),
  overdue: ByHealthSchema,
});
export type RenewalSummaryRecord = z.infer<typeof RenewalSummarySchema>;

/** Site-wide retention: the current quarter, month and fiscal year, 8 quarters of trend, per segment. */
export const RetentionMetricsSchema = z.object({
  computedAt: z.number(),
  reportingCurrency: z.string(),
  quarter: PeriodRetention,
  month: PeriodRetention,
  year: PeriodRetention,
  trend: z.array(PeriodRetention),
  /** The current quarter per dimension value (segment, region, owner). */
  segments: z.record(z.enum(['segment', 'region', 'owner']), z.record(z.string(), RetentionSchema)),
});
export type RetentionMetricsRecord = z.infer<typeof RetentionMetricsSchema>;

export const MovementRow = z.object({
  id: z.string(),
  companyId: z.string(),
  companyName: z.string().nullable(),
  dealId: z.string(),
  kind: z.enum(ARR_MOVEMENT_KINDS),
  deltas: z.record(z.string(), z.number()),
  effectiveOn: z.string(),
});

export const RenewalsOverviewInput = z.object({ projectKey: ProjectKey }).strict();
export const RenewalsOverview = z.object({
  projectKey: z.string(),
  projectName: z.string(),
  reportingCurrency: z.string(),
  rates: z.record(z.string(), z.string()),
  /** Where this project's contracts renew, when that is another project. */
  renewsIn: z.object({ projectKey: z.string(), projectName: z.string() }).nullable(),
  summary: RenewalSummarySchema.nullable(),
  retention: RetentionMetricsSchema.nullable(),
  /** ARR movements recorded in this project this quarter, newest first (at most 50). */
  movements: z.array(MovementRow),
  period: z.object({ key: z.string(), start: z.string(), end: z.string() }),
  canRefresh: z.boolean(),
  glossary: z.record(z.string(), z.string()),
});

export const RetentionInput = z.object({ projectKey: ProjectKey }).strict();
export const RetentionResult = z.object({ retention: RetentionMetricsSchema.nullable(), glossary: z.record(z.string(), z.string()) });

export const RenewalsRefreshResult = z.object({ jobId: z.string() });

export const SegmentDimension = z.enum(['segment', 'region', 'owner']);

// ------------------------------------------------------------------ the Renewals gadget

export const RenewalsGadgetInput = z
  .object({
    /** One project (configurations saved before the gadget combined projects), or several. */
    projectKey: ProjectKey.optional(),
    projectKeys: z.array(ProjectKey).min(1).max(10).optional(),
    horizonDays: z.union([z.literal(30), z.literal(60), z.literal(90)]).default(90),
    /** Which health tiers the renewal figures count (all when absent). */
    health: z.array(HealthTier).min(1).optional(),
  })
  .strict()
  .refine((v) => v.projectKey !== undefined || (v.projectKeys?.length ?? 0) > 0, { path: ['projectKeys'], message: 'Choose at least one project' });

const Converted = z.object({ count: z.number().int(), arrMinor: z.number() });
export const RenewalsGadgetResult = z.object({
  projectKey: z.string(),
  projectName: z.string(),
  projects: z.array(z.object({ projectKey: z.string(), projectName: z.string(), computedAt: z.number().nullable() })),
  reportingCurrency: z.string(),
  /** Whether renewal figures were computed for every project (the daily run, or a refresh). */
  available: z.boolean(),
  computedAt: z.number().nullable(),
  health: z.array(HealthTier),
  due: z.array(z.object({ withinDays: z.number().int(), count: z.number().int(), arrMinor: z.number(), byHealth: z.record(HealthTier, Converted) })),
  overdue: Converted,
  arrAtRiskMinor: z.number(),
  /** Site-wide, the current quarter: customers are the site's, whichever project renews them. */
  retention: PeriodRetention.nullable(),
  grr: z.number().nullable(),
  nrr: z.number().nullable(),
  /** Currencies without an exchange rate: their ARR is not in the converted figures. */
  unconvertedCurrencies: z.array(z.string()),
  glossary: z.record(z.string(), z.string()),
});
