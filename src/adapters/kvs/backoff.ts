import { ForgeKvsAPIError } from '@forge/kvs';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isStorageRateLimited(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && error.responseDetails.status === 429;
}

/** Storage refused for now: too many requests (429) or failing (5xx); worth trying again later. */
export function isStorageBusy(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && (error.responseDetails.status === 429 || error.responseDetails.status >= 500);
}

/**
 * Runs a storage request, and when Forge answers 429 (the installation's requests per second or
 * read/write units per minute are spent) waits and tries again: 1 s, then doubling up to 15 s, for
 * at most `maxWaitMs` in all. Jobs that read every deal (900 s to run) give it minutes, so they finish
 * at the pace the quota allows; a resolver gives it nothing and answers RATE_LIMITED instead.
 * Forge sends no Retry-After for storage, hence the schedule.
 */
export async function withStorageBackoff<T>(attempt: () => Promise<T>, maxWaitMs: number): Promise<T> {
  let waited = 0;
  for (let delay = 1000; ; delay = Math.min(delay * 2, 15_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isStorageRateLimited(error) || waited >= maxWaitMs) throw error;
      const wait = Math.min(delay, maxWaitMs - waited);
      waited += wait;
      await sleep(wait);
    }
  }
}
