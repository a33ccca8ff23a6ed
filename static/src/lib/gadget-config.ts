import { z } from 'zod';
import type { PipelineGadgetInput, RenewalsGadgetInput } from '../../../src/contracts/metrics';
import { GadgetPeriod } from '../../../src/contracts/metrics';
import type { MessageKey } from './i18n';

/**
 * What each Relay gadget stores on the dashboard. Jira keeps whatever the edit view hands to
 * `view.submit` and gives it back as `extension.gadgetConfiguration`, so the view reads it through
 * these schemas: a configuration saved by an older version (or hand-edited) is never trusted.
 */
export type GadgetKind = 'pipeline' | 'renewals';

const ProjectKeyField = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'A Jira project key, e.g. SALES');

export const SEGMENT_DIMENSIONS = ['owner', 'segment', 'source', 'region'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** How often the view asks again on its own (minutes; 0 = only when the dashboard reloads it). */
export const REFRESH_MINUTES = [0, 15, 60] as const;
export type RefreshMinutes = (typeof REFRESH_MINUTES)[number];

export const PIPELINE_PERIODS = GadgetPeriod.options;
export type PipelinePeriod = z.infer<typeof GadgetPeriod>;

/** How many projects one Pipeline gadget may combine (the `gadgets/pipeline` contract's limit). */
export const MAX_PIPELINE_PROJECTS = 10;

export const PipelineConfig = z.object({
  /** One project, or several whose figures the resolver combines; the first is the one the board opens. */
  projectKeys: z
    .array(ProjectKeyField)
    .min(1)
    .max(MAX_PIPELINE_PROJECTS)
    .refine((keys) => new Set(keys).size === keys.length, 'Each project once'),
  period: GadgetPeriod,
  /** `label` is what the edit view showed for the value (an owner's name), so the view needs no lookup. */
  segment: z.object({ dimension: z.enum(SEGMENT_DIMENSIONS), value: z.string().min(1).max(128), label: z.string().max(200).optional() }).optional(),
  /** The override is typed in the reporting currency of the moment; `targetCurrency` records which. */
  targetOverrideMinor: z.number().int().min(0).optional(),
  targetCurrency: z.string().regex(/^[A-Z]{3}$/).optional(),
  refreshMinutes: z.union([z.literal(0), z.literal(15), z.literal(60)]).default(0),
});
export type PipelineConfig = z.infer<typeof PipelineConfig>;

export const HORIZONS = [30, 60, 90] as const;
export type Horizon = (typeof HORIZONS)[number];

export const HEALTH_FILTER = ['good', 'average', 'poor', 'unknown'] as const;
export type HealthFilter = (typeof HEALTH_FILTER)[number];

export const RenewalsConfig = z.object({
  /** One project, or several whose renewals the resolver adds up (the same limit as the Pipeline gadget). */
  projectKeys: z
    .array(ProjectKeyField)
    .min(1)
    .max(MAX_PIPELINE_PROJECTS)
    .refine((keys) => new Set(keys).size === keys.length, 'Each project once'),
  horizonDays: z.union([z.literal(30), z.literal(60), z.literal(90)]),
  /** The health tiers the renewal figures count. */
  health: z.array(z.enum(HEALTH_FILTER)).min(1, 'Choose at least one health tier').default([...HEALTH_FILTER]),
  refreshMinutes: z.union([z.literal(0), z.literal(15), z.literal(60)]).default(0),
});
export type RenewalsConfig = z.infer<typeof RenewalsConfig>;

export const GADGET_TITLES: Record<GadgetKind, MessageKey> = { pipeline: 'gadget.pipeline.title', renewals: 'gadget.renewals.title' };

export const PERIOD_LABELS: Record<PipelinePeriod, MessageKey> = {
  month: 'gadgets.period.month',
  quarter: 'gadgets.period.quarter',
  'next-quarter': 'gadgets.period.next-quarter',
  year: 'gadgets.period.year',
};

export const DIMENSION_LABELS: Record<SegmentDimension, MessageKey> = {
  owner: 'gadgets.dimension.owner',
  segment: 'gadgets.dimension.segment',
  source: 'gadgets.dimension.source',
  region: 'gadgets.dimension.region',
};

/** Periods of the first gadget version (before the metrics engine), mapped to today's. */
const LEGACY_PERIODS: Record<string, PipelinePeriod> = { 'this-month': 'month', 'this-quarter': 'quarter', 'next-quarter': 'next-quarter', 'this-fiscal-year': 'quarter' };

function record(raw: unknown): Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/**
 * The project keys a stored Pipeline configuration names: `projectKeys` as saved today, else the one
 * `projectKey` of configurations saved before the gadget combined projects. Duplicates are dropped.
 */
function pipelineProjectKeys(value: Record<string, unknown>): unknown {
  if (Array.isArray(value.projectKeys)) return value.projectKeys.every((k) => typeof k === 'string') ? [...new Set(value.projectKeys)] : value.projectKeys;
  return value.projectKey === undefined ? undefined : [value.projectKey];
}

/** The saved Pipeline configuration, or null when the gadget has none usable (the view then asks to configure it). */
export function readPipelineConfig(raw: unknown): PipelineConfig | null {
  const { projectKey: _legacyKey, ...value } = record(raw);
  const period = typeof value.period === 'string' ? (LEGACY_PERIODS[value.period] ?? value.period) : 'quarter';
  const parsed = PipelineConfig.safeParse({ ...value, projectKeys: pipelineProjectKeys(record(raw)), period });
  return parsed.success ? parsed.data : null;
}

/** The saved Renewals configuration (a single `projectKey` of the first version read as a list of one), or null. */
export function readRenewalsConfig(raw: unknown): RenewalsConfig | null {
  const { projectKey: _legacyKey, ...value } = record(raw);
  const parsed = RenewalsConfig.safeParse({ horizonDays: 90, ...value, projectKeys: pipelineProjectKeys(record(raw)) });
  return parsed.success ? parsed.data : null;
}

/** The project key a half-valid configuration names, so the edit view can start from it. */
export function savedProjectKey(raw: unknown): string {
  const key = record(raw).projectKey;
  return typeof key === 'string' ? key : '';
}

/** The project keys a half-valid Pipeline configuration names (old or new shape), so the edit view starts from them. */
export function savedProjectKeys(raw: unknown): string[] {
  const keys = pipelineProjectKeys(record(raw));
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string' && k.length > 0) : [];
}

/**
 * The chosen projects after the user ticks or unticks `key`: order of choice kept (the first opens
 * the board), never more than the gadget can combine (a further tick is ignored).
 */
export function toggleProjectKey(keys: readonly string[], key: string, chosen: boolean): string[] {
  if (!chosen) return keys.filter((k) => k !== key);
  if (keys.includes(key) || keys.length >= MAX_PIPELINE_PROJECTS) return [...keys];
  return [...keys, key];
}

/** Keys typed by hand when Jira cannot list projects: "sales, del" → ['SALES', 'DEL'], each once, in the order typed. */
export function parseProjectKeys(text: string): string[] {
  return [...new Set(text.toUpperCase().split(/[\s,;]+/).filter((k) => k.length > 0))];
}

/** The one `gadgets/pipeline` call a render makes: the contract's input, without the view-only fields. */
export function pipelineInput(config: PipelineConfig): z.input<typeof PipelineGadgetInput> {
  return {
    projectKeys: [...config.projectKeys],
    period: config.period,
    ...(config.segment ? { segment: { dimension: config.segment.dimension, value: config.segment.value } } : {}),
    ...(config.targetOverrideMinor !== undefined ? { targetOverrideMinor: config.targetOverrideMinor } : {}),
  };
}

/** The one `gadgets/renewals` call a render makes; all tiers chosen means no filter. */
export function renewalsInput(config: RenewalsConfig): z.input<typeof RenewalsGadgetInput> {
  return { projectKeys: [...config.projectKeys], horizonDays: config.horizonDays, ...(config.health.length < HEALTH_FILTER.length ? { health: [...config.health] } : {}) };
}

/** Milliseconds between the view's own reloads, or null when it waits for the dashboard. */
export function refreshIntervalMs(config: Pick<PipelineConfig, 'refreshMinutes'>): number | null {
  return config.refreshMinutes > 0 ? config.refreshMinutes * 60_000 : null;
}
