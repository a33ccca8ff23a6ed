import Papa from 'papaparse';
import { Calls } from '../../../src/contracts/calls';
import { errorOf, startCrm, type Crm } from '../crm/crm-harness';

let crm: Crm;

beforeEach(async () => {
  crm = await startCrm();
  await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
});
afterEach(async () => crm.close());

async function exportAll(user: 'sam' | 'vic' | 'omar', request: Record<string, unknown>): Promise<{ rows: string[][]; calls: number }> {
  let text = '';
  let cursor: string | undefined;
  let calls = 0;
  // Exports read lists (entity queries trail writes): the user exports once the records they made show.
  crm.later();
  do {
    const slice = await crm.ok(user, Calls.exports.table, { ...request, ...(cursor ? { cursor } : {}) });
    text += slice.csv;
    cursor = slice.nextCursor ?? undefined;
    calls += 1;
  } while (cursor);
  return { rows: Papa.parse<string[]>(text.trim()).data, calls };
}

describe('CSV export', () => {
  it('exports the deals table view with its filters and columns, the header once', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme, Inc.' });
    for (let i = 1; i <= 230; i += 1) {
      // Someone entering deals one after another, not 230 in one instant (the storage quota is per second).
      crm.later(1000);
      await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: `Deal ${i}`, amountMinor: i * 100, currency: 'EUR', companyId: acme.id, source: i % 2 ? 'web' : 'partner', closeDate: '2026-12-01' });
    }
    const { rows } = await exportAll('vic', { table: 'deals', projectKey: 'SALES', filters: { source: 'web' }, columns: ['name', 'company', 'amount', 'currency'] });
    expect(rows[0]).toEqual(['Name', 'Company name', 'Amount', 'Currency']);
    expect(rows).toHaveLength(1 + 115);
    expect(rows.find((r) => r[0] === 'Deal 1')).toEqual(['Deal 1', 'Acme, Inc.', '1.00', 'EUR']);
    expect(rows.find((r) => r[0] === 'Deal 2')).toBeUndefined();
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(115);
  });

  it('exports only what the user may see, and marketing exports only contacts who granted consent', async () => {
    await crm.ok('sam', Calls.contacts.create, { name: 'Opted In', email: 'in@x.io', consent: { status: 'granted', basis: 'consent', date: '2026-01-02' } });
    await crm.ok('sam', Calls.contacts.create, { name: 'Never Asked', email: 'never@x.io' });
    await crm.ok('sam', Calls.contacts.create, { name: '=HYPERLINK("http://evil")', email: 'evil@x.io' });
    const all = await exportAll('vic', { table: 'contacts', projectKey: 'SALES', columns: ['name', 'email', 'consent'] });
    expect(all.rows.slice(1).map((r) => r[0]).sort()).toEqual(["'=HYPERLINK(\"http://evil\")", 'Never Asked', 'Opted In']);
    const marketing = await exportAll('vic', { table: 'contacts', projectKey: 'SALES', filters: { consentGranted: true }, columns: ['name', 'email'] });
    expect(marketing.rows.slice(1)).toEqual([['Opted In', 'in@x.io']]);
    expect(errorOf(await crm.call('omar', Calls.exports.table, { table: 'contacts', projectKey: 'SALES' })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('dana', Calls.exports.table, { table: 'deals', projectKey: 'SALES' })).code).toBe('NOT_FOUND');
  });
});
