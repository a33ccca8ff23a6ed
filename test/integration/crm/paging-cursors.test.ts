import { Calls } from '../../../src/contracts/calls';
import { errorOf, startCrm, type Crm } from './crm-harness';

/**
 * Every paged call answers a bad cursor the same way: VALIDATION naming `cursor`, nothing read.
 * A cursor only continues the query, the call and the user it came from.
 */
describe('paging cursors', () => {
  let crm: Crm;
  let dealCursor: string;
  beforeEach(async () => {
    crm = await startCrm();
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme' });
    await crm.ok('sam', Calls.companies.create, { name: 'Beta' });
    await crm.ok('sam', Calls.contacts.create, { name: 'Ada' });
    await crm.ok('sam', Calls.contacts.create, { name: 'Bob' });
    for (const name of ['One', 'Two', 'Three']) {
      const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name });
      await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'task', subject: `Call about ${name}`, dueAt: Date.UTC(2030, 0, 1) });
      await crm.ok('sam', Calls.activities.create, { recordType: 'company', recordId: company.id, kind: 'note', subject: `Note ${name}` });
    }
    const page = await crm.list('sam', Calls.deals.list, { projectKey: 'SALES', limit: 1 });
    dealCursor = page.nextCursor!;
    expect(dealCursor).toEqual(expect.any(String));
  });
  afterEach(() => crm.close());

  const paged = async (cursor: unknown) => {
    const company = (await crm.ok('sam', Calls.companies.list, {})).items[0]!;
    return [
      ['deals/list', await crm.call('sam', Calls.deals.list, { projectKey: 'SALES', limit: 1, cursor })],
      ['deals/board', await crm.call('sam', Calls.deals.board, { projectKey: 'SALES', cursor })],
      ['timeline/list', await crm.call('sam', Calls.timeline.list, { recordType: 'company', recordId: company.id, limit: 1, cursor })],
      ['tasks/mine', await crm.call('sam', Calls.tasks.mine, { limit: 1, cursor })],
      ['companies/list', await crm.call('sam', Calls.companies.list, { limit: 1, cursor })],
      ['companies/search', await crm.call('sam', Calls.companies.search, { text: 'a', limit: 1, cursor })],
      ['contacts/list', await crm.call('sam', Calls.contacts.list, { limit: 1, cursor })],
      ['contacts/search', await crm.call('sam', Calls.contacts.search, { text: 'a', limit: 1, cursor })],
    ] as const;
  };

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a forged token', 'c1.AAAA.BBBB'],
    ['unicode', 'ü∂ƒ©˙∆˚¬'],
    ['a huge string', 'x'.repeat(5000)],
    ['a number', 42],
    ['an empty string', ''],
  ])('refuses %s as a cursor on every paged call with VALIDATION on cursor', async (_name, cursor) => {
    for (const [key, answer] of await paged(cursor)) {
      const error = errorOf(answer);
      expect({ key, code: error.code, path: error.fields?.[0]?.path }).toEqual({ key, code: 'VALIDATION', path: 'cursor' });
    }
  });

  it("refuses a cursor of another call, another query or another user, and continues only its own", async () => {
    // Its own query continues.
    const next = await crm.ok('sam', Calls.deals.list, { projectKey: 'SALES', limit: 1, cursor: dealCursor });
    expect(next.items).toHaveLength(1);
    // Every other paged call refuses it.
    for (const [key, answer] of await paged(dealCursor)) {
      if (key === 'deals/list') continue;
      expect({ key, code: errorOf(answer).code }).toEqual({ key, code: 'VALIDATION' });
    }
    // The same call with another filter, and the same query asked by someone else.
    expect(errorOf(await crm.call('sam', Calls.deals.list, { projectKey: 'SALES', limit: 1, ownerId: 'someone', cursor: dealCursor })).code).toBe('VALIDATION');
    expect(errorOf(await crm.call('vic', Calls.deals.list, { projectKey: 'SALES', limit: 1, cursor: dealCursor })).code).toBe('VALIDATION');
    // A page size change does not make it another query.
    expect((await crm.ok('sam', Calls.deals.list, { projectKey: 'SALES', limit: 2, cursor: dealCursor })).items).toHaveLength(2);
  });

  it("hands out cursors that continue tasks and timelines page after page, without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await crm.ok('sam', Calls.tasks.mine, { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });
});
