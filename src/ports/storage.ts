

/**
 * How long Relay lets a write settle before trusting an entity query to show it. Forge documents
 * queries as eventually consistent and publishes no bound; ten seconds is Relay's assumption, chosen
 * far above the seconds such indexes usually take. Only work that must see every write (the totals
 * rebuild) waits for it; screens show what they wrote themselves instead (README, Decisions).
 */
export const QUERY_SETTLE_MS = 10_000;

import type { kvs } from '@forge/kvs';

export interface ReadRecord<T> {
  value: T;
  /** 'guard': versioned in the entity (a save can be conditioned on it); 'legacy': only the old key-value copy exists. */
  place: 'guard' | 'legacy';
}

/** The SDK's transaction builder (the package does not export its type by name). */
export type Transaction = ReturnType<typeof kvs.transact>;

/** A step another write adds to its own transaction. */
export type TxStep = (tx: Transaction) => Transaction;

/** The guard records a use case may name: each is one small versioned record saved whole. */
export interface GuardKeys {
  renewalRun(): string;
  healthWeights(): string;
  renewalSettings(projectId: string): string;
  renewalHorizons(): string;
}

export interface Versioned<T> {
  value: T;
  /** 0 when nothing is stored yet. */
  version: number;
}

/**
 * What every store shares: conditioned writes that may be refused, storage's rate limits and the back-off a job may use.
 * Implemented by adapters/kvs/transactions.ts, adapters/kvs/backoff.ts, adapters/kvs/versioned-record.ts, adapters/kvs/keys.ts.
 */
export interface StoragePort {
  /** How long Relay lets a write settle before trusting an entity query to show it. Forge documents
   * queries as eventually consistent and publishes no bound; ten seconds is Relay's assumption, chosen
   * far above the seconds such indexes usually take. Only work that must see every write (the totals
   * rebuild) waits for it; screens show what they wrote themselves instead (README, Decisions). */
  /** Forge cancels a whole transaction when one of its conditions does not hold. Use cases re-read
   * and decide (see usecases/versioned-save.ts): a record whose version moved on is a CONFLICT for
   * the user, a shared record another write updated in the meantime is retried. */
  isConditionFailure(error: unknown): boolean;
  /** Storage refused for now: too many requests (429) or failing (5xx); worth trying again later. */
  isStorageBusy(error: unknown): boolean;
  isStorageRateLimited(error: unknown): boolean;
  /** The pause before trying a refused write again: random (so racing writers spread out) and
   * growing, capped at 100 ms. */
  pauseBeforeRetry(attempt: number): Promise<void>;
  /** Runs a storage request, and when Forge answers 429 (the installation's requests per second or
   * read/write units per minute are spent) waits and tries again: 1 s, then doubling up to 15 s, for
   * at most `maxWaitMs` in all. Jobs that read every deal (900 s to run) give it minutes, so they finish
   * at the pace the quota allows; a resolver gives it nothing and answers RATE_LIMITED instead.
   * Forge sends no Retry-After for storage, hence the schedule. */
  withStorageBackoff<T>(attempt: () => Promise<T>, maxWaitMs: number): Promise<T>;
}
