/**
 * A project's pipeline is data: ordered stages, each with its probability, default forecast
 * category, outcome, the fields a deal must have to leave it (exit criteria) and how many days a deal
 * may sit in it before it counts as stale.
 */
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export const OUTCOMES = ['open', 'won', 'lost'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Deal fields a stage can require; each has one meaning of "filled in" (see deal.ts `isFilled`). */
export const CRITERIA_FIELDS = [
  'amount',
  'closeDate',
  'companyId',
  'contacts',
  'nextStep',
  'nextStepDue',
  'source',
  'segment',
  'contractStart',
  'contractEnd',
  'scope',
  'notSold',
  'stakeholders',
  'successCriteria',
] as const;
export type CriteriaField = (typeof CRITERIA_FIELDS)[number];

export interface Stage {
  id: string;
  name: string;
  /** Whole percent, 0–100. */
  probability: number;
  forecastCategory: ForecastCategory;
  outcome: Outcome;
  exitCriteria: CriteriaField[];
  /** Days a deal may stay before it is stale; null for no limit. */
  maxDays: number | null;
}

export interface Pipeline {
  stages: Stage[];
}

export type PipelineProblem = { path: string; message: string };

/**
 * Everything wrong with a pipeline, as field paths and messages (empty when it is valid): at least
 * one open stage, exactly one won and one lost stage, won at 100 % and lost at 0 %, unique ids and
 * names, probabilities in 0–100, closed stages in the "closed"/"omitted" categories.
 */
export function pipelineProblems(pipeline: Pipeline): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  const { stages } = pipeline;
  const count = (outcome: Outcome) => stages.filter((s) => s.outcome === outcome).length;
  if (count('open') === 0) problems.push({ path: 'stages', message: 'A pipeline needs at least one open stage.' });
  if (count('won') !== 1) problems.push({ path: 'stages', message: 'A pipeline needs exactly one won stage.' });
  if (count('lost') !== 1) problems.push({ path: 'stages', message: 'A pipeline needs exactly one lost stage.' });
  if (stages.length > 30) problems.push({ path: 'stages', message: 'A pipeline has at most 30 stages.' });
  const ids = new Set<string>();
  const names = new Set<string>();
  stages.forEach((stage, i) => {
    const at = (field: string) => `stages.${i}.${field}`;
    if (ids.has(stage.id)) problems.push({ path: at('id'), message: `Stage id "${stage.id}" is used twice.` });
    ids.add(stage.id);
    const name = stage.name.trim().toLowerCase();
    if (!name) problems.push({ path: at('name'), message: 'A stage needs a name.' });
    else if (names.has(name)) problems.push({ path: at('name'), message: `Stage name "${stage.name}" is used twice.` });
    names.add(name);
    if (!Number.isInteger(stage.probability) || stage.probability < 0 || stage.probability > 100) {
      problems.push({ path: at('probability'), message: 'Probability is a whole percent from 0 to 100.' });
    }
    if (stage.outcome === 'won' && stage.probability !== 100) problems.push({ path: at('probability'), message: 'The won stage has probability 100.' });
    if (stage.outcome === 'lost' && stage.probability !== 0) problems.push({ path: at('probability'), message: 'The lost stage has probability 0.' });
    if (stage.outcome === 'won' && stage.forecastCategory !== 'closed') problems.push({ path: at('forecastCategory'), message: 'The won stage forecasts as Closed.' });
    if (stage.outcome === 'lost' && stage.forecastCategory !== 'omitted') problems.push({ path: at('forecastCategory'), message: 'The lost stage forecasts as Omitted.' });
    if (stage.outcome === 'open' && stage.forecastCategory === 'closed') problems.push({ path: at('forecastCategory'), message: 'An open stage cannot forecast as Closed.' });
    if (stage.maxDays !== null && (!Number.isInteger(stage.maxDays) || stage.maxDays < 1)) {
      problems.push({ path: at('maxDays'), message: 'Days in stage is a whole number of at least 1, or none.' });
    }
    if (new Set(stage.exitCriteria).size !== stage.exitCriteria.length) problems.push({ path: at('exitCriteria'), message: 'A field is listed twice.' });
  });
  return problems;
}

/**
 * The pipeline a project gets when it enables the CRM: a common B2B sales process whose won stage
 * asks for the hand-off's definition of ready. `newId` makes the stage ids (the domain takes ids).
 */
export function defaultPipeline(newId: () => string): Pipeline {
  const stage = (name: string, probability: number, forecastCategory: ForecastCategory, outcome: Outcome, exitCriteria: CriteriaField[], maxDays: number | null): Stage => ({
    id: newId(),
    name,
    probability,
    forecastCategory,
    outcome,
    exitCriteria,
    maxDays,
  });
  return {
    stages: [
      stage('Qualification', 10, 'pipeline', 'open', ['companyId', 'contacts'], 14),
      stage('Discovery', 20, 'pipeline', 'open', ['amount', 'closeDate', 'nextStep'], 21),
      stage('Proposal', 50, 'best_case', 'open', ['stakeholders', 'scope'], 21),
      stage('Negotiation', 80, 'commit', 'open', ['contractStart', 'contractEnd'], 14),
      stage('Closed won', 100, 'closed', 'won', ['scope', 'notSold', 'stakeholders', 'successCriteria', 'contractStart', 'contractEnd', 'amount'], null),
      stage('Closed lost', 0, 'omitted', 'lost', [], null),
    ],
  };
}

export function stageById(pipeline: Pipeline, stageId: string): Stage | undefined {
  return pipeline.stages.find((s) => s.id === stageId);
}

export function stageIndex(pipeline: Pipeline, stageId: string): number {
  return pipeline.stages.findIndex((s) => s.id === stageId);
}

export function wonStage(pipeline: Pipeline): Stage {
  const stage = pipeline.stages.find((s) => s.outcome === 'won');
  if (!stage) throw new Error('The pipeline has no won stage');
  return stage;
}

export function lostStage(pipeline: Pipeline): Stage {
  const stage = pipeline.stages.find((s) => s.outcome === 'lost');
  if (!stage) throw new Error('The pipeline has no lost stage');
  return stage;
}

export function firstOpenStage(pipeline: Pipeline): Stage {
  const stage = pipeline.stages.find((s) => s.outcome === 'open');
  if (!stage) throw new Error('The pipeline has no open stage');
  return stage;
}
