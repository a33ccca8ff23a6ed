import { allShards, replaceShards } from '../../../src/adapters/kvs/totals-store';
import { TOTALS_SHARDS } from '../../../src/ports/deals';
import { Calls } from '../../../src/contracts/calls';
import { emptyTotals } from '../../../src/domain/totals';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, startCrm, type Crm } from './crm-harness';

describe('pipeline configuration and totals rebuild', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
  });
  afterEach(() => crm.close());

  it('tells each surface what the user may do in the project, and whether the CRM is on', async () => {
    const before = await crm.ok('vic', Calls.projects.context, { projectKey: 'SALES' });
    expect(before).toMatchObject({ projectKey: 'SALES', projectName: 'Sales', canEdit: false, canAdmin: false, pipeline: null });
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    expect(await crm.ok('alice', Calls.projects.context, { projectKey: 'SALES' })).toMatchObject({ canEdit: true, canAdmin: true, pipeline: { version: 1 } });
    expect(await crm.ok('sam', Calls.projects.context, { projectKey: 'SALES' })).toMatchObject({ canEdit: true, canAdmin: false });
    expect(errorOf(await crm.call('dana', Calls.projects.context, { projectKey: 'SALES' }, 'DEL')).code).toBe('NOT_FOUND');
  });

  it('lets only a project admin enable the CRM; enabling twice keeps the first pipeline', async () => {
    expect(errorOf(await crm.call('sam', Calls.deals.list, { projectKey: 'SALES' }))).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'CRM_NOT_ENABLED' } });
    expect(errorOf(await crm.call('sam', Calls.pipelines.enable, { projectKey: 'SALES' })).code).toBe('FORBIDDEN');
    const first = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    const again = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    expect(again).toEqual(first);
    expect(first.stages.map((s) => s.name)).toEqual(['Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost']);
  });

  it('updates stages at the version read, rebuilding weighted totals with the new probabilities', async () => {
    const appClock = pinAppClock(crm.clock);
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', amountMinor: 100_000, currency: 'EUR' });
    expect((await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).totals.weighted).toEqual({ EUR: 10_000 });
    const stages = pipeline.stages.map((s, i) => (i === 0 ? { ...s, probability: 25, name: 'Qualified' } : s));
    const updated = await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: pipeline.version, stages });
    expect(updated.version).toBe(pipeline.version + 1);
    // The deal was written a moment ago, so storage searches may not show it yet: the re-weighting
    // runs as a queued rebuild once it is searchable, never from a scan that would miss it.
    expect((await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).totals.weighted).toEqual({ EUR: 10_000 });
    appClock.advance(60_000);
    await crm.sandbox.host.settle();
    appClock.restore();
    expect((await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).totals.weighted).toEqual({ EUR: 25_000 });
    expect(errorOf(await crm.call('alice', Calls.pipelines.update, { projectKey: 'SALES', version: pipeline.version, stages })).code).toBe('CONFLICT');
    expect(errorOf(await crm.call('sam', Calls.pipelines.update, { projectKey: 'SALES', version: updated.version, stages })).code).toBe('FORBIDDEN');
  });

  it('keeps one sales target per fiscal period', async () => {
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    expect(pipeline.targets).toEqual([]);
    const targets = [{ period: 'FY2027-Q1', amountMinor: 50_000_000, currency: 'EUR' }, { period: 'FY2027-M04', amountMinor: 20_000_000, currency: 'EUR' }];
    const saved = await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 1, stages: pipeline.stages, targets });
    expect(saved.targets).toEqual(targets);
    const twice = errorOf(await crm.call('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 2, stages: pipeline.stages, targets: [targets[0], targets[0]] }));
    expect(twice.fields?.[0]).toMatchObject({ path: 'targets', message: 'One target per period' });
    const badPeriod = errorOf(await crm.call('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 2, stages: pipeline.stages, targets: [{ ...targets[0], period: '2027-Q1' }] }));
    expect(badPeriod.code).toBe('VALIDATION');
  });

  it('refuses an invalid pipeline, or removing a stage that holds deals, and changes nothing', async () => {
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme' });
    const noWon = pipeline.stages.filter((s) => s.outcome !== 'won');
    const invalid = errorOf(await crm.call('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 1, stages: noWon }));
    expect(invalid).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'stages', message: 'A pipeline needs exactly one won stage.' }] });
    const withoutFirst = errorOf(await crm.call('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 1, stages: pipeline.stages.slice(1) }));
    expect(withoutFirst.code).toBe('VALIDATION');
    expect(withoutFirst.message).toMatch(/Qualification/);
    expect(await crm.ok('alice', Calls.pipelines.get, { projectKey: 'SALES' })).toEqual(pipeline);
  });

  it('repairs damaged totals with the queued rebuild job', async () => {
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme', amountMinor: 100_000, currency: 'EUR' });
    const good = await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' });
    crm.later(60_000); // the damage is found later, once the deal is searchable
    const script = <T>(fn: () => Promise<T>) => crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 5000 }, fn);
    await script(async () => replaceShards(pipeline.projectId, await allShards(pipeline.projectId), Array.from({ length: TOTALS_SHARDS }, () => emptyTotals()), 0));
    expect((await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).totals.open.count).toBe(0);
    expect(errorOf(await crm.call('sam', Calls.totals.rebuildLater, { projectKey: 'SALES' })).code).toBe('FORBIDDEN');
    const { jobId } = await crm.ok('alice', Calls.totals.rebuildLater, { projectKey: 'SALES' });
    expect(jobId).toEqual(expect.any(String));
    await crm.sandbox.host.settle();
    const consumer = crm.sandbox.platform.invocations.filter((i) => i.kind === 'consumer');
    expect(consumer.map((i) => i.outcome)).toEqual(['ok']);
    expect((await crm.ok('sam', Calls.totals.get, { projectKey: 'SALES' })).totals).toEqual(good.totals);
  });
});
