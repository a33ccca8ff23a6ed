import type { PolicySetOptions } from '@forge/kvs';
import { Filter, FilterConditions, kvs, MetadataField } from '@forge/kvs';
import type { DealAttributes, Storage } from './storage-harness';
import { aDeal, failureOf, startStorage } from './storage-harness';

describe('batches: each item succeeds or fails on its own', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = startStorage();
  });

  it('writes the good items of a batch set and reports the bad ones with their codes', async () => {
    const result = await storage.run(() =>
      kvs.batchSet<unknown>([
        { key: 'plain', value: { ok: true } },
        { key: 'bad/key', value: 1 },
        { key: 'd1', value: aDeal({ id: 'd1' }), entityName: 'deal' },
        { key: 'd2', value: { ...aDeal({ id: 'd2' }), version: 2 ** 31 }, entityName: 'deal' },
        { key: 'x1', value: { id: 'x1' }, entityName: 'no-such-entity' },
      ]),
    );
    expect(result.successfulKeys).toEqual([{ key: 'plain' }, { key: 'd1', entityName: 'deal' }]);
    expect(result.failedKeys.map((f) => [f.key, f.entityName, f.error.code])).toEqual([
      ['bad/key', undefined, 'INVALID_KEY'],
      ['d2', 'deal', 'INVALID_ENTITY_VALUE'],
      ['x1', 'no-such-entity', 'ENTITY_NOT_DEFINED'],
    ]);
    expect(await storage.run(() => kvs.get('plain'))).toEqual({ ok: true });
    expect(await storage.run(() => kvs.entity('deal').get('d1'))).toMatchObject({ id: 'd1' });
    expect(await storage.run(() => kvs.entity('deal').get('d2'))).toBeUndefined();
  });

  it('reads what exists and reports missing keys as KEY_NOT_FOUND', async () => {
    await storage.run(() => kvs.set('a', 'A'));
    await storage.run(() => kvs.entity('deal').set('d1', aDeal({ id: 'd1' })));
    const result = await storage.run(() =>
      kvs.batchGet<unknown>([
        { key: 'a' },
        { key: 'missing' },
        { key: 'd1', entityName: 'deal', options: { metadataFields: [MetadataField.CREATED_AT] } } as { key: string; entityName: string },
      ]),
    );
    expect(result.successfulKeys).toEqual([
      { key: 'a', value: 'A' },
      { key: 'd1', entityName: 'deal', value: aDeal({ id: 'd1' }), createdAt: Math.floor(storage.clock.now() / 1000) },
    ]);
    expect(result.failedKeys).toEqual([{ key: 'missing', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) } }]);
  });

  it('deletes what exists and reports the rest', async () => {
    await storage.run(() => kvs.set('a', 1));
    const result = await storage.run(() => kvs.batchDelete([{ key: 'a' }, { key: 'gone' }]));
    expect(result.successfulKeys).toEqual([{ key: 'a' }]);
    expect(result.failedKeys.map((f) => f.error.code)).toEqual(['KEY_NOT_FOUND']);
    expect(await storage.run(() => kvs.get('a'))).toBeUndefined();
  });
});

describe('transactions: all or nothing', () => {
  let storage: Storage;
  const deals = () => kvs.entity<DealAttributes>('deal');
  beforeEach(async () => {
    storage = startStorage();
    await storage.run(async () => {
      await deals().set('d1', aDeal({ id: 'd1', version: 3, stageId: 'qualify' }));
      await deals().set('d2', aDeal({ id: 'd2', version: 7, stageId: 'propose' }));
    });
  });

  it('commits every operation when every check and condition holds', async () => {
    await storage.run(() =>
      kvs
        .transact()
        .set('d1', aDeal({ id: 'd1', version: 4, stageId: 'propose' }), { entityName: 'deal', conditions: new Filter<DealAttributes>().and('version', FilterConditions.equalTo(3)) })
        .check('d2', { entityName: 'deal', conditions: new Filter<DealAttributes>().and('stageId', FilterConditions.equalTo('propose')) })
        .set('rollup:10000', { open: 2 })
        .execute(),
    );
    expect(await storage.run(() => deals().get('d1'))).toMatchObject({ version: 4, stageId: 'propose' });
    expect(await storage.run(() => kvs.get('rollup:10000'))).toEqual({ open: 2 });
  });

  it('writes nothing when a check fails, and says which operation failed', async () => {
    const failure = await failureOf(
      storage.run(() =>
        kvs
          .transact()
          .set('d1', aDeal({ id: 'd1', version: 4 }), { entityName: 'deal' })
          .set('rollup:10000', { open: 99 })
          .delete('d2', { entityName: 'deal' })
          .check('d3', { entityName: 'deal', conditions: new Filter<DealAttributes>().and('status', FilterConditions.equalTo('active')) })
          .execute(),
      ),
    );
    expect(failure.code).toBe('TRANSACTION_CONDITION_FAILED');
    expect(failure.responseDetails.status).toBe(409);
    expect(failure.context.failures).toEqual([{ operation: 'check', key: 'd3', entityName: 'deal', reason: 'KEY_NOT_FOUND' }]);
    expect(await storage.run(() => deals().get('d1'))).toMatchObject({ version: 3 });
    expect(await storage.run(() => deals().get('d2'))).toBeDefined();
    expect(await storage.run(() => kvs.get('rollup:10000'))).toBeUndefined();
  });

  it('refuses an optimistic update whose version condition no longer holds', async () => {
    const stale = new Filter<DealAttributes>().and('version', FilterConditions.equalTo(6));
    const failure = await failureOf(storage.run(() => kvs.transact().set('d2', aDeal({ id: 'd2', version: 7, name: 'stale edit' }), { entityName: 'deal', conditions: stale }).execute()));
    expect(failure.context.failures).toEqual([{ operation: 'set', key: 'd2', entityName: 'deal', reason: 'CONDITIONS_NOT_MET' }]);
    expect(await storage.run(() => deals().get('d2'))).toMatchObject({ name: 'Deal d2' });
  });

  it('evaluates or-conditions on an existing entity', async () => {
    const eitherStage = new Filter<DealAttributes>().or('stageId', FilterConditions.equalTo('won')).or('stageId', FilterConditions.equalTo('qualify'));
    await storage.run(() => kvs.transact().delete('d1', { entityName: 'deal', conditions: eitherStage }).execute());
    expect(await storage.run(() => deals().get('d1'))).toBeUndefined();
  });

  it('never lets a condition on a set or delete of a missing entity hold, not even notExists (undocumented: the stricter reading)', async () => {
    const createIfAbsent = new Filter<DealAttributes>().and('id', FilterConditions.notExists());
    const onSet = await failureOf(storage.run(() => kvs.transact().set('d9', aDeal({ id: 'd9' }), { entityName: 'deal', conditions: createIfAbsent }).execute()));
    expect(onSet.context.failures).toEqual([{ operation: 'set', key: 'd9', entityName: 'deal', reason: 'KEY_NOT_FOUND' }]);
    const onDelete = await failureOf(storage.run(() => kvs.transact().delete('d9', { entityName: 'deal', conditions: createIfAbsent }).execute()));
    expect(onDelete.code).toBe('TRANSACTION_CONDITION_FAILED');
    expect(await storage.run(() => deals().get('d9'))).toBeUndefined();
    // Without a condition, a set creates and a delete of nothing is no failure (both documented).
    await storage.run(() => kvs.transact().set('d9', aDeal({ id: 'd9' }), { entityName: 'deal' }).delete('d10', { entityName: 'deal' }).execute());
    expect(await storage.run(() => deals().get('d9'))).toMatchObject({ id: 'd9' });
  });

  it('refuses an empty string in an index attribute (undocumented: the stricter reading)', async () => {
    const failure = await failureOf(storage.run(() => deals().set('d9', aDeal({ id: 'd9', ownerId: '' }))));
    expect(failure.code).toBe('INVALID_ENTITY_VALUE');
    expect(JSON.stringify(failure.context.attributes)).toContain('ownerId');
  });

  it('fails the whole transaction when a FAIL_IF_EXISTS set meets a live key', async () => {
    // The SDK types transaction sets with SetOptions (ttl only); the policy still reaches the service.
    const failIfExists: PolicySetOptions = { keyPolicy: 'FAIL_IF_EXISTS' };
    await storage.run(() => kvs.set('unique:email:a.example.com', 'c1'));
    const failure = await failureOf(
      storage.run(() =>
        kvs
          .transact()
          .set('c2', { claimed: true })
          .set('unique:email:a.example.com', 'c2', undefined, failIfExists)
          .execute(),
      ),
    );
    expect(failure.context.failures).toEqual([{ operation: 'set', key: 'unique:email:a.example.com', reason: 'KEY_ALREADY_EXISTS' }]);
    expect(await storage.run(() => kvs.get('c2'))).toBeUndefined();
  });

  it('refuses a transaction whose entity value breaks its attribute types, before writing anything', async () => {
    const failure = await failureOf(
      storage.run(() =>
        kvs
          .transact()
          .set('ok', 1)
          .set('d1', { ...aDeal({ id: 'd1' }), amountMinor: 'lots' }, { entityName: 'deal' })
          .execute(),
      ),
    );
    expect(failure.code).toBe('INVALID_ENTITY_VALUE');
    expect(failure.context.operation).toEqual({ index: 1, kind: 'set', key: 'd1', entityName: 'deal' });
    expect(await storage.run(() => kvs.get('ok'))).toBeUndefined();
  });

  it('honours TTLs on transaction sets', async () => {
    await storage.run(() => kvs.transact().set('session', 's', undefined, { ttl: { value: 10, unit: 'SECONDS' } }).execute());
    storage.clock.advance(10_000);
    expect(await storage.run(() => kvs.get('session'))).toBeUndefined();
  });
});
