import type { z } from 'zod';
import type { DealAttributionRecord, DealSchema } from '../contracts/deal';
import type { CriteriaField, ForecastCategory, Pipeline, Stage } from './pipeline';
import { stageById, stageIndex } from './pipeline';
import type { FiscalCalendar, PeriodKind } from './periods';
import { isPushedOut } from './periods';

/**
 * A deal and the rules of its life: which fields count as filled for exit criteria, moving between
 * stages, winning, losing, reopening, and what an edit does to its push count. Pure: time comes in
 * as `now` (epoch ms), nothing is read or written here.
 */
export const DEAL_TYPES = ['new_business', 'expansion', 'renewal'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

/** Where the deal's buyer first came from: copied from its first contact's first touch when the deal is created. */
export type DealAttribution = z.infer<typeof DealAttributionRecord>;

/**
 * A deal, as the domain holds it. Its shape has one source, the schema storage and the contracts
 * parse with (contracts/deal.ts `DealSchema`); inside the domain the type is trusted.
 */
export type Deal = z.infer<typeof DealSchema>;

export type DealErrorCode = 'STAGE_EXIT_CRITERIA' | 'STAGE_UNKNOWN' | 'DEAL_ARCHIVED' | 'DEAL_CLOSED' | 'DEAL_NOT_CLOSED' | 'LOST_REASON_REQUIRED';

export class DealError extends Error {
  constructor(
    readonly code: DealErrorCode,
    message: string,
    readonly details: { missing?: CriteriaField[]; stageId?: string } = {},
  ) {
    super(message);
    this.name = 'DealError';
  }
}

const filledText = (value: string | null) => value !== null && value.trim().length > 0;

/** Whether a deal has a value for a criteria field (text that is not blank, a positive amount, at least one contact). */
export function isFilled(deal: Deal, field: CriteriaField): boolean {
  switch (field) {
    case 'amount':
      return deal.amountMinor !== null && deal.amountMinor > 0;
    case 'contacts':
      return deal.contactIds.length > 0;
    case 'companyId':
    case 'closeDate':
    case 'nextStep':
    case 'nextStepDue':
    case 'source':
    case 'segment':
    case 'contractStart':
    case 'contractEnd':
    case 'scope':
    case 'notSold':
    case 'stakeholders':
    case 'successCriteria':
      return filledText(deal[field]);
  }
}

export function missingCriteria(deal: Deal, fields: readonly CriteriaField[]): CriteriaField[] {
  return fields.filter((field) => !isFilled(deal, field));
}

/** The forecast category a deal counts in: closed deals by their outcome, open ones by override or stage. */
export function forecastOf(deal: Pick<Deal, 'outcome' | 'forecastOverride'>, stage: Stage): ForecastCategory {
  if (deal.outcome === 'won') return 'closed';
  if (deal.outcome === 'lost') return 'omitted';
  return deal.forecastOverride ?? stage.forecastCategory;
}

function requireStage(pipeline: Pipeline, stageId: string): Stage {
  const stage = stageById(pipeline, stageId);
  if (!stage) throw new DealError('STAGE_UNKNOWN', `Stage ${stageId} is not in this project's pipeline`, { stageId });
  return stage;
}

/** Which stage asks for which fields of a move: leaving a stage (its exit criteria), or entering won (its definition of ready). */
export interface CriteriaSource {
  stageId: string;
  role: 'exit' | 'ready';
  fields: CriteriaField[];
}

/**
 * The stages a move's fields come from, in pipeline order: leaving a stage forward needs its exit
 * criteria, and those of every stage it skips; entering the won stage also needs the won stage's
 * own (the hand-off's definition of ready). Moving back, sideways within a stage, or to lost needs
 * nothing: reworking a deal is never blocked. A field asked by two stages is listed once, at the first.
 */
export function criteriaSourcesForMove(pipeline: Pipeline, fromStageId: string, toStageId: string): CriteriaSource[] {
  const from = stageIndex(pipeline, fromStageId);
  const to = stageIndex(pipeline, toStageId);
  const target = pipeline.stages[to];
  if (target?.outcome === 'lost') return [];
  const seen = new Set<CriteriaField>();
  const sources: CriteriaSource[] = [];
  const add = (stage: Stage, role: CriteriaSource['role']) => {
    const fields = stage.exitCriteria.filter((f) => !seen.has(f));
    fields.forEach((f) => seen.add(f));
    if (fields.length > 0) sources.push({ stageId: stage.id, role, fields });
  };
  if (from >= 0 && to > from) for (const stage of pipeline.stages.slice(from, to)) if (stage.outcome === 'open') add(stage, 'exit');
  if (target?.outcome === 'won') add(target, 'ready');
  return sources;
}

/** The fields a move needs (see criteriaSourcesForMove), each once. */
export function criteriaForMove(pipeline: Pipeline, fromStageId: string, toStageId: string): CriteriaField[] {
  return criteriaSourcesForMove(pipeline, fromStageId, toStageId).flatMap((s) => s.fields);
}

export interface MoveInput {
  toStageId: string;
  position: string;
  /** Needed when the target is the lost stage. */
  lostReason?: string;
}

/**
 * Moves a deal to a stage and position, as a drag on the board does. Into the won or lost stage it
 * wins or loses the deal; out of them into an open stage it reopens it.
 * Errors: DEAL_ARCHIVED, STAGE_UNKNOWN, STAGE_EXIT_CRITERIA (with the missing fields), LOST_REASON_REQUIRED.
 */
export function moveDeal(deal: Deal, pipeline: Pipeline, input: MoveInput, now: number): Deal {
  if (deal.archived) throw new DealError('DEAL_ARCHIVED', 'An archived deal cannot be moved; restore it first');
  const target = requireStage(pipeline, input.toStageId);
  if (target.id === deal.stageId) return { ...deal, position: input.position, updatedAt: now };
  const missing = missingCriteria(deal, criteriaForMove(pipeline, deal.stageId, target.id));
  if (missing.length > 0) {
    const current = stageById(pipeline, deal.stageId);
    throw new DealError('STAGE_EXIT_CRITERIA', `Fill in ${missing.join(', ')} before moving this deal out of ${current?.name ?? 'its stage'}`, { missing, stageId: deal.stageId });
  }
  const lostReason = input.lostReason?.trim();
  if (target.outcome === 'lost' && !lostReason) throw new DealError('LOST_REASON_REQUIRED', 'Say why the deal was lost');
  return {
    ...deal,
    stageId: target.id,
    position: input.position,
    outcome: target.outcome,
    lostReason: target.outcome === 'lost' ? (lostReason ?? null) : null,
    closedAt: target.outcome === 'open' ? null : now,
    stageEnteredAt: now,
    stageHistory: [...deal.stageHistory, target.id],
    updatedAt: now,
  };
}

/** Wins a deal (moves it to the won stage). Errors as `moveDeal`, plus DEAL_CLOSED when already won. */
export function winDeal(deal: Deal, pipeline: Pipeline, position: string, now: number): Deal {
  const won = pipeline.stages.find((s) => s.outcome === 'won');
  if (!won) throw new DealError('STAGE_UNKNOWN', 'This pipeline has no won stage');
  if (deal.outcome === 'won') throw new DealError('DEAL_CLOSED', 'This deal is already won');
  return moveDeal(deal, pipeline, { toStageId: won.id, position }, now);
}

/** Loses a deal with a reason. Errors: DEAL_CLOSED when already lost, LOST_REASON_REQUIRED, DEAL_ARCHIVED. */
export function loseDeal(deal: Deal, pipeline: Pipeline, reason: string, position: string, now: number): Deal {
  const lost = pipeline.stages.find((s) => s.outcome === 'lost');
  if (!lost) throw new DealError('STAGE_UNKNOWN', 'This pipeline has no lost stage');
  if (deal.outcome === 'lost') throw new DealError('DEAL_CLOSED', 'This deal is already lost');
  return moveDeal(deal, pipeline, { toStageId: lost.id, position, lostReason: reason }, now);
}

/** Reopens a won or lost deal into an open stage. Errors: DEAL_NOT_CLOSED, STAGE_UNKNOWN (target not open). */
export function reopenDeal(deal: Deal, pipeline: Pipeline, toStageId: string, position: string, now: number): Deal {
  if (deal.outcome === 'open') throw new DealError('DEAL_NOT_CLOSED', 'Only a won or lost deal can be reopened');
  const target = requireStage(pipeline, toStageId);
  if (target.outcome !== 'open') throw new DealError('STAGE_UNKNOWN', 'A reopened deal goes to an open stage', { stageId: toStageId });
  return moveDeal(deal, pipeline, { toStageId, position }, now);
}

/** Fields an edit may change directly (stage, outcome and position change only through moves). */
export type DealPatch = Partial<
  Pick<
    Deal,
    | 'name' | 'companyId' | 'contactIds' | 'amountMinor' | 'currency' | 'recurring' | 'type' | 'forecastOverride' | 'closeDate' | 'ownerId'
    | 'source' | 'segment' | 'nextStep' | 'nextStepDue' | 'contractStart' | 'contractEnd' | 'scope' | 'notSold' | 'stakeholders' | 'successCriteria'
  >
>;

/**
 * Applies an edit. A close date moved into a later period (quarter by default, per the fiscal
 * calendar) counts one push: the "slipped deal" of the glossary.
 */
export function updateDeal(deal: Deal, patch: DealPatch, now: number, calendar: FiscalCalendar, slipPeriod: PeriodKind = 'quarter'): Deal {
  if (deal.archived) throw new DealError('DEAL_ARCHIVED', 'An archived deal cannot be edited; restore it first');
  const next: Deal = { ...deal, ...patch, updatedAt: now };
  if (deal.closeDate && next.closeDate && isPushedOut(deal.closeDate, next.closeDate, slipPeriod, calendar)) next.pushCount = deal.pushCount + 1;
  return next;
}

/** Days a deal has been in its current stage (whole days, from epoch-ms times). */
export function daysInStage(deal: Pick<Deal, 'stageEnteredAt'>, now: number): number {
  return Math.max(0, Math.floor((now - deal.stageEnteredAt) / 86_400_000));
}
