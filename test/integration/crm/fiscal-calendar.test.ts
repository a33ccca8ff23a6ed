import { Calls } from '../../../src/contracts/calls';
import { startCrm, USERS, type Crm } from './crm-harness';

/**
 * One fiscal calendar, from the site settings, wherever Relay names a period. The site's fiscal year
 * starts in February, so its quarters run Feb–Apr, May–Jul, Aug–Oct and Nov–Jan.
 */
describe('the site’s fiscal calendar on the server', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
    await crm.ok('alice', Calls.settings.saveSite, { version: 0, reportingCurrency: 'EUR', rates: {}, fiscalYearStartMonth: 2, glossaryOverrides: {} });
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
  });
  afterEach(() => crm.close());

  const moveClose = async (from: string, to: string) => {
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: `From ${from}`, closeDate: from });
    return crm.ok('sam', Calls.deals.update, { dealId: deal.id, version: deal.version, changes: { closeDate: to } });
  };

  it('counts a push when a close date crosses into the next fiscal quarter (20 Jan → 10 Feb)', async () => {
    expect((await moveClose('2027-01-20', '2027-02-10')).pushCount).toBe(1);
  });

  it('counts no push for a move inside one fiscal quarter, even across the calendar year (20 Dec → 10 Jan)', async () => {
    expect((await moveClose('2026-12-20', '2027-01-10')).pushCount).toBe(0);
  });

  it('gives the project page the site’s calendar, so the board’s period filters use the same quarters', async () => {
    const context = await crm.ok('vic', Calls.projects.context, { projectKey: 'SALES' });
    expect(context.site).toMatchObject({ reportingCurrency: 'EUR', rates: {}, fiscalYearStartMonth: 2 });
  });
});
