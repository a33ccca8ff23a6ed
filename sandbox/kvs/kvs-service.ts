import type { Clock, EntityDefinition, KvsResponse, KvsServiceApi } from '../platform/types';
import { batchDelete, batchGet, batchSet } from './batches';
import { KvsError, KvsErrorCode } from './errors';
import { ItemStores } from './item-stores';
import type { FilteredPages } from './queries';
import { queryEntities, queryKeys } from './queries';
import * as Req from './schemas';
import { deleteEntity, deletePlain, getEntity, getPlain, setEntity, setPlain } from './single-items';
import type { State } from './state';
import { dumpState, loadState, parseState } from './state';
import { transact } from './transactions';
import { NO_UNITS, parse } from './wire';

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
  filteredPages?: FilteredPages;
  /**
   * Milliseconds (on `clock`) before a write shows in entity queries and `kvs.query()`; `get`,
   * batches and transactions always see it at once. Default 0 here; `createSandbox` turns it on
   * (index-lag.ts, README.md).
   */
  queryLagMs?: number;
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
  private readonly filteredPages: FilteredPages;
  /** The items and indexes of every store (item-stores.ts); each operation's file works on them. */
  private readonly stores: ItemStores;
  /** Stored entities whose type the current manifest no longer defines: kept and exported untouched. */
  private orphans: State['entities'] = [];

  constructor(options: { entities: EntityDefinition[]; clock: Clock } & Partial<KvsServiceOptions>) {
    this.filteredPages = options.filteredPages ?? 'scan';
    this.stores = new ItemStores(options.clock, options.entities, options.queryLagMs ?? 0);
  }

  /** Milliseconds before a write shows in queries (see `KvsServiceOptions.queryLagMs`). */
  get queryLagMs(): number {
    return this.stores.indexLag.lag;
  }

  set queryLagMs(lagMs: number) {
    this.stores.indexLag.setLag(lagMs);
  }

  /** Makes every write visible to queries now: for data the sandbox set up "earlier" (the demo site). */
  settleQueries(): void {
    this.stores.indexLag.flush();
  }

  /** Writes that queries do not show yet. */
  get writesNotYetQueryable(): number {
    return this.stores.indexLag.waiting;
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
        return getPlain(this.stores, 'kv', parse(Req.GetRequest, body));
      case '/api/v1/set':
        return setPlain(this.stores, 'kv', parse(Req.SetRequest, body));
      case '/api/v1/delete':
        return deletePlain(this.stores, 'kv', parse(Req.DeleteRequest, body).key);
      case '/api/v1/query':
        return queryKeys(this.stores, this.filteredPages, parse(Req.QueryRequest, body));
      case '/api/v1/secret/get':
        return getPlain(this.stores, 'secret', parse(Req.GetRequest, body));
      case '/api/v1/secret/set':
        return setPlain(this.stores, 'secret', parse(Req.SetRequest, body));
      case '/api/v1/secret/delete':
        return deletePlain(this.stores, 'secret', parse(Req.DeleteRequest, body).key);
      case '/api/v1/entity/get':
        return getEntity(this.stores, parse(Req.EntityGetRequest, body));
      case '/api/v1/entity/set':
        return setEntity(this.stores, parse(Req.EntitySetRequest, body));
      case '/api/v1/entity/delete':
        return deleteEntity(this.stores, parse(Req.EntityDeleteRequest, body));
      case '/api/v1/entity/query':
        return queryEntities(this.stores, this.filteredPages, parse(Req.EntityQueryRequest, body));
      case '/api/v1/batch/get':
        return batchGet(this.stores, parse(Req.BatchGetRequest, body));
      case '/api/v1/batch/set':
        return batchSet(this.stores, parse(Req.BatchSetRequest, body), body);
      case '/api/v1/batch/delete':
        return batchDelete(this.stores, parse(Req.BatchDeleteRequest, body));
      case '/api/v1/transaction':
        return transact(this.stores, parse(Req.TransactionRequest, body), body);
      default:
        throw new KvsError(404, KvsErrorCode.NOT_FOUND, `The storage API has no operation at ${path}`);
    }
  }

  // ---- persistence ----------------------------------------------------------------------------

  exportState(): State {
    return dumpState(this.stores, this.orphans);
  }

  importState(state: unknown): void {
    const parsed = parseState(state);
    this.reset();
    loadState(this.stores, parsed, this.orphans);
  }

  reset(): void {
    this.stores.clear();
    this.orphans = [];
  }
}
