import type { z } from 'zod';
import type { BoardResult, DealRecord } from '../../../../src/contracts/deal';
import type { CurrencyAmounts } from '../../../../src/domain/money';
import { addTo, weightedMinor } from '../../../../src/domain/money';
import type { Stage } from '../../../../src/domain/pipeline';

/**
 * The board as the page holds it: one column per open stage, each with its cards in order and the
 * server's maintained figures (count, amount and weighted amount per currency). Moves are applied
 * here first (optimistically) and the figures shifted by the moved deal, so the headers change at
 * once without a second `deals/board` call; the server's answer then replaces the moved card.
 *
 * Everything here is pure: the page passes `now`, the stages and the server's data.
 */
export interface Figures {
  count: number;
  amounts: CurrencyAmounts;
  weighted: CurrencyAmounts;
}

export interface Column extends Figures {
  stage: Stage;
  deals: DealRecord[];
}

export type BoardData = z.infer<typeof BoardResult>;

/** Joins the pipeline's open stages with the board call's columns (a stage the call did not return shows empty). */
export function columnsOf(stages: readonly Stage[], board: BoardData): Column[] {
  return stages
    .filter((stage) => stage.outcome === 'open')
    .map((stage) => {
      const column = board.columns.find((c) => c.stageId === stage.id);
      return { stage, deals: column?.deals ?? [], count: column?.count ?? 0, amounts: column?.amounts ?? {}, weighted: column?.weighted ?? {} };
    });
}

/** What one deal adds to a column's figures, weighted by the column's stage probability (as the server's totals are). */
function shiftFigures(figures: Figures, deal: DealRecord, stage: Stage, sign: 1 | -1): Figures {
  const amount = deal.amountMinor ?? 0;
  if (amount === 0) return { ...figures, count: figures.count + sign };
  return {
    count: figures.count + sign,
    amounts: addTo(figures.amounts, deal.currency, sign * amount),
    weighted: addTo(figures.weighted, deal.currency, sign * weightedMinor(amount, stage.probability)),
  };
}

/** Figures computed from the loaded cards only: what the headers show while a filter is on. */
export function figuresOf(deals: readonly DealRecord[], stage: Stage): Figures {
  return deals.reduce<Figures>((figures, deal) => shiftFigures(figures, deal, stage, 1), { count: 0, amounts: {}, weighted: {} });
}

export interface CardPlace {
  stageId: string;
  index: number;
}

export function findCard(columns: readonly Column[], dealId: string): (CardPlace & { deal: DealRecord }) | null {
  for (const column of columns) {
    const index = column.deals.findIndex((d) => d.id === dealId);
    const deal = column.deals[index];
    if (deal) return { stageId: column.stage.id, index, deal };
  }
  return null;
}

/** Takes a card off the board, lowering its column's figures. */
export function removeCard(columns: readonly Column[], dealId: string): Column[] {
  return columns.map((column) => {
    const deal = column.deals.find((d) => d.id === dealId);
    if (!deal) return column;
    return { ...column, ...shiftFigures(column, deal, column.stage, -1), deals: column.deals.filter((d) => d.id !== dealId) };
  });
}

/** Puts a card into a column at an index (clamped), raising that column's figures. A stage not on the board (won, lost) takes nothing. */
export function insertCard(columns: readonly Column[], deal: DealRecord, place: CardPlace): Column[] {
  return columns.map((column) => {
    if (column.stage.id !== place.stageId) return column;
    const index = Math.max(0, Math.min(place.index, column.deals.length));
    const deals = [...column.deals.slice(0, index), deal, ...column.deals.slice(index)];
    return { ...column, ...shiftFigures(column, deal, column.stage, 1), deals };
  });
}

export interface MovePlan {
  columns: Column[];
  /** The card as shown after the move (its stage, probability and days in stage updated). */
  moved: DealRecord;
  /** Where the card was (and the card that followed it), for the rollback. */
  from: CardPlace & { deal: DealRecord; nextId: string | null };
  afterDealId: string | null;
  beforeDealId: string | null;
}

/**
 * Moves a card to `place` (index counted in the target column without the card), as the user sees
 * it the moment they drop it. Returns the neighbours the server needs to compute the fractional
 * position, or null when the card is not on the board or would not move at all.
 */
export function planMove(columns: readonly Column[], dealId: string, target: Stage, place: CardPlace, now: number): MovePlan | null {
  const found = findCard(columns, dealId);
  if (!found) return null;
  if (found.stageId === place.stageId && found.index === place.index) return null;
  const nextId = columns.find((c) => c.stage.id === found.stageId)?.deals[found.index + 1]?.id ?? null;
  const from = { ...found, nextId };
  const changesStage = from.stageId !== target.id;
  const moved: DealRecord = changesStage ? { ...from.deal, stageId: target.id, probability: target.probability, stageEnteredAt: now } : from.deal;
  const next = insertCard(removeCard(columns, dealId), moved, place);
  const column = next.find((c) => c.stage.id === place.stageId);
  const at = column ? column.deals.findIndex((d) => d.id === dealId) : -1;
  return {
    columns: next,
    moved,
    from,
    afterDealId: column && at > 0 ? (column.deals[at - 1]?.id ?? null) : null,
    beforeDealId: column && at >= 0 ? (column.deals[at + 1]?.id ?? null) : null,
  };
}

/**
 * Undoes a move: the card goes back as it was, in front of the card that followed it (other moves
 * may have finished meanwhile, so the old index alone could land it elsewhere), else at its old index.
 */
export function rollback(columns: readonly Column[], plan: Pick<MovePlan, 'from'>): Column[] {
  const { deal, stageId, index, nextId } = plan.from;
  const without = removeCard(columns, deal.id);
  const column = without.find((c) => c.stage.id === stageId);
  const next = nextId === null || !column ? -1 : column.deals.findIndex((d) => d.id === nextId);
  return insertCard(without, deal, { stageId, index: next >= 0 ? next : index });
}

/**
 * Puts the server's record of a card in place of the one shown (same place; new version and
 * position), shifting the figures if its amount changed (an exit-criteria form may set it).
 */
export function confirmCard(columns: readonly Column[], record: DealRecord): Column[] {
  const at = findCard(columns, record.id);
  if (!at) return [...columns];
  return insertCard(removeCard(columns, record.id), record, at);
}

/**
 * The place for a card dropped beside another card (`edge` of `refDealId`), or at the end of a
 * column when there is no reference card. Indexes count the full column without the moved card,
 * so this holds while a filter hides some cards.
 */
export function placeBeside(columns: readonly Column[], dealId: string, stageId: string, refDealId: string | null, edge: 'top' | 'bottom' | null): CardPlace {
  const column = columns.find((c) => c.stage.id === stageId);
  const others = (column?.deals ?? []).filter((d) => d.id !== dealId);
  const ref = refDealId === null ? -1 : others.findIndex((d) => d.id === refDealId);
  if (ref < 0) return { stageId, index: others.length };
  return { stageId, index: ref + (edge === 'bottom' ? 1 : 0) };
}

export type KeyboardMove = 'left' | 'right' | 'up' | 'down';

/**
 * Where a keyboard move takes a card: left/right to the neighbouring column at the same height
 * (clamped), up/down by one within its column. Null at an edge.
 */
export function keyboardPlace(columns: readonly Column[], dealId: string, move: KeyboardMove): CardPlace | null {
  const from = findCard(columns, dealId);
  if (!from) return null;
  const columnIndex = columns.findIndex((c) => c.stage.id === from.stageId);
  const column = columns[columnIndex];
  if (!column) return null;
  if (move === 'up') return from.index > 0 ? { stageId: from.stageId, index: from.index - 1 } : null;
  if (move === 'down') return from.index < column.deals.length - 1 ? { stageId: from.stageId, index: from.index + 1 } : null;
  const neighbour = columns[columnIndex + (move === 'left' ? -1 : 1)];
  if (!neighbour) return null;
  return { stageId: neighbour.stage.id, index: Math.min(from.index, neighbour.deals.length) };
}

/**
 * A keyboard move as the user sees it: computed over the visible (possibly filtered) cards, then
 * turned into a place in the full column, next to the visible card it lands beside.
 */
export function keyboardPlaceVisible(full: readonly Column[], visible: readonly Column[], dealId: string, move: KeyboardMove): CardPlace | null {
  const place = keyboardPlace(visible, dealId, move);
  if (!place) return null;
  const shown = (visible.find((c) => c.stage.id === place.stageId)?.deals ?? []).filter((d) => d.id !== dealId);
  const next = shown[place.index];
  if (next) return placeBeside(full, dealId, place.stageId, next.id, 'top');
  const last = shown[shown.length - 1];
  return placeBeside(full, dealId, place.stageId, last ? last.id : null, last ? 'bottom' : null);
}

/** The one empty set every column without a saving card shares, so its props stay identical. */
export const NOTHING_SAVING: ReadonlySet<string> = new Set();

/**
 * What one column needs of the board-wide "saving" set and focus request: the set only when the
 * column holds a saving card, the focus only when it holds that card. Columns a move does not touch
 * then get identical props and their memoised render is skipped (a thousand cards re-rendered per
 * move otherwise).
 */
export function columnScope(deals: readonly DealRecord[], saving: ReadonlySet<string>, focusDealId: string | null): { saving: ReadonlySet<string>; focusDealId: string | null } {
  return {
    saving: saving.size > 0 && deals.some((d) => saving.has(d.id)) ? saving : NOTHING_SAVING,
    focusDealId: focusDealId !== null && deals.some((d) => d.id === focusDealId) ? focusDealId : null,
  };
}
