import { appendPage, collectPage, insertInOrder, upsertById } from '../../../static/src/project-page/records/paging';
import { listInput, EMPTY_FILTERS } from '../../../static/src/project-page/deals/deal-query';
import { recordIdFromPath, recordPath } from '../../../static/src/project-page/records/record-paths';

/** A list that answers the pages given, one per call, and records the cursors it was asked for. */
function pagedList(pages: Array<{ items: string[]; nextCursor: string | null }>) {
  const asked: Array<string | undefined> = [];
  const fetchPage = async (cursor: string | undefined) => {
    asked.push(cursor);
    const page = pages[asked.length - 1];
    if (!page) throw new Error(`asked for page ${asked.length} of ${pages.length}`);
    return { items: page.items.map((id) => ({ id })), nextCursor: page.nextCursor };
  };
  return { fetchPage, asked };
}

describe('cursor paging', () => {
  it('keeps following the cursor through short and empty pages until it has a page’s worth', async () => {
    const list = pagedList([
      { items: ['a'], nextCursor: 'c1' },
      { items: [], nextCursor: 'c2' },
      { items: ['b', 'c'], nextCursor: 'c3' },
      { items: ['d'], nextCursor: null },
    ]);
    const page = await collectPage(list.fetchPage, undefined, 3);
    expect(page.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(page.nextCursor).toBe('c3');
    expect(list.asked).toEqual([undefined, 'c1', 'c2']);
  });

  it('stops at the end of the list, and after maxCalls so one click never becomes a burst', async () => {
    const ended = pagedList([{ items: ['a'], nextCursor: null }]);
    expect(await collectPage(ended.fetchPage, 'start', 50)).toEqual({ items: [{ id: 'a' }], nextCursor: null, calls: 1 });
    expect(ended.asked).toEqual(['start']);

    const sparse = pagedList(Array.from({ length: 10 }, (_, i) => ({ items: [], nextCursor: `c${i + 1}` })));
    const page = await collectPage(sparse.fetchPage, undefined, 50, 4);
    expect(page).toEqual({ items: [], nextCursor: 'c4', calls: 4 });
  });

  it('replaces an edited record in place and appends a new one', () => {
    const rows = [{ id: 'a', v: 1 }, { id: 'b', v: 1 }];
    expect(upsertById(rows, { id: 'a', v: 2 })).toEqual([{ id: 'a', v: 2 }, { id: 'b', v: 1 }]);
    expect(upsertById(rows, { id: 'c', v: 1 }).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(rows[0]).toEqual({ id: 'a', v: 1 });
  });
});

describe('the deals table’s query', () => {
  it('sends only the filters that are set, with the sort and the cursor', () => {
    expect(listInput('SALES', EMPTY_FILTERS, { key: 'closeDate', direction: 'asc' })).toEqual({ projectKey: 'SALES', outcome: 'open', sort: 'closeDate', direction: 'asc', limit: 50 });
    expect(
      listInput('SALES', { ...EMPTY_FILTERS, stageId: 's1', ownerId: 'u1', forecastCategory: 'commit', segment: 'smb', source: ' inbound ', closeFrom: '2026-10-01', closeTo: '2026-12-31' }, { key: 'updatedAt', direction: 'desc' }, 'cur'),
    ).toEqual({ projectKey: 'SALES', outcome: 'open', stageId: 's1', ownerId: 'u1', forecastCategory: 'commit', segment: 'smb', source: 'inbound', closeFrom: '2026-10-01', closeTo: '2026-12-31', sort: 'updatedAt', direction: 'desc', limit: 50, cursor: 'cur' });
  });

  it('drops a reversed or half-typed close range and stage filters on closed deals instead of sending a list the server refuses', () => {
    const input = listInput('SALES', { ...EMPTY_FILTERS, outcome: 'won', stageId: 's1', closeFrom: '2026-12-31', closeTo: '2026-01-01', forecastCategory: 'bogus' }, { key: 'amount', direction: 'asc' });
    expect(input).toEqual({ projectKey: 'SALES', outcome: 'won', sort: 'closeDate', direction: 'asc', limit: 50 });
    expect(listInput('SALES', { ...EMPTY_FILTERS, closeFrom: '2026-1' }, { key: 'position', direction: 'asc' })).toEqual({ projectKey: 'SALES', outcome: 'open', sort: 'position', direction: 'asc', limit: 50 });
  });
});

describe('record paths', () => {
  it('reads the open record from the subpage path and builds linkable paths', () => {
    expect(recordIdFromPath('/deals/d-1', 'deals')).toBe('d-1');
    expect(recordIdFromPath('deals/d-1/', 'deals')).toBe('d-1');
    expect(recordIdFromPath('/deals', 'deals')).toBeUndefined();
    expect(recordIdFromPath('/companies/c-1', 'deals')).toBeUndefined();
    expect(recordIdFromPath(undefined, 'contacts')).toBeUndefined();
    expect(recordPath('companies', 'a b')).toBe('/companies/a%20b');
    expect(recordIdFromPath(recordPath('companies', 'a b'), 'companies')).toBe('a b');
  });
});

describe('rows a screen wrote itself', () => {
  const newestFirst = (a: { at: number }, b: { at: number }) => a.at > b.at;
  const rows = [{ id: 'c', at: 30 }, { id: 'b', at: 20 }, { id: 'a', at: 10 }];

  it('inserts a created record where a fresh read would show it, once', () => {
    expect(insertInOrder(rows, { id: 'n', at: 25 }, newestFirst, false).map((r) => r.id)).toEqual(['c', 'n', 'b', 'a']);
    expect(insertInOrder(rows, { id: 'n', at: 99 }, newestFirst, true).map((r) => r.id)).toEqual(['n', 'c', 'b', 'a']);
    expect(insertInOrder([{ id: 'n', at: 25 }, ...rows], { id: 'n', at: 25 }, newestFirst, false).map((r) => r.id)).toEqual(['c', 'n', 'b', 'a']);
  });

  it('leaves a record that belongs to a later page for that page, and never shows it twice', () => {
    expect(insertInOrder(rows, { id: 'old', at: 1 }, newestFirst, true).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(insertInOrder(rows, { id: 'old', at: 1 }, newestFirst, false).map((r) => r.id)).toEqual(['c', 'b', 'a', 'old']);
    expect(appendPage([{ id: 'n' }, { id: 'c' }], [{ id: 'n' }, { id: 'd' }]).map((r) => r.id)).toEqual(['n', 'c', 'd']);
  });
});
