import type { Clock } from '../platform/types';
import type { QueryIndex, StoredItem } from './entity-store';

/**
 * Forge documents Custom Entity Store queries as eventually consistent, and `kvs.query()` reads the
 * same kind of index: a write is not promised to show in a query straight away, while `get`, batches
 * and transactions read the items themselves. This queue holds every write for `lagMs` on the
 * sandbox clock before the indexes see it, so a query can miss a new record, still return a deleted
 * one, or return a record as it was before its last update. How long the real lag is, Atlassian does
 * not say; the sandbox takes one fixed lag (the longest it may be) rather than a random one, so a
 * test that depends on it is deterministic.
 */
interface PendingChange {
  visibleAt: number;
  target: QueryIndex;
  key: string;
  item: StoredItem | undefined;
  /** A later write to the same key replaced this one before the index saw it. */
  superseded: boolean;
}

export class IndexLag {
  private pending: PendingChange[] = [];
  /** The one change per key still waiting, so a newer write replaces an older one it overtook. */
  private readonly latest = new Map<QueryIndex, Map<string, PendingChange>>();
  /** Whether `pending` is in visibleAt order (false once a test set the clock back). */
  private ordered = true;

  constructor(
    private readonly clock: Clock,
    private lagMs: number,
  ) {
    this.check(lagMs);
  }

  get lag(): number {
    return this.lagMs;
  }

  /** Changes the lag for writes from now on; writes already waiting keep their time. */
  setLag(lagMs: number): void {
    this.check(lagMs);
    this.lagMs = lagMs;
    if (lagMs === 0) this.flush();
  }

  record(target: QueryIndex, key: string, item: StoredItem | undefined): void {
    if (this.lagMs === 0 && this.pending.length === 0) {
      target.index(key, item);
      return;
    }
    let keys = this.latest.get(target);
    if (!keys) {
      keys = new Map();
      this.latest.set(target, keys);
    }
    const now = this.clock.now();
    const previous = keys.get(key);
    if (previous) {
      // Already due: the index saw it before this write (a query would have); otherwise it is overtaken.
      if (previous.visibleAt <= now) previous.target.index(previous.key, previous.item);
      previous.superseded = true;
    }
    const change: PendingChange = { visibleAt: now + this.lagMs, target, key, item, superseded: false };
    const last = this.pending.at(-1);
    if (last && change.visibleAt < last.visibleAt) this.ordered = false;
    keys.set(key, change);
    this.pending.push(change);
  }

  /**
   * Applies the writes whose lag has run out; every query calls this before reading. A test may set
   * the clock back, so writes are not always due in the order they were made: a write the index has
   * not seen yet is dropped when a newer one to the same key arrives, and so never overwrites it.
   */
  catchUp(): void {
    const now = this.clock.now();
    if (this.ordered) {
      // Writes due in the order they were made (the clock never went back): the due ones lead.
      let due = 0;
      while (due < this.pending.length && this.pending[due]!.visibleAt <= now) {
        const change = this.pending[due]!;
        if (!change.superseded) this.apply(change);
        due += 1;
      }
      if (due > 0) this.pending.splice(0, due);
      return;
    }
    const waiting: PendingChange[] = [];
    for (const change of this.pending) {
      if (change.superseded) continue;
      if (change.visibleAt > now) waiting.push(change);
      else this.apply(change);
    }
    this.pending = waiting;
    this.ordered = waiting.every((c, i) => i === 0 || c.visibleAt >= waiting[i - 1]!.visibleAt);
  }

  /** Makes every waiting write visible now (state loaded from a file, or the lag switched off). */
  flush(): void {
    for (const change of this.pending) if (!change.superseded) this.apply(change);
    this.pending = [];
    this.latest.clear();
    this.ordered = true;
  }

  private apply(change: PendingChange): void {
    change.target.index(change.key, change.item);
    const keys = this.latest.get(change.target);
    if (keys?.get(change.key) === change) keys.delete(change.key);
  }

  /** Writes the indexes have not seen yet. */
  get waiting(): number {
    return this.pending.filter((c) => !c.superseded).length;
  }

  clear(): void {
    this.pending = [];
    this.latest.clear();
    this.ordered = true;
  }

  private check(lagMs: number): void {
    if (!Number.isFinite(lagMs) || lagMs < 0) throw new Error(`The query index lag must be a non-negative number of milliseconds (got ${lagMs})`);
  }
}
