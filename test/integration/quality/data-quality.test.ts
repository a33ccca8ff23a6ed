import { Calls } from '../../../src/contracts/calls';
import { errorOf, startCrm, USERS, type Crm } from '../crm/crm-harness';

let crm: Crm;
beforeEach(async () => {
  crm = await startCrm();
  await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
});
afterEach(async () => crm.close());

describe('data quality', () => {
  it('scores completeness per stage and owner, and lists each open deal with what to fix', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const ana = await crm.ok('sam', Calls.contacts.create, { name: 'Ana', email: 'ana@acme.io', companyId: acme.id });
    const complete = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Complete', companyId: acme.id, contactIds: [ana.id], nextStep: 'Call', nextStepDue: '2999-01-01' });
    const bare = await crm.ok('alice', Calls.deals.create, { projectKey: 'SALES', name: 'Bare' });
    const overdue = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Overdue', companyId: acme.id, contactIds: [ana.id], nextStep: 'Send', nextStepDue: '2001-01-01' });
    const slice = await crm.list('vic', Calls.quality.deals, { projectKey: 'SALES' });
    const stage = complete.stageId;
    expect(slice.byStage[stage]).toEqual({ open: 3, complete: 2 });
    expect(slice.byOwner[bare.ownerId]).toEqual({ open: 1, complete: 0 });
    expect(slice.byOwner[complete.ownerId]).toEqual({ open: 2, complete: 2 });
    const flagged = Object.fromEntries(slice.flagged.map((f) => [f.name, f.problems]));
    expect(flagged.Complete).toBeUndefined();
    expect(flagged.Bare).toEqual([{ kind: 'missing-fields', fields: ['companyId', 'contacts'] }, { kind: 'no-next-step' }]);
    expect(flagged.Overdue).toEqual([{ kind: 'next-step-overdue', due: '2001-01-01' }]);
    expect(overdue.id).toBeDefined();
  });

  it('lists contacts without a company or with an owner who left, and companies without a domain', async () => {
    await crm.ok('sam', Calls.companies.create, { name: 'No Domain Ltd' });
    await crm.ok('sam', Calls.companies.create, { name: 'Has Domain', domain: 'has.io' });
    await crm.ok('sam', Calls.contacts.create, { name: 'Loner', email: 'loner@x.io' });
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    await crm.ok('alice', Calls.contacts.create, { name: 'Kept', companyId: acme.id });
    const leaver = crm.sandbox.jira.addUser({ accountId: '5b10ac8d82e05b22cc7d4e99', displayName: 'Left the company' });
    await crm.ok('sam', Calls.contacts.create, { name: 'Orphan', companyId: acme.id, ownerId: leaver.accountId });
    await crm.ok('sam', Calls.contacts.create, { name: 'Owned by a person still here', companyId: acme.id, ownerId: USERS.vic });
    crm.sandbox.jira.setUserActive(leaver.accountId, false);
    const records = await crm.list('vic', Calls.quality.records, { projectKey: 'SALES' });
    expect(records.companiesWithoutDomain.items.map((c) => c.name)).toEqual(['No Domain Ltd']);
    expect(records.contactsWithoutCompany.items.map((c) => c.name)).toEqual(['Loner']);
    expect(records.contactsWithoutOwner).toEqual({ items: [expect.objectContaining({ name: 'Orphan' })], more: false });
    expect(errorOf(await crm.call('omar', Calls.quality.records, { projectKey: 'SALES' })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('dana', Calls.quality.deals, { projectKey: 'SALES' })).code).toBe('NOT_FOUND');
  });
});
