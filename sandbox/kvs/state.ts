import { z } from 'zod';
import type { StoredItem } from './entity-store';
import { isLive } from './entity-store';
import type { ItemStores } from './item-stores';

// The service's contents as JSON, for the data file `npm start` keeps between runs.

const StateSchema = z.object({
  version: z.literal(1),
  kv: z.array(z.tuple([z.string(), z.object({ value: z.unknown(), createdAt: z.number(), updatedAt: z.number(), expireAt: z.number().optional() })])),
  secrets: z.array(z.tuple([z.string(), z.object({ value: z.unknown(), createdAt: z.number(), updatedAt: z.number(), expireAt: z.number().optional() })])),
  entities: z.array(z.object({ name: z.string(), items: z.array(z.tuple([z.string(), z.object({ value: z.unknown(), createdAt: z.number(), updatedAt: z.number(), expireAt: z.number().optional() })])) })),
});
export type State = z.infer<typeof StateSchema>;
type ExportedItem = State['kv'][number][1];

/** Live items of every store, plus `orphans` (entities the manifest no longer defines) untouched. */
export function dumpState(stores: ItemStores, orphans: State['entities']): State {
  const now = stores.now();
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
    kv: dump(stores.kv),
    secrets: dump(stores.secrets),
    entities: [...[...stores.entities.values()].map((store) => ({ name: store.entity.name, items: dump(store.items) })), ...orphans],
  };
}

export function parseState(state: unknown): State {
  return StateSchema.parse(state);
}

/** Puts a parsed state into empty stores; entity groups no defined entity takes go to `orphans`. */
export function loadState(stores: ItemStores, parsed: State, orphans: State['entities']): void {
  const load = (entry: ExportedItem): StoredItem => {
    const item: StoredItem = { value: entry.value, createdAt: entry.createdAt, updatedAt: entry.updatedAt, size: Buffer.byteLength(JSON.stringify(entry.value) ?? '', 'utf8') };
    if (entry.expireAt !== undefined) item.expireAt = entry.expireAt;
    return item;
  };
  for (const [key, entry] of parsed.kv) stores.putItem('kv', key, load(entry));
  for (const [key, entry] of parsed.secrets) stores.putItem('secret', key, load(entry));
  for (const group of parsed.entities) {
    const store = stores.entities.get(group.name);
    if (!store) {
      orphans.push(group);
      continue;
    }
    for (const [key, entry] of group.items) stores.putItem(store, key, load(entry));
  }
  // State loaded from a file was written long ago: its indexes have caught up.
  stores.indexLag.flush();
}
