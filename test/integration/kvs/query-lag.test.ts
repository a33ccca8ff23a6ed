import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import type { DealAttributes } from './storage-harness';
import { aDeal, startStorage } from './storage-harness';

const deals = () => kvs.entity<DealAttributes>('deal');
const stageColumn = () => deals().query().index('by-stage', { partition: ['10000', 'qualify'] }).limit(100).getMany();
const keysOf = (page: { results: Array<{ key: string }> }) => page.results.map((r) => r.key);

describe('query index lag: queries trail writes, reads by key never do', () => {
  it('hides a new entity from queries until the lag has passed, while get, batch get and transactions see it at once', async () => {
    const storage = startStorage({ queryLagMs: 2000 });
    await storage.run(async () => {
      await deals().set('d1', aDeal({ id: 'd1' }));
      expect(keysOf(await stageColumn())).toEqual([]);
      expect((await deals().get('d1'))?.name).toBe('Deal d1');
      expect((await kvs.batchGet([{ key: 'd1', entityName: 'deal' }])).successfulKeys.map((k) => k.key)).toEqual(['d1']);
      // A condition reads the stored entity, not the index: create-if-absent refuses at once.
      await expect(kvs.transact().set('d1', aDeal({ id: 'd1' }), { entityName: 'deal', conditions: new Filter<DealAttributes>().and('version', FilterConditions.notExists()) }).execute()).rejects.toMatchObject({ code: 'TRANSACTION_CONDITION_FAILED' });
    });
    storage.clock.advance(1999);
    await storage.run(async () => expect(keysOf(await stageColumn())).toEqual([]));
    storage.clock.advance(1);
    await storage.run(async () => expect(keysOf(await stageColumn())).toEqual(['d1']));
  });

  it('answers queries with the entity as it was before an update, and with a deleted one, until the lag has passed', async () => {
    const storage = startStorage({ queryLagMs: 2000 });
    await storage.run(async () => {
      await deals().set('d1', aDeal({ id: 'd1', name: 'Old name' }));
      await deals().set('d2', aDeal({ id: 'd2' }));
    });
    storage.clock.advance(2000);
    await storage.run(async () => {
      await deals().set('d1', aDeal({ id: 'd1', name: 'New name', stageId: 'propose' }));
      await deals().delete('d2');
      const stale = await stageColumn();
      expect(stale.results.map((r) => [r.key, r.value.name])).toEqual([['d1', 'Old name'], ['d2', 'Deal d2']]);
      expect(await deals().get('d2')).toBeUndefined();
    });
    storage.clock.advance(2000);
    await storage.run(async () => {
      expect(keysOf(await stageColumn())).toEqual([]);
      expect(keysOf(await deals().query().index('by-stage', { partition: ['10000', 'propose'] }).getMany())).toEqual(['d1']);
    });
  });

  it('shows a write once its own lag has passed and never lets an older write overwrite it when the clock was set back between them', async () => {
    const storage = startStorage({ queryLagMs: 2000 });
    const start = storage.clock.now();
    await storage.run(() => deals().set('d1', aDeal({ id: 'd1', name: 'First' })));
    // A test that moves the app's day back (a period's start) writes again: its change is due earlier.
    storage.clock.set(start - 60_000);
    await storage.run(() => deals().set('d1', aDeal({ id: 'd1', name: 'Second' })));
    const names = async () => storage.run(async () => (await stageColumn()).results.map((r) => r.value.name));
    storage.clock.advance(2000);
    expect(await names()).toEqual(['Second']); // due now, though the first write is not due yet
    storage.clock.set(start + 2000);
    expect(await names()).toEqual(['Second']); // the first write, due now, was overtaken
    expect(storage.service.writesNotYetQueryable).toBe(0);
  });

  it('lags kvs.query() over the key-value store the same way', async () => {
    const storage = startStorage({ queryLagMs: 500 });
    const listed = () => storage.run(async () => keysOf(await kvs.query().where('key', WhereConditions.beginsWith('pipeline:')).getMany()));
    await storage.run(() => kvs.set('pipeline:1', { stages: [] }));
    expect(await listed()).toEqual([]);
    expect(await storage.run(() => kvs.get('pipeline:1'))).toEqual({ stages: [] });
    storage.clock.advance(500);
    expect(await listed()).toEqual(['pipeline:1']);
  });

  it('shows writes at once when the lag is switched off, including those still waiting', async () => {
    const storage = startStorage({ queryLagMs: 60_000 });
    await storage.run(() => deals().set('d1', aDeal({ id: 'd1' })));
    expect(storage.service.writesNotYetQueryable).toBe(1);
    storage.service.queryLagMs = 0;
    expect(storage.service.writesNotYetQueryable).toBe(0);
    await storage.run(async () => expect(keysOf(await stageColumn())).toEqual(['d1']));
    expect(() => {
      storage.service.queryLagMs = -1;
    }).toThrow(/non-negative/);
  });
});
