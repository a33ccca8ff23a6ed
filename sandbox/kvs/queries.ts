import type { z } from 'zod';
import type { KvsResponse } from '../platform/types';
import type { CheckedRange, ConditionGroup } from './conditions';
import { checkRangeCondition, compileConditionGroup, partitionKeyOf } from './conditions';
import type { CursorPosition } from './cursor';
import { decodeCursor, encodeCursor, fingerprint } from './cursor';
import type { QueryIndex } from './entity-store';
import { KeyIndex, isLive } from './entity-store';
import { KvsErrorCode, badRequest } from './errors';
import type { ItemStores } from './item-stores';
import { Limits, unitsFor } from './limits';
import type * as Req from './schemas';
import type { MetadataField } from './schemas';
import type { IndexEntry, SortedPartition } from './sorted-partition';
import { compareEntries, lowerBoundEntry, rangeSpan } from './sorted-partition';
import { ok, view } from './wire';

/** How `limit` meets `filters` in entity queries (see `KvsServiceOptions.filteredPages`). */
export type FilteredPages = 'scan' | 'fill';

interface PageResult {
  data: Array<Record<string, unknown>>;
  cursor?: string;
  bytes: number;
}

function checkLimit(limit: number | undefined, code: KvsErrorCode): number {
  if (limit === undefined) return Limits.queryDefaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > Limits.queryMaxLimit) throw badRequest(code, `The page limit must be a whole number between 1 and ${Limits.queryMaxLimit} (got ${limit}).`);
  return limit;
}

/** `kvs.query()`: keys of the key-value store (never secrets or entities) in key order. */
export function queryKeys(stores: ItemStores, filteredPages: FilteredPages, request: z.infer<typeof Req.QueryRequest>): KvsResponse {
  const limit = checkLimit(request.limit, KvsErrorCode.LIST_QUERY_LIMIT_EXCEEDED);
  const where = request.where ?? [];
  if (where.length > 1) throw badRequest(KvsErrorCode.QUERY_WHERE_INVALID, 'KVS queries should contain only a single "where" clause.');
  let range: CheckedRange | undefined;
  const clause = where[0];
  if (clause) {
    if (clause.property !== 'key') throw badRequest(KvsErrorCode.QUERY_WHERE_FIELD_INVALID, `The field '${clause.property}' is not supported for filters; only 'key' is.`);
    if (clause.condition !== 'BEGINS_WITH') throw badRequest(KvsErrorCode.INVALID_FILTER_CONDITION, `The condition '${clause.condition}' is not supported for key queries; only BEGINS_WITH is.`);
    const prefix = clause.values[0];
    if (clause.values.length !== 1 || (typeof prefix !== 'string' && typeof prefix !== 'number')) throw badRequest(KvsErrorCode.INVALID_FILTER_VALUES, 'BEGINS_WITH takes exactly one string value.');
    range = { condition: 'BEGINS_WITH', values: [String(prefix)] };
  }
  const queryId = fingerprint(['kv', range?.values ?? null]);
  stores.indexLag.catchUp();
  const page = readPage(stores, filteredPages, {
    partition: stores.kvIndex.order,
    items: stores.kvIndex,
    range,
    descending: false,
    after: request.after === undefined ? undefined : decodeCursor(request.after, queryId),
    limit,
    queryId,
    metadataFields: request.options?.metadataFields,
  });
  return ok({ data: page.data, ...(page.cursor ? { cursor: page.cursor } : {}) }, { read: unitsFor(page.bytes), write: 0 });
}

/** `kvs.entity(name).query().index(...)`: one partition of one index, in (range, key) order. */
export function queryEntities(stores: ItemStores, filteredPages: FilteredPages, request: Req.EntityQueryRequest): KvsResponse {
  const store = stores.entityStore(request.entityName);
  const index = store.entity.indexes.get(request.indexName);
  if (!index) {
    const known = [...store.entity.indexes.keys()].join(', ');
    throw badRequest(KvsErrorCode.INVALID_ENTITY_INDEX, `Entity '${request.entityName}' has no index '${request.indexName}' (its indexes: ${known}).`);
  }
  const limit = checkLimit(request.limit, KvsErrorCode.COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE);
  const partitionKey = partitionKeyOf(request.partition, index);
  const range = request.range ? checkRangeCondition(request.range, index.range, index.rangeType) : undefined;
  const filter = request.filters ? compileConditionGroup(store.entity, request.filters as ConditionGroup) : undefined;
  const descending = request.sort === 'DESC';
  const queryId = fingerprint([request.entityName, index.name, partitionKey, range ?? null, descending]);
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, queryId);
  stores.indexLag.catchUp();
  const page = readPage(stores, filteredPages, {
    partition: store.partition(index.name, partitionKey),
    items: store,
    range,
    descending,
    after,
    limit,
    queryId,
    filter,
    metadataFields: request.options?.metadataFields,
  });
  return ok({ data: page.data, ...(page.cursor ? { cursor: page.cursor } : {}) }, { read: unitsFor(page.bytes), write: 0 });
}

function readPage(
  stores: ItemStores,
  filteredPages: FilteredPages,
  q: {
    partition: SortedPartition | undefined;
    items: QueryIndex;
    range: CheckedRange | undefined;
    descending: boolean;
    after: CursorPosition | undefined;
    limit: number;
    queryId: string;
    filter?: (value: Record<string, unknown>) => boolean;
    metadataFields: readonly MetadataField[] | undefined;
  },
): PageResult {
  if (!q.partition) return { data: [], bytes: 0 };
  const entries = q.partition.entries();
  let { start, end } = rangeSpan(entries, q.range);
  if (q.after) {
    const probe = { key: q.after.key, range: q.after.range ?? q.after.key };
    const at = lowerBoundEntry(entries, probe);
    if (q.descending) end = Math.min(end, at);
    else start = Math.max(start, at < entries.length && compareEntries(entries[at] as IndexEntry, probe) === 0 ? at + 1 : at);
  }
  const items = q.items.indexed;
  const now = stores.now();
  const data: Array<Record<string, unknown>> = [];
  const expired: string[] = [];
  let bytes = 0;
  let read = 0;
  let last: IndexEntry | undefined;
  let more = false;
  const step = q.descending ? -1 : 1;
  for (let i = q.descending ? end - 1 : start; q.descending ? i >= start : i < end; i += step) {
    const entry = entries[i] as IndexEntry;
    const item = items.get(entry.key);
    if (!item || !isLive(item, now)) {
      expired.push(entry.key);
      continue;
    }
    const counted = filteredPages === 'scan' || !q.filter ? read : data.length;
    if (counted >= q.limit) {
      more = true;
      break;
    }
    read += 1;
    last = entry;
    if (q.filter && !q.filter(item.value as Record<string, unknown>)) continue;
    data.push(view(entry.key, item, q.metadataFields));
    bytes += item.size;
  }
  // An expired value leaves the index here; the store drops its own copy when next read.
  for (const key of expired) q.items.index(key, undefined);
  const cursor = more && last ? encodeCursor(q.queryId, q.items instanceof KeyIndex ? { key: last.key } : { key: last.key, range: last.range }) : undefined;
  return cursor ? { data, cursor, bytes } : { data, bytes };
}
