/**
 * The strict platform in figures (issue 14): per screen and per job, the sequential round trips on
 * its critical path and the production time the latency model (sandbox/runtime/latency.ts) gives
 * them; and the daily snapshot job at 100,000 deals finishing under Forge's storage quota.
 *
 * A screen is the resolver calls (and browser requestJira calls) the UI makes to show it, in the
 * order the code in static/src makes them: stages one after another, calls within a stage side by
 * side. An invocation costs `invocationMs` plus its own critical path (its server-side requests).
 */
import { createSandbox, ManualClock, type Sandbox } from '../sandbox';
import { DEMO_USERS } from '../sandbox/demo/seed';
import type { InvocationRecord } from '../sandbox/runtime/invocation';
import { editCrmPermissionKey } from '../sandbox/demo/seed';
import type { Pipeline } from '../src/domain/pipeline';
import { QUERY_SETTLE_MS } from '../src/ports/storage';
import { ids } from './budgets';
import { seedDeals } from './deals';
import { doing, record } from './figures';

type Call = { call: string; payload: Record<string, unknown>; as?: keyof typeof DEMO_USERS; moduleKey?: string; issueKey?: string } | { requestJira: string };
interface Screen {
  name: string;
  stages: Call[][];
}

const page = (projectKey = 'SALES') => ({ projectKey });
// The people a screen names (owners, actors) are resolved once its records are there (people/resolve).
const people = (): Call => ({ call: 'people/resolve', payload: { accountIds: [DEMO_USERS.sam.accountId, DEMO_USERS.alice.accountId] } });
const SCREENS: Screen[] = [
  { name: 'Pipeline board', stages: [[{ call: 'projects/context', payload: page() }], [{ call: 'deals/board', payload: page() }], [people()]] },
  { name: 'Deals table', stages: [[{ call: 'projects/context', payload: page() }], [{ call: 'deals/list', payload: { ...page(), limit: 50 } }], [people()]] },
  { name: 'Companies table', stages: [[{ call: 'projects/context', payload: page() }], [{ call: 'companies/list', payload: { limit: 50 } }], [people()]] },
  { name: 'Insights', stages: [[{ call: 'projects/context', payload: page() }], [{ call: 'metrics/project', payload: page() }], [people()]] },
  { name: 'Pipeline gadget', stages: [[{ call: 'gadgets/pipeline', payload: page() }]] },
  { name: 'CRM settings: hand-off', stages: [[{ call: 'projects/context', payload: page(), as: 'alice' }], [{ call: 'handoff/template', payload: page(), as: 'alice' }, { requestJira: 'GET /rest/api/3/project/search' }, { requestJira: 'GET /rest/api/3/users/search' }]] },
];

function lastInvocation(sandbox: Sandbox, before: number): InvocationRecord {
  const record = sandbox.platform.invocations.slice(before).find((r) => r.kind === 'resolver');
  if (!record) throw new Error('no invocation recorded');
  return record;
}

async function measure(sandbox: Sandbox, item: Call): Promise<{ ms: number; trips: number; label: string }> {
  const { latency } = sandbox.platform;
  if ('requestJira' in item) return { ms: latency.jiraMs, trips: 1, label: `requestJira ${item.requestJira}` };
  const before = sandbox.platform.invocations.length;
  const who = DEMO_USERS[item.as ?? 'sam'].accountId;
  const answer = (await sandbox.host.invokeResolver({ moduleKey: item.moduleKey ?? 'relay-crm', accountId: who, projectKey: 'SALES', ...(item.issueKey ? { issueKey: item.issueKey } : {}) }, item.call, item.payload)) as { ok: boolean; error?: unknown };
  if (!answer.ok) throw new Error(`${item.call}: ${JSON.stringify(answer.error)}`);
  const { critical } = lastInvocation(sandbox, before).cost;
  return { ms: latency.invocationMs + critical.ms, trips: 1 + critical.roundTrips, label: `${item.call} (${critical.kvs} kvs, ${critical.jira} jira)` };
}

function jobLine(name: string, job: InvocationRecord | undefined, invocationMs: number): string {
  if (!job) return `  ${name.padEnd(34)} (did not run)`;
  const c = job.cost.critical;
  record(ids.critical(name), (invocationMs + c.ms) / 1000);
  return `  ${name.padEnd(34)} ${String(1 + c.roundTrips).padStart(5)} ${`${((invocationMs + c.ms) / 1000).toFixed(2)} s`.padStart(10)}   ${c.kvs} kvs, ${c.jira} jira, ${c.queue} queue in sequence`;
}

export async function benchCriticalPaths(): Promise<void> {
  const sandbox = await createSandbox({ clock: new ManualClock(), demo: true });
  try {
    const { latency } = sandbox.platform;
    console.log('');
    console.log(`Critical paths on the demo site (latency model: kvs ${latency.kvsMs} ms, jira ${latency.jiraMs} ms, queue ${latency.queueMs} ms, invocation ${latency.invocationMs} ms; assumptions, sandbox/README.md)`);
    console.log(`  ${'screen'.padEnd(34)} ${'trips'.padStart(5)} ${'estimate'.padStart(10)}   critical path`);
    for (const screen of SCREENS) {
      let ms = 0;
      let trips = 0;
      const path: string[] = [];
      doing(`measuring the screen "${screen.name}"`);
      for (const stage of screen.stages) {
        const measured = [];
        for (const item of stage) measured.push(await measure(sandbox, item));
        const slowest = measured.reduce((a, b) => (b.ms > a.ms ? b : a));
        ms += slowest.ms;
        trips += slowest.trips;
        path.push(slowest.label);
      }
      record(ids.critical(screen.name), ms / 1000);
      console.log(`  ${screen.name.padEnd(34)} ${String(trips).padStart(5)} ${`${(ms / 1000).toFixed(2)} s`.padStart(10)}   ${path.join(' → ')}`);
    }
    const epic = sandbox.jira.listIssues('DEL').find((i) => i.issueType === 'Epic');
    if (epic) {
      const panel = await measure(sandbox, { call: 'handoff/for-issue', payload: { issueKey: epic.key }, as: 'dana', moduleKey: 'relay-deal-panel', issueKey: epic.key });
      record(ids.critical('Deal panel on an issue (UI Kit)'), panel.ms / 1000);
      console.log(`  ${'Deal panel on an issue (UI Kit)'.padEnd(34)} ${String(panel.trips).padStart(5)} ${`${(panel.ms / 1000).toFixed(2)} s`.padStart(10)}   ${panel.label}`);
    }

    console.log(`  ${'job'.padEnd(34)} ${'trips'.padStart(5)} ${'estimate'.padStart(10)}`);
    const alice = DEMO_USERS.alice.accountId;
    // The demo deals were written a moment ago (the app's clock is the wall clock here): the snapshot
    // job waits for them to be searchable before it reads, so the bench waits as long first.
    doing('waiting for the demo snapshot + metrics job, the hand-off job, the SLA scan and an issue event');
    await new Promise((resolve) => setTimeout(resolve, QUERY_SETTLE_MS));
    let before = sandbox.platform.invocations.length;
    await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: alice, projectKey: 'SALES' }, 'metrics/refresh', page());
    await sandbox.host.settle();
    console.log(jobLine('snapshot + metrics job (demo size)', sandbox.platform.invocations.slice(before).filter((r) => r.kind === 'consumer').at(-1), latency.invocationMs));
    // The hand-off job: a ready deal of the demo (stage 4, every criterion filled) is won, and the
    // queued job creates its delivery epic and checklist in DEL.
    const sam = DEMO_USERS.sam.accountId;
    const board = (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: sam, projectKey: 'SALES' }, 'deals/board', page())) as { data: { columns: Array<{ deals: Array<{ id: string; version: number }> }> } };
    const ready = board.data.columns[3]?.deals[0];
    if (ready) {
      before = sandbox.platform.invocations.length;
      const won = (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: sam, projectKey: 'SALES' }, 'deals/win', { dealId: ready.id, version: ready.version })) as { ok: boolean; error?: unknown };
      if (!won.ok) throw new Error(`deals/win: ${JSON.stringify(won.error)}`);
      await sandbox.host.settle();
      // A win queues more than the hand-off (a new customer's health, the account): the hand-off job is the one that creates the epic.
      const handoff = sandbox.platform.invocations.slice(before).find((r) => r.kind === 'consumer' && (r.cost.jiraByRoute['POST /rest/api/3/issue'] ?? 0) > 0);
      if (!handoff) throw new Error('the win queued no hand-off job that created the delivery epic');
      console.log(jobLine('hand-off job (won deal → epic)', handoff, latency.invocationMs));
    }
    before = sandbox.platform.invocations.length;
    await sandbox.host.runScheduled('relay-hourly-sla-scan').catch(() => undefined);
    console.log(jobLine('hourly hand-off SLA scan', sandbox.platform.invocations.slice(before).find((r) => r.kind === 'scheduled'), latency.invocationMs));
    const deal = sandbox.jira.listIssues('DEL')[0];
    if (deal) {
      before = sandbox.platform.invocations.length;
      sandbox.jira.transitionIssue(DEMO_USERS.dana.accountId, deal.key, 'In Progress');
      await sandbox.host.settle();
      console.log(jobLine('issue event → hand-off state', sandbox.platform.invocations.slice(before).find((r) => r.kind === 'trigger'), latency.invocationMs));
    }
  } finally {
    await sandbox.close();
  }
}

/**
 * The daily snapshot job at `size` deals with Forge's quotas metered, on the wall clock: reading
 * every deal spends about 14 read units per 100 deals, so at 100,000 deals it must wait out the
 * 4,000 read units a minute and still finish within its 900 seconds.
 */
export async function benchSnapshotUnderQuota(size: number): Promise<void> {
  const sandbox = await createSandbox({});
  try {
    const SAM = DEMO_USERS.sam.accountId;
    const ALICE = DEMO_USERS.alice.accountId;
    sandbox.jira.addUser({ accountId: SAM, displayName: 'Sam Seller' });
    sandbox.jira.addUser({ accountId: ALICE, displayName: 'Alice Admin' });
    sandbox.jira.addProject({ key: 'SALES', name: 'Sales', leadAccountId: ALICE });
    sandbox.jira.grant(ALICE, 'SALES', ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS', editCrmPermissionKey(sandbox)]);
    const enabled = (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: ALICE, projectKey: 'SALES' }, 'pipelines/enable', page())) as { data: { projectId: string; stages: Pipeline['stages'] } };
    doing(`seeding ${size} deals`);
    await seedDeals(sandbox, enabled.data.projectId, { stages: enabled.data.stages }, size, Date.now() - 86_400_000);
    doing(`waiting for the snapshot job over ${size} deals under the quotas (metrics/refresh, then the queue settling)`);
    sandbox.kvs.settleQueries();
    const before = sandbox.platform.invocations.length;
    const started = performance.now();
    await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: ALICE, projectKey: 'SALES' }, 'metrics/refresh', page());
    // Meanwhile the Insights page shows its "refreshing" state: the stored metrics answer as they were.
    await sandbox.host.settle();
    const minutes = (performance.now() - started) / 60_000;
    const job = sandbox.platform.invocations.slice(before).filter((r) => r.kind === 'consumer').at(-1);
    const refusals = sandbox.platform.meters?.refusals ?? {};
    console.log('');
    console.log(`Snapshot job at ${size.toLocaleString('en')} deals under Forge's quotas (wall clock, 4,000 read units/min):`);
    if (!job) {
      console.log('  the job did not run');
      return;
    }
    record(ids.snapshot('ok'), job.outcome === 'ok');
    record(ids.snapshot('elapsedMs'), job.cost.elapsedMs);
    record(ids.snapshot('estimateS'), (sandbox.platform.latency.invocationMs + job.cost.critical.ms) / 1000);
    console.log(`  outcome ${job.outcome}${job.error ? ` (${job.error})` : ''}; ${minutes.toFixed(1)} min on this machine; ${job.cost.storageRequests} storage requests, ${job.cost.readUnits} read units, ${job.cost.writeUnits} write units`);
    console.log(`  refused by the quota and retried after a wait: ${job.cost.rateLimited} requests (${Object.entries(refusals).map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'})`);
    console.log(`  estimated production time: ${((sandbox.platform.latency.invocationMs + job.cost.critical.ms) / 1000).toFixed(1)} s of round trips (${job.cost.critical.roundTrips} in sequence), plus the quota's waits above; limit 900 s`);
  } finally {
    await sandbox.close();
  }
}
