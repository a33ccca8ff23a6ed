import { kvs, WhereConditions } from '@forge/kvs';
import { Queue } from '@forge/events';
import { Calls } from '../../../src/contracts/calls';
import { defaultPipeline } from '../../../src/domain/pipeline';
import { MIGRATION_BATCH } from '../../../src/usecases/upkeep/migrate';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, handoffTemplate, startCrm, type Crm, USERS } from '../crm/crm-harness';

/**
 * Relay's own life cycle on a site (issue 18 item 2): the installed and upgraded events seed the
 * site's defaults once (again and again while the app's permissions trail the event), a store
 * written by the previous data version is migrated in the background in small batches, and
 * uninstalling keeps the data for Forge's 28 days as the README promises.
 */
describe('install, upgrade and uninstall', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;

  const script = <T>(fn: () => Promise<T>) => crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 20_000 }, fn).then((r) => r.result);
  const guard = (key: string) => script(() => kvs.entity<{ version: number; schemaVersion: number; data: Record<string, unknown> }>('guard').get(key));
  const kvKeys = (prefix: string) => {
    // Storage queries trail writes: let them catch up before asking what is left.
    crm.sandbox.kvs.settleQueries();
    return script(async () => (await kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100).getMany()).results.map((r) => r.key));
  };
  /** Lets queued work run to the end, moving the clock to each delayed delivery; answers how many clock steps it took. */
  const drain = async (limit = 50) => {
    for (let step = 0; step < limit; step++) {
      await crm.sandbox.host.settle();
      const pending = crm.sandbox.host.pendingQueueEvents();
      if (pending.length === 0) return step;
      clock.advance(Math.max(0, Math.min(...pending.map((p) => p.dueAt)) - crm.clock.now()));
    }
    throw new Error('queued work did not finish');
  };
  const consumerRuns = () => crm.sandbox.platform.invocations.filter((i) => i.functionKey === 'jobs');

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  it('seeds the site defaults once after install, trying again with growing pauses while the permissions trail the event', async () => {
    const installedAt = crm.clock.now();
    crm.sandbox.host.lifecycle.install({ installerAccountId: USERS.alice, permissionsAfterMs: 200_000 });
    await crm.sandbox.host.settle();
    // Refused at once (storage:app is not in effect yet): the next attempt waits 30 s, then 60, then 120.
    expect(crm.sandbox.host.pendingQueueEvents()).toEqual([expect.objectContaining({ body: { kind: 'upkeep', attempt: 1 }, dueAt: installedAt + 30_000 })]);
    await drain();
    const upkeep = consumerRuns().filter((run) => run.moduleKey === 'relay-jobs-consumer').length;
    expect(upkeep).toBe(3 + 4); // attempts at +30 s, +90 s and +210 s (the last after the permissions), then the four migration steps
    expect(crm.sandbox.host.backgroundErrors).toEqual([]);

    expect(await script(() => kvs.get('site:install'))).toEqual({ schemaVersion: 1, installedAt: installedAt + 210_000 });
    expect(await guard('site:settings')).toMatchObject({ version: 0, schemaVersion: 1, data: { reportingCurrency: 'USD', version: 0 } });
    expect(await guard('site:crm-projects')).toMatchObject({ data: { projectIds: [] } });
    expect(await script(() => kvs.get('site:schema'))).toMatchObject({ dataVersion: 2 });

    // What an admin sets is never seeded over: a second installed event (or a retried one) keeps it.
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
    await crm.ok('alice', Calls.settings.saveSite, { version: 0, reportingCurrency: 'EUR', rates: { USD: '0.9' }, fiscalYearStartMonth: 4, glossaryOverrides: {} });
    crm.sandbox.host.lifecycle.install({ installerAccountId: USERS.alice });
    await drain();
    expect(await crm.ok('vic', Calls.settings.site, {})).toMatchObject({ version: 1, reportingCurrency: 'EUR', fiscalYearStartMonth: 4 });
    expect(await script(() => kvs.get('site:install'))).toEqual({ schemaVersion: 1, installedAt: installedAt + 210_000 });
  });

  describe('a store written by the previous data version (records as key-value keys)', () => {
    const PROJECTS = 2 * MIGRATION_BATCH + 7;
    let salesId: string;

    beforeEach(async () => {
      salesId = crm.sandbox.jira.listProjects().find((p) => p.key === 'SALES')!.id;
      let n = 0;
      const stages = defaultPipeline(() => `stage-${(n += 1)}`).stages;
      const ids = [salesId, ...Array.from({ length: PROJECTS - 1 }, (_, i) => String(20_000 + i))];
      await script(async () => {
        for (const id of ids) await kvs.set(`pipeline:${id}`, { schemaVersion: 1, version: 3, stages, targets: [], enabledAt: 1, enabledBy: USERS.alice, updatedAt: 1 });
        await kvs.set('site:settings', { schemaVersion: 1, version: 2, reportingCurrency: 'EUR', rates: { USD: '0.9' }, fiscalYearStartMonth: 4, glossary: {}, updatedAt: 1, updatedBy: USERS.alice });
        await kvs.set(`handoff-template:${salesId}`, { schemaVersion: 1, version: 5, ...handoffTemplate() });
      });
      // Written long before the upgrade: storage queries have caught up with it.
      crm.sandbox.kvs.settleQueries();
    });

    it('is read as it is before the migration, and moved into the entity in batches after a major upgrade, nothing lost', async () => {
      expect(await crm.ok('vic', Calls.pipelines.get, { projectKey: 'SALES' })).toMatchObject({ version: 3 });
      expect(await crm.ok('vic', Calls.settings.site, {})).toMatchObject({ version: 2, reportingCurrency: 'EUR' });
      // A minor version reaches the site without an event: nothing runs.
      crm.sandbox.host.lifecycle.upgrade({ upgraderAccountId: USERS.alice, version: '1.1.0', major: false });
      await drain();
      expect(consumerRuns()).toHaveLength(0);

      crm.sandbox.host.lifecycle.upgrade({ upgraderAccountId: USERS.alice, version: '2.0.0', major: true });
      await drain();
      expect(crm.sandbox.host.backgroundErrors).toEqual([]);
      expect(await kvKeys('pipeline:')).toEqual([]);
      expect(await kvKeys('handoff-template:')).toEqual([]);
      expect(await script(() => kvs.get('site:settings'))).toBeUndefined();
      expect(await script(() => kvs.get('site:schema'))).toMatchObject({ dataVersion: 2 });

      // Every record is in the entity at the version it had, with its schema version.
      expect(await guard(`pipeline:${salesId}`)).toMatchObject({ version: 3, schemaVersion: 1, data: { version: 3 } });
      expect(await guard('pipeline:20105')).toMatchObject({ version: 3 });
      expect(await guard(`handoff-template:${salesId}`)).toMatchObject({ version: 5, data: { targetProjectKey: 'DEL' } });
      expect(await guard('site:settings')).toMatchObject({ version: 2, data: { reportingCurrency: 'EUR', rates: { USD: '0.9' } } });
      expect((await guard('site:crm-projects'))!.data.projectIds).toHaveLength(PROJECTS);

      // Within the write rate: no batch moved more than MIGRATION_BATCH records (two writes each), batches paused between.
      const pipelineRuns = consumerRuns().filter((run) => (run.cost.storageByOperation['/api/v1/delete'] ?? 0) > 0);
      expect(pipelineRuns.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...pipelineRuns.map((run) => run.cost.storageByOperation['/api/v1/delete'] ?? 0))).toBeLessThanOrEqual(MIGRATION_BATCH);

      // The app works on the migrated store: saves are conditioned on the versions kept.
      expect(await crm.ok('vic', Calls.handoff.template, { projectKey: 'SALES' })).toMatchObject({ version: 5, configured: true });
      const pipeline = await crm.ok('alice', Calls.pipelines.get, { projectKey: 'SALES' });
      expect(await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 3, stages: pipeline.stages })).toMatchObject({ version: 4 });
    });

    it('resumes after a failed batch and does nothing twice when a batch is delivered twice', async () => {
      // Storage refuses some deletes mid-way: those records stay where they are and are finished by the next batch.
      const fault = crm.sandbox.platform.faults.add({ target: 'kvs', match: /\/api\/v1\/delete$/, status: 500, times: 3 });
      await script(() => new Queue({ key: 'relay-jobs' }).push([{ body: { kind: 'migrate', step: 'crm-projects' } }, { body: { kind: 'migrate', step: 'crm-projects' } }]));
      await drain(200);
      expect(fault.hits()).toBe(3);
      expect(await kvKeys('pipeline:')).toEqual([]);
      expect(await guard('pipeline:20000')).toMatchObject({ version: 3, data: { version: 3 } });
      expect((await guard('site:crm-projects'))!.data.projectIds).toHaveLength(PROJECTS);
      expect(await script(() => kvs.get('site:schema'))).toMatchObject({ dataVersion: 2 });
    });
  });

  it('keeps the data 28 days after uninstall as the README says: a reinstall within them finds everything, one after starts afresh', async () => {
    crm.sandbox.host.lifecycle.install({ installerAccountId: USERS.alice });
    await drain();
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });

    crm.sandbox.host.lifecycle.uninstall();
    await expect(crm.call('sam', Calls.companies.list, {})).rejects.toThrow(/not installed/);
    clock.advance(27 * 86_400_000);
    crm.sandbox.host.lifecycle.install({ installerAccountId: USERS.alice });
    await drain();
    expect((await crm.ok('sam', Calls.companies.list, {})).items.map((c) => c.name)).toEqual(['Acme']);

    crm.sandbox.host.lifecycle.uninstall();
    clock.advance(29 * 86_400_000);
    const reinstalledAt = crm.clock.now();
    crm.sandbox.host.lifecycle.install({ installerAccountId: USERS.alice });
    await drain();
    // Past the 28 days nothing is left: no CRM project, so no company anyone can see, and a new install date.
    expect(errorOf(await crm.call('sam', Calls.companies.list, {})).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('sam', Calls.pipelines.get, { projectKey: 'SALES' })).code).toBe('NOT_FOUND');
    expect(await script(() => kvs.get('site:install'))).toEqual({ schemaVersion: 1, installedAt: reinstalledAt });
  });
});
