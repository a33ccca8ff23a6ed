import { Calls } from '../../../src/contracts/calls';
import { errorOf, startCrm, type Crm } from '../crm/crm-harness';
import { hubspotContacts, pipedriveDeals, salesforceAccounts, salesforceOpportunities } from '../../builders/import-files';
import { importFile } from './import-harness';

let crm: Crm;

beforeEach(async () => {
  crm = await startCrm();
  await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
});
afterEach(async () => crm.close());

async function allContacts() {
  const page = await crm.list('sam', Calls.contacts.list, { limit: 100 });
  return page.items;
}

describe('CSV import', () => {
  it('imports a HubSpot contacts export with its BOM, quoted commas and line breaks, and says why each rejected row was refused', async () => {
    const { job, rejected } = await importFile(crm, 'sam', { kind: 'contacts', text: hubspotContacts() });
    expect(job.status).toBe('done');
    expect(job.counts.rows).toBe(8);
    expect(job.counts.imported + job.counts.updated + job.counts.rejected).toBe(job.counts.rows);
    expect(job.counts.imported).toBe(4);
    expect(rejected.map((r) => r.line)).toEqual([8, 9, 10, 11]);
    expect(rejected[0]!.reason).toMatch(/Same email as line 6/);
    expect(rejected[1]!.reason).toMatch(/Email: "not-an-email" is not an email/);
    expect(rejected[2]!.reason).toMatch(/Lifecycle Stage: "Champion" is not a lifecycle stage/);
    expect(rejected[3]!.reason).toMatch(/needs a name/);
    expect(rejected[0]!.cells[3]).toBe('ana@acme.io');

    const contacts = await allContacts();
    const jose = contacts.find((c) => c.email === 'jose@muller-schmidt.de')!;
    expect(jose.name).toBe('José Ñúñez');
    expect(jose.lifecycleStage).toBe('mql');
    expect(jose.attribution?.channel).toBe('Organic Search');
    const ana = contacts.find((c) => c.email === 'ana@acme.io')!;
    expect(ana.title).toBe('Buyer\nand budget owner');
    expect(contacts.find((c) => c.email === 'li.lei@example.cn')!.title).toBe('"Chief" Engineer');
    expect(contacts.find((c) => c.email === 'zoe@acme.io')!.name).toBe("Zoë O'Brien");

    // Companies named by the rows were created once each and linked.
    const company = await crm.ok('sam', Calls.companies.get, { companyId: jose.companyId! });
    expect(company).toMatchObject({ name: 'Müller, Schmidt & Co', domain: 'muller-schmidt.de' });
    expect(ana.companyId).toBe(contacts.find((c) => c.email === 'zoe@acme.io')!.companyId);
    expect(job.counts.companiesCreated).toBe(2);
  });

  it('creates nothing new when the same file is imported again with update-existing', async () => {
    await importFile(crm, 'sam', { kind: 'contacts', text: hubspotContacts() });
    const before = await allContacts();
    const { job } = await importFile(crm, 'sam', { kind: 'contacts', text: hubspotContacts(), mode: 'update', matchBy: 'email' });
    expect(job.counts.imported).toBe(0);
    expect(job.counts.updated).toBe(5);
    expect(job.counts.companiesCreated).toBe(0);
    const after = await allContacts();
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    // The later of the two "ana@acme.io" rows updated the one contact.
    expect(after.find((c) => c.email === 'ana@acme.io')!.name).toBe('Ana Lopez Dup');
  });

  it('imports Salesforce accounts, then opportunities that name them by account id', async () => {
    const accounts = await importFile(crm, 'alice', { kind: 'companies', text: salesforceAccounts() });
    expect(accounts.job.counts).toMatchObject({ rows: 3, imported: 3, rejected: 0 });
    const { job, rejected } = await importFile(crm, 'alice', { kind: 'deals', text: salesforceOpportunities(), map: { Description: 'scope' } });
    expect(job.counts).toMatchObject({ rows: 6, imported: 2, rejected: 4 });
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [5, expect.stringMatching(/Amount: "not a number" is not an amount/)],
      [6, expect.stringMatching(/CloseDate: "2026-02-30" is not a real date/)],
      [7, expect.stringMatching(/StageName: "Id. Decision Makers" is not a stage/)],
      [8, expect.stringMatching(/No company has the external id 001A999999/)],
    ]);
    const won = await crm.list('alice', Calls.deals.list, { projectKey: 'SALES', outcome: 'won' });
    expect(won.items.map((d) => d.name)).toEqual(['Initech renewal']);
    expect(won.items[0]).toMatchObject({ amountMinor: 4_800_000, closeDate: '2026-11-30', type: 'renewal', scope: 'Multi-line\nscope, with commas', handoff: null });
    const open = await crm.list('alice', Calls.deals.list, { projectKey: 'SALES' });
    expect(open.items[0]).toMatchObject({ name: 'Globex rollout', amountMinor: 12_000_050, nextStep: 'Send proposal', source: 'Web' });
    const totals = await crm.ok('alice', Calls.totals.get, { projectKey: 'SALES' });
    expect(totals.totals.open.count).toBe(1);
    expect(totals.totals.won.amounts).toEqual({ USD: 4_800_000 });
  });

  it('reads a Pipedrive export written by a European Excel: semicolons, decimal commas, day-first dates', async () => {
    const { job, rejected } = await importFile(crm, 'alice', { kind: 'deals', text: pipedriveDeals(), dateOrder: 'dmy' });
    expect(job.counts).toMatchObject({ rows: 3, imported: 2, rejected: 1, companiesCreated: 2 });
    expect(rejected[0]).toMatchObject({ line: 4, reason: expect.stringMatching(/Deal - Expected close date: "31.04.2027" is not a real date/) });
    const open = await crm.list('alice', Calls.deals.list, { projectKey: 'SALES' });
    expect(open.items.map((d) => [d.name, d.amountMinor, d.currency, d.closeDate])).toEqual([
      ['Wayne Enterprises; phase 2', 1_200_050, 'EUR', '2027-03-15'],
      ['Stark upgrade', 125_000, 'EUR', '2027-04-01'],
    ]);
  });

  it('refuses imports from people who may not write the records', async () => {
    const text = salesforceAccounts();
    expect(errorOf(await crm.call('vic', Calls.imports.create, { kind: 'companies', projectKey: 'SALES', fileName: 'a.csv', size: text.length, parts: 1 })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('vic', Calls.imports.create, { kind: 'deals', projectKey: 'SALES', fileName: 'a.csv', size: text.length, parts: 1 })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('omar', Calls.imports.create, { kind: 'deals', projectKey: 'SALES', fileName: 'a.csv', size: text.length, parts: 1 })).code).toBe('NOT_FOUND');
  });
});
