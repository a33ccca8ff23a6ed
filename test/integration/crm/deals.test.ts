import { Calls } from '../../../src/contracts/calls';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, startCrm, type Crm } from './crm-harness';

const readyFields = {
  amountMinor: 1_200_000,
  currency: 'EUR',
  closeDate: '2026-12-15',
  nextStep: 'Send order form',
  contractStart: '2027-01-01',
  contractEnd: '2027-12-31',
  scope: 'SSO, 3 workspaces',
  notSold: 'On-prem connector',
  stakeholders: 'CFO, IT lead',
  successCriteria: '80% weekly active in 90 days',
};

describe('deals on the sandbox (real resolver, real SDK)', () => {
  let crm: Crm;
  let ready: typeof readyFields & { companyId: string; contactIds: string[] };
  beforeEach(async () => {
    crm = await startCrm();
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@acme.io', companyId: company.id });
    ready = { ...readyFields, companyId: company.id, contactIds: [contact.id] };
  });
  afterEach(() => crm.close());

  it('creates a deal at the end of the first open column and reads it back', async () => {
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout', amountMinor: 500_000, currency: 'EUR' });
    expect((await crm.list('sam', Calls.deals.board, { projectKey: 'SALES' })).columns[0]).toMatchObject({ count: 1, amounts: { EUR: 500_000 }, weighted: { EUR: 50_000 } });
    expect(deal).toMatchObject({ name: 'Acme rollout', ownerId: expect.any(String), outcome: 'open', version: 1, forecastCategory: 'pipeline', probability: 10 });
    expect(await crm.ok('vic', Calls.deals.get, { dealId: deal.id })).toEqual(deal);
    const second = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Globex pilot' });
    expect(second.position > deal.position).toBe(true);
  });

  it('refuses to leave a stage whose exit criteria do not hold, naming the missing fields, and stores nothing', async () => {
    const pipeline = await crm.ok('sam', Calls.pipelines.get, { projectKey: 'SALES' });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout' });
    const answer = await crm.call('sam', Calls.deals.move, { dealId: deal.id, version: 1, toStageId: pipeline.stages[1]!.id, afterDealId: null, beforeDealId: null });
    const error = errorOf(answer);
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toMatchObject({ missing: ['companyId', 'contacts'] });
    expect(error.fields?.map((f) => f.path)).toEqual(['companyId', 'contacts']);
    expect(await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).toMatchObject({ version: 1, stageId: pipeline.stages[0]!.id });
  });

  it('gives exactly one of two concurrent updates; the other gets CONFLICT with the current deal', async () => {
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout' });
    const [a, b] = await Promise.all([
      crm.call('sam', Calls.deals.update, { dealId: deal.id, version: 1, changes: { nextStep: 'Call CFO' } }),
      crm.call('alice', Calls.deals.update, { dealId: deal.id, version: 1, changes: { amountMinor: 900_000 } }),
    ]);
    const answers = [a, b];
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    const loser = errorOf(answers.find((x) => !x.ok)!);
    expect(loser.code).toBe('CONFLICT');
    const current = await crm.ok('sam', Calls.deals.get, { dealId: deal.id });
    expect(current.version).toBe(2);
    expect(loser.details?.current).toEqual(current);
  });

  it('wins a ready deal in one transaction and keeps the totals right', async () => {
    const appClock = pinAppClock(crm.clock);
    const pipeline = await crm.ok('sam', Calls.pipelines.get, { projectKey: 'SALES' });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout', ...ready, stageId: pipeline.stages[3]!.id });
    const before = crm.sandbox.platform.invocations.length;
    const won = await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    expect(won).toMatchObject({ outcome: 'won', forecastCategory: 'closed', version: 2 });
    expect((await crm.list('sam', Calls.deals.board, { projectKey: 'SALES' })).columns[3]).toMatchObject({ count: 0, amounts: {}, weighted: {} });
    const cost = crm.sandbox.platform.invocations[before]!.cost;
    expect(cost.storageByOperation['/api/v1/transaction']).toBe(1);
    const { totals } = await crm.ok('vic', Calls.totals.get, { projectKey: 'SALES' });
    expect(totals.won).toEqual({ count: 1, amounts: { EUR: 1_200_000 } });
    expect(totals.open.count).toBe(0);
    // A rebuild scans with an entity query, which may not show the win yet: it waits for the write
    // to settle instead of storing totals computed from a stale scan.
    const early = errorOf(await crm.call('alice', Calls.totals.rebuild, { projectKey: 'SALES' }));
    expect(early.code).toBe('RATE_LIMITED');
    expect(early.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect((await crm.ok('vic', Calls.totals.get, { projectKey: 'SALES' })).totals.won.count).toBe(1);
    try {
      appClock.advance(60_000);
      const rebuilt = await crm.ok('alice', Calls.totals.rebuild, { projectKey: 'SALES' });
      expect(rebuilt).toMatchObject({ dealsScanned: 1, changed: false });
    } finally {
      appClock.restore();
    }
  });

  it('never rebuilds totals from a scan that misses recent writes', async () => {
    const appClock = pinAppClock(crm.clock);
    try {
      for (const name of ['One', 'Two', 'Three']) await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name, amountMinor: 100_000, currency: 'EUR' });
      appClock.advance(60_000);
      await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Four', amountMinor: 100_000, currency: 'EUR' });
      expect(errorOf(await crm.call('alice', Calls.totals.rebuild, { projectKey: 'SALES' })).code).toBe('RATE_LIMITED');
      const { totals } = await crm.ok('vic', Calls.totals.get, { projectKey: 'SALES' });
      expect(totals.open).toEqual({ count: 4, amounts: { EUR: 400_000 } });
    } finally {
      appClock.restore();
    }
  });

  it('hides deals of projects the user cannot browse, and refuses edits without the app permission', async () => {
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout' });
    expect(errorOf(await crm.call('dana', Calls.deals.get, { dealId: deal.id }, 'DEL')).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.deals.list, { projectKey: 'SALES' })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('vic', Calls.deals.update, { dealId: deal.id, version: 1, changes: { name: 'Mine now' } })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('sam', Calls.pipelines.update, { projectKey: 'SALES', version: 1, stages: [] })).code).toBe('VALIDATION');
  });

  it('answers VALIDATION for malformed payloads and stores nothing', async () => {
    const before = await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' });
    for (const bad of [{ projectKey: 'SALES' }, { projectKey: 'SALES', name: 'x', amountMinor: 10.5 }, { projectKey: 'SALES', name: 'x', currency: 'EURO' }, { projectKey: 'SALES', name: 'x', ownerId: 'u', hack: true }]) {
      const error = errorOf(await crm.call('sam', Calls.deals.create, bad));
      expect(error.code).toBe('VALIDATION');
      expect(error.fields?.length).toBeGreaterThan(0);
    }
    expect(await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).toEqual(before);
  });

  it('lists deals by filter and pages with a cursor; the board is one entity query', async () => {
    for (let i = 0; i < 5; i += 1) await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: `Deal ${i}`, closeDate: `2026-12-0${i + 1}`, segment: i % 2 ? 'smb' : 'enterprise' });
    const first = await crm.list('vic', Calls.deals.list, { projectKey: 'SALES', limit: 2 });
    expect(first.items.map((d) => d.name)).toEqual(['Deal 0', 'Deal 1']);
    const second = await crm.list('vic', Calls.deals.list, { projectKey: 'SALES', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((d) => d.name)).toEqual(['Deal 2', 'Deal 3']);
    const smb = await crm.list('vic', Calls.deals.list, { projectKey: 'SALES', segment: 'smb', closeFrom: '2026-12-01', closeTo: '2026-12-03' });
    expect(smb.items.map((d) => d.name)).toEqual(['Deal 1']);
    const before = crm.sandbox.platform.invocations.length;
    const board = await crm.list('vic', Calls.deals.board, { projectKey: 'SALES' });
    expect(board.columns[0]!.deals.map((d) => d.name)).toEqual(['Deal 0', 'Deal 1', 'Deal 2', 'Deal 3', 'Deal 4']);
    expect(board.columns.map((c) => c.count)).toEqual([5, 0, 0, 0]);
    expect(crm.sandbox.platform.invocations[before]!.cost.storageByOperation['/api/v1/entity/query']).toBe(1);
  });

  it('loses with a reason, reopens into an open stage, and archives out of the board and totals', async () => {
    const pipeline = await crm.ok('sam', Calls.pipelines.get, { projectKey: 'SALES' });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', amountMinor: 100_000, currency: 'EUR' });
    expect(errorOf(await crm.call('sam', Calls.deals.lose, { dealId: deal.id, version: 1, reason: '' })).code).toBe('VALIDATION');
    const lost = await crm.ok('sam', Calls.deals.lose, { dealId: deal.id, version: 1, reason: 'Went with a competitor' });
    expect(lost).toMatchObject({ outcome: 'lost', lostReason: 'Went with a competitor', forecastCategory: 'omitted' });
    expect(errorOf(await crm.call('sam', Calls.deals.reopen, { dealId: deal.id, version: 2, toStageId: pipeline.stages[4]!.id })).code).toBe('VALIDATION');
    const reopened = await crm.ok('sam', Calls.deals.reopen, { dealId: deal.id, version: 2, toStageId: pipeline.stages[0]!.id });
    expect(reopened).toMatchObject({ outcome: 'open', lostReason: null, closedAt: null, version: 3 });
    const archived = await crm.ok('sam', Calls.deals.archive, { dealId: deal.id, version: 3 });
    expect(archived.archived).toBe(true);
    expect((await crm.list('sam', Calls.deals.board, { projectKey: 'SALES' })).columns.flatMap((c) => c.deals)).toEqual([]);
    expect((await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).totals.open).toEqual({ count: 0, amounts: {} });
    expect(await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).toEqual(archived);
    expect(errorOf(await crm.call('sam', Calls.deals.update, { dealId: deal.id, version: 4, changes: { name: 'Back' } })).code).toBe('VALIDATION');
  });

  it('counts a push when the close date slips into a later quarter, and keeps the stage entry time', async () => {
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', closeDate: '2026-12-15' });
    const sameQuarter = await crm.ok('sam', Calls.deals.update, { dealId: deal.id, version: 1, changes: { closeDate: '2026-12-30' } });
    expect(sameQuarter.pushCount).toBe(0);
    const slipped = await crm.ok('sam', Calls.deals.update, { dealId: deal.id, version: 2, changes: { closeDate: '2027-01-20' } });
    expect(slipped.pushCount).toBe(1);
    expect(slipped.stageEnteredAt).toBe(deal.stageEnteredAt);
  });

  it('refuses a move between neighbours that are not in the target column', async () => {
    const pipeline = await crm.ok('sam', Calls.pipelines.get, { projectKey: 'SALES' });
    const a = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'A' });
    const b = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'B' });
    const c = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'C' });
    const moved = await crm.ok('sam', Calls.deals.move, { dealId: c.id, version: 1, toStageId: pipeline.stages[0]!.id, afterDealId: a.id, beforeDealId: b.id });
    const board = await crm.list('sam', Calls.deals.board, { projectKey: 'SALES' });
    expect(board.columns[0]!.deals.map((d) => d.name)).toEqual(['A', 'C', 'B']);
    expect(crm.sandbox.platform.invocations.filter((i) => i.functionKey === 'resolver').at(-2)!.cost.writeUnits).toBeLessThanOrEqual(3);
    const wrong = errorOf(await crm.call('sam', Calls.deals.move, { dealId: moved.id, version: moved.version, toStageId: pipeline.stages[0]!.id, afterDealId: 'no-such-deal', beforeDealId: null }));
    expect(wrong.fields?.[0]?.path).toBe('afterDealId');
  });

  it('refuses a move between a card and itself as VALIDATION, changing nothing (found by the resolver fuzz)', async () => {
    const pipeline = await crm.ok('sam', Calls.pipelines.get, { projectKey: 'SALES' });
    const a = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'A' });
    const c = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'C' });
    const before = JSON.stringify(crm.sandbox.kvs.exportState());
    const answer = errorOf(await crm.call('sam', Calls.deals.move, { dealId: c.id, version: 1, toStageId: pipeline.stages[0]!.id, afterDealId: a.id, beforeDealId: a.id }));
    expect(answer).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'beforeDealId' }] });
    expect(JSON.stringify(crm.sandbox.kvs.exportState())).toBe(before);
  });

  it('links only companies and contacts that exist and are active', async () => {
    const bad = errorOf(await crm.call('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Ghost', companyId: 'no-such-company' }));
    expect(bad).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'companyId' }] });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', companyId: ready.companyId, contactIds: ready.contactIds });
    const missing = errorOf(await crm.call('sam', Calls.deals.update, { dealId: deal.id, version: 1, changes: { contactIds: [...ready.contactIds, 'nobody'] } }));
    expect(missing.fields).toEqual([{ path: 'contactIds', message: 'No such active contact: nobody' }]);
    expect((await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).version).toBe(1);
  });

  it('finds open deals by words in their name, for linking an issue', async () => {
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme platform rollout' });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Globex pilot' });
    expect((await crm.list('vic', Calls.deals.search, { projectKey: 'SALES', text: 'PLATFORM' })).items.map((d) => d.name)).toEqual(['Acme platform rollout']);
    expect(errorOf(await crm.call('omar', Calls.deals.search, { projectKey: 'SALES', text: 'acme' })).code).toBe('NOT_FOUND');
  });

  it('lists a company’s deals in the project', async () => {
    const other = await crm.ok('sam', Calls.companies.create, { name: 'Globex', domain: 'globex.io' });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme one', companyId: ready.companyId });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Globex one', companyId: other.id });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme two', companyId: ready.companyId });
    const page = await crm.list('vic', Calls.deals.list, { projectKey: 'SALES', companyId: ready.companyId });
    expect(page.items.map((d) => d.name)).toEqual(['Acme one', 'Acme two']);
  });
});
