import { kvs } from '@forge/kvs';
import { toEntity } from '../../../src/adapters/kvs/deal-entity';
import { Entities } from '../../../src/adapters/kvs/keys';
import { readSnapshot } from '../../../src/adapters/kvs/snapshot-store';
import { allShards, replaceShards } from '../../../src/adapters/kvs/totals-store';
import { TOTALS_SHARDS } from '../../../src/ports/deals';
import { Calls } from '../../../src/contracts/calls';
import { positionsAfter } from '../../../src/domain/positions';
import { computeShards } from '../../../src/domain/totals';
import { aDeal } from '../../builders/deal';
import { errorOf, startCrm } from './crm-harness';

/**
 * The daily snapshot job reads every deal of a project; at 100,000 deals that is more than a
 * minute of the installation's storage quota (bench/strict.ts measures it). Here the quota is made
 * tiny (3 requests a second, on the wall clock) so the job must wait it out several times: it still
 * finishes, and stores metrics over every deal.
 */
describe('the snapshot job under Forge’s storage quota', () => {
  it('waits out 429s as it reads, and finishes with every deal counted', async () => {
    const crm = await startCrm();
    try {
      const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
      crm.sandbox.platform.setLimits({ kvsRequestsPerSecond: 3 });
      // The app reads the wall clock; the meters read the sandbox's, which this test moves with it.
      const tick = setInterval(() => crm.clock.set(Date.now()), 50);
      try {
        const open = pipeline.stages[0]!;
        const positions = positionsAfter(null, 450);
        const long = Date.now() - 86_400_000;
        const deals = positions.map((position, i) => aDeal({ id: `q-${i}`, projectId: pipeline.projectId, stageId: open.id, position, amountMinor: 1000, createdAt: long, updatedAt: long, stageEnteredAt: long }));
        await crm.sandbox.platform.runInvocation({ functionKey: 'seed', moduleKey: 'test', kind: 'script', timeoutMs: 60_000, metered: false }, async () => {
          for (let i = 0; i < deals.length; i += 25) await kvs.batchSet(deals.slice(i, i + 25).map((deal) => ({ key: deal.id, value: toEntity(deal, pipeline), entityName: Entities.deal })));
          await replaceShards(pipeline.projectId, await allShards(pipeline.projectId), computeShards(deals, pipeline, TOTALS_SHARDS), long);
        });
        crm.sandbox.kvs.settleQueries();
        const before = crm.sandbox.platform.invocations.length;
        await crm.ok('alice', Calls.metrics.refresh, { projectKey: 'SALES' });
        await crm.sandbox.host.settle();
        const job = crm.sandbox.platform.invocations.slice(before).find((r) => r.kind === 'consumer')!;
        expect(job.error ?? job.outcome).toBe('ok');
        expect(job.cost.rateLimited).toBeGreaterThan(0);
        expect(crm.sandbox.platform.meters!.refusals['kvs-requests-per-second']).toBe(job.cost.rateLimited);
        // Today's snapshot holds a row for every deal.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const today = new Date(Date.now()).toISOString().slice(0, 10);
        const { result: snapshot } = await crm.sandbox.platform.runInvocation({ functionKey: 'read', moduleKey: 'test', kind: 'script', timeoutMs: 10_000, metered: false }, () => readSnapshot(pipeline.projectId, today));
        expect(snapshot?.rows).toHaveLength(450);
      } finally {
        clearInterval(tick);
      }
    } finally {
      await crm.close();
    }
  }, 60_000);
});

describe('resolvers when Forge’s storage quota is spent', () => {
  it('answer a gadget render over a project the caller cannot browse with a coded error, leaving no refused storage read unhandled', async () => {
    const crm = await startCrm();
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
      crm.sandbox.platform.setLimits({ kvsRequestsPerSecond: 0 });
      // vic cannot browse DEL: the project check fails, while the settings read (started beside it) meets the quota.
      const answer = await crm.call('vic', Calls.gadgets.pipeline, { projectKeys: ['SALES', 'DEL'] });
      expect(['NOT_FOUND', 'RATE_LIMITED']).toContain(errorOf(answer).code);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      await crm.close();
    }
  });
});
