/**
 * The CRM core's cost at 100, 10,000 and 100,000 deals in one project (issue 4): per operation, the
 * storage requests, read/write units, Jira requests and server time of the real resolver on the
 * sandbox platform, and how reading the maintained totals compares with computing them by scanning.
 *
 * Deals are seeded straight into storage with the app's own entity mapping (batches of 25), since
 * creating 100,000 deals through the resolver one by one would measure the seeding, not the reads.
 */
import { kvs } from '@forge/kvs';
import { createSandbox, ManualClock, type Sandbox } from '../sandbox';
import { editCrmPermissionKey } from '../sandbox/demo/seed';
import type { InvocationRecord } from '../sandbox/runtime/invocation';
import { toEntity } from '../src/adapters/kvs/deal-entity';
import { allShards, replaceShards } from '../src/adapters/kvs/totals-store';
import { TOTALS_SHARDS } from '../src/ports/deals';
import { Entities } from '../src/adapters/kvs/keys';
import type { Deal } from '../src/domain/deal';
import type { Pipeline } from '../src/domain/pipeline';
import { positionsAfter } from '../src/domain/positions';
import { computeShards } from '../src/domain/totals';
import { ids } from './budgets';
import { doing, record } from './figures';

export const SAM = '5b10ac8d82e05b22cc7d4ef2';
export const ALICE = '5b10ac8d82e05b22cc7d4ef1';

interface Row {
  operation: string;
  record: InvocationRecord;
}

export async function setUp(metered = false): Promise<Sandbox> {
  // Costs per operation, not quotas (bench/strict.ts runs the quota-bound job on its own); the
  // import and export bench asks for the metered platform, where they must finish under the quotas.
  const sandbox = await createSandbox({ clock: new ManualClock(), ...(metered ? {} : { limits: false as const }) });
  sandbox.jira.addUser({ accountId: SAM, displayName: 'Sam Seller' });
  sandbox.jira.addUser({ accountId: ALICE, displayName: 'Alice Admin' });
  sandbox.jira.addProject({ key: 'SALES', name: 'Sales', leadAccountId: ALICE });
  const edit = editCrmPermissionKey(sandbox);
  sandbox.jira.grant(SAM, 'SALES', ['BROWSE_PROJECTS', edit]);
  sandbox.jira.grant(ALICE, 'SALES', ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS', edit]);
  sandbox.jira.setSiteAdmin(ALICE, true);
  return sandbox;
}

const page = { moduleKey: 'relay-crm', accountId: SAM, projectKey: 'SALES' };

async function call(sandbox: Sandbox, key: string, payload: unknown, accountId = SAM): Promise<{ data: unknown; record: InvocationRecord }> {
  const answer = (await sandbox.host.invokeResolver({ ...page, accountId }, key, payload)) as { ok: boolean; data?: unknown; error?: unknown };
  if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer.error)}`);
  return { data: answer.data, record: sandbox.platform.invocations.at(-1)! };
}

/**
 * N deals spread over the open stages (70 % open, 20 % won, 10 % lost), with the totals they imply,
 * written as data that existed before the run: unmetered, and searchable at once.
 */
export async function seedDeals(sandbox: Sandbox, projectId: string, pipeline: Pipeline, n: number, t0 = sandbox.clock.now(), mix: 'mixed' | 'all-open' = 'mixed'): Promise<void> {
  const open = pipeline.stages.filter((s) => s.outcome === 'open');
  const won = pipeline.stages.find((s) => s.outcome === 'won')!;
  const lost = pipeline.stages.find((s) => s.outcome === 'lost')!;
  const positions = positionsAfter(null, Math.ceil(n / open.length) + 1);
  const deals: Deal[] = [];
  for (let i = 0; i < n; i += 1) {
    const bucket = mix === 'all-open' ? 0 : i % 10;
    const stage = bucket < 7 ? open[i % open.length]! : bucket < 9 ? won : lost;
    const month = String((i % 12) + 1).padStart(2, '0');
    deals.push({
      id: `bench-${i}`, projectId, name: `Deal ${i}`, companyId: null, contactIds: [], amountMinor: 100_000 + (i % 97) * 1_000, currency: i % 5 === 0 ? 'USD' : 'EUR',
      recurring: i % 3 === 0, type: 'new_business', stageId: stage.id, position: positions[Math.floor(i / open.length)]!, forecastOverride: null,
      outcome: stage.outcome, lostReason: stage.outcome === 'lost' ? 'price' : null, closeDate: `2027-${month}-15`, ownerId: i % 2 ? SAM : ALICE,
      source: 'inbound', attribution: null, segment: i % 3 ? 'smb' : 'enterprise', nextStep: 'Call', nextStepDue: null, contractStart: null, contractEnd: null, scope: null,
      notSold: null, stakeholders: null, successCriteria: null, stageEnteredAt: t0, stageHistory: [stage.id], pushCount: 0, closedAt: stage.outcome === 'open' ? null : t0,
      archived: false, handoff: null, renewal: null, renews: null, createdAt: t0 - i * 60_000, updatedAt: t0 - i * 60_000, version: 1,
    });
  }
  await sandbox.platform.runInvocation({ functionKey: 'bench-seed', moduleKey: 'bench', kind: 'script', timeoutMs: 600_000, metered: false }, async () => {
    for (let i = 0; i < deals.length; i += 25) {
      const result = await kvs.batchSet(deals.slice(i, i + 25).map((deal) => ({ key: deal.id, value: toEntity(deal, pipeline), entityName: Entities.deal })));
      if (result.failedKeys.length > 0) throw new Error(`seeding failed: ${JSON.stringify(result.failedKeys[0])}`);
    }
    await replaceShards(projectId, await allShards(projectId), computeShards(deals, pipeline, TOTALS_SHARDS), t0);
  });
  sandbox.kvs.settleQueries();
}

function line(size: number, row: Row): string {
  const c = row.record.cost;
  return [
    String(size).padStart(7),
    row.operation.padEnd(36),
    String(c.storageRequests).padStart(8),
    String(c.storageByOperation['/api/v1/transaction'] ?? 0).padStart(4),
    String(c.storageByOperation['/api/v1/entity/query'] ?? 0).padStart(6),
    String(c.readUnits).padStart(8),
    String(c.writeUnits).padStart(8),
    String(c.jiraRequests).padStart(5),
    String(c.elapsedMs).padStart(8),
  ].join(' ');
}

export async function benchDeals(sizes: number[]): Promise<void> {
  console.log('');
  console.log('CRM core, one project (mean of one run per operation; server time in ms on this machine)');
  console.log(['  deals', 'operation'.padEnd(36), 'storage', ' txn', ' query', 'read u', 'write u', ' jira', '      ms'].join(' '));
  for (const size of sizes) {
    const sandbox = await setUp();
    try {
      const enabled = (await call(sandbox, 'pipelines/enable', { projectKey: 'SALES' }, ALICE)).data as { projectId: string; stages: Pipeline['stages'] };
      const pipeline: Pipeline = { stages: enabled.stages };
      doing(`seeding ${size} deals`);
      await seedDeals(sandbox, enabled.projectId, pipeline, size);
      doing(`measuring the board, lists, totals and rebuild at ${size} deals`);
      const rows: Row[] = [];
      const board = await call(sandbox, 'deals/board', { projectKey: 'SALES' });
      rows.push({ operation: 'board (≤1,000 open, 100/query)', record: board.record });
      rows.push({ operation: 'deal list page (50, by close)', record: (await call(sandbox, 'deals/list', { projectKey: 'SALES', limit: 50 })).record });
      rows.push({ operation: 'deal list page (owner filter)', record: (await call(sandbox, 'deals/list', { projectKey: 'SALES', limit: 50, ownerId: SAM })).record });
      const totals = await call(sandbox, 'totals/get', { projectKey: 'SALES' });
      rows.push({ operation: 'totals read', record: totals.record });
      const rebuild = await call(sandbox, 'totals/rebuild', { projectKey: 'SALES' }, ALICE);
      rows.push({ operation: 'totals by scanning (rebuild)', record: rebuild.record });
      await call(sandbox, 'settings/save-site', { version: 0, reportingCurrency: 'EUR', rates: { USD: '0.9' }, fiscalYearStartMonth: 1, glossaryOverrides: {} }, ALICE);
      doing(`waiting for the snapshot + metrics job at ${size} deals (metrics/refresh, then the queue settling)`);
      const beforeJob = sandbox.platform.invocations.length;
      await call(sandbox, 'metrics/refresh', { projectKey: 'SALES' }, ALICE);
      await sandbox.host.settle();
      const job = sandbox.platform.invocations.slice(beforeJob).find((r) => r.kind === 'consumer');
      if (job) rows.push({ operation: 'snapshot + metrics job (queue)', record: job });
      // The board moves and the win come last: right after a deal write the rebuild and the snapshot wait for
      // storage searches to show it (QUERY_SETTLE_MS), and the app's clock here is the wall clock.
      doing(`measuring a move, a win, the gadget and Insights at ${size} deals`);
      const columns = (board.data as { columns: Array<{ stageId: string; deals: Array<{ id: string; version: number }> }> }).columns;
      const first = columns[0]!.deals;
      const target = columns[0]!;
      const card = first[2]!;
      rows.push({ operation: 'deal move (within column)', record: (await call(sandbox, 'deals/move', { dealId: card.id, version: card.version, toStageId: target.stageId, afterDealId: null, beforeDealId: first[0]!.id })).record });
      const lastOpen = pipeline.stages.filter((s) => s.outcome === 'open').at(-1)!;
      const inLastStage = (await call(sandbox, 'deals/list', { projectKey: 'SALES', stageId: lastOpen.id, sort: 'position', limit: 1 })).data as { items: Array<{ id: string; version: number }> };
      const winnable = inLastStage.items[0]!;
      await call(sandbox, 'deals/update', { dealId: winnable.id, version: winnable.version, changes: { scope: 'SSO', notSold: 'On-prem', stakeholders: 'CFO', successCriteria: 'Adoption', contractStart: '2027-01-01', contractEnd: '2027-12-31' } });
      rows.push({ operation: 'deal win', record: (await call(sandbox, 'deals/win', { dealId: winnable.id, version: winnable.version + 1 })).record });
      rows.push({ operation: 'Pipeline gadget render', record: (await call(sandbox, 'gadgets/pipeline', { projectKey: 'SALES' })).record });
      rows.push({ operation: 'Insights metrics read', record: (await call(sandbox, 'metrics/project', { projectKey: 'SALES' })).record });
      const owner = { dimension: 'owner', value: SAM };
      rows.push({ operation: 'Pipeline gadget render (one owner)', record: (await call(sandbox, 'gadgets/pipeline', { projectKey: 'SALES', segment: owner })).record });
      rows.push({ operation: 'Insights metrics read (one owner)', record: (await call(sandbox, 'metrics/project', { projectKey: 'SALES', segment: owner })).record });
      for (const row of rows) console.log(line(size, row));
      const cost = (operation: string) => rows.find((r) => r.operation === operation)?.record.cost;
      const storage = (operation: string) => cost(operation)?.storageRequests ?? Number.NaN;
      const txn = (operation: string) => cost(operation)?.storageByOperation['/api/v1/transaction'] ?? Number.NaN;
      record(ids.deals(size, 'totals'), storage('totals read'));
      record(ids.deals(size, 'gadget'), storage('Pipeline gadget render'));
      record(ids.deals(size, 'gadgetOwner'), storage('Pipeline gadget render (one owner)'));
      record(ids.deals(size, 'insights'), storage('Insights metrics read'));
      record(ids.deals(size, 'insightsOwner'), storage('Insights metrics read (one owner)'));
      record(ids.deals(size, 'board'), storage('board (≤1,000 open, 100/query)'));
      record(ids.deals(size, 'list'), storage('deal list page (50, by close)'));
      const cards = columns.reduce((n, column) => n + column.deals.length, 0);
      const boardQueries = board.record.cost.storageByOperation['/api/v1/entity/query'] ?? 0;
      record(ids.deals(size, 'boardQueriesPer100'), boardQueries / Math.max(1, Math.ceil(cards / 100)));
      record(ids.deals(size, 'moveTxn'), txn('deal move (within column)'));
      record(ids.deals(size, 'winTxn'), txn('deal win'));
      const ratio = rebuild.record.cost.storageRequests / totals.record.cost.storageRequests;
      const agrees = (rebuild.data as { changed: boolean }).changed === false;
      record(ids.deals(size, 'totalsAgree'), agrees);
      console.log(`${String(size).padStart(7)} totals read vs scan: ${totals.record.cost.storageRequests} vs ${rebuild.record.cost.storageRequests} storage requests (${ratio.toFixed(0)}x), ${totals.record.cost.readUnits} vs ${rebuild.record.cost.readUnits} read units; maintained totals ${agrees ? 'agree' : 'DISAGREE'} with the scan`);
    } finally {
      await sandbox.close();
    }
  }
}
