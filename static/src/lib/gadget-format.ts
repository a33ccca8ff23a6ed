import type { GlossaryKey } from '../../../src/domain/glossary';
import { GLOSSARY } from '../../../src/domain/glossary';
import type { ForecastCategory } from '../../../src/domain/pipeline';
import type { ConvertedTotal } from '../../../src/domain/money';
import type { BoardFilters } from '../project-page/pipeline/board-filters';
import { serializeFilters } from '../project-page/pipeline/board-filters';
import type { PipelineConfig } from './gadget-config';

/**
 * Pure helpers behind the gadgets' numbers and charts: formatting, the geometry of the forecast bar
 * and the funnel, and the click-through address. Kept apart from React so each rule is unit-tested.
 */

/** A ratio 0..1 as a percentage with one decimal ("33.3%"); null (nothing to divide) as the not-set dash. */
export function formatPercent(ratio: number | null, empty: string, locale = 'en-US'): string {
  if (ratio === null || !Number.isFinite(ratio)) return empty;
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(ratio);
}

/** Forecast accuracy arrives as a percentage already (PRODUCT.md §4: "… × 100"). */
export function formatPercentPoints(value: number | null, empty: string, locale = 'en-US'): string {
  return value === null ? empty : formatPercent(value / 100, empty, locale);
}

/** Coverage as sales teams say it: "3.2x". */
export function formatCoverage(ratio: number | null, empty: string, locale = 'en-US'): string {
  if (ratio === null || !Number.isFinite(ratio)) return empty;
  // Two decimals below 1x, where "1.0x" would hide a shortfall; one above ("3.2x").
  const digits = ratio < 1 ? 2 : 1;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: digits }).format(ratio)}x`;
}

export function formatDecimal(value: number | null, empty: string, locale = 'en-US'): string {
  if (value === null || !Number.isFinite(value)) return empty;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

export function formatInstant(ms: number, locale = 'en-US', timeZone = 'UTC'): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

/** The categories drawn in the forecast bar, bottom of the funnel first; Omitted is listed, never stacked. */
export const STACKED_CATEGORIES = ['closed', 'commit', 'best_case', 'pipeline'] as const satisfies readonly ForecastCategory[];

export interface BarSegment {
  category: (typeof STACKED_CATEGORIES)[number];
  amountMinor: number;
  /** Left edge and width as fractions of the bar (0..1). */
  start: number;
  width: number;
}

export interface ForecastBar {
  segments: BarSegment[];
  /** Where the target line sits (0..1), or null without a target. */
  targetAt: number | null;
  /** Closed + Commit + Best case + Pipeline: what the bar adds up to. */
  totalMinor: number;
}

/**
 * The stacked forecast bar against target. The scale is the larger of the stack and the target, so
 * both always fit and a stack past target visibly overshoots the line.
 */
export function forecastBar(forecast: Record<ForecastCategory, { amountMinor: number }>, targetMinor: number | null): ForecastBar {
  const amounts = STACKED_CATEGORIES.map((category) => ({ category, amountMinor: Math.max(0, forecast[category].amountMinor) }));
  const totalMinor = amounts.reduce((sum, a) => sum + a.amountMinor, 0);
  const scale = Math.max(totalMinor, targetMinor ?? 0);
  let start = 0;
  const segments = amounts.map((a) => {
    const width = scale > 0 ? a.amountMinor / scale : 0;
    const segment = { ...a, start, width };
    start += width;
    return segment;
  });
  return { segments, targetAt: targetMinor !== null && targetMinor > 0 && scale > 0 ? targetMinor / scale : null, totalMinor };
}

export interface FunnelRow {
  stageId: string;
  name: string;
  count: number;
  /** Bar width as a fraction of the widest stage (0..1). */
  width: number;
  /** The stage's open amount, converted (with its breakdown and anything left unconverted). */
  amount: ConvertedTotal;
}

/** Open stages in pipeline order, bar widths relative to the fullest stage by count (what every deal adds, converted or not). */
export function funnelRows(stages: ReadonlyArray<{ stageId: string; name: string; count: number; amount: ConvertedTotal }>): FunnelRow[] {
  const most = stages.reduce((max, stage) => Math.max(max, stage.count), 0);
  return stages.map((stage) => ({ stageId: stage.stageId, name: stage.name, count: stage.count, width: most > 0 ? stage.count / most : 0, amount: stage.amount }));
}

/** The project page module (manifest.yml `jira:projectPage` key); the board is its `pipeline` subpage. */
export const PROJECT_PAGE_MODULE = 'relay-crm';

/**
 * The board filters that show the deals behind the gadget: the period's close dates (exact, from the
 * period the server reported, so fiscal years agree), and the segment when the board can filter on
 * that dimension (owner, segment, source; the board has no region filter, so region opens unfiltered).
 */
export function boardFilters(config: Pick<PipelineConfig, 'period' | 'segment'>, period: { start: string; end: string } | null): BoardFilters {
  const filters: BoardFilters = {};
  if (period) {
    filters.period = 'custom';
    filters.from = period.start;
    filters.to = period.end;
  } else if (config.period !== 'month') {
    filters.period = config.period === 'quarter' ? 'this-quarter' : 'next-quarter';
  }
  const segment = config.segment;
  if (segment?.dimension === 'owner') filters.owner = segment.value;
  if (segment?.dimension === 'source') filters.source = segment.value;
  if (segment?.dimension === 'segment') filters.segment = segment.value as BoardFilters['segment'];
  return filters;
}

/** Where Forge's router opens a module of this app (`router.navigate` with a NavigationLocation). */
export interface ModuleLocation {
  target: 'module';
  moduleKey: string;
  projectKey: string;
  path: string;
}

/**
 * The filtered board as a router location: the project page module in that project, its `pipeline`
 * subpage, and the board's own filter query (serialised by the board's code, so both sides read it
 * the same way). Jira builds the URL (app and environment ids included) and keeps its own history,
 * which a hand-made site URL could not do from inside a gadget's iframe.
 */
export function boardLocation(projectKey: string, filters: BoardFilters): ModuleLocation {
  return { target: 'module', moduleKey: PROJECT_PAGE_MODULE, projectKey, path: `/pipeline${serializeFilters(filters)}` };
}

/**
 * A glossary definition as the server sent it (the site's wording), else Relay's own: the contract
 * types the glossary as an open record, and a tooltip must never be empty.
 */
export function definitionOf(glossary: Record<string, string>, key: GlossaryKey): string {
  const text = glossary[key]?.trim();
  return text ? text : GLOSSARY[key];
}

export interface AsOfLine {
  /** The project the time belongs to, or null when one time holds for every project shown. */
  projectName: string | null;
  time: string;
}

/**
 * "As of" lines for the projects a gadget combines: one line when every computed project reads the
 * same once formatted (the daily run computes them moments apart), else one line per project, so a
 * project whose numbers are older is visible. Projects without numbers yet have no line.
 */
export function asOfLines(projects: ReadonlyArray<{ projectName: string; computedAt: number | null }>, format: (ms: number) => string): AsOfLine[] {
  const lines = projects.flatMap((p) => (p.computedAt === null ? [] : [{ projectName: p.projectName, time: format(p.computedAt) }]));
  const first = lines[0];
  if (!first) return [];
  return lines.every((l) => l.time === first.time) ? [{ projectName: null, time: first.time }] : lines;
}
