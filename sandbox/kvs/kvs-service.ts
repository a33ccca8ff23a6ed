import { z } from 'zod';
import type { Clock, EntityDefinition, KvsResponse, KvsServiceApi, StorageUnits } from '../platform/types';
import type { CheckedRange, ConditionGroup } from './conditions';
import { checkRangeCondition, compileConditionGroup, partitionKeyOf } from './conditions';
import type { CursorPosition } from './cursor';
import { decodeCursor, encodeCursor, fingerprint } from './cursor';
import type { CompiledEntity } from './entity-schema';
import { checkEntityValue, compileEntities } from './entity-schema';
import type { QueryIndex, StoredItem } from './entity-store';
import { EntityStore, KeyIndex, isLive } from './entity-store';
import { IndexLag } from './index-lag';
import { KvsError, KvsErrorCode, badRequest, costing } from './errors';
import { Limits, checkKey, measureValue, ttlMillis, unitsFor } from './limits';
import type { MetadataField, SetOptions } from './schemas';
import * as Req from './schemas';
import type { IndexEntry, SortedPartition } from './sorted-partition';
import { compareEntries, lowerBoundEntry, rangeSpan } from './sorted-partition';

export { entitiesFromManifest } from './entity-schema';
export { KvsErrorCode } from './errors';
export { Limits } from './limits';

export interface KvsServiceOptions {
  entities: EntityDefinition[];
  clock: Clock;
  /**
   * How `limit` meets `filters` in entity queries. 'scan' (default): a page reads at most `limit`
   * index entries and returns those that pass the filters, so a page can be short or empty and
   * still carry a cursor, as a query over the key-value store behind Forge does. 'fill': keep
   * reading until `limit` entries pass. The docs do not say which Forge does; 'scan' is the one
   * that surfaces apps which stop paging at the first short page.
   */
  filteredPages?: 'scan' | 'fill';
  /**
   * Milliseconds (on `clock`) before a write shows in entity queries and `kvs.query()`; `get`,
   * batches and transactions always see it at once. Default 0 here; `createSandbox` turns it on
   * (index-lag.ts, README.md).
   */
  queryLagMs?: number;
}

const NO_UNITS: StorageUnits = { read: 0, write: 0 };

function ok(body: unknown, units: StorageUnits): KvsResponse {
  return { status: 200, body, units };
}

function noContent(units: StorageUnits): KvsResponse {
  return { status: 204, units };
}

const keyNotFound = (key: string) => new KvsError(404, KvsErrorCode.KEY_NOT_FOUND, `Provided key does not exist: '${key}'`);

/** Epoch seconds, as the SDK's own fixtures carry createdAt/updatedAt (assumed; README.md). */
const toSeconds = (ms: number) => Math.floor(ms / 1000);
const toExpireTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

function view(key: string, item: StoredItem, fields: readonly MetadataField[] | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { key, value: item.value, ...extra };
  if (fields?.includes('CREATED_AT')) out.createdAt = toSeconds(item.createdAt);
  if (fields?.includes('UPDATED_AT')) out.updatedAt = toSeconds(item.updatedAt);
  if (fields?.includes('EXPIRE_TIME') && item.expireAt !== undefined) out.expireTime = toExpireTime(item.expireAt);
  return out;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw badRequest(KvsErrorCode.BAD_REQUEST, `Provided request body is invalid${where}: ${issue?.message ?? 'unreadable'}`);
  }
  return result.data;
}

/** A key and the store it lives in: the key-value store ('') or a custom entity. */
function slot(entityName: string | undefined, key: string): string {
  return `${entityName ?? ''}\u0000${key}`;
}

const StateSchema = z.object({
  version: z.literal(1),
  kv: z.array(z.tuple([z.string(), z.object({ value: z.unknown(), createdAt: z.number(), updatedAt: z.number(), expireAt: z.number().optional() })])),
  secrets: z.array(z.tuple([z.string(), z.object({ value: z.unknown(), createdAt: z.number(), updatedAt: z.number(), expireAt: z.number().optional() })])),
  entities: z.array(z.object({ name: z.string(), items: z.array(z.tuple([z.string(), z.object({ value: z.unknown(), createdAt: z.number(), updatedAt: z.number(), expireAt: z.number().optional() })])) })),
});
type State = z.infer<typeof StateSchema>;
type ExportedItem = State['kv'][number][1];

interface PageResult {
  data: Array<Record<string, unknown>>;
  cursor?: string;
  bytes: number;
}

/**
 * The Forge storage service (`@forge/kvs` 1.6) for one installation: key-value store, secrets,
 * custom entities with their indexes, batches and transactions, with Forge's limits and errors.
 * `handle` takes the SDK's POST path and parsed JSON body (and owns the body afterwards) and answers
 * like the real service, with the read and write units the request consumed. Everything is in
 * memory; queries read indexes that lag the writes by `queryLagMs`, as Forge's eventually
 * consistent queries may.
 */
export class KvsService implements KvsServiceApi {
  private readonly clock: Clock;
  private readonly filteredPages: 'scan' | 'fill';
  private readonly definitions: Map<string, CompiledEntity>;
  private readonly kv = new Map<string, StoredItem>();
  /** What `kvs.query()` sees of `kv`: its keys in order, for prefix queries and cursors. */
  private readonly kvIndex = new KeyIndex();
  private readonly indexLag: IndexLag;
  private readonly secrets = new Map<string, StoredItem>();
  private readonly entities = new Map<string, EntityStore>();
  /** Stored entities whose type the current manifest no longer defines: kept and exported untouched. */
  private orphans: State['entities'] = [];

  constructor(options: { entities: EntityDefinition[]; clock: Clock } & Partial<KvsServiceOptions>) {
    this.clock = options.clock;
    this.filteredPages = options.filteredPages ?? 'scan';
    this.indexLag = new IndexLag(options.clock, options.queryLagMs ?? 0);
    this.definitions = compileEntities(options.entities);
    for (const [name, entity] of this.definitions) this.entities.set(name, new EntityStore(entity));
  }

  /** Milliseconds before a write shows in queries (see `KvsServiceOptions.queryLagMs`). */
  get queryLagMs(): number {
    return this.indexLag.lag;
  }

  set queryLagMs(lagMs: number) {
    this.indexLag.setLag(lagMs);
  }

  /** Makes every write visible to queries now: for data the sandbox set up "earlier" (the demo site). */
  settleQueries(): void {
    this.indexLag.flush();
  }

  /** Writes that queries do not show yet. */
  get writesNotYetQueryable(): number {
    return this.indexLag.waiting;
  }

  handle(path: string, body: unknown): KvsResponse {
    try {
      return this.route(path, body);
    } catch (error) {
      if (error instanceof KvsError) return { status: error.status, body: error.toBody(), units: error.units };
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: `Sandbox storage failed: ${message}` }, units: NO_UNITS };
    }
  }

  private route(path: string, body: unknown): KvsResponse {
    switch (path) {
      case '/api/v1/get':
        return this.getPlain('kv', parse(Req.GetRequest, body));
      case '/api/v1/set':
        return this.setPlain('kv', parse(Req.SetRequest, body));
      case '/api/v1/delete':
        return this.deletePlain('kv', parse(Req.DeleteRequest, body).key);
      case '/api/v1/query':
        return this.queryKeys(parse(Req.QueryRequest, body));
      case '/api/v1/secret/get':
        return this.getPlain('secret', parse(Req.GetRequest, body));
      case '/api/v1/secret/set':
        return this.setPlain('secret', parse(Req.SetRequest, body));
      case '/api/v1/secret/delete':
        return this.deletePlain('secret', parse(Req.DeleteRequest, body).key);
      case '/api/v1/entity/get':
        return this.getEntity(parse(Req.EntityGetRequest, body));
      case '/api/v1/entity/set':
        return this.setEntity(parse(Req.EntitySetRequest, body));
      case '/api/v1/entity/delete':
        return this.deleteEntity(parse(Req.EntityDeleteRequest, body));
      case '/api/v1/entity/query':
        return this.queryEntities(parse(Req.EntityQueryRequest, body));
      case '/api/v1/batch/get':
        return this.batchGet(parse(Req.BatchGetRequest, body));
      case '/api/v1/batch/set':
        return this.batchSet(parse(Req.BatchSetRequest, body), body);
      case '/api/v1/batch/delete':
        return this.batchDelete(parse(Req.BatchDeleteRequest, body));
      case '/api/v1/transaction':
        return this.transact(parse(Req.TransactionRequest, body), body);
      default:
        throw new KvsError(404, KvsErrorCode.NOT_FOUND, `The storage API has no operation at ${path}`);
    }
  }

  // ---- reading and writing single items -------------------------------------------------------

  private now(): number {
    return this.clock.now();
  }

  /** The live item at `key`; an expired one is dropped on the way, so it behaves as absent. */
  private liveItem(store: 'kv' | 'secret' | EntityStore, key: string): StoredItem | undefined {
    const items = store === 'kv' ? this.kv : store === 'secret' ? this.secrets : store.items;
    const item = items.get(key);
    if (!item) return undefined;
    if (isLive(item, this.now())) return item;
    this.removeItem(store, key);
    return undefined;
  }

  private removeItem(store: 'kv' | 'secret' | EntityStore, key: string): void {
    if (store === 'kv') {
      this.kv.delete(key);
      this.indexLag.record(this.kvIndex, key, undefined);
    } else if (store === 'secret') {
      this.secrets.delete(key);
    } else {
      store.remove(key);
      this.indexLag.record(store, key, undefined);
    }
  }

  private putItem(store: 'kv' | 'secret' | EntityStore, key: string, item: StoredItem): void {
    if (store === 'kv') {
      this.kv.set(key, item);
      this.indexLag.record(this.kvIndex, key, item);
    } else if (store === 'secret') {
      this.secrets.set(key, item);
    } else {
      store.put(key, item);
      this.indexLag.record(store, key, item);
    }
  }

  private entityStore(entityName: string): EntityStore {
    const store = this.entities.get(entityName);
    if (!store) throw badRequest(KvsErrorCode.ENTITY_NOT_DEFINED, `No custom entity '${entityName}' is defined in manifest.yml (app.storage.entities).`);
    return store;
  }

  /** The item a set would write, after every check that does not depend on what is stored. */
  private prepareItem(store: 'kv' | 'secret' | EntityStore, key: string, value: unknown, options: SetOptions | undefined): { item: StoredItem; options: SetOptions } {
    checkKey(key, store instanceof EntityStore ? 'entity' : 'kvs');
    if (store instanceof EntityStore) checkEntityValue(store.entity, value);
    const size = measureValue(value);
    const opts = options ?? {};
    if (opts.returnValue && opts.keyPolicy === 'FAIL_IF_EXISTS') throw badRequest(KvsErrorCode.BAD_REQUEST, 'returnValue can only be used with keyPolicy OVERRIDE.');
    const now = this.now();
    const item: StoredItem = { value, createdAt: now, updatedAt: now, size };
    if (opts.ttl) item.expireAt = now + ttlMillis(opts.ttl);
    return { item, options: opts };
  }

  /** Writes a prepared item over whatever is live at `key`, keeping its creation time. */
  private write(store: 'kv' | 'secret' | EntityStore, key: string, item: StoredItem, existing: StoredItem | undefined): void {
    if (existing) item.createdAt = existing.createdAt;
    this.putItem(store, key, item);
  }

  private getPlain(store: 'kv' | 'secret', request: z.infer<typeof Req.GetRequest>): KvsResponse {
    checkKey(request.key, 'kvs');
    const item = this.liveItem(store, request.key);
    if (!item) throw costing(keyNotFound(request.key), { read: 1, write: 0 });
    return ok(view(request.key, item, request.options?.metadataFields), { read: unitsFor(item.size), write: 0 });
  }

  private getEntity(request: z.infer<typeof Req.EntityGetRequest>): KvsResponse {
    const store = this.entityStore(request.entityName);
    checkKey(request.key, 'entity');
    const item = this.liveItem(store, request.key);
    if (!item) throw costing(keyNotFound(request.key), { read: 1, write: 0 });
    return ok(view(request.key, item, request.options?.metadataFields, { entityName: request.entityName }), { read: unitsFor(item.size), write: 0 });
  }

  private setPlain(store: 'kv' | 'secret', request: z.infer<typeof Req.SetRequest>): KvsResponse {
    return this.setAny(store, request.key, request.value, request.options);
  }

  private setEntity(request: z.infer<typeof Req.EntitySetRequest>): KvsResponse {
    return this.setAny(this.entityStore(request.entityName), request.key, request.value, request.options);
  }

  private setAny(store: 'kv' | 'secret' | EntityStore, key: string, value: unknown, options: SetOptions | undefined): KvsResponse {
    if (value === undefined) throw badRequest(KvsErrorCode.BAD_REQUEST, 'Provided request body is invalid: value is required');
    const prepared = this.prepareItem(store, key, value, options);
    const existing = this.liveItem(store, key);
    const writeUnits = unitsFor(prepared.item.size);
    if (existing && prepared.options.keyPolicy === 'FAIL_IF_EXISTS') {
      throw costing(new KvsError(409, KvsErrorCode.KEY_ALREADY_EXISTS, `Key '${key}' already exists and keyPolicy is FAIL_IF_EXISTS.`), { read: 0, write: 1 });
    }
    this.write(store, key, prepared.item, existing);
    const returned = prepared.options.returnValue === 'LATEST' ? prepared.item : prepared.options.returnValue === 'PREVIOUS' ? existing : undefined;
    if (!returned) return noContent({ read: 0, write: writeUnits });
    return ok(view(key, returned, prepared.options.returnMetadataFields), { read: unitsFor(returned.size), write: writeUnits });
  }

  private deletePlain(store: 'kv' | 'secret', key: string): KvsResponse {
    checkKey(key, 'kvs');
    return this.deleteAny(store, key);
  }

  private deleteEntity(request: z.infer<typeof Req.EntityDeleteRequest>): KvsResponse {
    const store = this.entityStore(request.entityName);
    checkKey(request.key, 'entity');
    return this.deleteAny(store, request.key);
  }

  private deleteAny(store: 'kv' | 'secret' | EntityStore, key: string): KvsResponse {
    const existing = this.liveItem(store, key);
    if (!existing) throw costing(keyNotFound(key), { read: 0, write: 1 });
    this.removeItem(store, key);
    return noContent({ read: 0, write: 1 });
  }

  // ---- queries --------------------------------------------------------------------------------

  private checkLimit(limit: number | undefined, code: KvsErrorCode): number {
    if (limit === undefined) return Limits.queryDefaultLimit;
    if (!Number.isInteger(limit) || limit < 1 || limit > Limits.queryMaxLimit) throw badRequest(code, `The page limit must be a whole number between 1 and ${Limits.queryMaxLimit} (got ${limit}).`);
    return limit;
  }

  /** `kvs.query()`: keys of the key-value store (never secrets or entities) in key order. */
  private queryKeys(request: z.infer<typeof Req.QueryRequest>): KvsResponse {
    const limit = this.checkLimit(request.limit, KvsErrorCode.LIST_QUERY_LIMIT_EXCEEDED);
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
    this.indexLag.catchUp();
    const page = this.page({
      partition: this.kvIndex.order,
      items: this.kvIndex,
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
  private queryEntities(request: Req.EntityQueryRequest): KvsResponse {
    const store = this.entityStore(request.entityName);
    const index = store.entity.indexes.get(request.indexName);
    if (!index) {
      const known = [...store.entity.indexes.keys()].join(', ');
      throw badRequest(KvsErrorCode.INVALID_ENTITY_INDEX, `Entity '${request.entityName}' has no index '${request.indexName}' (its indexes: ${known}).`);
    }
    const limit = this.checkLimit(request.limit, KvsErrorCode.COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE);
    const partitionKey = partitionKeyOf(request.partition, index);
    const range = request.range ? checkRangeCondition(request.range, index.range, index.rangeType) : undefined;
    const filter = request.filters ? compileConditionGroup(store.entity, request.filters as ConditionGroup) : undefined;
    const descending = request.sort === 'DESC';
    const queryId = fingerprint([request.entityName, index.name, partitionKey, range ?? null, descending]);
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, queryId);
    this.indexLag.catchUp();
    const page = this.page({
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

  private page(q: {
    partition: SortedPartition | undefined;
    items: QueryIndex;
    range: CheckedRange | undefined;
    descending: boolean;
    after: CursorPosition | undefined;
    limit: number;
    queryId: string;
    filter?: (value: Record<string, unknown>) => boolean;
    metadataFields: readonly MetadataField[] | undefined;
  }): PageResult {
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
    const now = this.now();
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
      const counted = this.filteredPages === 'scan' || !q.filter ? read : data.length;
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

  // ---- batches --------------------------------------------------------------------------------

  private checkBatch(items: Array<{ key: string; entityName?: string }>): void {
    if (items.length === 0) throw badRequest(KvsErrorCode.EMPTY_BATCH, 'A batch needs at least one item.');
    if (items.length > Limits.batchMaxItems) throw badRequest(KvsErrorCode.TOO_MANY_BATCH_ITEMS, `A batch takes at most ${Limits.batchMaxItems} items (got ${items.length}).`);
    const seen = new Set<string>();
    for (const item of items) {
      const id = slot(item.entityName, item.key);
      if (seen.has(id)) throw badRequest(KvsErrorCode.DUPLICATE_BATCH_KEY, `Key '${item.key}'${item.entityName ? ` of entity '${item.entityName}'` : ''} appears twice in one batch.`);
      seen.add(id);
    }
  }

  private storeFor(entityName: string | undefined): 'kv' | EntityStore {
    return entityName === undefined ? 'kv' : this.entityStore(entityName);
  }

  private batchGet(items: z.infer<typeof Req.BatchGetRequest>): KvsResponse {
    this.checkBatch(items);
    const successfulKeys: Array<Record<string, unknown>> = [];
    const failedKeys: Array<Record<string, unknown>> = [];
    let read = 0;
    for (const request of items) {
      const named = request.entityName === undefined ? {} : { entityName: request.entityName };
      try {
        const store = this.storeFor(request.entityName);
        checkKey(request.key, store === 'kv' ? 'kvs' : 'entity');
        const item = this.liveItem(store, request.key);
        if (!item) {
          read += 1;
          throw keyNotFound(request.key);
        }
        read += unitsFor(item.size);
        successfulKeys.push(view(request.key, item, request.options?.metadataFields, named));
      } catch (error) {
        failedKeys.push(this.batchFailure(request.key, named, error));
      }
    }
    return ok({ successfulKeys, failedKeys }, { read, write: 0 });
  }

  private batchSet(items: z.infer<typeof Req.BatchSetRequest>, raw: unknown): KvsResponse {
    this.checkBatch(items);
    const bytes = Buffer.byteLength(JSON.stringify(raw), 'utf8');
    if (bytes > Limits.batchMaxBytes) throw badRequest(KvsErrorCode.BATCH_TOO_LARGE, `A batch set carries at most ${Limits.batchMaxBytes} bytes (got ${bytes}).`);
    const successfulKeys: Array<Record<string, unknown>> = [];
    const failedKeys: Array<Record<string, unknown>> = [];
    let write = 0;
    for (const request of items) {
      const named = request.entityName === undefined ? {} : { entityName: request.entityName };
      try {
        const response = this.setAny(this.storeFor(request.entityName), request.key, request.value, request.options);
        write += response.units.write;
        successfulKeys.push({ key: request.key, ...named });
      } catch (error) {
        if (error instanceof KvsError) write += error.units.write;
        failedKeys.push(this.batchFailure(request.key, named, error));
      }
    }
    return ok({ successfulKeys, failedKeys }, { read: 0, write });
  }

  private batchDelete(items: z.infer<typeof Req.BatchDeleteRequest>): KvsResponse {
    this.checkBatch(items);
    const successfulKeys: Array<Record<string, unknown>> = [];
    const failedKeys: Array<Record<string, unknown>> = [];
    let write = 0;
    for (const request of items) {
      const named = request.entityName === undefined ? {} : { entityName: request.entityName };
      try {
        const store = this.storeFor(request.entityName);
        checkKey(request.key, store === 'kv' ? 'kvs' : 'entity');
        write += 1;
        this.deleteAny(store, request.key);
        successfulKeys.push({ key: request.key, ...named });
      } catch (error) {
        failedKeys.push(this.batchFailure(request.key, named, error));
      }
    }
    return ok({ successfulKeys, failedKeys }, { read: 0, write });
  }

  private batchFailure(key: string, named: Record<string, unknown>, error: unknown): Record<string, unknown> {
    if (!(error instanceof KvsError)) throw error;
    return { key, ...named, error: { code: error.code, message: error.message } };
  }

  // ---- transactions ---------------------------------------------------------------------------

  /**
   * All or nothing: every operation is validated and every condition evaluated against the state
   * before the transaction, and only then is anything written.
   */
  private transact(request: Req.TransactionRequest, raw: unknown): KvsResponse {
    type Op =
      | { kind: 'set'; key: string; entityName?: string; value: unknown; conditions?: ConditionGroup; options?: SetOptions }
      | { kind: 'delete'; key: string; entityName?: string; conditions?: ConditionGroup }
      | { kind: 'check'; key: string; entityName?: string; conditions: ConditionGroup };
    const ops: Op[] = [
      ...(request.set ?? []).map((o) => ({ ...o, kind: 'set' as const })),
      ...(request.delete ?? []).map((o) => ({ ...o, kind: 'delete' as const })),
      ...(request.check ?? []).map((o) => ({ ...o, kind: 'check' as const })),
    ];
    if (ops.length === 0) throw badRequest(KvsErrorCode.EMPTY_TRANSACTION, 'A transaction needs at least one operation.');
    if (ops.length > Limits.transactionMaxOperations) throw badRequest(KvsErrorCode.TOO_MANY_TRANSACTION_OPERATIONS, `A transaction takes at most ${Limits.transactionMaxOperations} operations (got ${ops.length}).`);
    const bytes = Buffer.byteLength(JSON.stringify(raw), 'utf8');
    if (bytes > Limits.transactionMaxBytes) throw badRequest(KvsErrorCode.TRANSACTION_TOO_LARGE, `A transaction carries at most ${Limits.transactionMaxBytes} bytes (got ${bytes}).`);
    const seen = new Set<string>();
    for (const op of ops) {
      const id = slot(op.entityName, op.key);
      if (seen.has(id)) throw badRequest(KvsErrorCode.DUPLICATE_TRANSACTION_KEY, `Key '${op.key}'${op.entityName ? ` of entity '${op.entityName}'` : ''} appears in more than one operation of the transaction.`);
      seen.add(id);
    }

    const planned = ops.map((op, position) => {
      try {
        const store = this.storeFor(op.entityName);
        if (op.conditions && store === 'kv') throw badRequest(KvsErrorCode.BAD_REQUEST, 'Conditions need an entityName: they test custom entity attributes.');
        const test = op.conditions && store !== 'kv' ? compileConditionGroup(store.entity, op.conditions) : undefined;
        const prepared = op.kind === 'set' ? this.prepareItem(store, op.key, op.value, op.options) : undefined;
        if (op.kind !== 'set') checkKey(op.key, store === 'kv' ? 'kvs' : 'entity');
        return { op, store, test, prepared };
      } catch (error) {
        if (error instanceof KvsError) error.details.operation = { index: position, kind: op.kind, key: op.key, ...(op.entityName ? { entityName: op.entityName } : {}) };
        throw error;
      }
    });

    const failures: Array<Record<string, unknown>> = [];
    for (const { op, store, test, prepared } of planned) {
      const existing = this.liveItem(store, op.key);
      const where = { operation: op.kind, key: op.key, ...(op.entityName ? { entityName: op.entityName } : {}) };
      // Forge documents `check` as "the key exists and meets the conditions", and says nothing of a
      // condition on a set or delete of a key that does not exist. The stricter reading is modelled:
      // such a condition never holds (not even notExists), so an app cannot rely on either answer.
      if (!existing && (op.kind === 'check' || test)) failures.push({ ...where, reason: 'KEY_NOT_FOUND' });
      else if (test && !test((existing?.value ?? {}) as Record<string, unknown>)) failures.push({ ...where, reason: 'CONDITIONS_NOT_MET' });
      else if (prepared?.options.keyPolicy === 'FAIL_IF_EXISTS' && existing) failures.push({ ...where, reason: 'KEY_ALREADY_EXISTS' });
    }
    if (failures.length > 0) {
      const summary = failures.map((f) => `${String(f.operation)} '${String(f.key)}': ${String(f.reason)}`).join('; ');
      throw costing(new KvsError(409, KvsErrorCode.TRANSACTION_CONDITION_FAILED, `The transaction was cancelled; nothing was written (${summary}).`, { failures }), { read: ops.length, write: 0 });
    }

    let write = 0;
    let read = 0;
    for (const { op, store, prepared } of planned) {
      const existing = this.liveItem(store, op.key);
      if (op.kind === 'set' && prepared) {
        this.write(store, op.key, prepared.item, existing);
        write += unitsFor(prepared.item.size);
      } else if (op.kind === 'delete') {
        if (existing) this.removeItem(store, op.key);
        write += 1;
      } else {
        read += 1;
      }
    }
    return noContent({ read, write });
  }

  // ---- persistence ----------------------------------------------------------------------------

  exportState(): State {
    const now = this.now();
    const dump = (items: Map<string, StoredItem>): Array<[string, ExportedItem]> => {
      const out: Array<[string, ExportedItem]> = [];
      for (const [key, item] of items) {
        if (!isLive(item, now)) continue;
        out.push([key, { value: item.value, createdAt: item.createdAt, updatedAt: item.updatedAt, ...(item.expireAt === undefined ? {} : { expireAt: item.expireAt }) }]);
      }
      return out;
    };
    return {
      version: 1,
      kv: dump(this.kv),
      secrets: dump(this.secrets),
      entities: [...[...this.entities.values()].map((store) => ({ name: store.entity.name, items: dump(store.items) })), ...this.orphans],
    };
  }

  importState(state: unknown): void {
    const parsed = StateSchema.parse(state);
    this.reset();
    const load = (entry: ExportedItem): StoredItem => {
      const item: StoredItem = { value: entry.value, createdAt: entry.createdAt, updatedAt: entry.updatedAt, size: Buffer.byteLength(JSON.stringify(entry.value) ?? '', 'utf8') };
      if (entry.expireAt !== undefined) item.expireAt = entry.expireAt;
      return item;
    };
    for (const [key, entry] of parsed.kv) this.putItem('kv', key, load(entry));
    for (const [key, entry] of parsed.secrets) this.putItem('secret', key, load(entry));
    for (const group of parsed.entities) {
      const store = this.entities.get(group.name);
      if (!store) {
        this.orphans.push(group);
        continue;
      }
      for (const [key, entry] of group.items) this.putItem(store, key, load(entry));
    }
    // State loaded from a file was written long ago: its indexes have caught up.
    this.indexLag.flush();
  }

  reset(): void {
    this.kv.clear();
    this.kvIndex.clear();
    this.indexLag.clear();
    this.secrets.clear();
    for (const store of this.entities.values()) store.clear();
    this.orphans = [];
  }
}
