import { Calls } from '../../../src/contracts/calls';
import { handoffTemplate, startCrm, USERS, type Crm } from './crm-harness';

/** Generated Jira issue text writes money with the formatter every surface uses, not as "48000.00 EUR". */
describe('money in generated issue text', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate({ summaryTemplate: 'Deliver {{deal.name}} ({{deal.amount}})' }) });
  });
  afterEach(() => crm.close());

  it('writes the deal’s amount as the product shows it everywhere else', async () => {
    const whole = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Rollout', amountMinor: 4_800_000, currency: 'EUR' });
    expect((await crm.ok('alice', Calls.handoff.preview, { dealId: whole.id })).summary).toBe('Deliver Rollout (€48,000)');
    const cents = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Add-on', amountMinor: 120_050, currency: 'USD' });
    expect((await crm.ok('alice', Calls.handoff.preview, { dealId: cents.id })).summary).toBe('Deliver Add-on ($1,200.50)');
  });
});
