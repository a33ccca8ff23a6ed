/**
 * Renewals at scale (issue 15): the daily run over N contracts — every one due, the worst case of a
 * first run — on the sandbox platform as Forge meters it: invocations (none over its limit), storage
 * requests and units, peak write units in any minute of the sandbox clock against the KVS rate
 * (4,000 a minute), queue pushes; then exactly one renewal per contract; and the Renewals gadget's
 * storage requests, which must not grow with the number of contracts.
 *
 * Contracts and their companies are seeded straight into storage with the app's own entity mapping
 * (batches of 25): they stand for data that existed before the run, so the seeding spends no quota
 * and storage queries already show it. The run itself is metered as Forge meters it.
 */
import { kvs, Sort } from '@forge/kvs';
import { createSandbox, type Sandbox } from '../sandbox';
import type { Clock } from '../sandbox/platform/types';
import { editCrmPermissionKey } from '../sandbox/demo/seed';
import type { InvocationRecord } from '../sandbox/runtime/invocation';
import { toCompanyEntity } from '../src/adapters/kvs/company-store';
import { toEntity } from '../src/adapters/kvs/deal-entity';
import { type DealEntity } from '../src/ports/deals';
import { Entities } from '../src/adapters/kvs/keys';
import { newCompany } from '../src/domain/company';
import type { Deal } from '../src/domain/deal';
import type { Pipeline } from '../src/domain/pipeline';
import { addDays, isoDateOf } from '../src/domain/periods';
import { readRun } from '../src/usecases/renewals/run-state';
import { ids } from './budgets';
import { doing, record } from './figures';

const ALICE = '5b10ac8d82e05b22cc7d4ef1';
const MINUTE = 60_000;
/** Forge's custom-function limit for the queue consumer (manifest: timeoutSeconds 900). */
const CONSUMER_LIMIT_MS = 900_000;

/**
 * The wall clock, moved on by the bench between chunks (the queue's pauses are a minute each): the
 * quotas' windows pass while a chunk works, as they do in Forge. The sandbox answers faster than
 * Forge's storage, so a chunk spends a second's request quota faster here than it would there.
 */
class WallClockWithJumps implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

async function setUp(): Promise<{ sandbox: Sandbox; clock: WallClockWithJumps; call: (key: string, payload: unknown, moduleKey?: string) => Promise<{ data: unknown; record: InvocationRecord }> }> {
  const clock = new WallClockWithJumps();
  const sandbox = await createSandbox({ clock });
  sandbox.jira.addUser({ accountId: ALICE, displayName: 'Alice Admin' });
  sandbox.jira.addProject({ key: 'SALES', name: 'Sales', leadAccountId: ALICE });
  sandbox.jira.grant(ALICE, 'SALES', ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS', editCrmPermissionKey(sandbox)]);
  sandbox.jira.setSiteAdmin(ALICE, true);
  const call = async (key: string, payload: unknown, moduleKey = 'relay-crm') => {
    const answer = (await sandbox.host.invokeResolver({ moduleKey, accountId: ALICE, projectKey: 'SALES' }, key, payload)) as { ok: boolean; data?: unknown; error?: unknown };
    if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer.error)}`);
    return { data: answer.data, record: sandbox.platform.invocations.at(-1)! };
  };
  return { sandbox, clock, call };
}

/** N won recurring contracts ending over the next 90 days (all due at once), 5 per company. */
async function seed(sandbox: Sandbox, projectId: string, pipeline: Pipeline, n: number, today: string, now: number): Promise<void> {
  const won = pipeline.stages.find((s) => s.outcome === 'won')!;
  const companies = Math.max(1, Math.ceil(n / 5));
  // Set-up, not the subject: the contracts stand for data stored long before the run, so their writes spend no quota.
  await sandbox.platform.runInvocation({ functionKey: 'bench-seed', moduleKey: 'bench', kind: 'script', timeoutMs: 1_800_000, metered: false }, async () => {
    for (let i = 0; i < companies; i += 25) {
      const batch = Array.from({ length: Math.min(25, companies - i) }, (_, k) => newCompany({ name: `Customer ${i + k}`, ownerId: ALICE, segment: 'mid-market' }, `co-${i + k}`, now));
      await kvs.batchSet(batch.map((c) => ({ key: c.id, value: toCompanyEntity({ ...c, version: 1, lifecycle: 'customer', health: 'good' }), entityName: Entities.company })));
    }
    for (let i = 0; i < n; i += 25) {
      const batch: Deal[] = [];
      for (let k = i; k < Math.min(n, i + 25); k += 1) {
        const end = addDays(today, 1 + (k % 90));
        batch.push({
          id: `contract-${k}`, projectId, name: `Contract ${k}`, companyId: `co-${Math.floor(k / 5)}`, contactIds: [], amountMinor: 1_000_000 + (k % 97) * 10_000, currency: k % 4 === 0 ? 'EUR' : 'USD',
          recurring: true, type: 'new_business', stageId: won.id, position: 'a0', forecastOverride: null, outcome: 'won', lostReason: null, closeDate: addDays(end, -365), ownerId: ALICE,
          source: 'outbound', attribution: null, segment: 'mid-market', nextStep: null, nextStepDue: null, contractStart: addDays(end, -364), contractEnd: end, scope: 'Scope', notSold: null, stakeholders: null,
          successCriteria: null, stageEnteredAt: now, stageHistory: [won.id], pushCount: 0, closedAt: now - 365 * 86_400_000, archived: false, handoff: null, renewal: null, renews: null,
          createdAt: now, updatedAt: now, version: 1,
        });
      }
      const result = await kvs.batchSet(batch.map((deal) => ({ key: deal.id, value: toEntity(deal, pipeline), entityName: Entities.deal })));
      if (result.failedKeys.length > 0) throw new Error(`seeding failed: ${JSON.stringify(result.failedKeys[0])}`);
    }
  });
}

/** Write units per minute of the sandbox clock, from each invocation's start (chunks run well within a minute). */
function peakPerMinute(records: InvocationRecord[], pick: (r: InvocationRecord) => number): number {
  const sorted = [...records].sort((a, b) => a.startedAt - b.startedAt);
  let peak = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let sum = 0;
    for (let j = i; j < sorted.length && sorted[j]!.startedAt < sorted[i]!.startedAt + MINUTE; j += 1) sum += pick(sorted[j]!);
    peak = Math.max(peak, sum);
  }
  return peak;
}

async function countRenewals(sandbox: Sandbox, projectId: string): Promise<{ renewals: number; distinctContracts: number; pending: number }> {
  return (
    // The bench's own check reads outside the quota: it is not the run's cost.
    await sandbox.platform.runInvocation({ functionKey: 'bench-count', moduleKey: 'bench', kind: 'script', timeoutMs: 1_800_000, metered: false }, async () => {
      const renewed = new Set<string>();
      let renewals = 0;
      let cursor: string | undefined;
      do {
        let q = kvs.entity<DealEntity>(Entities.deal).query().index('by-outcome-close', { partition: [projectId, 'open'] }).sort(Sort.ASC).limit(100);
        if (cursor) q = q.cursor(cursor);
        const page = await q.getMany();
        for (const r of page.results) {
          const deal = r.value.data;
          if (deal.type !== 'renewal') continue;
          renewals += 1;
          if (deal.renews) renewed.add(deal.renews.dealId);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const pending = await kvs.entity<DealEntity>(Entities.deal).query().index('by-renewal', { partition: ['pending'] }).limit(100).getMany();
      return { renewals, distinctContracts: renewed.size, pending: pending.results.length };
    })
  ).result;
}

export async function benchRenewals(sizes: number[]): Promise<void> {
  console.log('');
  console.log('Renewals: the daily run with every contract due (the worst first run), then the Renewals gadget');
  for (const size of sizes) {
    const { sandbox, clock, call } = await setUp();
    try {
      const enabled = (await call('pipelines/enable', { projectKey: 'SALES' })).data as { projectId: string; stages: Pipeline['stages'] };
      const now = Date.now();
      const today = isoDateOf(now);
      doing(`seeding ${size} contracts`);
      await seed(sandbox, enabled.projectId, { stages: enabled.stages }, size, today, now);
      doing(`waiting for the renewal run over ${size} contracts to reach phase done with an empty queue`);
      // Stored long before the run: storage queries already show the contracts.
      sandbox.kvs.settleQueries();
      const first = sandbox.platform.invocations.length;
      const started = performance.now();
      await sandbox.host.runScheduled('relay-daily-renewal-scan');
      let jumps = 0;
      for (;;) {
        await sandbox.host.settle();
        const run = (await sandbox.platform.runInvocation({ functionKey: 'bench-run', moduleKey: 'bench', kind: 'script', timeoutMs: 60_000, metered: false }, readRun)).result.value;
        if (run?.phase === 'done' && sandbox.host.pendingQueueEvents().length === 0) break;
        clock.advance(61_000);
        jumps += 1;
        const dead = sandbox.host.deadLetters.length;
        if (jumps > 10_000 || (dead > 0 && sandbox.host.pendingQueueEvents().length === 0)) {
          const failures = sandbox.platform.invocations.slice(first).filter((r) => r.kind !== 'script').map((r) => `${r.kind} ${r.outcome} ${r.cost.storageRequests} requests, ${r.cost.rateLimited} refused, ${r.cost.elapsedMs} ms ${r.error ?? ''}`);
          throw new Error(`the run did not finish: ${JSON.stringify({ phase: run?.phase, chunk: run?.chunk, lastError: run?.lastError, dead: sandbox.host.deadLetters, failures: failures.slice(-8), refusals: sandbox.platform.meters?.refusals })}`);
        }
      }
      const wallMs = performance.now() - started;
      // BENCH_DETAIL=1: one line per chunk (kind, outcome, storage requests, read units, write units, ms).
      if (process.env.BENCH_DETAIL) for (const r of sandbox.platform.invocations.slice(first).filter((x) => x.kind !== 'script')) console.log(`         ${r.kind} ${r.outcome} ${r.cost.storageRequests} ${r.cost.readUnits} ${r.cost.writeUnits} ${r.cost.elapsedMs}`);
      const records = sandbox.platform.invocations.slice(first).filter((r) => r.kind === 'scheduled' || r.kind === 'consumer');
      const chunks = records.filter((r) => r.kind === 'consumer');
      const sum = (pick: (r: InvocationRecord) => number) => records.reduce((t, r) => t + pick(r), 0);
      const slowest = Math.max(...records.map((r) => r.cost.elapsedMs));
      const counted = await countRenewals(sandbox, enabled.projectId);
      const failed = records.filter((r) => r.outcome !== 'ok').length;
      record(ids.renewals(size, 'oneEach'), counted.renewals === size && counted.distinctContracts === size);
      record(ids.renewals(size, 'failed'), failed);
      record(ids.renewals(size, 'slowestMs'), slowest);
      record(ids.renewals(size, 'peakWrites'), peakPerMinute(records, (r) => r.cost.writeUnits));
      record(ids.renewals(size, 'peakReads'), peakPerMinute(records, (r) => r.cost.readUnits));
      record(ids.renewals(size, 'peakPushes'), peakPerMinute(records, (r) => r.cost.queuePushes));
      record(ids.renewals(size, 'storagePerContract'), sum((r) => r.cost.storageRequests) / size);
      console.log(`  ${String(size).padStart(6)} contracts: ${counted.renewals} renewals opened for ${counted.distinctContracts} contracts (${counted.pending} still pending) — ${counted.renewals === size && counted.distinctContracts === size ? 'one each' : 'MISMATCH'}`);
      console.log(`         invocations ${records.length} (${chunks.length} queue chunks, ${failed} failed); slowest ${(slowest / 1000).toFixed(1)} s of the ${CONSUMER_LIMIT_MS / 1000} s limit; ${(wallMs / 1000).toFixed(0)} s here, with the clock moved on ${jumps} times by 61 s for the queue's pauses`);
      const refusals = Object.entries(sandbox.platform.meters?.refusals ?? {}).map(([quota, n]) => `${quota} ×${n}`).join(', ') || 'none';
      const roundTripMs = sum((r) => sandbox.platform.latency.invocationMs + r.cost.critical.ms);
      console.log(`         storage 429s met by the run: ${sum((r) => r.cost.rateLimited)} (${refusals}); estimated production time: ${(roundTripMs / 1000).toFixed(0)} s of round trips (${sum((r) => r.cost.critical.roundTrips)} in sequence, assumed latencies) plus ${jumps} pauses of ≤ 61 s between chunks`);
      console.log(`         storage requests ${sum((r) => r.cost.storageRequests)} (${(sum((r) => r.cost.storageRequests) / size).toFixed(1)} per contract; txn ${sum((r) => r.cost.storageByOperation['/api/v1/transaction'] ?? 0)}, query ${sum((r) => r.cost.storageByOperation['/api/v1/entity/query'] ?? 0)}), read units ${sum((r) => r.cost.readUnits)}, write units ${sum((r) => r.cost.writeUnits)}`);
      console.log(`         peak per minute: write units ${peakPerMinute(records, (r) => r.cost.writeUnits)} (KVS limit 4,000), read units ${peakPerMinute(records, (r) => r.cost.readUnits)} (limit 4,000), storage requests ${peakPerMinute(records, (r) => r.cost.storageRequests)}, queue pushes ${peakPerMinute(records, (r) => r.cost.queuePushes)} (limit 500); Jira requests ${sum((r) => r.cost.jiraRequests)}`);
      // The screens are read a minute after the run, as someone opening them would (the run's own minute is spent).
      clock.advance(61_000);
      const gadget = await call('gadgets/renewals', { projectKeys: ['SALES'], horizonDays: 90 }, 'relay-renewals-gadget');
      const tab = await call('renewals/overview', { projectKey: 'SALES' });
      const page = await call('renewals/list', { projectKey: 'SALES', window: 30, limit: 50 });
      const g = gadget.record.cost;
      record(ids.renewals(size, 'gadgetStorage'), g.storageRequests);
      console.log(`         Renewals gadget render: ${g.storageRequests} storage requests, ${g.readUnits} read units, ${g.jiraRequests} Jira requests; Renewals tab: overview ${tab.record.cost.storageRequests} storage requests, one page of 50 ${page.record.cost.storageRequests}`);
    } finally {
      await sandbox.close();
    }
  }
}
