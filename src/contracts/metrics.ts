import { z } from 'zod';
import { GLOSSARY_KEYS } from '../domain/glossary';
import { FORECAST_CATEGORIES } from '../domain/pipeline';
import { Currency, ProjectKey } from './common';

const ratio = z.number().nullable();
const CategoryFigures = z.object({ count: z.number().int(), amountMinor: z.number() });
const Amounts = z.record(z.string(), z.number());
export const DimensionSchema = z.enum(['owner', 'segment', 'source', 'region']);
const PeriodChoiceSchema = z.enum(['quarter', 'month', 'nextQuarter', 'year']);

export const PeriodMetricsSchema = z.object({
  key: z.string(),
  kind: z.enum(['month', 'quarter', 'year']),
  start: z.string(),
  end: z.string(),
  winRate: z.object({ byCount: ratio, byValue: ratio, won: z.number().int(), lost: z.number().int() }),
  wonMinor: z.number(),
  averageDealSizeMinor: z.number().nullable(),
  salesCycleDays: z.number().nullable(),
  salesCycleByBand: z.record(z.string(), z.number()),
  forecast: z.record(z.enum(FORECAST_CATEGORIES), CategoryFigures),
  targetMinor: z.number().nullable(),
  coverage: ratio,
  qualifiedMinor: z.number(),
  qualifiedCount: z.number().int(),
  velocityPerDayMinor: z.number().nullable(),
  handoffSla: z.object({ handoffs: z.number().int(), onTime: z.number().int(), attainment: ratio, averageHours: z.number().nullable() }),
  forecastAccuracy: z.number().nullable(),
  forecastAtStartMinor: z.number().nullable(),
  /** The snapshot the forecast at start comes from: on the first day, or the nearest one (before or late). */
  forecastBasis: z.object({ takenOn: z.string(), kind: z.enum(['start', 'before', 'late']) }).nullable(),
  parts: z.object({
    lostMinor: z.number(),
    wonWithRate: z.number().int(),
    cycleDaysTotal: z.number(),
    cycleCount: z.number().int(),
    bandTotals: z.record(z.string(), z.object({ days: z.number(), count: z.number().int() })),
    accepted: z.number().int(),
    acceptedHoursTotal: z.number(),
  }),
});
export type PeriodMetricsRecord = z.infer<typeof PeriodMetricsSchema>;

const Bucket = z.object({ count: z.number().int(), amounts: Amounts });
export const SegmentRowSchema = z.object({ qualifiedCount: z.number().int(), qualifiedMinor: z.number(), winRate: ratio, won: z.number().int(), lost: z.number().int(), wonMinor: z.number() });
const ChangeLists = z.object({
  added: z.array(z.string()), won: z.array(z.string()), lost: z.array(z.string()), slipped: z.array(z.string()), pulledIn: z.array(z.string()), amountUp: z.array(z.string()), amountDown: z.array(z.string()),
});
export const UnconvertedSchema = z.array(z.object({ currency: z.string(), deals: z.number().int(), openMinor: z.number() }));
export const SegmentRef = z.object({ dimension: DimensionSchema, value: z.string().min(1).max(128) });

/** The figures of one scope: the project, or one owner, segment, source or region of it. */
export const ScopeMetricsSchema = z.object({
  computedAt: z.number(),
  reportingCurrency: z.string(),
  scope: SegmentRef.nullable(),
  targetsApply: z.boolean(),
  dealCount: z.number().int(),
  pipelineNow: z.object({ open: Bucket, weighted: Amounts, byStage: z.record(z.string(), Bucket), weightedByStage: z.record(z.string(), Amounts) }),
  staleCount: z.number().int(),
  dataCompleteness: ratio,
  quarter: PeriodMetricsSchema,
  month: PeriodMetricsSchema,
  nextQuarter: PeriodMetricsSchema,
  year: PeriodMetricsSchema,
  lastCompleted: z.object({ month: PeriodMetricsSchema, quarter: PeriodMetricsSchema, year: PeriodMetricsSchema }),
  trend: z.array(PeriodMetricsSchema),
  /** Per open stage: deals that entered it, and those that went on to a later stage or won (all time). */
  stageConversion: z.array(z.object({ stageId: z.string(), entered: z.number().int(), advanced: z.number().int(), rate: ratio })),
  changes: z.object({ since: z.string().nullable(), counts: z.record(z.string(), z.number().int()), dealIds: ChangeLists }),
  unconverted: UnconvertedSchema,
});

export const ProjectMetricsSchema = ScopeMetricsSchema.extend({
  segments: z.record(PeriodChoiceSchema, z.record(DimensionSchema, z.record(z.string(), SegmentRowSchema))),
  segmentsOmitted: z.record(DimensionSchema, z.number().int()),
});

export const Glossary = z.record(z.enum(GLOSSARY_KEYS as [string, ...string[]]), z.string());

/** One figure in the reporting currency, with its per-currency breakdown and the amounts that have no rate. */
export const ConvertedTotalSchema = z.object({
  amountMinor: z.number(),
  currency: z.string(),
  parts: z.array(z.object({ currency: z.string(), amountMinor: z.number(), convertedMinor: z.number() })),
  unconverted: Amounts,
});

/**
 * The open pipeline now (glossary: Open deals, Open pipeline, Weighted pipeline): live from the
 * maintained totals for a whole project, or from the daily figures for one segment (`asOf`).
 */
export const PipelineNowSchema = z.object({
  source: z.enum(['live', 'daily']),
  asOf: z.number().nullable(),
  openCount: z.number().int(),
  open: ConvertedTotalSchema,
  weighted: ConvertedTotalSchema,
  stages: z.array(z.object({ stageId: z.string(), name: z.string(), count: z.number().int(), amount: ConvertedTotalSchema, weighted: ConvertedTotalSchema })),
});

export const MetricsInput = z.object({ projectKey: ProjectKey, segment: SegmentRef.optional() }).strict();
export const MetricsResult = z.object({
  projectKey: z.string(),
  projectName: z.string(),
  /** The project's daily figures (null before the first run), with the segment breakdowns. */
  metrics: ProjectMetricsSchema.nullable(),
  /** The segment chosen, and its figures (null when it has no deals or is not computed yet). */
  segment: SegmentRef.extend({ metrics: ScopeMetricsSchema.nullable() }).nullable(),
  pipeline: PipelineNowSchema,
  glossary: Glossary,
});

export const GadgetPeriod = z.enum(['month', 'quarter', 'next-quarter', 'year']);
export const PipelineGadgetInput = z
  .object({
    /** One project, or several (up to 10) combined: amounts and counts summed, ratios recomputed. */
    projectKey: ProjectKey.optional(),
    projectKeys: z.array(ProjectKey).min(1).max(10).optional(),
    period: GadgetPeriod.default('quarter'),
    segment: SegmentRef.optional(),
    /** The gadget's own target: the target of what it shows (e.g. an owner's quota). */
    targetOverrideMinor: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((v) => v.projectKey !== undefined || (v.projectKeys?.length ?? 0) > 0, { path: ['projectKeys'], message: 'Choose at least one project' });

export const PipelineGadgetResult = z.object({
  projectKey: z.string(),
  projectName: z.string(),
  projects: z.array(z.object({ projectKey: z.string(), projectName: z.string(), computedAt: z.number().nullable() })),
  reportingCurrency: z.string(),
  /** When the daily numbers were computed (null: not yet; the first snapshot runs within a day, or on refresh). */
  computedAt: z.number().nullable(),
  /** The segment every figure below is filtered to, or null for the whole project(s). */
  segment: SegmentRef.nullable(),
  period: PeriodMetricsSchema.nullable(),
  /** The last completed period of the same kind (its forecast accuracy is known). */
  lastCompleted: PeriodMetricsSchema.nullable(),
  /** The deals the period figures were computed from. */
  dealCount: z.number().int().nullable(),
  targetMinor: z.number().nullable(),
  /** Where the target comes from: the projects' targets, the gadget's own, none set, or not applicable (a segment without a target of its own). */
  target: z.enum(['project', 'gadget', 'none', 'not-applicable']),
  coverage: ratio,
  pipeline: PipelineNowSchema,
  unconverted: UnconvertedSchema,
  changes: z.object({ since: z.string().nullable(), counts: z.record(z.string(), z.number().int()) }).nullable(),
  glossary: Glossary,
});

export const SiteSettingsRecord = z.object({
  reportingCurrency: z.string(),
  rates: z.record(z.string(), z.string()),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  glossary: Glossary,
  glossaryOverrides: z.record(z.string(), z.string()),
  version: z.number().int(),
  canEdit: z.boolean(),
  /**
   * For Jira admins (null for others): the currencies deals use without a rate, per project, from
   * the projects' daily figures, so the admin sees which rates are missing and what they leave out.
   */
  unconverted: z.array(z.object({ currency: z.string(), deals: z.number().int(), openMinor: z.number(), projectKeys: z.array(z.string()) })).nullable(),
});
export const SiteSettingsInput = z.object({}).strict();
export const SaveSiteSettingsInput = z
  .object({
    version: z.number().int().min(0),
    reportingCurrency: Currency,
    rates: z.record(Currency, z.string().regex(/^\d+(\.\d{1,10})?$/, 'A positive decimal rate, e.g. 1.0825')),
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    glossaryOverrides: z.partialRecord(z.enum(GLOSSARY_KEYS as [string, ...string[]]), z.string().trim().max(500)),
  })
  .strict();
export const RefreshResult = z.object({ jobId: z.string() });

/** The Renewals gadget's contract lives with the renewals (contracts/renewal.ts). */
export { RenewalsGadgetInput, RenewalsGadgetResult } from './renewal';
