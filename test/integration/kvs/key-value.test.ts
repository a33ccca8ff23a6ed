import { kvs, MetadataField, WhereConditions } from '@forge/kvs';
import type { Storage } from './storage-harness';
import { failureOf, startStorage } from './storage-harness';

describe('key-value store through the real @forge/kvs', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = startStorage();
  });

  it('stores, reads and deletes a JSON value; a missing key reads as undefined and deletes quietly', async () => {
    await storage.run(() => kvs.set('settings:site', { currency: 'EUR', fiscalYearStart: 4 }));
    expect(await storage.run(() => kvs.get('settings:site'))).toEqual({ currency: 'EUR', fiscalYearStart: 4 });
    await storage.run(() => kvs.delete('settings:site'));
    expect(await storage.run(() => kvs.get('settings:site'))).toBeUndefined();
    await expect(storage.run(() => kvs.delete('settings:site'))).resolves.toBeUndefined();
  });

  it('keeps createdAt across overwrites and moves updatedAt, in epoch seconds', async () => {
    const created = storage.clock.now();
    await storage.run(() => kvs.set('counter', 1));
    storage.clock.advance(90_000);
    await storage.run(() => kvs.set('counter', 2));
    const result = await storage.run(() => kvs.get('counter', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] }));
    expect(result).toEqual({ key: 'counter', value: 2, createdAt: Math.floor(created / 1000), updatedAt: Math.floor(created / 1000) + 90 });
  });

  it('lets a value expire after its TTL: it reads as absent and leaves key queries', async () => {
    await storage.run(() => kvs.set('lock:import', { by: 'job-1' }, { ttl: { value: 5, unit: 'MINUTES' } }));
    await storage.run(() => kvs.set('lock:other', { by: 'job-2' }));
    const withExpiry = await storage.run(() => kvs.get('lock:import', { metadataFields: [MetadataField.EXPIRE_TIME] }));
    expect(withExpiry?.expireTime).toBe(new Date(storage.clock.now() + 5 * 60_000).toISOString().replace('.000Z', 'Z'));

    storage.clock.advance(5 * 60_000 - 1);
    expect(await storage.run(() => kvs.get('lock:import'))).toEqual({ by: 'job-1' });
    storage.clock.advance(1);
    expect(await storage.run(() => kvs.get('lock:import'))).toBeUndefined();
    const listed = await storage.run(() => kvs.query().where('key', WhereConditions.beginsWith('lock:')).getMany());
    expect(listed.results.map((r) => r.key)).toEqual(['lock:other']);
  });

  it('refuses FAIL_IF_EXISTS on a live key with 409 KEY_ALREADY_EXISTS and keeps the first value', async () => {
    await storage.run(() => kvs.set('install', { at: 1 }, { keyPolicy: 'FAIL_IF_EXISTS' }));
    const failure = await failureOf(storage.run(() => kvs.set('install', { at: 2 }, { keyPolicy: 'FAIL_IF_EXISTS' })));
    expect(failure.code).toBe('KEY_ALREADY_EXISTS');
    expect(failure.responseDetails.status).toBe(409);
    expect(await storage.run(() => kvs.get('install'))).toEqual({ at: 1 });
  });

  it('lets FAIL_IF_EXISTS create again once the old value has expired', async () => {
    await storage.run(() => kvs.set('lease', 'a', { ttl: { value: 1, unit: 'SECONDS' } }));
    storage.clock.advance(1000);
    await storage.run(() => kvs.set('lease', 'b', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(await storage.run(() => kvs.get('lease'))).toBe('b');
  });

  it('returns the previous or the latest value when a set asks for it', async () => {
    expect(await storage.run(() => kvs.set('n', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' }))).toBeUndefined();
    const previous = await storage.run(() => kvs.set('n', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' }));
    expect(previous).toEqual({ key: 'n', value: 1 });
    storage.clock.advance(2000);
    const latest = await storage.run(() => kvs.set('n', 3, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST', returnMetadataFields: [MetadataField.UPDATED_AT] }));
    expect(latest).toEqual({ key: 'n', value: 3, updatedAt: Math.floor(storage.clock.now() / 1000) });
  });

  it('keeps secrets in their own namespace, out of get and out of queries', async () => {
    await storage.run(() => kvs.setSecret('webhook-secret', 's3cr3t'));
    expect(await storage.run(() => kvs.getSecret('webhook-secret'))).toBe('s3cr3t');
    expect(await storage.run(() => kvs.get('webhook-secret'))).toBeUndefined();
    const all = await storage.run(() => kvs.query().limit(100).getMany());
    expect(all.results).toEqual([]);
    await storage.run(() => kvs.set('webhook-secret', 'plain'));
    await storage.run(() => kvs.deleteSecret('webhook-secret'));
    expect(await storage.run(() => kvs.getSecret('webhook-secret'))).toBeUndefined();
    expect(await storage.run(() => kvs.get('webhook-secret'))).toBe('plain');
  });

  it('lists keys by prefix in key order, page by page with the cursor, until no cursor is returned', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `rollup:${String(i).padStart(3, '0')}`);
    await storage.run(async () => {
      for (const key of [...keys].reverse()) await kvs.set(key, { n: key });
      await kvs.set('rollupx', 'not under the prefix');
      await kvs.set('other:1', 'elsewhere');
    });
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | undefined;
    do {
      const query = kvs.query().where('key', WhereConditions.beginsWith('rollup:')).limit(10);
      const page = await storage.run(() => (cursor ? query.cursor(cursor) : query).getMany<{ n: string }>());
      pageSizes.push(page.results.length);
      seen.push(...page.results.map((r) => r.key));
      page.results.forEach((r) => expect(r.value.n).toBe(r.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(keys);
    expect(pageSizes).toEqual([10, 10, 3]);
  });

  it('pages ten at a time by default and reads one with getOne', async () => {
    await storage.run(async () => {
      for (let i = 0; i < 12; i++) await kvs.set(`k${String(i).padStart(2, '0')}`, i);
    });
    const first = await storage.run(() => kvs.query().getMany());
    expect(first.results).toHaveLength(10);
    expect(first.nextCursor).toBeDefined();
    expect(await storage.run(() => kvs.query().where('key', WhereConditions.beginsWith('k11')).getOne())).toEqual({ key: 'k11', value: 11 });
  });

  it('refuses a cursor replayed on a different query', async () => {
    await storage.run(async () => {
      for (let i = 0; i < 3; i++) await kvs.set(`a:${i}`, i);
    });
    const page = await storage.run(() => kvs.query().where('key', WhereConditions.beginsWith('a:')).limit(1).getMany());
    const failure = await failureOf(storage.run(() => kvs.query().where('key', WhereConditions.beginsWith('b:')).cursor(page.nextCursor as string).getMany()));
    expect(failure.code).toBe('INVALID_CURSOR');
  });
});
