import { kvs } from '@forge/kvs';
import { Calls } from '../../../src/contracts/calls';
import { defaultPipeline } from '../../../src/domain/pipeline';
import { errorOf, handoffTemplate, startCrm, USERS, type Crm } from './crm-harness';

/**
 * Installs from before versioned saves kept the pipeline, the hand-off template and the site
 * settings as plain key-value keys, the totals in one record, and had no list of CRM projects.
 * They keep working: read as they are, moved into the entity by the first write that needs it.
 */
describe('records stored by an earlier version', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
    const salesId = crm.sandbox.jira.listProjects().find((p) => p.key === 'SALES')!.id;
    let n = 0;
    const stages = defaultPipeline(() => `stage-${(n += 1)}`).stages;
    await crm.sandbox.platform.runInvocation({ functionKey: 'old', moduleKey: 'old', kind: 'script', timeoutMs: 5000 }, async () => {
      await kvs.set(`pipeline:${salesId}`, { schemaVersion: 1, version: 3, stages, targets: [], enabledAt: 1, enabledBy: USERS.alice, updatedAt: 1 });
      await kvs.set('site:settings', { schemaVersion: 1, version: 2, reportingCurrency: 'EUR', rates: { USD: '0.9' }, fiscalYearStartMonth: 4, glossary: {}, updatedAt: 1, updatedBy: USERS.alice });
      await kvs.set(`handoff-template:${salesId}`, { schemaVersion: 1, version: 5, ...handoffTemplate({ targetProjectKey: 'SALES', issueTypeName: 'Task', checklist: [] }) });
    });
    // Written by the earlier version long before: storage queries show it by now.
    crm.sandbox.kvs.settleQueries();
  });
  afterEach(() => crm.close());

  it('reads them, writes deals against the old pipeline, and saves each at the version read (CONFLICT for a stale one)', async () => {
    expect(await crm.ok('vic', Calls.pipelines.get, { projectKey: 'SALES' })).toMatchObject({ version: 3 });
    expect(await crm.ok('vic', Calls.settings.site, {})).toMatchObject({ version: 2, reportingCurrency: 'EUR', fiscalYearStartMonth: 4 });
    expect(await crm.ok('vic', Calls.handoff.template, { projectKey: 'SALES' })).toMatchObject({ version: 5, configured: true });

    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', amountMinor: 1_000, currency: 'EUR' });
    expect((await crm.ok('vic', Calls.totals.get, { projectKey: 'SALES' })).totals.open.count).toBe(1);
    expect((await crm.ok('sam', Calls.deals.update, { dealId: deal.id, version: 1, changes: { nextStep: 'Call' } })).version).toBe(2);

    const stale = errorOf(await crm.call('alice', Calls.settings.saveSite, { version: 1, reportingCurrency: 'USD', rates: {}, fiscalYearStartMonth: 1, glossaryOverrides: {} }));
    expect(stale).toMatchObject({ code: 'CONFLICT', details: { current: { version: 2 } } });
    expect(await crm.ok('alice', Calls.settings.saveSite, { version: 2, reportingCurrency: 'USD', rates: {}, fiscalYearStartMonth: 1, glossaryOverrides: {} })).toMatchObject({ version: 3, reportingCurrency: 'USD' });
    expect(await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 5, template: handoffTemplate({ targetProjectKey: 'SALES', issueTypeName: 'Task', checklist: [], labels: ['x'] }) })).toMatchObject({ version: 6 });
    const pipeline = await crm.ok('alice', Calls.pipelines.get, { projectKey: 'SALES' });
    expect(await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 3, stages: pipeline.stages })).toMatchObject({ version: 4 });
  });

  it('counts the old pipeline key as a CRM project, so its people see companies', async () => {
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme' });
    expect((await crm.ok('vic', Calls.companies.get, { companyId: company.id })).name).toBe('Acme');
    expect(errorOf(await crm.call('dana', Calls.companies.get, { companyId: company.id }, 'DEL')).code).toBe('NOT_FOUND');
  });

  it('takes the daily snapshot of every CRM project, those of earlier versions and those enabled now', async () => {
    await crm.ok('dana', Calls.pipelines.enable, { projectKey: 'DEL' }, 'DEL');
    await crm.sandbox.host.runScheduled('relay-daily-pipeline-snapshot');
    await crm.sandbox.host.settle();
    expect((await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' })).metrics).not.toBeNull();
    expect((await crm.ok('dana', Calls.metrics.project, { projectKey: 'DEL' }, 'DEL')).metrics).not.toBeNull();
  });
});
