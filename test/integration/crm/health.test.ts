import { Calls } from '../../../src/contracts/calls';
import { pinAppClock } from '../../support/app-clock';
import { handoffTemplate, startCrm, type Crm, USERS } from './crm-harness';
import { renewalKit, type RenewalKit } from './renewal-support';

const DAY = 86_400_000;

describe('customer health from the linked Jira work, activities and renewals', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let kit: RenewalKit;
  let company: { id: string };

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    const stages = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages;
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate() });
    company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const contactIds = [(await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@acme.io', companyId: company.id })).id];
    kit = renewalKit(crm, clock, () => ({ companyId: company.id, contactIds, stageId: stages[3]!.id }));
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  const acme = () => crm.ok('vic', Calls.companies.get, { companyId: company.id });

  it('drops when linked delivery issues become overdue, and recovers when they are done', async () => {
    const deal = await kit.contract('Platform', '2027-10-31');
    await crm.sandbox.host.settle();
    const epic = (await crm.ok('vic', Calls.deals.get, { dealId: deal.id })).handoff!.issueKey!;
    const work = crm.sandbox.jira.listIssues('DEL').map((i) => i.key);
    expect(work).toHaveLength(3);
    // A new customer is scored at once.
    expect(await acme()).toMatchObject({ lifecycle: 'customer', health: 'good', healthDetail: { score: 100, reasons: [] } });

    crm.sandbox.jira.transitionIssue(USERS.dana, epic, 'In Progress');
    for (const key of work) crm.sandbox.jira.editIssue(USERS.dana, key, { duedate: '2026-11-05' });
    await crm.sandbox.host.settle();
    expect((await acme()).health).toBe('good');

    // Due dates pass without an event: the daily run sees it.
    clock.advance(7 * DAY);
    await kit.runDaily();
    expect(await acme()).toMatchObject({ health: 'average', healthDetail: { score: 55, reasons: [{ code: 'overdue-issues', value: 3, points: 45 }] } });

    // Done in Jira: each event rescores at once, reconciling the issues Relay knows despite search lag.
    for (const key of work) crm.sandbox.jira.transitionIssue(USERS.dana, key, 'Done');
    await crm.sandbox.host.settle();
    expect(await acme()).toMatchObject({ health: 'good', healthDetail: { score: 100, reasons: [] } });
  });

  it('counts the days since the last logged activity, with the site’s weights, and gives its reasons', async () => {
    await kit.contract('Platform', '2027-10-31');
    await crm.sandbox.host.settle();
    // The delivery work is done: only the silence counts.
    for (const issue of crm.sandbox.jira.listIssues('DEL')) crm.sandbox.jira.transitionIssue(USERS.dana, issue.key, 'Done');
    await crm.sandbox.host.settle();
    clock.advance(41 * DAY);
    await kit.runDaily();
    expect((await acme()).healthDetail!.reasons).toEqual([{ code: 'no-activity', value: 41, points: 10 }]);

    await crm.ok('sam', Calls.activities.create, { recordType: 'company', recordId: company.id, kind: 'call', subject: 'Quarterly check-in' });
    clock.advance(DAY);
    await kit.runDaily();
    expect(await acme()).toMatchObject({ health: 'good', healthDetail: { score: 100, reasons: [] } });

    const weights = await crm.ok('alice', Calls.settings.health, {});
    expect(weights.canEdit).toBe(false);
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
    const refused = await crm.call('sam', Calls.settings.saveHealth, { version: weights.version, weights: { ...weights.weights, inactivityDays: 1, inactivity: 60 } });
    expect(refused.ok).toBe(false);
    await crm.ok('alice', Calls.settings.saveHealth, { version: weights.version, weights: { ...weights.weights, inactivityDays: 1, inactivity: 60 } });
    clock.advance(DAY);
    await kit.runDaily();
    expect(await acme()).toMatchObject({ health: 'poor', healthDetail: { score: 0, reasons: [{ code: 'inactive', value: 2, points: 120 }] } });
  });
});
