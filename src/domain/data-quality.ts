import type { Deal } from './deal';
import { daysInStage, missingCriteria } from './deal';
import type { IsoDate } from './periods';
import { stageById, type CriteriaField, type Pipeline } from './pipeline';

/**
 * What the Data quality tab counts and lists, from the glossary's words. Completeness: the share of
 * open deals whose fields satisfy their stage's exit criteria. Stale: days in stage above the stage
 * maximum, or no next step, or a next step overdue (each listed on its own, with its fix). Pure.
 */
export type DealProblem =
  | { kind: 'missing-fields'; fields: CriteriaField[] }
  | { kind: 'stale'; days: number; maxDays: number }
  | { kind: 'no-next-step' }
  | { kind: 'next-step-overdue'; due: IsoDate };

export interface Completeness {
  open: number;
  complete: number;
}

export interface DealQuality {
  /** Open deals per stage and per owner, and how many of them are complete. */
  byStage: Record<string, Completeness>;
  byOwner: Record<string, Completeness>;
  /** Open deals with at least one problem, with every problem they have. */
  flagged: Array<{ deal: Deal; problems: DealProblem[] }>;
}

export function dealProblems(deal: Deal, pipeline: Pipeline, today: IsoDate, now: number): DealProblem[] {
  const problems: DealProblem[] = [];
  const stage = stageById(pipeline, deal.stageId);
  const missing = stage ? missingCriteria(deal, stage.exitCriteria) : [];
  if (missing.length > 0) problems.push({ kind: 'missing-fields', fields: missing });
  const days = daysInStage(deal, now);
  if (stage?.maxDays !== null && stage?.maxDays !== undefined && days > stage.maxDays) problems.push({ kind: 'stale', days, maxDays: stage.maxDays });
  if (!deal.nextStep?.trim()) problems.push({ kind: 'no-next-step' });
  else if (deal.nextStepDue && deal.nextStepDue < today) problems.push({ kind: 'next-step-overdue', due: deal.nextStepDue });
  return problems;
}

const add = (record: Record<string, Completeness>, key: string, complete: boolean) => {
  const entry = record[key] ?? { open: 0, complete: 0 };
  record[key] = { open: entry.open + 1, complete: entry.complete + (complete ? 1 : 0) };
};

/** Quality of the open deals given (archived and closed ones are not counted). */
export function dealQuality(deals: Iterable<Deal>, pipeline: Pipeline, today: IsoDate, now: number): DealQuality {
  const quality: DealQuality = { byStage: {}, byOwner: {}, flagged: [] };
  for (const deal of deals) {
    if (deal.archived || deal.outcome !== 'open') continue;
    const problems = dealProblems(deal, pipeline, today, now);
    const complete = !problems.some((p) => p.kind === 'missing-fields');
    add(quality.byStage, deal.stageId, complete);
    add(quality.byOwner, deal.ownerId, complete);
    if (problems.length > 0) quality.flagged.push({ deal, problems });
  }
  return quality;
}

/** Adds two slices' counts (the tab reads a large project slice by slice). */
export function mergeCompleteness(a: Record<string, Completeness>, b: Record<string, Completeness>): Record<string, Completeness> {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = { open: (out[key]?.open ?? 0) + value.open, complete: (out[key]?.complete ?? 0) + value.complete };
  return out;
}

/** The record field a fix opens: the drawer's name for a criteria field. */
export function fixField(field: CriteriaField): string {
  return field === 'amount' ? 'amountMinor' : field === 'contacts' ? 'contactIds' : field;
}
