import { Calls } from '../../../src/contracts/calls';
import { errorOf, READY_FIELDS, startCrm, type Crm } from './crm-harness';

/**
 * Forge's entity queries are eventually consistent; the sandbox holds every write back from them
 * for `queryLagMs` (on by default). These tests first show that a list really does not show a fresh
 * write yet, then that what must never depend on a list still holds.
 */
describe('Relay with storage queries that trail writes', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
    expect(crm.sandbox.kvs.queryLagMs).toBeGreaterThan(0);
    // Companies and contacts open up through the site's CRM-enabled projects.
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
  });
  afterEach(() => crm.close());

  it('refuses a second contact with the same email while searches do not show the first yet', async () => {
    const ana = await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@example.com' });
    expect((await crm.ok('sam', Calls.contacts.search, { text: 'ana' })).items).toEqual([]);
    const again = errorOf(await crm.call('alice', Calls.contacts.create, { name: 'Ana again', email: ' ANA@example.com' }));
    expect(again).toMatchObject({ code: 'CONFLICT', details: { existing: { id: ana.id } } });
    expect((await crm.list('sam', Calls.contacts.search, { text: 'ana' })).items.map((c) => c.id)).toEqual([ana.id]);
  });

  it('refuses a second company with the same domain while lists do not show the first yet', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    expect((await crm.ok('sam', Calls.companies.list, {})).items).toEqual([]);
    const again = errorOf(await crm.call('sam', Calls.companies.create, { name: 'Acme GmbH', domain: 'https://www.acme.io/' }));
    expect(again).toMatchObject({ code: 'CONFLICT', details: { existing: { id: acme.id } } });
    expect((await crm.list('sam', Calls.companies.list, {})).items.map((c) => c.id)).toEqual([acme.id]);
  });

  it('counts a deal in the totals at once, while the deal list does not show it yet', async () => {
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', amountMinor: 100_000, currency: 'EUR' });
    expect((await crm.ok('sam', Calls.deals.list, { projectKey: 'SALES' })).items).toEqual([]);
    expect((await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).totals.open).toEqual({ count: 1, amounts: { EUR: 100_000 } });
  });

  it('puts quickly created deals at the end of their column in the order they were made', async () => {
    const made = [];
    for (const name of ['First', 'Second', 'Third']) made.push(await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name }));
    const positions = made.map((d) => d.position);
    expect(new Set(positions).size).toBe(3);
    expect([...positions].sort()).toEqual(positions);
    const column = (await crm.list('sam', Calls.deals.board, { projectKey: 'SALES' })).columns[0]!;
    expect(column.deals.map((d) => d.name)).toEqual(['First', 'Second', 'Third']);
  });

  it('keeps the end of a column only when the card is saved: a refused win, lose or move (to any stage id) leaves storage as it was', async () => {
    const pipeline = await crm.ok('sam', Calls.pipelines.get, { projectKey: 'SALES' });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Not ready' });
    const stored = () => JSON.stringify(crm.sandbox.kvs.exportState());
    const before = stored();
    expect(errorOf(await crm.call('sam', Calls.deals.win, { dealId: deal.id, version: deal.version })).code).toBe('VALIDATION'); // exit criteria missing
    expect(errorOf(await crm.call('sam', Calls.deals.lose, { dealId: deal.id, version: deal.version, reason: ' ' })).code).toBe('VALIDATION');
    expect(errorOf(await crm.call('sam', Calls.deals.move, { dealId: deal.id, version: deal.version, toStageId: pipeline.stages[2]!.id, afterDealId: null, beforeDealId: null })).code).toBe('VALIDATION');
    // A stage id that is no stage (and no storage key either) is the user's error, not a fault.
    for (const toStageId of ['no such stage', 'ü/../x']) {
      expect(errorOf(await crm.call('sam', Calls.deals.move, { dealId: deal.id, version: deal.version, toStageId, afterDealId: null, beforeDealId: null }))).toMatchObject({ code: 'VALIDATION', details: { reason: 'STAGE_UNKNOWN' } });
    }
    expect(stored()).toBe(before);
  });

  it('wins a deal once however often the win is sent, while lists lag', async () => {
    const pipeline = await crm.ok('sam', Calls.pipelines.get, { projectKey: 'SALES' });
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ana', email: 'ana@acme.io', companyId: company.id });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', stageId: pipeline.stages[3]!.id, ...READY_FIELDS, amountMinor: 100_000, companyId: company.id, contactIds: [contact.id] });
    const answers = await Promise.all([1, 2, 3].map(() => crm.call('sam', Calls.deals.win, { dealId: deal.id, version: deal.version })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => errorOf(a).code)).toEqual(['CONFLICT', 'CONFLICT']);
    expect((await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).totals.won).toEqual({ count: 1, amounts: { EUR: 100_000 } });
  });
});
