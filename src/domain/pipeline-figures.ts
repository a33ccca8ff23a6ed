import type { ConvertedTotal, CurrencyAmounts, ExchangeRates } from './money';
import { addAmounts, convertAvailable } from './money';

/**
 * The open pipeline as every surface shows it, from per-currency amounts (the board's columns, the
 * maintained totals, or a segment's daily figures): one converted total per figure, the breakdown by
 * currency for a hover, and the amounts without a rate named rather than dropped. The board, the
 * Pipeline gadget and Insights all go through this one function, so the same deals give the same
 * numbers everywhere (glossary: Open deals, Open pipeline, Weighted pipeline).
 */
export interface StageAmounts {
  stageId: string;
  name: string;
  count: number;
  amounts: CurrencyAmounts;
  weighted: CurrencyAmounts;
}

export interface StageFigures {
  stageId: string;
  name: string;
  count: number;
  amount: ConvertedTotal;
  weighted: ConvertedTotal;
}

export interface PipelineFigures {
  openCount: number;
  open: ConvertedTotal;
  weighted: ConvertedTotal;
  stages: StageFigures[];
}

export function stageFigures(stage: StageAmounts, rates: ExchangeRates): StageFigures {
  return { stageId: stage.stageId, name: stage.name, count: stage.count, amount: convertAvailable(stage.amounts, rates), weighted: convertAvailable(stage.weighted, rates) };
}

/** The open pipeline over the open stages given (open deals are always in an open stage). */
export function pipelineFigures(stages: readonly StageAmounts[], rates: ExchangeRates): PipelineFigures {
  let amounts: CurrencyAmounts = {};
  let weighted: CurrencyAmounts = {};
  let openCount = 0;
  for (const stage of stages) {
    amounts = addAmounts(amounts, stage.amounts);
    weighted = addAmounts(weighted, stage.weighted);
    openCount += stage.count;
  }
  return { openCount, open: convertAvailable(amounts, rates), weighted: convertAvailable(weighted, rates), stages: stages.map((s) => stageFigures(s, rates)) };
}

/**
 * Stages of several projects merged by name (case-insensitive), in the order first met, so one
 * gadget over several pipelines shows one funnel; amounts stay per currency until converted.
 */
export function mergeStagesByName(lists: ReadonlyArray<readonly StageAmounts[]>): StageAmounts[] {
  const out: StageAmounts[] = [];
  for (const list of lists) {
    for (const stage of list) {
      const row = out.find((s) => s.name.toLowerCase() === stage.name.toLowerCase());
      if (!row) out.push({ ...stage });
      else {
        row.count += stage.count;
        row.amounts = addAmounts(row.amounts, stage.amounts);
        row.weighted = addAmounts(row.weighted, stage.weighted);
      }
    }
  }
  return out;
}
