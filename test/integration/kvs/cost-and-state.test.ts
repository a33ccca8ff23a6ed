import { Filter, FilterConditions, kvs, MetadataField, WhereConditions } from '@forge/kvs';
import { KvsService } from '../../../sandbox/kvs/kvs-service';
import type { DealAttributes, Storage } from './storage-harness';
import { aDeal, manifestEntities, startStorage } from './storage-harness';

describe('what storage costs an invocation', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = startStorage();
  });

  it('counts requests per API path and read/write units in 10 KB steps', async () => {
    const value25k = 'v'.repeat(25 * 1024);
    const { record } = await storage.runRecorded(async () => {
      await kvs.set('big', value25k); // 3 write units
      await kvs.get('big'); // 3 read units
      await kvs.get('absent'); // a miss still reads 1
      await kvs.set('small', 1); // 1 write unit
      await kvs.delete('small'); // 1 write unit
    });
    expect(record.cost.storageRequests).toBe(5);
    expect(record.cost.storageByOperation).toEqual({ '/api/v1/set': 2, '/api/v1/get': 2, '/api/v1/delete': 1 });
    expect(record.cost.writeUnits).toBe(3 + 1 + 1);
    expect(record.cost.readUnits).toBe(3 + 1);
  });

  it('charges a query for the bytes it returns, one unit at least', async () => {
    await storage.run(async () => {
      for (let i = 0; i < 4; i++) await kvs.set(`chunk:${i}`, 'c'.repeat(6 * 1024));
    });
    const empty = await storage.runRecorded(() => kvs.query().where('key', WhereConditions.beginsWith('none:')).getMany());
    expect(empty.record.cost.readUnits).toBe(1);
    const full = await storage.runRecorded(() => kvs.query().where('key', WhereConditions.beginsWith('chunk:')).getMany());
    expect(full.result.results).toHaveLength(4);
    expect(full.record.cost.readUnits).toBe(3); // 4 × ~6 KB = ~24 KB
  });

  it('charges batches per item and transactions per operation', async () => {
    const batch = await storage.runRecorded(() =>
      kvs.batchSet<unknown>([
        { key: 'a', value: 'x'.repeat(11 * 1024) },
        { key: 'b', value: 1 },
        { key: 'bad key!', value: 1 },
      ]),
    );
    expect(batch.record.cost.writeUnits).toBe(2 + 1);
    expect(batch.record.cost.storageRequests).toBe(1);
    const reads = await storage.runRecorded(() => kvs.batchGet([{ key: 'a' }, { key: 'b' }, { key: 'zzz' }]));
    expect(reads.record.cost.readUnits).toBe(2 + 1 + 1);
    const committed = await storage.runRecorded(() => kvs.transact().set('c', 'x'.repeat(11 * 1024)).delete('b').execute());
    expect(committed.record.cost.writeUnits).toBe(2 + 1);
    const refused = await storage.runRecorded(() =>
      kvs
        .transact()
        .set('e', 1)
        .check('d1', { entityName: 'deal', conditions: new Filter<DealAttributes>().and('id', FilterConditions.exists()) })
        .execute()
        .catch(() => 'refused'),
    );
    expect(refused.result).toBe('refused');
    expect(refused.record.cost.writeUnits).toBe(0);
  });

  it('charges nothing for a request refused before reading', async () => {
    const { record } = await storage.runRecorded(() => kvs.set('bad/key', 1).catch(() => undefined));
    expect(record.cost.storageRequests).toBe(1);
    expect(record.cost.writeUnits + record.cost.readUnits).toBe(0);
  });
});

describe('state for the npm start data file', () => {
  it('exports to JSON and imports into a fresh service with values, metadata, TTLs, secrets and indexes intact', async () => {
    const storage = startStorage();
    const created = storage.clock.now();
    await storage.run(async () => {
      await kvs.set('settings', { currency: 'EUR' });
      await kvs.set('lease', 'x', { ttl: { value: 1, unit: 'HOURS' } });
      await kvs.set('gone-soon', 'y', { ttl: { value: 1, unit: 'SECONDS' } });
      await kvs.setSecret('token', 't');
      await kvs.entity('deal').set('d1', aDeal({ id: 'd1', position: 'a2' }));
      await kvs.entity('deal').set('d2', aDeal({ id: 'd2', position: 'a1' }));
    });
    storage.clock.advance(1000);
    const saved = JSON.parse(JSON.stringify(storage.service.exportState()));

    const restored = startStorage();
    restored.clock.set(storage.clock.now());
    restored.service.importState(saved);
    expect(await restored.run(() => kvs.get('settings', { metadataFields: [MetadataField.CREATED_AT] }))).toEqual({ key: 'settings', value: { currency: 'EUR' }, createdAt: Math.floor(created / 1000) });
    expect(await restored.run(() => kvs.get('gone-soon'))).toBeUndefined();
    expect(await restored.run(() => kvs.getSecret('token'))).toBe('t');
    const column = await restored.run(() => kvs.entity('deal').query().index('by-stage', { partition: ['10000', 'qualify'] }).getMany());
    expect(column.results.map((r) => r.key)).toEqual(['d2', 'd1']);
    restored.clock.advance(3_600_000);
    expect(await restored.run(() => kvs.get('lease'))).toBeUndefined();

    restored.service.reset();
    expect(await restored.run(() => kvs.get('settings'))).toBeUndefined();
    expect((await restored.run(() => kvs.entity('deal').query().index('by-stage', { partition: ['10000', 'qualify'] }).getMany())).results).toEqual([]);
  });

  it('keeps entities the manifest no longer defines through an export and import', () => {
    const storage = startStorage();
    const state = {
      version: 1,
      kv: [],
      secrets: [],
      entities: [{ name: 'retired-entity', items: [['r1', { value: { a: 1 }, createdAt: 1, updatedAt: 1 }]] }],
    };
    storage.service.importState(state);
    expect(storage.service.exportState().entities.find((e) => e.name === 'retired-entity')).toEqual(state.entities[0]);
  });

  it('refuses a state file of another shape', () => {
    const storage = startStorage();
    expect(() => storage.service.importState({ version: 2 })).toThrow();
  });
});

describe('entity definitions', () => {
  it('reads every custom entity of manifest.yml with its indexes', () => {
    const names = manifestEntities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['company', 'contact', 'deal', 'activity']));
    const deal = manifestEntities.find((e) => e.name === 'deal');
    expect(deal?.indexes).toContainEqual({ name: 'by-stage', partition: ['projectId', 'stageId'], range: ['position'] });
  });

  it('refuses an index over an attribute the entity does not declare, or over an any attribute', () => {
    const clock = { now: () => 0 };
    expect(() => new KvsService({ clock, entities: [{ name: 'thing', attributes: { a: { type: 'string' } }, indexes: [{ name: 'by-b', range: ['b'] }] }] })).toThrow(/undefined attribute 'b'/);
    expect(() => new KvsService({ clock, entities: [{ name: 'thing', attributes: { a: { type: 'any' } }, indexes: ['a'] }] })).toThrow(/type any/);
  });

  it('serves a plain attribute index (named after its attribute, no partition)', async () => {
    const storage = startStorage();
    const service = new KvsService({ clock: storage.clock, entities: [{ name: 'tag', attributes: { label: { type: 'string' }, weight: { type: 'integer' } }, indexes: ['weight'] }] });
    for (const [key, weight] of [['t1', 3], ['t2', 1], ['t3', 2]] as const) {
      expect(service.handle('/api/v1/entity/set', { entityName: 'tag', key, value: { label: key, weight } }).status).toBe(204);
    }
    const answer = service.handle('/api/v1/entity/query', { entityName: 'tag', indexName: 'weight', range: { condition: 'GREATER_THAN', values: [1] } });
    expect(answer.status).toBe(200);
    expect((answer.body as { data: Array<{ key: string }> }).data.map((d) => d.key)).toEqual(['t3', 't1']);
  });
});
