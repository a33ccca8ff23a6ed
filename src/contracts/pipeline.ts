import { z } from 'zod';
import { CriteriaField, ForecastCategory, Outcome } from './deal';
import { AmountMinor, Currency, ProjectKey, Version } from './common';

export const StageSchema = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1, 'A stage needs a name').max(60),
  probability: z.number().int().min(0).max(100),
  forecastCategory: ForecastCategory,
  outcome: Outcome,
  exitCriteria: z.array(CriteriaField).max(14),
  maxDays: z.number().int().min(1).max(3650).nullable(),
});

/** A sales target (quota) for one fiscal period, e.g. FY2027-Q1 or FY2027-M04, in one currency. */
export const TargetSchema = z.object({
  period: z.string().regex(/^FY\d{4}-(Q[1-4]|M(0[1-9]|1[0-2]))$/, 'A fiscal period such as FY2027-Q1 or FY2027-M04'),
  amountMinor: AmountMinor,
  currency: Currency,
});
export type Target = z.infer<typeof TargetSchema>;

export const PipelineRecord = z.object({
  projectId: z.string(),
  projectKey: z.string(),
  stages: z.array(StageSchema),
  targets: z.array(TargetSchema),
  version: Version,
  enabledAt: z.number(),
  enabledBy: z.string(),
  updatedAt: z.number(),
});
export type PipelineRecord = z.infer<typeof PipelineRecord>;

export const ProjectInput = z.object({ projectKey: ProjectKey }).strict();
export const UpdatePipelineInput = z
  .object({ projectKey: ProjectKey, version: Version, stages: z.array(StageSchema).min(3).max(30), targets: z.array(TargetSchema).max(200).optional() })
  .strict()
  .refine((v) => new Set((v.targets ?? []).map((t) => t.period)).size === (v.targets ?? []).length, { path: ['targets'], message: 'One target per period', params: { reason: 'target-per-period' } });

const Bucket = z.object({ count: z.number().int(), amounts: z.record(z.string(), z.number()) });
export const TotalsRecord = z.object({
  totals: z.object({
    open: Bucket,
    won: Bucket,
    lost: Bucket,
    weighted: z.record(z.string(), z.number()),
    byStage: z.record(z.string(), Bucket),
    weightedByStage: z.record(z.string(), z.record(z.string(), z.number())),
    byForecast: z.record(z.string(), Bucket),
  }),
  version: z.number().int(),
});
export const RebuildResult = z.object({ dealsScanned: z.number().int(), changed: z.boolean(), totals: TotalsRecord.shape.totals });
export const QueuedJob = z.object({ jobId: z.string() });
