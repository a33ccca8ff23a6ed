import { kvs } from '@forge/kvs';
import { readAccount } from '../../../src/adapters/kvs/arr-store';
import { claimHolder, claimKey } from '../../../src/adapters/kvs/claims';
import { readFunnelMonths } from '../../../src/adapters/kvs/funnel-store';
import { linksOfDeal, readGuard, readLink } from '../../../src/adapters/kvs/handoff-store';
import { readConfig, readJob } from '../../../src/adapters/kvs/import-job-store';
import { Entities, Keys } from '../../../src/adapters/kvs/keys';
import { ensureTurn, readLeadSettings } from '../../../src/adapters/kvs/lead-settings-store';
import { StoredRecordInvalid } from '../../../src/adapters/kvs/stored-record';
import { readShards, readTotals } from '../../../src/adapters/kvs/totals-store';
import { Calls } from '../../../src/contracts/calls';
import { errorOf, startCrm, type Crm } from './crm-harness';

/**
 * What storage answers is parsed against the shape Relay stores, not cast: a record that does not
 * fit (damaged, or written by something else) fails where it is read, naming its key, instead of
 * handing the domain a record with fields missing. Absent records still read as absent, and records
 * an older version stored (without the fields added since) still read, with their defaults.
 */
describe('records read back from storage', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
  });
  afterEach(() => crm.close());

  const script = async <T>(fn: () => Promise<T>): Promise<T> => (await crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 60_000 }, fn)).result;
  const guardRecord = (kind: string, data: unknown) => ({ kind, holderId: 'x', version: 2, updatedAt: 1, schemaVersion: 1, data });
  const refusal = (key: string) => expect.objectContaining({ name: 'StoredRecordInvalid', key });

  it('fails a malformed guard record with an error naming its key, instead of answering a half-record', async () => {
    await script(async () => {
      await kvs.entity(Entities.guard).set(Keys.handoffGuard('deal-1'), guardRecord('idempotency', { issueId: 42, dealUrl: 'https://x' }));
      await kvs.entity(Entities.guard).set(claimKey('email', 'ann@example.com'), guardRecord('claim', { value: 'ann@example.com' }));
      await kvs.entity(Entities.guard).set(Keys.leadSettings(), guardRecord('rollup', { scoring: 'high' }));
      await kvs.entity(Entities.guard).set(Keys.account('company-1'), guardRecord('rollup', { ledger: 'none' }));
      await kvs.entity(Entities.guard).set(Keys.totalsShard('project-1', 0), guardRecord('rollup', { open: { count: 'three' } }));
      await kvs.entity(Entities.guard).set(Keys.funnel('2026-11', 0), guardRecord('rollup', { cells: { a: { lead: 1 } } }));
    });

    await script(async () => {
      await expect(readGuard('deal-1')).rejects.toEqual(refusal(Keys.handoffGuard('deal-1')));
      await expect(readGuard('deal-1')).rejects.toThrow(/hand-off guard .*data\.issueId/);
      await expect(claimHolder('email', 'ann@example.com')).rejects.toEqual(refusal(claimKey('email', 'ann@example.com')));
      await expect(readLeadSettings()).rejects.toEqual(refusal(Keys.leadSettings()));
      await expect(readAccount('company-1')).rejects.toEqual(refusal(Keys.account('company-1')));
      await expect(readShards('project-1')).rejects.toEqual(refusal(Keys.totalsShard('project-1', 0)));
      await expect(readFunnelMonths(['2026-11'])).rejects.toEqual(refusal(Keys.funnel('2026-11', 0)));
      await expect(readGuard('deal-1')).rejects.toBeInstanceOf(StoredRecordInvalid);
    });
  });

  it('fails a malformed entity record or key-value record the same way, by its key', async () => {
    await script(async () => {
      await kvs.entity(Entities.dealLink).set('10001', { issueId: '10001', issueKey: 'DEL-1', dealId: 'deal-1', projectId: 'p', role: 'owner', linkedAt: 1, schemaVersion: 1, data: {} });
      await kvs.set(Keys.importConfig('job-1'), { schemaVersion: 1, options: { kind: 'contacts' }, mapping: ['email'], header: ['E-mail'] });
      await kvs.entity(Entities.importJob).set('job-2', { id: 'job-2', kind: 'contacts', status: 'queued', projectId: 'p', createdBy: 'a', createdAt: 1, updatedAt: 1, version: 1, schemaVersion: 1, data: { id: 'job-2' } });
    });
    crm.sandbox.kvs.settleQueries();

    await script(async () => {
      await expect(readLink('10001')).rejects.toEqual(refusal('10001'));
      await expect(linksOfDeal('deal-1')).rejects.toEqual(refusal('10001'));
      await expect(readConfig('job-1')).rejects.toEqual(refusal(Keys.importConfig('job-1')));
      await expect(readJob('job-2')).rejects.toEqual(refusal('job-2'));
    });
  });

  it('still answers absent records as absent, and reads records older versions stored with the defaults they always had', async () => {
    await script(async () => {
      // A guard from before attempts, child ids and completion were recorded; a shard from before forecast categories; a round robin without a turn.
      await kvs.entity(Entities.guard).set(Keys.handoffGuard('deal-2'), { ...guardRecord('idempotency', { issueId: null, issueKey: null, leaseUntil: 0, leaseId: null, children: {}, dealUrl: 'https://x' }), holderId: 'deal-2' });
      const { byForecast: _dropped, ...olderTotals } = { open: { count: 1, amounts: { EUR: 500 } }, won: { count: 0, amounts: {} }, lost: { count: 0, amounts: {} }, weighted: {}, byStage: {}, weightedByStage: {}, byForecast: {} };
      await kvs.entity(Entities.guard).set(Keys.totalsShard('project-2', 0), guardRecord('rollup', olderTotals));
      await kvs.entity(Entities.guard).set(Keys.leadRoundRobin(), guardRecord('rollup', {}));
    });

    await script(async () => {
      expect(await readGuard('nobody')).toBeUndefined();
      expect(await readLink('nothing')).toBeUndefined();
      expect(await claimHolder('email', 'nobody@example.com')).toBeUndefined();
      expect(await readConfig('no-job')).toBeUndefined();
      expect((await readAccount('no-company')).version).toBe(0);

      expect((await readGuard('deal-2'))?.data).toMatchObject({ issueId: null, dealUrl: 'https://x', children: {} });
      const totals = await readTotals('project-2');
      expect(totals.totals.open).toEqual({ count: 1, amounts: { EUR: 500 } });
      expect(totals.totals.byForecast).toEqual({});
      expect(await ensureTurn({ next: 0, version: 0 }, 1)).toEqual({ next: 0, version: 2 });
    });
  });

  it('answers a call that meets a malformed record as an internal error, not with the half-record', async () => {
    const projectId = crm.sandbox.jira.listProjects().find((p) => p.key === 'SALES')!.id;
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    await script(async () => {
      await kvs.entity(Entities.guard).set(Keys.totalsShard(projectId, 1), guardRecord('rollup', { open: { count: 'three', amounts: {} } }));
    });
    expect(errorOf(await crm.call('vic', Calls.totals.get, { projectKey: 'SALES' }))).toMatchObject({ code: 'INTERNAL' });
  });
});
