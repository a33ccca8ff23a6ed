import type { z } from 'zod';
import type { PipelineNowSchema } from '../../contracts/metrics';
import type { PipelineNow, ScopeMetrics } from '../../domain/metrics-summary';
import type { ExchangeRates } from '../../domain/money';
import type { Pipeline } from '../../domain/pipeline';
import type { StageAmounts } from '../../domain/pipeline-figures';
import { mergeStagesByName, pipelineFigures } from '../../domain/pipeline-figures';
import type { PipelineTotals } from '../../domain/totals';
import { ownValue } from '../../domain/own';

type PipelineNowFigures = z.infer<typeof PipelineNowSchema>;

/**
 * The open pipeline now as the gadget and Insights show it, built exactly as the board builds its
 * column headers: the open stages' per-currency amounts (the maintained totals, or a segment's
 * daily figures, which are computed by the same `computeTotals`), converted by one function.
 */
export function stageAmounts(pipeline: Pipeline, now: Pick<PipelineTotals, 'byStage' | 'weightedByStage'> | PipelineNow): StageAmounts[] {
  return pipeline.stages
    .filter((stage) => stage.outcome === 'open')
    .map((stage) => ({ stageId: stage.id, name: stage.name, count: ownValue(now.byStage, stage.id)?.count ?? 0, amounts: ownValue(now.byStage, stage.id)?.amounts ?? {}, weighted: ownValue(now.weightedByStage, stage.id) ?? {} }));
}

/** Live from the maintained totals of one or more projects (stages merged by name). */
export function livePipeline(projects: ReadonlyArray<{ pipeline: Pipeline; totals: PipelineTotals }>, rates: ExchangeRates): PipelineNowFigures {
  return { source: 'live', asOf: null, ...pipelineFigures(mergeStagesByName(projects.map((p) => stageAmounts(p.pipeline, p.totals))), rates) };
}

/** From the daily figures of one segment in one or more projects (a project without that segment adds nothing). */
export function dailyPipeline(projects: ReadonlyArray<{ pipeline: Pipeline; scope: ScopeMetrics | null }>, rates: ExchangeRates, asOf: number | null): PipelineNowFigures {
  const lists = projects.map((p) => (p.scope ? stageAmounts(p.pipeline, p.scope.pipelineNow) : stageAmounts(p.pipeline, { open: { count: 0, amounts: {} }, weighted: {}, byStage: {}, weightedByStage: {} })));
  return { source: 'daily', asOf, ...pipelineFigures(mergeStagesByName(lists), rates) };
}
