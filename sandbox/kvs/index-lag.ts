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
export class IndexLag {
  private readonly pending: Array<{ visibleAt: number; target: QueryIndex; key: string; item: StoredItem | undefined }> = [];

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
    this.pending.push({ visibleAt: this.clock.now() + this.lagMs, target, key, item });
  }

  /** Applies the writes whose lag has run out, oldest first; every query calls this before reading. */
  catchUp(): void {
    const now = this.clock.now();
    let applied = 0;
    for (const change of this.pending) {
      if (change.visibleAt > now) break;
      change.target.index(change.key, change.item);
      applied += 1;
    }
    if (applied > 0) this.pending.splice(0, applied);
  }

  /** Makes every waiting write visible now (state loaded from a file, or the lag switched off). */
  flush(): void {
    for (const change of this.pending) change.target.index(change.key, change.item);
    this.pending.length = 0;
  }

  /** Writes the indexes have not seen yet. */
  get waiting(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending.length = 0;
  }

  private check(lagMs: number): void {
    if (!Number.isFinite(lagMs) || lagMs < 0) throw new Error(`The query index lag must be a non-negative number of milliseconds (got ${lagMs})`);
  }
}
