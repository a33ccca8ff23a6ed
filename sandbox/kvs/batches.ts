import type { z } from 'zod';
import type { KvsResponse } from '../platform/types';
import { KvsError, KvsErrorCode, badRequest } from './errors';
import type { ItemStores } from './item-stores';
import { slot } from './item-stores';
import { Limits, checkKey, unitsFor } from './limits';
import type * as Req from './schemas';
import { deleteAny, setAny } from './single-items';
import { keyNotFound, ok, view } from './wire';

// Batch get, set and delete: up to 25 items across the key-value store and entities, each item
// succeeding or failing on its own (failedKeys), the whole batch refused only for its shape.

function checkBatch(items: Array<{ key: string; entityName?: string }>): void {
  if (items.length === 0) throw badRequest(KvsErrorCode.EMPTY_BATCH, 'A batch needs at least one item.');
  if (items.length > Limits.batchMaxItems) throw badRequest(KvsErrorCode.TOO_MANY_BATCH_ITEMS, `A batch takes at most ${Limits.batchMaxItems} items (got ${items.length}).`);
  const seen = new Set<string>();
  for (const item of items) {
    const id = slot(item.entityName, item.key);
    if (seen.has(id)) throw badRequest(KvsErrorCode.DUPLICATE_BATCH_KEY, `Key '${item.key}'${item.entityName ? ` of entity '${item.entityName}'` : ''} appears twice in one batch.`);
    seen.add(id);
  }
}

/**
 * Runs one batch item by item: each item's answer goes to successfulKeys, or its KvsError to
 * failedKeys (any other error is a fault of the sandbox and is thrown). Each operation adds up
 * the units its items cost itself, refused items included where storage charges them.
 */
function eachItem<R extends { key: string; entityName?: string }>(items: R[], work: (request: R, named: { entityName?: string }) => Record<string, unknown>): { successfulKeys: Array<Record<string, unknown>>; failedKeys: Array<Record<string, unknown>> } {
  const successfulKeys: Array<Record<string, unknown>> = [];
  const failedKeys: Array<Record<string, unknown>> = [];
  for (const request of items) {
    const named = request.entityName === undefined ? {} : { entityName: request.entityName };
    try {
      successfulKeys.push(work(request, named));
    } catch (error) {
      failedKeys.push(batchFailure(request.key, named, error));
    }
  }
  return { successfulKeys, failedKeys };
}

export function batchGet(stores: ItemStores, items: z.infer<typeof Req.BatchGetRequest>): KvsResponse {
  checkBatch(items);
  let read = 0;
  const answer = eachItem(items, (request, named) => {
    const store = stores.storeFor(request.entityName);
    checkKey(request.key, store === 'kv' ? 'kvs' : 'entity');
    const item = stores.liveItem(store, request.key);
    if (!item) {
      read += 1;
      throw keyNotFound(request.key);
    }
    read += unitsFor(item.size);
    return view(request.key, item, request.options?.metadataFields, named);
  });
  return ok(answer, { read, write: 0 });
}

export function batchSet(stores: ItemStores, items: z.infer<typeof Req.BatchSetRequest>, raw: unknown): KvsResponse {
  checkBatch(items);
  const bytes = Buffer.byteLength(JSON.stringify(raw), 'utf8');
  if (bytes > Limits.batchMaxBytes) throw badRequest(KvsErrorCode.BATCH_TOO_LARGE, `A batch set carries at most ${Limits.batchMaxBytes} bytes (got ${bytes}).`);
  let write = 0;
  const answer = eachItem(items, (request, named) => {
    try {
      write += setAny(stores, stores.storeFor(request.entityName), request.key, request.value, request.options).units.write;
    } catch (error) {
      if (error instanceof KvsError) write += error.units.write;
      throw error;
    }
    return { key: request.key, ...named };
  });
  return ok(answer, { read: 0, write });
}

export function batchDelete(stores: ItemStores, items: z.infer<typeof Req.BatchDeleteRequest>): KvsResponse {
  checkBatch(items);
  let write = 0;
  const answer = eachItem(items, (request, named) => {
    const store = stores.storeFor(request.entityName);
    checkKey(request.key, store === 'kv' ? 'kvs' : 'entity');
    write += 1;
    deleteAny(stores, store, request.key);
    return { key: request.key, ...named };
  });
  return ok(answer, { read: 0, write });
}

function batchFailure(key: string, named: Record<string, unknown>, error: unknown): Record<string, unknown> {
  if (!(error instanceof KvsError)) throw error;
  return { key, ...named, error: { code: error.code, message: error.message } };
}
