import { Calls } from '../../../src/contracts/calls';
import { errorOf, startCrm, USERS, type Crm } from './crm-harness';

/**
 * Companies and contacts are visible to people who can browse at least one CRM-enabled project and
 * editable by holders of "Edit CRM records" in one (PRODUCT.md §5) — not to everyone who can browse
 * some Jira project. dana works in DEL (browse, edit CRM records, administer), which does not use
 * the CRM until the last step.
 */
describe('companies and contacts through CRM-enabled projects only', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
  });
  afterEach(() => crm.close());

  it('are not there for someone whose projects do not use the CRM, whatever they may do in them, until one does', async () => {
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ada Buyer', email: 'ada@acme.io', companyId: company.id });
    const note = await crm.ok('sam', Calls.activities.create, { recordType: 'contact', recordId: contact.id, kind: 'note', subject: 'Met at fair' });
    const asDana = (spec: Parameters<Crm['call']>[1], input: Record<string, unknown>) => crm.call('dana', spec, input, 'DEL');
    const reads: Array<[string, Awaited<ReturnType<Crm['call']>>]> = [
      ['companies/get', await asDana(Calls.companies.get, { companyId: company.id })],
      ['companies/list', await asDana(Calls.companies.list, {})],
      ['companies/search', await asDana(Calls.companies.search, { text: 'ac' })],
      ['contacts/get', await asDana(Calls.contacts.get, { contactId: contact.id })],
      ['contacts/list', await asDana(Calls.contacts.list, {})],
      ['contacts/search', await asDana(Calls.contacts.search, { text: 'ada' })],
      ['timeline/list company', await asDana(Calls.timeline.list, { recordType: 'company', recordId: company.id })],
      ['timeline/list contact', await asDana(Calls.timeline.list, { recordType: 'contact', recordId: contact.id })],
      ['companies/update', await asDana(Calls.companies.update, { companyId: company.id, version: 1, changes: { region: 'EMEA' } })],
      ['contacts/archive', await asDana(Calls.contacts.archive, { contactId: contact.id, version: 1 })],
      ['activities/update', await asDana(Calls.activities.update, { activityId: note.id, version: 1, changes: { subject: 'Mine' } })],
    ];
    expect(reads.map(([key, answer]) => [key, errorOf(answer).code])).toEqual(reads.map(([key]) => [key, 'NOT_FOUND']));
    expect(errorOf(await asDana(Calls.companies.create, { name: 'Dana Co' })).code).toBe('FORBIDDEN');
    expect(errorOf(await asDana(Calls.contacts.create, { name: 'Dee' })).code).toBe('FORBIDDEN');

    await crm.ok('dana', Calls.pipelines.enable, { projectKey: 'DEL' }, 'DEL');
    expect((await crm.ok('dana', Calls.companies.get, { companyId: company.id }, 'DEL')).id).toBe(company.id);
    expect((await crm.list('dana', Calls.contacts.search, { text: 'ada' }, 'DEL')).items.map((c) => c.id)).toEqual([contact.id]);
  });

  it('are read-only for someone who only browses a CRM project, and a Jira admin browsing every project may read them', async () => {
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme' });
    expect((await crm.ok('vic', Calls.companies.get, { companyId: company.id })).name).toBe('Acme');
    expect(errorOf(await crm.call('vic', Calls.companies.update, { companyId: company.id, version: 1, changes: { name: 'Mine' } })).code).toBe('FORBIDDEN');
    crm.sandbox.jira.setSiteAdmin(USERS.omar, true);
    expect((await crm.list('omar', Calls.companies.list, {})).items.map((c) => c.id)).toEqual([company.id]);
    expect(errorOf(await crm.call('omar', Calls.companies.create, { name: 'Admin Co' })).code).toBe('FORBIDDEN');
  });

  it('cost the same permission check whatever the number of CRM projects: one storage read and one Jira request', async () => {
    for (const key of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) {
      crm.sandbox.jira.addProject({ key, name: key, leadAccountId: USERS.alice });
      crm.sandbox.jira.grant(USERS.alice, key, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
      await crm.ok('alice', Calls.pipelines.enable, { projectKey: key }, key);
    }
    await crm.ok('vic', Calls.companies.list, {});
    const cost = crm.sandbox.platform.invocations.at(-1)!.cost;
    expect(cost.jiraRequests).toBe(1);
    expect(cost.storageRequests).toBe(2); // the CRM project list, then the page of companies
  });
});
