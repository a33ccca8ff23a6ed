import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { WriteRefused } from '../../ports/failures';

/** A time to live, as the SDK's set options take it (the package does not export its type by name). */
export interface Ttl {
  value: number;
  unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS';
}




/**
 * Forge cancels a whole transaction when one of its conditions does not hold. Use cases re-read
 * and decide (see usecases/versioned-save.ts): a record whose version moved on is a CONFLICT for
 * the user, a shared record another write updated in the meantime is retried.
 */
export function isConditionFailure(error: unknown): boolean {
  if (error instanceof WriteRefused) return true;
  return error instanceof ForgeKvsAPIError && (error.responseDetails.status === 409 || error.code === 'TRANSACTION_CONDITION_FAILED');
}

/**
 * Creates a record only if its key holds nothing. This is the one create-if-absent the app uses:
 * `keyPolicy: 'FAIL_IF_EXISTS'` on a single set, which the SDK types declare (`PolicySetOptions`)
 * for the key-value store and entities alike. A transaction condition on a key that does not exist
 * yet (e.g. `notExists()`) is not documented, so no transaction relies on one: conditions are only
 * ever put on records that exist. Refused because the key exists → `WriteRefused`.
 */
export async function createOnly<T>(key: string, value: T, entityName?: string, ttl?: Ttl): Promise<void> {
  try {
    if (entityName) await kvs.entity<T>(entityName).set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...(ttl ? { ttl } : {}) });
    else await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...(ttl ? { ttl } : {}) });
  } catch (error) {
    const existing = entityName ? await kvs.entity<T>(entityName).get(key) : await kvs.get(key);
    if (existing !== undefined) throw new WriteRefused(key);
    throw error;
  }
}

/**
 * The pause before trying a refused write again: random (so racing writers spread out) and
 * growing, capped at 100 ms.
 */
export function pauseBeforeRetry(attempt: number): Promise<void> {
  const ceiling = Math.min(100, 4 * 2 ** Math.min(attempt, 5));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
