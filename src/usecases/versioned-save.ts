import { storage } from '../ports/registry';
import { AppError } from './errors';

/**
 * How many times one save is tried when something it shares with other writes moved under it (a
 * totals shard, a claim being taken, the pipeline's version). Each try is one transaction.
 */
export const SAVE_ATTEMPTS = 12;

export interface VersionedSave<T> {
  /** Builds and runs one attempt (one transaction, conditioned on the versions read); `attempt` counts from 1. */
  run(attempt: number): Promise<T>;
  /**
   * Called when an attempt was refused on a condition: reads back why. It throws what the user must
   * see — `StaleVersionError` when the record's own version moved (CONFLICT with the current record),
   * or another coded error (the record is gone, a value is taken) — and returns normally when the
   * refusal was a race on something shared, which is then tried again, invisibly.
   */
  explain(error: unknown): Promise<void>;
}

/**
 * The one save policy of every versioned record (deals, companies, contacts, activities, hand-off
 * updates, the pipeline, the hand-off template, the site settings): optimistic, conditioned on the
 * versions read; a stale version is the user's CONFLICT; a race on shared records is retried after a
 * short random pause. Anything else thrown by an attempt is not a condition and is passed on.
 */
export async function saveVersioned<T>(save: VersionedSave<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await save.run(attempt);
    } catch (error) {
      if (!storage.isConditionFailure(error)) throw error;
      await save.explain(error);
      if (attempt >= SAVE_ATTEMPTS) {
        throw new AppError('RATE_LIMITED', 'Many changes are being saved here at once. Try again in a moment.', [], { reason: 'CONTENDED' });
      }
      await storage.pauseBeforeRetry(attempt);
    }
  }
}
