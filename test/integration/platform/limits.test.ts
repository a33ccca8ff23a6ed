import api, { route } from '@forge/api';
import { Queue, RateLimitError } from '@forge/events';
import { kvs } from '@forge/kvs';
import { Calls } from '../../../src/contracts/calls';
import { InvocationRateLimitError } from '../../../sandbox/runtime/platform';
import { FORGE_LIMITS } from '../../../sandbox/runtime/meters';
import { failureOf, startStorage } from '../kvs/storage-harness';
import { errorOf, startCrm } from '../crm/crm-harness';

/** The platform meters Forge's quotas by default and answers beyond them as Forge does (README: Limits and quotas). */
describe('platform quotas, metered by default', () => {
  it('refuses the storage request past 1,000 in a second with 429 RATE_LIMIT_EXCEEDED, and takes it again a second later', async () => {
    const storage = startStorage();
    await storage.seed(() => kvs.set('k', 1));
    await storage.run(async () => {
      for (let i = 0; i < FORGE_LIMITS.kvsRequestsPerSecond; i += 1) await kvs.get('k');
      const refused = await failureOf(kvs.get('k'));
      expect(refused).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', responseDetails: { status: 429 } });
    });
    storage.clock.advance(1000);
    expect(await storage.run(() => kvs.get('k'))).toBe(1);
    expect(storage.platform.meters!.refusals).toEqual({ 'kvs-requests-per-second': 1 });
  });

  it('counts read and write units per minute (10 KB each, rounded up) and refuses past 4,000', async () => {
    const storage = startStorage();
    const big = 'x'.repeat(95 * 1024); // 10 units to write, 10 to read
    await storage.run(async () => {
      for (let i = 0; i < 400; i += 1) await kvs.set(`big-${i % 25}`, big);
      expect((await failureOf(kvs.set('one-more', 1))).code).toBe('RATE_LIMIT_EXCEEDED');
    });
    storage.clock.advance(30_000); // spread over the next minute's seconds
    await storage.run(async () => {
      for (let i = 0; i < 400; i += 1) await kvs.get(`big-${i % 25}`);
      expect((await failureOf(kvs.get('big-0'))).code).toBe('RATE_LIMIT_EXCEEDED');
    });
    expect(storage.platform.meters!.usage()).toMatchObject({ kvsReadUnitsLastMinute: 4000, kvsWriteUnitsLastMinute: 4000 });
    storage.clock.advance(30_001); // the writes' minute is over; the reads' is not
    await storage.run(() => kvs.set('one-more', 1));
    expect((await failureOf(storage.run(() => kvs.get('big-0')))).code).toBe('RATE_LIMIT_EXCEEDED');
  });

  it('spends nothing for the sandbox’s own set-up work', async () => {
    const storage = startStorage();
    await storage.seed(async () => {
      for (let i = 0; i < 1500; i += 1) await kvs.set(`seed-${i}`, i);
    });
    expect(storage.platform.meters!.usage()).toMatchObject({ kvsRequestsLastSecond: 0, kvsWriteUnitsLastMinute: 0 });
  });

  it('refuses a user’s invocation past 1,200 a minute, and anyone’s past 5,000', async () => {
    const storage = startStorage();
    const invoke = (accountId: string) => storage.platform.runInvocation({ functionKey: 'f', moduleKey: 'm', kind: 'resolver', accountId, timeoutMs: 1000 }, async () => 'ran');
    for (let i = 0; i < FORGE_LIMITS.invocationsPerMinutePerUser; i += 1) await invoke('sam');
    await expect(invoke('sam')).rejects.toBeInstanceOf(InvocationRateLimitError);
    for (let user = 0; user < 4; user += 1) for (let i = 0; i < 950; i += 1) await invoke(`user-${user}`);
    await expect(invoke('someone-else')).rejects.toMatchObject({ quota: 'invocations-per-minute' });
    storage.clock.advance(60_000);
    expect((await invoke('sam')).result).toBe('ran');
  });

  it('refuses the queue push past 500 a minute; @forge/events throws its RateLimitError', async () => {
    const storage = startStorage();
    await storage.run(async () => {
      const queue = new Queue({ key: 'relay-jobs' });
      for (let i = 0; i < FORGE_LIMITS.queuePushesPerMinute; i += 1) await queue.push({ body: { i } });
      await expect(queue.push({ body: { i: 'one too many' } })).rejects.toBeInstanceOf(RateLimitError);
    });
  });

  it('charges Jira points (a GET one plus one per object, a write one) and answers 429 with Retry-After past the hour’s quota', async () => {
    const crm = await startCrm();
    try {
      crm.sandbox.jira.setPointsQuota({ pointsPerHour: 10 });
      const call = (path: ReturnType<typeof route>) =>
        crm.sandbox.platform.runInvocation({ functionKey: 'j', moduleKey: 'j', kind: 'script', timeoutMs: 5000 }, async () => {
          const response = await api.asApp().requestJira(path);
          return { status: response.status, retryAfter: response.headers.get('retry-after'), reason: response.headers.get('ratelimit-reason') };
        });
      expect((await call(route`/rest/api/3/project/SALES`)).result.status).toBe(200); // 2 points
      expect((await call(route`/rest/api/3/project/search`)).result.status).toBe(200); // 1 + 2 projects
      expect(crm.sandbox.jira.quota.used()).toBe(5);
      for (let i = 0; i < 3; i += 1) await call(route`/rest/api/3/myself`);
      const refused = (await call(route`/rest/api/3/myself`)).result;
      expect(refused).toMatchObject({ status: 429, reason: 'jira-quota-tenant-based' });
      expect(Number(refused.retryAfter)).toBeGreaterThan(3000);
      crm.clock.advance(3_600_000);
      expect((await call(route`/rest/api/3/myself`)).result.status).toBe(200);
    } finally {
      await crm.close();
    }
  });

  it('answers a resolver call RATE_LIMITED, changing nothing, when the storage quota is spent', async () => {
    const crm = await startCrm();
    try {
      await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
      const meters = crm.sandbox.platform.meters!;
      // Someone else's import spent this minute's write units.
      meters.spendKvs({ read: 0, write: FORGE_LIMITS.kvsWriteUnitsPerMinute });
      const refused = errorOf(await crm.call('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme' }));
      expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
      crm.later(60_000);
      expect((await crm.list('sam', Calls.deals.list, { projectKey: 'SALES' })).items).toEqual([]);
      expect((await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme' })).name).toBe('Acme');
    } finally {
      await crm.close();
    }
  });
});
