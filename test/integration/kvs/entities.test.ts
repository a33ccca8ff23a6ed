import type { EntityQueryBuilder } from '@forge/kvs/out/interfaces/entity-query';
import { Filter, FilterConditions, kvs, MetadataField, Sort, WhereConditions } from '@forge/kvs';
import type { DealAttributes, Storage } from './storage-harness';
import { aDeal, failureOf, startStorage } from './storage-harness';

const deals = () => kvs.entity<DealAttributes>('deal');

/** A reproducible spread of deals over two projects, four stages, three owners and a year of close dates. */
function dealSet(count: number): DealAttributes[] {
  let seed = 7;
  const next = (n: number) => {
    // mulberry32: small, fast and well spread
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const stages = ['qualify', 'discover', 'propose', 'negotiate'];
  const outcomes = ['open', 'open', 'open', 'won', 'lost'];
  return Array.from({ length: count }, (_, i) => {
    const id = `deal-${String(i).padStart(4, '0')}`;
    const month = String(1 + next(12)).padStart(2, '0');
    const day = String(1 + next(28)).padStart(2, '0');
    return aDeal({
      id,
      projectId: i % 5 === 0 ? '10001' : '10000',
      stageId: stages[next(4)] as string,
      // Few distinct positions, so ties are common and the key must break them.
      position: `a${next(40).toString(36)}`,
      outcome: outcomes[next(5)] as string,
      ownerId: `owner-${'abc'[next(3)]}`,
      amountMinor: 1000 * (1 + next(500)),
      closeDate: `2026-${month}-${day}`,
      updatedAt: 1_790_000_000_000 + next(1_000_000) * 1000,
    });
  });
}

/** What an index returns, worked out directly from the data: its partition, in (range, key) order. */
function inIndexOrder(all: DealAttributes[], keep: (d: DealAttributes) => boolean, range: (d: DealAttributes) => string | number): string[] {
  return all
    .filter(keep)
    .sort((a, b) => (range(a) < range(b) ? -1 : range(a) > range(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d) => d.id);
}

/** Follows cursors to the end; keeps each page's size and whether it carried a cursor. */
async function everyPage(storage: Storage, query: () => EntityQueryBuilder<DealAttributes>): Promise<{ keys: string[]; pages: Array<{ size: number; more: boolean }> }> {
  const keys: string[] = [];
  const pages: Array<{ size: number; more: boolean }> = [];
  let cursor: string | undefined;
  do {
    const page = await storage.run(() => (cursor ? query().cursor(cursor) : query()).getMany());
    keys.push(...page.results.map((r) => r.key));
    pages.push({ size: page.results.length, more: page.nextCursor !== undefined });
    cursor = page.nextCursor;
    if (pages.length > 500) throw new Error('paging does not end');
  } while (cursor);
  return { keys, pages };
}

async function seed(storage: Storage, all: DealAttributes[]): Promise<void> {
  await storage.run(async () => {
    for (let i = 0; i < all.length; i += 25) {
      const result = await kvs.batchSet(all.slice(i, i + 25).map((d) => ({ key: d.id, value: d, entityName: 'deal' })));
      if (result.failedKeys.length > 0) throw new Error(`seeding failed: ${JSON.stringify(result.failedKeys[0])}`);
    }
  });
}

describe('custom entities: values checked against manifest.yml', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = startStorage();
  });

  it('stores a deal and reads it back, with metadata when asked', async () => {
    await storage.run(() => deals().set('d1', aDeal({ id: 'd1', recurring: true, data: { contacts: [{ id: 'c1' }] } })));
    expect(await storage.run(() => deals().get('d1'))).toEqual(aDeal({ id: 'd1', recurring: true, data: { contacts: [{ id: 'c1' }] } }));
    const withMeta = await storage.run(() => deals().get('d1', { metadataFields: [MetadataField.CREATED_AT] }));
    expect(withMeta).toMatchObject({ key: 'd1', createdAt: Math.floor(storage.clock.now() / 1000) });
  });

  it('accepts the edges of each attribute type', async () => {
    await storage.run(() => deals().set('edge-low', aDeal({ id: 'edge-low', version: -(2 ** 31), amountMinor: 0, recurring: false })));
    await storage.run(() => deals().set('edge-high', aDeal({ id: 'edge-high', version: 2 ** 31 - 1, amountMinor: 2 ** 53 - 1, data: [1, 'two', { three: null }] })));
    expect(await storage.run(() => deals().get('edge-high'))).toMatchObject({ version: 2 ** 31 - 1, amountMinor: 2 ** 53 - 1 });
  });

  it.each([
    ['an undeclared attribute', { colour: 'red' }, 'colour'],
    ['an integer beyond 32 bits', { version: 2 ** 31 }, 'version'],
    ['a fractional integer', { schemaVersion: 1.5 }, 'schemaVersion'],
    ['a float given as a string', { amountMinor: '100' }, 'amountMinor'],
    ['a float too small to store', { amountMinor: 1e-200 }, 'amountMinor'],
    ['a string given as a number', { closeDate: 20261201 }, 'closeDate'],
    ['a boolean given as a string', { recurring: 'true' }, 'recurring'],
    ['null for a string', { name: null }, 'name'],
  ])('refuses %s with INVALID_ENTITY_VALUE and names the attribute', async (_case, change, attribute) => {
    const failure = await failureOf(storage.run(() => deals().set('bad', { ...aDeal({ id: 'bad' }), ...change } as DealAttributes)));
    expect(failure.code).toBe('INVALID_ENTITY_VALUE');
    expect(failure.responseDetails.status).toBe(400);
    expect((failure.context.attributes as Array<{ attribute: string }>).map((a) => a.attribute)).toEqual([attribute]);
    expect(await storage.run(() => deals().get('bad'))).toBeUndefined();
  });

  it('refuses an entity that is not an object, an undefined entity type, an unknown index and a wrong partition', async () => {
    expect((await failureOf(storage.run(() => kvs.entity('deal').set('d', [1, 2])))).code).toBe('INVALID_ENTITY_VALUE');
    expect((await failureOf(storage.run(() => kvs.entity('opportunity').get('d')))).code).toBe('ENTITY_NOT_DEFINED');
    expect((await failureOf(storage.run(() => deals().query().index('by-colour').getMany()))).code).toBe('INVALID_ENTITY_INDEX');
    expect((await failureOf(storage.run(() => deals().query().index('by-stage', { partition: ['10000'] }).getMany()))).code).toBe('INVALID_PARTITION');
    expect((await failureOf(storage.run(() => deals().query().index('by-stage').getMany()))).code).toBe('INVALID_PARTITION');
    expect((await failureOf(storage.run(() => deals().query().index('by-stage', { partition: [10000, 'qualify'] }).getMany()))).code).toBe('INVALID_PARTITION');
  });

  it('refuses filters on an any attribute or an undeclared one, and malformed conditions', async () => {
    const query = () => deals().query().index('by-updated', { partition: ['10000'] });
    expect((await failureOf(storage.run(() => query().filters(new Filter<DealAttributes>().and('data', FilterConditions.exists())).getMany()))).code).toBe('INVALID_FILTER_ATTRIBUTE');
    expect((await failureOf(storage.run(() => query().filters(new Filter<DealAttributes>().and('colour', FilterConditions.exists())).getMany()))).code).toBe('INVALID_FILTER_ATTRIBUTE');
    expect((await failureOf(storage.run(() => query().where(WhereConditions.beginsWith('17')).getMany()))).code).toBe('INVALID_FILTER_CONDITION');
    expect((await failureOf(storage.run(() => query().where(WhereConditions.greaterThan('yesterday')).getMany()))).code).toBe('INVALID_FILTER_VALUES');
  });
});

describe('custom entity index queries over 250 deals', () => {
  let storage: Storage;
  const all = dealSet(250);
  beforeAll(async () => {
    storage = startStorage();
    await seed(storage, all);
  });

  it('pages through one partition in range-then-key order, forwards and backwards', async () => {
    const inStage = (d: DealAttributes) => d.projectId === '10000' && d.stageId === 'propose';
    const expected = inIndexOrder(all, inStage, (d) => d.position);
    expect(expected.length).toBeGreaterThan(30);
    const forwards = await everyPage(storage, () => deals().query().index('by-stage', { partition: ['10000', 'propose'] }).limit(7));
    expect(forwards.keys).toEqual(expected);
    expect(forwards.pages.slice(0, -1).every((p) => p.size === 7 && p.more)).toBe(true);
    const backwards = await everyPage(storage, () => deals().query().index('by-stage', { partition: ['10000', 'propose'] }).sort(Sort.DESC).limit(9));
    expect(backwards.keys).toEqual([...expected].reverse());
  });

  it('answers ten results by default, and getOne gives the first in order', async () => {
    const expected = inIndexOrder(all, (d) => d.projectId === '10001', (d) => d.updatedAt);
    const page = await storage.run(() => deals().query().index('by-updated', { partition: ['10001'] }).getMany());
    expect(page.results.map((r) => r.key)).toEqual(expected.slice(0, 10));
    const newest = await storage.run(() => deals().query().index('by-updated', { partition: ['10001'] }).sort(Sort.DESC).getOne());
    expect(newest?.key).toBe(expected.at(-1));
    expect(newest?.value.id).toBe(expected.at(-1));
  });

  const openIn10000 = (d: DealAttributes) => d.projectId === '10000' && d.outcome === 'open';
  it.each([
    ['between (inclusive)', WhereConditions.between('2026-03-10', '2026-06-02'), (c: string) => c >= '2026-03-10' && c <= '2026-06-02'],
    ['beginsWith', WhereConditions.beginsWith('2026-11'), (c: string) => c.startsWith('2026-11')],
    ['equalTo', WhereConditions.equalTo(all.find(openIn10000)?.closeDate as string), (c: string) => c === all.find(openIn10000)?.closeDate],
    ['greaterThan', WhereConditions.greaterThan('2026-09-15'), (c: string) => c > '2026-09-15'],
    ['greaterThanEqualTo', WhereConditions.greaterThanEqualTo('2026-09-15'), (c: string) => c >= '2026-09-15'],
    ['lessThan', WhereConditions.lessThan('2026-02-20'), (c: string) => c < '2026-02-20'],
    ['lessThanEqualTo', WhereConditions.lessThanEqualTo('2026-02-20'), (c: string) => c <= '2026-02-20'],
  ])('bounds the range with %s', async (_name, where, keep) => {
    const expected = inIndexOrder(all, (d) => openIn10000(d) && keep(d.closeDate), (d) => d.closeDate);
    expect(expected.length).toBeGreaterThan(0);
    const found = await everyPage(storage, () => deals().query().index('by-outcome-close', { partition: ['10000', 'open'] }).where(where).limit(6));
    expect(found.keys).toEqual(expected);
    const reversed = await everyPage(storage, () => deals().query().index('by-outcome-close', { partition: ['10000', 'open'] }).where(where).sort(Sort.DESC).limit(6));
    expect(reversed.keys).toEqual([...expected].reverse());
  });

  it('bounds a numeric range', async () => {
    const low = 1_790_000_000_000 + 200_000_000;
    const high = 1_790_000_000_000 + 600_000_000;
    const expected = inIndexOrder(all, (d) => d.projectId === '10000' && d.updatedAt >= low && d.updatedAt <= high, (d) => d.updatedAt);
    const found = await everyPage(storage, () => deals().query().index('by-updated', { partition: ['10000'] }).where(WhereConditions.between(low, high)).limit(50));
    expect(found.keys).toEqual(expected);
  });

  it('applies and-filters after the range; pages can come back short, yet paging finds every match', async () => {
    const keep = (d: DealAttributes) => d.ownerId === 'owner-b' && d.amountMinor > 300_000;
    const expected = inIndexOrder(all, (d) => openIn10000(d) && keep(d), (d) => d.closeDate);
    const filters = new Filter<DealAttributes>().and('ownerId', FilterConditions.equalTo('owner-b')).and('amountMinor', FilterConditions.greaterThan(300_000));
    const found = await everyPage(storage, () => deals().query().index('by-outcome-close', { partition: ['10000', 'open'] }).filters(filters).limit(10));
    expect(found.keys).toEqual(expected);
    // The page limit counts entries read, not entries matched: some page with a cursor is short.
    expect(found.pages.some((p) => p.more && p.size < 10)).toBe(true);
  });

  it('applies or-filters and the other filter conditions', async () => {
    const keep = (d: DealAttributes) => d.stageId === 'qualify' || d.name.includes('deal-01') || d.amountMinor <= 5000;
    const expected = inIndexOrder(all, (d) => d.projectId === '10000' && keep(d), (d) => d.updatedAt);
    const filters = new Filter<DealAttributes>()
      .or('stageId', FilterConditions.equalTo('qualify'))
      .or('name', FilterConditions.contains('deal-01'))
      .or('amountMinor', FilterConditions.lessThanEqualTo(5000));
    const found = await everyPage(storage, () => deals().query().index('by-updated', { partition: ['10000'] }).filters(filters).limit(25));
    expect(found.keys).toEqual(expected);
    expect(expected.some((id) => all.find((d) => d.id === id)?.stageId !== 'qualify')).toBe(true);

    const notProposeNorB = new Filter<DealAttributes>()
      .and('stageId', FilterConditions.notEqualTo('propose'))
      .and('ownerId', FilterConditions.notContains('b'))
      .and('closeDate', FilterConditions.between('2026-01-01', '2026-06-30'))
      .and('position', FilterConditions.beginsWith('a1'))
      .and('recurring', FilterConditions.notExists());
    const expected2 = inIndexOrder(
      all,
      (d) => d.projectId === '10000' && d.stageId !== 'propose' && !d.ownerId.includes('b') && d.closeDate >= '2026-01-01' && d.closeDate <= '2026-06-30' && d.position.startsWith('a1'),
      (d) => d.updatedAt,
    );
    expect(expected2.length).toBeGreaterThan(0);
    expect(expected2.length).toBeLessThan(all.length / 10);
    const found2 = await everyPage(storage, () => deals().query().index('by-updated', { partition: ['10000'] }).filters(notProposeNorB).limit(100));
    expect(found2.keys).toEqual(expected2);
  });

  it('refuses a cursor from another partition', async () => {
    const page = await storage.run(() => deals().query().index('by-stage', { partition: ['10000', 'propose'] }).limit(2).getMany());
    const failure = await failureOf(storage.run(() => deals().query().index('by-stage', { partition: ['10000', 'qualify'] }).cursor(page.nextCursor as string).getMany()));
    expect(failure.code).toBe('INVALID_CURSOR');
  });
});

describe('custom entity indexes follow writes', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = startStorage();
  });

  const column = async (stageId: string) => (await storage.run(() => deals().query().index('by-stage', { partition: ['10000', stageId] }).limit(100).getMany())).results.map((r) => r.key);

  it('moves a deal between partitions when its partition attribute changes, and reorders it on a range change', async () => {
    await storage.run(async () => {
      await deals().set('d1', aDeal({ id: 'd1', stageId: 'qualify', position: 'a1' }));
      await deals().set('d2', aDeal({ id: 'd2', stageId: 'qualify', position: 'a2' }));
      await deals().set('d3', aDeal({ id: 'd3', stageId: 'qualify', position: 'a3' }));
    });
    expect(await column('qualify')).toEqual(['d1', 'd2', 'd3']);
    await storage.run(() => deals().set('d3', aDeal({ id: 'd3', stageId: 'qualify', position: 'a0' })));
    expect(await column('qualify')).toEqual(['d3', 'd1', 'd2']);
    await storage.run(() => deals().set('d1', aDeal({ id: 'd1', stageId: 'propose', position: 'a1' })));
    expect(await column('qualify')).toEqual(['d3', 'd2']);
    expect(await column('propose')).toEqual(['d1']);
    await storage.run(() => deals().delete('d2'));
    expect(await column('qualify')).toEqual(['d3']);
  });

  it('leaves an entity out of an index whose range attribute it lacks', async () => {
    const { closeDate: _unset, ...undated } = aDeal({ id: 'undated' });
    await storage.run(() => deals().set('undated', undated as DealAttributes));
    expect(await column('qualify')).toEqual(['undated']);
    const byClose = await storage.run(() => deals().query().index('by-outcome-close', { partition: ['10000', 'open'] }).getMany());
    expect(byClose.results).toEqual([]);
  });

  it('drops expired entities from index queries', async () => {
    await storage.run(async () => {
      await deals().set('short', aDeal({ id: 'short', position: 'a1' }), { ttl: { value: 1, unit: 'HOURS' } });
      await deals().set('long', aDeal({ id: 'long', position: 'a2' }));
    });
    expect(await column('qualify')).toEqual(['short', 'long']);
    storage.clock.advance(3_600_000);
    expect(await column('qualify')).toEqual(['long']);
    expect(await storage.run(() => deals().get('short'))).toBeUndefined();
  });

  it('can fill pages despite filters when configured to', async () => {
    storage = startStorage({ filteredPages: 'fill' });
    await seed(storage, dealSet(120));
    const filters = new Filter<DealAttributes>().and('ownerId', FilterConditions.equalTo('owner-a'));
    const found = await everyPage(storage, () => deals().query().index('by-updated', { partition: ['10000'] }).filters(filters).limit(8));
    expect(found.pages.slice(0, -1).every((p) => p.size === 8)).toBe(true);
    expect(found.keys).toEqual(inIndexOrder(dealSet(120), (d) => d.projectId === '10000' && d.ownerId === 'owner-a', (d) => d.updatedAt));
  });

  it('seeds 2,000 deals through the SDK and answers index queries over them', async () => {
    const many = dealSet(2000);
    // 2,000 writes in one instant would be over Forge's request rate: seeded as set-up, unmetered.
    await storage.seed(async () => {
      const writes: Array<Promise<void>> = [];
      for (const deal of many) writes.push(deals().set(deal.id, deal));
      await Promise.all(writes);
    });
    const expected = inIndexOrder(many, (d) => d.projectId === '10000' && d.stageId === 'negotiate', (d) => d.position);
    const found = await everyPage(storage, () => deals().query().index('by-stage', { partition: ['10000', 'negotiate'] }).limit(100));
    expect(found.keys).toEqual(expected);
    expect(expected.length).toBeGreaterThan(300);
  });
});
