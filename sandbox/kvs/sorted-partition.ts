import type { CheckedRange, Scalar } from './conditions';
import { compareScalars } from './conditions';

/** One entity's place in one partition of one index. */
export interface IndexEntry {
  readonly key: string;
  readonly range: Scalar;
  /** False once the entity left this place (deleted, or moved by an update). */
  live: boolean;
  /** Whether the entry is physically in `sorted` (as opposed to waiting in `pendingAdds`). */
  inSorted: boolean;
}

/** Index order: by range value, then by key, so every position is unique and cursors are stable. */
export function compareEntries(a: { range: Scalar; key: string }, b: { range: Scalar; key: string }): number {
  const byRange = compareScalars(a.range, b.range);
  if (byRange !== 0) return byRange;
  return a.key === b.key ? 0 : a.key < b.key ? -1 : 1;
}

/** At most this many pending changes are merged one by one; more and the partition is re-sorted. */
const INCREMENTAL_LIMIT = 32;

/**
 * The entries of one partition of one index, kept in index order for binary search. Writes are
 * cheap (they queue), and the order is settled when a query next reads the partition: a handful of
 * changes are spliced in place, a bulk load (seeding 100,000 entities) costs one sort.
 */
export class SortedPartition {
  private sorted: IndexEntry[] = [];
  private readonly byKey = new Map<string, IndexEntry>();
  private pendingAdds: IndexEntry[] = [];
  private pendingRemovals: IndexEntry[] = [];

  get size(): number {
    return this.byKey.size;
  }

  entryFor(key: string): IndexEntry | undefined {
    return this.byKey.get(key);
  }

  add(key: string, range: Scalar): void {
    const current = this.byKey.get(key);
    // Most updates leave an index's range alone: the entity keeps its place.
    if (current && current.range === range) return;
    this.remove(key);
    const entry: IndexEntry = { key, range, live: true, inSorted: false };
    this.byKey.set(key, entry);
    this.pendingAdds.push(entry);
  }

  remove(key: string): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    this.byKey.delete(key);
    entry.live = false;
    if (entry.inSorted) this.pendingRemovals.push(entry);
  }

  clear(): void {
    this.sorted = [];
    this.byKey.clear();
    this.pendingAdds = [];
    this.pendingRemovals = [];
  }

  /** The entries in index order, with every pending change applied. */
  entries(): readonly IndexEntry[] {
    this.settle();
    return this.sorted;
  }

  private settle(): void {
    const changes = this.pendingAdds.length + this.pendingRemovals.length;
    if (changes === 0) return;
    if (changes <= INCREMENTAL_LIMIT) {
      for (const gone of this.pendingRemovals) {
        const at = lowerBoundEntry(this.sorted, gone);
        if (this.sorted[at] === gone) this.sorted.splice(at, 1);
        gone.inSorted = false;
      }
      for (const added of this.pendingAdds) {
        if (!added.live) continue;
        this.sorted.splice(lowerBoundEntry(this.sorted, added), 0, added);
        added.inSorted = true;
      }
    } else {
      for (const gone of this.pendingRemovals) gone.inSorted = false;
      this.sorted = [...this.byKey.values()].sort(compareEntries);
      for (const entry of this.sorted) entry.inSorted = true;
    }
    this.pendingAdds = [];
    this.pendingRemovals = [];
  }
}

/** First position whose entry is not before `probe` in index order. */
export function lowerBoundEntry(entries: readonly { range: Scalar; key: string }[], probe: { range: Scalar; key: string }): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntries(entries[mid] as IndexEntry, probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position where `before(entry)` stops holding; `before` must be true for a prefix of the entries. */
function partitionPoint(entries: readonly IndexEntry[], before: (entry: IndexEntry) => boolean, from = 0): number {
  let lo = from;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(entries[mid] as IndexEntry)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The half-open span `[start, end)` of entries whose range satisfies the condition (all of them without one). */
export function rangeSpan(entries: readonly IndexEntry[], range: CheckedRange | undefined): { start: number; end: number } {
  if (!range) return { start: 0, end: entries.length };
  const [first, second] = range.values as [Scalar, Scalar];
  const below = (v: Scalar) => (e: IndexEntry) => compareScalars(e.range, v) < 0;
  const notAbove = (v: Scalar) => (e: IndexEntry) => compareScalars(e.range, v) <= 0;
  switch (range.condition) {
    case 'EQUAL_TO':
      return { start: partitionPoint(entries, below(first)), end: partitionPoint(entries, notAbove(first)) };
    case 'BETWEEN': {
      const start = partitionPoint(entries, below(first));
      return { start, end: Math.max(start, partitionPoint(entries, notAbove(second))) };
    }
    case 'GREATER_THAN':
      return { start: partitionPoint(entries, notAbove(first)), end: entries.length };
    case 'GREATER_THAN_EQUAL_TO':
      return { start: partitionPoint(entries, below(first)), end: entries.length };
    case 'LESS_THAN':
      return { start: 0, end: partitionPoint(entries, below(first)) };
    case 'LESS_THAN_EQUAL_TO':
      return { start: 0, end: partitionPoint(entries, notAbove(first)) };
    case 'BEGINS_WITH': {
      const prefix = String(first);
      const start = partitionPoint(entries, below(prefix));
      // Strings with the prefix sort together right after the prefix itself.
      const end = partitionPoint(entries, (e) => String(e.range).startsWith(prefix), start);
      return { start, end };
    }
    default:
      return { start: 0, end: 0 };
  }
}
