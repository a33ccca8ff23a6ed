import { z } from 'zod';
import { GLOSSARY_KEYS } from '../domain/glossary';
import { FORECAST_CATEGORIES } from '../domain/pipeline';
import { Currency, ProjectKey } from './common';

const ratio = z.number().nullable();
const CategoryFigures = z.object({ count: z.number().int(), amountMinor: z.number() });

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
  velocityPerDayMinor: z.number().nullable(),
  handoffSla: z.object({ handoffs: z.number().int(), onTime: z.number().int(), attainment: ratio, averageHours: z.number().nullable() }),
  forecastAccuracy: z.number().nullable(),
  forecastAtStartMinor: z.number().nullable(),
  parts: z.object({
    openCount: z.number().int(),
    lostMinor: z.number(),
    cycleDaysTotal: z.number(),
    cycleCount: z.number().int(),
    bandTotals: z.record(z.string(), z.object({ days: z.number(), count: z.number().int() })),
    accepted: z.number().int(),
    acceptedHoursTotal: z.number(),
  }),
});
export type PeriodMetricsRecord = z.infer<typeof PeriodMetricsSchema>;

const Segment = z.object({ openCount: z.number().int(), weightedMinor: z.number(), winRate: ratio, wonMinor: z.number(), won: z.number().int(), lost: z.number().int() });
const ChangeLists = z.object({
  added: z.array(z.string()), won: z.array(z.string()), lost: z.array(z.string()), slipped: z.array(z.string()), pulledIn: z.array(z.string()), amountUp: z.array(z.string()), amountDown: z.array(z.string()),
});

export const ProjectMetricsSchema = z.object({
  computedAt: z.number(),
  reportingCurrency: z.string(),
  openOpportunities: z.number().int(),
  weightedMinor: z.number(),
  unweightedMinor: z.number(),
  staleCount: z.number().int(),
  dataCompleteness: ratio,
  quarter: PeriodMetricsSchema,
  month: PeriodMetricsSchema,
  nextQuarter: PeriodMetricsSchema,
  year: PeriodMetricsSchema,
  trend: z.array(PeriodMetricsSchema),
  /** Per open stage: deals that entered it, and those that went on to a later stage or won (all time). */
  stageConversion: z.array(z.object({ stageId: z.string(), entered: z.number().int(), advanced: z.number().int(), rate: ratio })),
  segments: z.record(z.enum(['owner', 'segment', 'source', 'region']), z.record(z.string(), Segment)),
  changes: z.object({ since: z.string().nullable(), counts: z.record(z.string(), z.number().int()), dealIds: ChangeLists }),
  unconvertedCurrencies: z.array(z.string()),
});

export const Glossary = z.record(z.enum(GLOSSARY_KEYS as [string, ...string[]]), z.string());

export const MetricsInput = z.object({ projectKey: ProjectKey }).strict();
export const MetricsResult = z.object({ projectKey: z.string(), projectName: z.string(), metrics: ProjectMetricsSchema.nullable(), glossary: Glossary });

export const GadgetPeriod = z.enum(['month', 'quarter', 'next-quarter', 'year']);
export const PipelineGadgetInput = z
  .object({
    /** One project, or several (up to 10) combined: amounts and counts summed, ratios recomputed. */
    projectKey: ProjectKey.optional(),
    projectKeys: z.array(ProjectKey).min(1).max(10).optional(),
    period: GadgetPeriod.default('quarter'),
    segment: z.object({ dimension: z.enum(['owner', 'segment', 'source', 'region']), value: z.string().min(1).max(128) }).optional(),
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
  period: PeriodMetricsSchema.nullable(),
  targetMinor: z.number().nullable(),
  coverage: ratio,
  segment: Segment.nullable(),
  live: z.object({
    openCount: z.number().int(),
    openByCurrency: z.record(z.string(), z.number()),
    weightedByCurrency: z.record(z.string(), z.number()),
    funnel: z.array(z.object({ stageId: z.string(), name: z.string(), count: z.number().int(), amounts: z.record(z.string(), z.number()) })),
  }),
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
