import { Calls } from '../../../src/contracts/calls';
import type { SetupResult } from '../../../src/contracts/setup';
import { editCrmPermissionKey } from '../../../sandbox/demo/seed';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, handoffTemplate, startCrm, type Crm, USERS } from '../crm/crm-harness';

/** The Get started checklist detects each step on the site as it is, and says where it is done. */
describe('Get started: the admin’s checklist', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  const checklist = async () => {
    const answer = (await crm.sandbox.host.invokeResolver({ moduleKey: 'relay-get-started', accountId: USERS.alice }, Calls.setup.checklist.key, {})) as { ok: true; data: SetupResult };
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    return Object.fromEntries(answer.data.steps.map((s) => [s.id, s])) as Record<SetupResult['steps'][number]['id'], SetupResult['steps'][number]>;
  };

  /** The nightly snapshot, run to the end (its jobs wait while storage queries trail the writes). */
  const snapshot = async () => {
    await crm.sandbox.host.runScheduled('relay-daily-pipeline-snapshot');
    for (let step = 0; step < 20; step++) {
      await crm.sandbox.host.settle();
      const pending = crm.sandbox.host.pendingQueueEvents();
      if (pending.length === 0) return;
      clock.advance(Math.max(0, Math.min(...pending.map((p) => p.dueAt)) - crm.clock.now()));
    }
    throw new Error('the snapshot did not finish');
  };

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
  });
  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  it('on a fresh site: every step to do, each linking to where it is done', async () => {
    const steps = await checklist();
    expect(steps['crm-enabled']).toMatchObject({ state: 'todo', projectKeys: [], link: { kind: 'jira', path: '/jira/projects' } });
    expect(steps['edit-permission']).toMatchObject({ state: 'todo', holders: {} });
    expect(steps['handoff-template']).toMatchObject({ state: 'todo' });
    expect(steps['exchange-rates']).toMatchObject({ state: 'todo', link: { kind: 'module', moduleKey: 'relay-admin' } });
    expect(steps['inbound-leads']).toMatchObject({ state: 'todo', link: { kind: 'module', moduleKey: 'relay-admin' } });
    expect(steps.gadgets).toMatchObject({ state: 'todo', dashboards: [], link: { kind: 'jira', path: '/jira/dashboards' } });
  });

  it('detects each step as the admin does it', async () => {
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    let steps = await checklist();
    expect(steps['crm-enabled']).toMatchObject({ state: 'done', projectKeys: ['SALES'], link: { kind: 'module', moduleKey: 'relay-crm', projectKey: 'SALES' } });
    // Live from Jira's permission scheme: who holds Edit CRM records in each CRM project.
    expect(steps['edit-permission']).toMatchObject({ state: 'done', projectKeys: [], holders: { SALES: expect.arrayContaining(['alice', 'sam']) } });

    crm.sandbox.jira.addProject({ key: 'PART', name: 'Partner Sales', leadAccountId: USERS.alice });
    crm.sandbox.jira.grant(USERS.alice, 'PART', ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS', 'CREATE_ISSUES']);
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'PART' }, 'PART');
    steps = await checklist();
    expect(steps['edit-permission']).toMatchObject({ state: 'todo', projectKeys: ['PART'], holders: { PART: [] }, link: { kind: 'jira', path: '/plugins/servlet/project-config/PART/permissions' } });
    crm.sandbox.jira.grant(USERS.alice, 'PART', [editCrmPermissionKey(crm.sandbox)]);
    expect((await checklist())['edit-permission']).toMatchObject({ state: 'done', holders: { PART: ['alice'] } });

    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate() });
    expect((await checklist())['handoff-template']).toMatchObject({ state: 'done', projectKeys: ['SALES'] });

    // Rates: known from each project's daily figures; a currency without a rate is named.
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', amountMinor: 100_000, currency: 'GBP' });
    expect((await checklist())['exchange-rates']).toMatchObject({ state: 'todo', projectKeys: ['PART', 'SALES'], currencies: [] });
    await snapshot();
    expect((await checklist())['exchange-rates']).toMatchObject({ state: 'todo', projectKeys: [], currencies: ['GBP'] });
    await crm.ok('alice', Calls.settings.saveSite, { version: 0, reportingCurrency: 'USD', rates: { GBP: '1.27' }, fiscalYearStartMonth: 1, glossaryOverrides: {} });
    await snapshot();
    expect((await checklist())['exchange-rates']).toMatchObject({ state: 'done', currencies: [] });

    // Inbound leads: ready once a signing secret is set and the routing names someone, not before.
    await crm.ok('alice', Calls.leads.rotateSecret, { version: 0 });
    expect((await checklist())['inbound-leads']).toMatchObject({ state: 'todo' });
    const leadSettings = await crm.ok('alice', Calls.leads.settings, {});
    await crm.ok('alice', Calls.leads.saveSettings, { version: leadSettings.version, routing: { mode: 'round-robin', owners: [USERS.sam], rules: [], fallbackOwnerId: null } });
    expect((await checklist())['inbound-leads']).toMatchObject({ state: 'done', link: { kind: 'module', moduleKey: 'relay-admin' } });

    const dashboard = crm.sandbox.jira.addDashboard(USERS.alice, { name: 'Sales leadership', sharePermissions: [], editPermissions: [] });
    crm.sandbox.jira.addGadget(USERS.alice, dashboard.id, { moduleKey: 'relay-pipeline-gadget' });
    expect((await checklist()).gadgets).toMatchObject({ state: 'done', dashboards: [{ id: dashboard.id, name: 'Sales leadership' }] });
  });

  it('is for Jira administrators only', async () => {
    const answer = await crm.sandbox.host.invokeResolver({ moduleKey: 'relay-get-started', accountId: USERS.sam }, Calls.setup.checklist.key, {});
    expect(errorOf(answer as { ok: boolean }).code).toBe('FORBIDDEN');
  });
});
