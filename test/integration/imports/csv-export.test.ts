import Papa from 'papaparse';
import { Calls } from '../../../src/contracts/calls';
import { errorOf, startCrm, USERS, type Crm } from '../crm/crm-harness';
import { importFile } from './import-harness';

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

  it("heads the file in the language the page asks for (locales/*.json), and a German export imports back", async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme GmbH', domain: 'acme.de' });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Rollout', amountMinor: 1250050, currency: 'EUR', companyId: acme.id, source: 'web', closeDate: '2026-12-01', nextStep: 'Angebot senden' });
    const request = { table: 'deals', projectKey: 'SALES', columns: ['id', 'name', 'company', 'position', 'amount', 'currency', 'closeDate', 'nextStep', 'source', 'owner'] };
    const english = await exportAll('sam', request);
    expect(english.rows[0]).toEqual(['External id', 'Name', 'Company name', 'Stage', 'Amount', 'Currency', 'Close date', 'Next step', 'Source', 'Owner (account id)']);

    // The page sends the language it speaks (a function is not told the user's locale).
    const german = await exportAll('sam', { ...request, locale: 'de-DE' });
    expect(german.rows[0]).toEqual(['Externe ID', 'Name', 'Unternehmensname', 'Phase', 'Betrag', 'Währung', 'Abschlussdatum', 'Nächster Schritt', 'Quelle', 'Verantwortlich (Konto-ID)']);
    expect(german.rows.slice(1)).toEqual(english.rows.slice(1));
    const companies = await exportAll('sam', { table: 'companies', projectKey: 'SALES', columns: ['name', 'domain', 'industry'], locale: 'de-DE' });
    // A language Relay does not ship reads English; the user's Jira profile language is not what decides.
    crm.sandbox.jira.setUserLocale(USERS.sam, 'de_DE');
    expect((await exportAll('sam', { ...request, locale: 'fr-FR' })).rows[0]).toEqual(english.rows[0]);
    expect((await exportAll('sam', { ...request, locale: 'de-AT' })).rows[0]).toEqual(german.rows[0]);
    expect((await exportAll('sam', request)).rows[0]).toEqual(english.rows[0]);
    expect(companies.rows[0]).toEqual(['Name', 'Domain', 'Branche']);

    // The German user imports their own export back (as new deals: a Relay id is no other CRM's
    // external id to match by): every column is recognised by its German header, and every value arrives.
    const text = Papa.unparse(german.rows.map((r, i) => (i === 0 ? r : r.map((cell, c) => (c === 1 ? 'Rollout (Kopie)' : cell)))));
    const { job } = await importFile(crm, 'sam', { kind: 'deals', text, mode: 'create', dateOrder: 'dmy', defaultCurrency: 'USD' });
    expect(job.counts).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
    const after = await exportAll('sam', request);
    const copy = after.rows.find((r) => r[1] === 'Rollout (Kopie)');
    // Everything but the id, the name (changed) and the owner (the importing user, here the same person).
    expect(copy?.slice(2)).toEqual(english.rows[1]!.slice(2));
  });
});
