import { kvs } from '@forge/kvs';

/** KVS batch operations take at most 25 keys. */
const BATCH = 25;

/**
 * Reads records of one entity by id, 25 per request, each through the store's own mapping; missing
 * ids are left out, so callers compare what they asked for with what came back. An id asked for
 * twice is read once (Forge refuses a batch that names a key twice).
 */
export async function readMany<T>(entityName: string, wanted: readonly string[], from: (value: unknown) => T): Promise<T[]> {
  const ids = [...new Set(wanted)];
  const found: T[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const result = await kvs.batchGet<unknown>(ids.slice(i, i + BATCH).map((key) => ({ key, entityName })));
    for (const item of result.successfulKeys) if (item.value !== undefined) found.push(from(item.value));
  }
  return found;
}
