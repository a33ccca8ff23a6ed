import { ForgeKvsAPIError } from '@forge/kvs';

/**
 * How long Relay lets a write settle before trusting an entity query to show it. Forge documents
 * queries as eventually consistent and publishes no bound; ten seconds is Relay's assumption, chosen
 * far above the seconds such indexes usually take. Only work that must see every write (the totals
 * rebuild) waits for it; screens show what they wrote themselves instead (README, Decisions).
 */
export const QUERY_SETTLE_MS = 10_000;

/**
 * Forge cancels a whole transaction when one of its conditions does not hold, and answers 409.
 * Use cases re-read and decide: a record whose version moved on is a CONFLICT for the user, a
 * rollup that another write updated in the meantime is retried.
 */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && (error.responseDetails.status === 409 || error.code === 'TRANSACTION_CONDITION_FAILED');
}

/** Runs `attempt` again while it fails on a condition and `shouldRetry` says so; at most `times` tries. */
export async function retryOnConditions<T>(attempt: () => Promise<T>, times = 5): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConditionFailure(error) || i >= times) throw error;
    }
  }
}
