import type { Scalar } from './conditions';
import { encodePartition } from './conditions';
import type { CompiledEntity, CompiledIndex } from './entity-schema';
import { SortedPartition } from './sorted-partition';

/** One stored value with what the service knows about it. Times are epoch milliseconds. */
export interface StoredItem {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  /** When the TTL runs out; absent for values that never expire. */
  expireAt?: number;
  /** Serialised size in bytes: what read and write units are counted from. */
  size: number;
}

export function isLive(item: StoredItem, now: number): boolean {
  return item.expireAt === undefined || item.expireAt > now;
}

/**
 * What queries read: a copy of a store's items as its index last saw them, kept apart from the items
 * `get`, batches and transactions read, so the index can lag the writes (index-lag.ts).
 */
export interface QueryIndex {
  /** The items as the index holds them: possibly older than the store's, or already deleted there. */
  readonly indexed: Map<string, StoredItem>;
  /** Brings one key of the index up to date with a write (an item) or a delete (undefined). */
  index(key: string, item: StoredItem | undefined): void;
}

function typedScalar(value: unknown, type: CompiledIndex['rangeType']): Scalar | undefined {
  if (type === 'string') return typeof value === 'string' ? value : undefined;
  if (type === 'boolean') return typeof value === 'boolean' ? value : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Where a value sits in an index, or nowhere: an entity lacking a partition or range attribute is
 * left out of that index (a sparse index, as in the key-value store behind Forge; assumed).
 */
function placementOf(index: CompiledIndex, value: unknown): { partition: string; range: Scalar } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const range = typedScalar(record[index.range], index.rangeType);
  if (range === undefined) return undefined;
  const partitionValues: Scalar[] = [];
  for (let i = 0; i < index.partition.length; i++) {
    const scalar = typedScalar(record[index.partition[i] as string], index.partitionTypes[i] as CompiledIndex['rangeType']);
    if (scalar === undefined) return undefined;
    partitionValues.push(scalar);
  }
  return { partition: encodePartition(partitionValues), range };
}

/**
 * All stored entities of one custom entity type: the items themselves (what `get`, batches and
 * transactions read, always current) and, apart from them, what the indexes hold, with one ordered
 * structure per (index, partition) so an index query touches only its partition and binary-searches
 * its range.
 */
export class EntityStore implements QueryIndex {
  readonly items = new Map<string, StoredItem>();
  readonly indexed = new Map<string, StoredItem>();
  private readonly partitions = new Map<string, Map<string, SortedPartition>>();

  constructor(readonly entity: CompiledEntity) {
    for (const name of entity.indexes.keys()) this.partitions.set(name, new Map());
  }

  put(key: string, item: StoredItem): void {
    this.items.set(key, item);
  }

  remove(key: string): StoredItem | undefined {
    const previous = this.items.get(key);
    this.items.delete(key);
    return previous;
  }

  index(key: string, item: StoredItem | undefined): void {
    const previous = this.indexed.get(key);
    if (item) this.indexed.set(key, item);
    else this.indexed.delete(key);
    for (const index of this.entity.indexes.values()) {
      const before = previous ? placementOf(index, previous.value) : undefined;
      const after = item ? placementOf(index, item.value) : undefined;
      const partitions = this.partitions.get(index.name) as Map<string, SortedPartition>;
      if (before && (!after || before.partition !== after.partition)) this.leave(partitions, before.partition, key);
      if (after) {
        let partition = partitions.get(after.partition);
        if (!partition) {
          partition = new SortedPartition();
          partitions.set(after.partition, partition);
        }
        partition.add(key, after.range);
      }
    }
  }

  /** The partition of an index a query reads, or undefined when nothing is stored there. */
  partition(indexName: string, partitionKey: string): SortedPartition | undefined {
    return this.partitions.get(indexName)?.get(partitionKey);
  }

  clear(): void {
    this.items.clear();
    this.indexed.clear();
    for (const partitions of this.partitions.values()) partitions.clear();
  }

  private leave(partitions: Map<string, SortedPartition>, partitionKey: string, key: string): void {
    const partition = partitions.get(partitionKey);
    if (!partition) return;
    partition.remove(key);
    if (partition.size === 0) partitions.delete(partitionKey);
  }
}

/** The key-value store's one index: every key, in key order, for `kvs.query()`. */
export class KeyIndex implements QueryIndex {
  readonly indexed = new Map<string, StoredItem>();
  readonly order = new SortedPartition();

  index(key: string, item: StoredItem | undefined): void {
    if (item) {
      this.indexed.set(key, item);
      this.order.add(key, key);
    } else {
      this.indexed.delete(key);
      this.order.remove(key);
    }
  }

  clear(): void {
    this.indexed.clear();
    this.order.clear();
  }
}
