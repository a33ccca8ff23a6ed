import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Board order as fractional positions: a card moved between two neighbours gets a key that sorts
 * between theirs, so a move is one write, never a renumbering of the column. Keys are strings that
 * sort by code unit, which is how entity range indexes compare them.
 */
export function positionBetween(before: string | null, after: string | null): string {
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`Position "${before}" must sort before "${after}"`);
  }
  return generateKeyBetween(before, after);
}

/** Positions for n cards appended after `last` (or starting an empty column), in order. */
export function positionsAfter(last: string | null, n: number): string[] {
  return generateNKeysBetween(last, null, n);
}

/** Comparison by code unit, matching the storage index (not the locale). */
export function comparePositions(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
