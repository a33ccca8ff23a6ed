import type { Clock, EntityDefinition } from '../platform/types';
import { checkEntityValue, compileEntities } from './entity-schema';
import type { StoredItem } from './entity-store';
import { EntityStore, KeyIndex, isLive } from './entity-store';
import { KvsErrorCode, badRequest } from './errors';
import { IndexLag } from './index-lag';
import { checkKey, measureValue, ttlMillis } from './limits';
import type { SetOptions } from './schemas';

/** Where an item lives: the key-value store, secrets, or one custom entity type. */
export type StoreRef = 'kv' | 'secret' | EntityStore;

/** A key and the store it lives in: the key-value store ('') or a custom entity. */
export function slot(entityName: string | undefined, key: string): string {
  return `${entityName ?? ''}\u0000${key}`;
}

/**
 * The items of one installation (key-value store, secrets, custom entities) and the indexes queries
 * read, with the reads and writes every operation shares: expiry on read, index updates on write,
 * and the checks a value passes before it is stored.
 */
export class ItemStores {
  readonly kv = new Map<string, StoredItem>();
  /** What `kvs.query()` sees of `kv`: its keys in order, for prefix queries and cursors. */
  readonly kvIndex = new KeyIndex();
  readonly indexLag: IndexLag;
  readonly secrets = new Map<string, StoredItem>();
  readonly entities = new Map<string, EntityStore>();

  constructor(
    private readonly clock: Clock,
    entities: EntityDefinition[],
    queryLagMs: number,
  ) {
    this.indexLag = new IndexLag(clock, queryLagMs);
    for (const [name, entity] of compileEntities(entities)) this.entities.set(name, new EntityStore(entity));
  }

  now(): number {
    return this.clock.now();
  }

  /** The live item at `key`; an expired one is dropped on the way, so it behaves as absent. */
  liveItem(store: StoreRef, key: string): StoredItem | undefined {
    const items = store === 'kv' ? this.kv : store === 'secret' ? this.secrets : store.items;
    const item = items.get(key);
    if (!item) return undefined;
    if (isLive(item, this.now())) return item;
    this.removeItem(store, key);
    return undefined;
  }

  removeItem(store: StoreRef, key: string): void {
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

  putItem(store: StoreRef, key: string, item: StoredItem): void {
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

  entityStore(entityName: string): EntityStore {
    const store = this.entities.get(entityName);
    if (!store) throw badRequest(KvsErrorCode.ENTITY_NOT_DEFINED, `No custom entity '${entityName}' is defined in manifest.yml (app.storage.entities).`);
    return store;
  }

  /** The store a batch item or transaction operation names: an entity, or the key-value store. */
  storeFor(entityName: string | undefined): 'kv' | EntityStore {
    return entityName === undefined ? 'kv' : this.entityStore(entityName);
  }

  /** The item a set would write, after every check that does not depend on what is stored. */
  prepareItem(store: StoreRef, key: string, value: unknown, options: SetOptions | undefined): { item: StoredItem; options: SetOptions } {
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
  write(store: StoreRef, key: string, item: StoredItem, existing: StoredItem | undefined): void {
    if (existing) item.createdAt = existing.createdAt;
    this.putItem(store, key, item);
  }

  clear(): void {
    this.kv.clear();
    this.kvIndex.clear();
    this.indexLag.clear();
    this.secrets.clear();
    for (const store of this.entities.values()) store.clear();
  }
}
