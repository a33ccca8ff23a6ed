import type { z } from 'zod';
import type { KvsResponse } from '../platform/types';
import { KvsError, KvsErrorCode, badRequest, costing } from './errors';
import type { ItemStores, StoreRef } from './item-stores';
import { checkKey, unitsFor } from './limits';
import type * as Req from './schemas';
import type { SetOptions } from './schemas';
import { keyNotFound, noContent, ok, view } from './wire';

// get, set and delete of one key: in the key-value store, secrets, or a custom entity.

export function getPlain(stores: ItemStores, store: 'kv' | 'secret', request: z.infer<typeof Req.GetRequest>): KvsResponse {
  checkKey(request.key, 'kvs');
  const item = stores.liveItem(store, request.key);
  if (!item) throw costing(keyNotFound(request.key), { read: 1, write: 0 });
  return ok(view(request.key, item, request.options?.metadataFields), { read: unitsFor(item.size), write: 0 });
}

export function getEntity(stores: ItemStores, request: z.infer<typeof Req.EntityGetRequest>): KvsResponse {
  const store = stores.entityStore(request.entityName);
  checkKey(request.key, 'entity');
  const item = stores.liveItem(store, request.key);
  if (!item) throw costing(keyNotFound(request.key), { read: 1, write: 0 });
  return ok(view(request.key, item, request.options?.metadataFields, { entityName: request.entityName }), { read: unitsFor(item.size), write: 0 });
}

export function setPlain(stores: ItemStores, store: 'kv' | 'secret', request: z.infer<typeof Req.SetRequest>): KvsResponse {
  return setAny(stores, store, request.key, request.value, request.options);
}

export function setEntity(stores: ItemStores, request: z.infer<typeof Req.EntitySetRequest>): KvsResponse {
  return setAny(stores, stores.entityStore(request.entityName), request.key, request.value, request.options);
}

export function setAny(stores: ItemStores, store: StoreRef, key: string, value: unknown, options: SetOptions | undefined): KvsResponse {
  if (value === undefined) throw badRequest(KvsErrorCode.BAD_REQUEST, 'Provided request body is invalid: value is required');
  const prepared = stores.prepareItem(store, key, value, options);
  const existing = stores.liveItem(store, key);
  const writeUnits = unitsFor(prepared.item.size);
  if (existing && prepared.options.keyPolicy === 'FAIL_IF_EXISTS') {
    throw costing(new KvsError(409, KvsErrorCode.KEY_ALREADY_EXISTS, `Key '${key}' already exists and keyPolicy is FAIL_IF_EXISTS.`), { read: 0, write: 1 });
  }
  stores.write(store, key, prepared.item, existing);
  const returned = prepared.options.returnValue === 'LATEST' ? prepared.item : prepared.options.returnValue === 'PREVIOUS' ? existing : undefined;
  if (!returned) return noContent({ read: 0, write: writeUnits });
  return ok(view(key, returned, prepared.options.returnMetadataFields), { read: unitsFor(returned.size), write: writeUnits });
}

export function deletePlain(stores: ItemStores, store: 'kv' | 'secret', key: string): KvsResponse {
  checkKey(key, 'kvs');
  return deleteAny(stores, store, key);
}

export function deleteEntity(stores: ItemStores, request: z.infer<typeof Req.EntityDeleteRequest>): KvsResponse {
  const store = stores.entityStore(request.entityName);
  checkKey(request.key, 'entity');
  return deleteAny(stores, store, request.key);
}

export function deleteAny(stores: ItemStores, store: StoreRef, key: string): KvsResponse {
  const existing = stores.liveItem(store, key);
  if (!existing) throw costing(keyNotFound(key), { read: 0, write: 1 });
  stores.removeItem(store, key);
  return noContent({ read: 0, write: 1 });
}
