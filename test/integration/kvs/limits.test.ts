import { kvs } from '@forge/kvs';
import { Limits } from '../../../sandbox/kvs/kvs-service';
import type { Storage } from './storage-harness';
import { aDeal, failureOf, startStorage } from './storage-harness';

/** An object nested `depth` levels deep (a flat object is depth 1). */
function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { down: value };
  return value;
}

describe('storage limits, refused as the real service refuses them', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = startStorage();
  });

  it('accepts the documented key characters and refuses others with INVALID_KEY', async () => {
    await storage.run(() => kvs.set('deal:10000:abc_DEF-1.2#x y', 1));
    for (const key of ['deal/1', 'naïve', 'a?b', '   ']) {
      const failure = await failureOf(storage.run(() => kvs.set(key, 1)));
      expect({ key, code: failure.code, status: failure.responseDetails.status }).toEqual({ key, code: 'INVALID_KEY', status: 400 });
    }
  });

  it('refuses an empty key: KEY_TOO_SHORT for the key-value store, EMPTY_KEY for entities', async () => {
    expect((await failureOf(storage.run(() => kvs.get('')))).code).toBe('KEY_TOO_SHORT');
    expect((await failureOf(storage.run(() => kvs.entity('deal').get('')))).code).toBe('EMPTY_KEY');
  });

  it('takes a key of 500 characters and refuses 501 with KEY_TOO_LONG', async () => {
    await storage.run(() => kvs.set('k'.repeat(500), 'ok'));
    expect(await storage.run(() => kvs.get('k'.repeat(500)))).toBe('ok');
    expect((await failureOf(storage.run(() => kvs.set('k'.repeat(501), 'no')))).code).toBe('KEY_TOO_LONG');
  });

  it('takes a value of exactly 240 KiB serialised and refuses one byte more with MAX_SIZE', async () => {
    const fits = 'x'.repeat(Limits.valueMaxBytes - 2); // the quotes make up the rest
    await storage.run(() => kvs.set('big', fits));
    const failure = await failureOf(storage.run(() => kvs.set('bigger', `${fits}x`)));
    expect(failure.code).toBe('MAX_SIZE');
    expect(await storage.run(() => kvs.get('bigger'))).toBeUndefined();
  });

  it('counts multi-byte characters by their UTF-8 size', async () => {
    const euros = '€'.repeat(Math.ceil(Limits.valueMaxBytes / 3));
    expect((await failureOf(storage.run(() => kvs.set('euros', euros)))).code).toBe('MAX_SIZE');
  });

  it('takes an object nested 31 deep and refuses 32 with MAX_DEPTH', async () => {
    await storage.run(() => kvs.set('deep', nested(31)));
    expect((await failureOf(storage.run(() => kvs.set('deeper', nested(32))))).code).toBe('MAX_DEPTH');
    expect((await failureOf(storage.run(() => kvs.set('deep-array', [nested(31)])))).code).toBe('MAX_DEPTH');
  });

  it('refuses a key query page over 100 with LIST_QUERY_LIMIT_EXCEEDED', async () => {
    await storage.run(() => kvs.query().limit(100).getMany());
    expect((await failureOf(storage.run(() => kvs.query().limit(101).getMany()))).code).toBe('LIST_QUERY_LIMIT_EXCEEDED');
  });

  it('refuses an entity query page over 100 with COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', async () => {
    const query = () => kvs.entity('deal').query().index('by-updated', { partition: ['10000'] });
    await storage.run(() => query().limit(100).getMany());
    expect((await failureOf(storage.run(() => query().limit(101).getMany()))).code).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    expect((await failureOf(storage.run(() => query().limit(0).getMany()))).code).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
  });

  it('refuses a transaction of 26 operations and writes none of them', async () => {
    const failure = await failureOf(
      storage.run(() => {
        const tx = kvs.transact();
        for (let i = 0; i < 26; i++) tx.set(`t${i}`, i);
        return tx.execute();
      }),
    );
    expect(failure.code).toBe('TOO_MANY_TRANSACTION_OPERATIONS');
    expect(await storage.run(() => kvs.get('t0'))).toBeUndefined();
    await storage.run(() => {
      const tx = kvs.transact();
      for (let i = 0; i < 25; i++) tx.set(`t${i}`, i);
      return tx.execute();
    });
    expect(await storage.run(() => kvs.get('t24'))).toBe(24);
  });

  it('refuses a transaction that names the same key twice, but allows one key in two stores', async () => {
    const failure = await failureOf(storage.run(() => kvs.transact().set('same', 1).delete('same').execute()));
    expect(failure.code).toBe('DUPLICATE_TRANSACTION_KEY');
    await storage.run(() => kvs.transact().set('same', 1).set('same', aDeal({ id: 'same' }), { entityName: 'deal' }).execute());
    expect(await storage.run(() => kvs.get('same'))).toBe(1);
    expect(await storage.run(() => kvs.entity('deal').get('same'))).toMatchObject({ id: 'same' });
  });

  it('refuses a transaction over 4 MB', async () => {
    const chunk = 'y'.repeat(200 * 1024);
    const failure = await failureOf(
      storage.run(() => {
        const tx = kvs.transact();
        for (let i = 0; i < 21; i++) tx.set(`chunk${i}`, chunk);
        return tx.execute();
      }),
    );
    expect(failure.code).toBe('TRANSACTION_TOO_LARGE');
  });

  it('refuses a batch of 26 items or one with a repeated key, as a whole', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `b${i}`, value: i }));
    expect((await failureOf(storage.run(() => kvs.batchSet(items)))).code).toBe('TOO_MANY_BATCH_ITEMS');
    expect((await failureOf(storage.run(() => kvs.batchSet([{ key: 'b', value: 1 }, { key: 'b', value: 2 }])))).code).toBe('DUPLICATE_BATCH_KEY');
    expect((await failureOf(storage.run(() => kvs.batchSet([])))).code).toBe('EMPTY_BATCH');
    expect(await storage.run(() => kvs.get('b0'))).toBeUndefined();
  });

  it('refuses a TTL that is not a positive whole amount of a known unit', async () => {
    expect((await failureOf(storage.run(() => kvs.set('t', 1, { ttl: { value: 0, unit: 'SECONDS' } })))).code).toBe('INVALID_TTL');
    expect((await failureOf(storage.run(() => kvs.set('t', 1, { ttl: { value: 1.5, unit: 'HOURS' } })))).code).toBe('INVALID_TTL');
  });
});
