import { ForgeKvsAPIError } from '@forge/kvs';

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
