import { Calls } from '../../../src/contracts/calls';
import type { LicenseState } from '../../../sandbox';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, handoffTemplate, READY_FIELDS, startCrm, type Crm, USERS } from '../crm/crm-harness';

/**
 * Relay under each license state Forge can send (sandbox/runtime/license.ts): a development install
 * (no license), a paid or trial license work fully; an expired trial or an ended subscription make
 * the site read-only — reads work, every write is refused with LICENSE_INACTIVE and changes nothing,
 * no delivery issue is created and background work skips until the license is active again.
 */
const today = '2026-11-02';
const WORKING: Array<[string, LicenseState]> = [
  ['a development install (no license)', { kind: 'none' }],
  ['an active subscription', { kind: 'active' }],
  ['an evaluation', { kind: 'evaluation', trialEndDate: '2026-12-01' }],
];
const READ_ONLY: Array<[string, LicenseState]> = [
  ['an expired evaluation', { kind: 'evaluation-expired', trialEndDate: '2026-11-01' }],
  ['an ended subscription', { kind: 'inactive', subscriptionEndDate: '2026-11-01' }],
];

describe('licensing: what Relay does under each license state', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let stages: Array<{ id: string }>;

  const setLicense = (state: LicenseState) => crm.sandbox.platform.licensing.set(state);
  const dealCount = async () => (await crm.list('vic', Calls.deals.list, { projectKey: 'SALES' })).items.length;

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    stages = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages;
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Existing deal', stageId: stages[0]!.id });
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  it.each(WORKING)('lets people work under %s', async (_name, state) => {
    setLicense(state);
    expect(await crm.ok('sam', Calls.projects.context, { projectKey: 'SALES' })).toMatchObject({ canEdit: true });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'New deal', stageId: stages[0]!.id });
    expect(await dealCount()).toBe(2);
  });

  it.each(READ_ONLY)('makes the site read-only under %s: reads answer, writes are refused with LICENSE_INACTIVE and change nothing', async (_name, state) => {
    setLicense(state);
    const context = await crm.ok('alice', Calls.projects.context, { projectKey: 'SALES' });
    expect(context).toMatchObject({ canEdit: false, canAdmin: false, canEditShared: false });
    expect(await dealCount()).toBe(1);

    const refused = errorOf(await crm.call('sam', Calls.deals.create, { projectKey: 'SALES', name: 'New deal', stageId: stages[0]!.id }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'LICENSE_INACTIVE' } });
    expect(refused.message).toMatch(/read-only/);
    const settings = errorOf(await crm.call('alice', Calls.settings.saveSite, { version: 0, settings: {} }));
    expect(settings.details).toEqual({ reason: 'LICENSE_INACTIVE' });
    expect(await dealCount()).toBe(1);

    // Renewing the license gives everything back, nothing was lost meanwhile.
    setLicense({ kind: 'active' });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'New deal', stageId: stages[0]!.id });
    expect(await dealCount()).toBe(2);
  });

  it('creates no delivery issue while read-only, and the queued hand-off resumes once the license is active again', async () => {
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate() });
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@acme.io', companyId: company.id });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Rollout', stageId: stages[3]!.id, ...READY_FIELDS, companyId: company.id, contactIds: [contact.id] });
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });

    // The license lapses before the queued hand-off job runs: the job skips, and nothing is created.
    setLicense({ kind: 'evaluation-expired', trialEndDate: today });
    await crm.sandbox.host.settle();
    expect((await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff).toMatchObject({ state: 'pending', issueKey: null });
    expect(crm.sandbox.host.backgroundErrors).toEqual([]);
    const scan = (await crm.sandbox.host.runScheduled('relay-hourly-sla-scan')) as { handled: boolean };
    expect(scan.handled).toBe(false);
    expect(crm.sandbox.host.pendingQueueEvents()).toEqual([]);

    setLicense({ kind: 'active' });
    clock.advance(3_600_000);
    expect(await crm.sandbox.host.runScheduled('relay-hourly-sla-scan')).toMatchObject({ handled: true, requeued: 1 });
    await crm.sandbox.host.settle();
    expect((await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff).toMatchObject({ state: 'created', issueKey: expect.stringMatching(/^DEL-\d+$/) });
  });

  it('skips the daily snapshot while read-only, and answers the inbound-lead endpoint with LICENSE_INACTIVE', async () => {
    setLicense({ kind: 'inactive', subscriptionEndDate: today });
    expect(await crm.sandbox.host.runScheduled('relay-daily-pipeline-snapshot')).toEqual({ handled: false, reason: expect.stringMatching(/license/) });
    expect(crm.sandbox.host.pendingQueueEvents()).toEqual([]);

    const lead = await crm.sandbox.host.callWebTrigger('relay-inbound-lead', { method: 'POST', headers: { 'content-type': ['application/json'] }, body: JSON.stringify({ email: 'x@y.io' }) });
    expect(lead.statusCode).toBe(403);
    expect(JSON.parse(lead.body)).toMatchObject({ code: 'LICENSE_INACTIVE' });

    setLicense({ kind: 'active' });
    expect(await crm.sandbox.host.runScheduled('relay-daily-pipeline-snapshot')).toEqual({ handled: true, queued: 1 });
  });
});
