/**
 * `npm run bench`: prints what Relay's calls cost on the sandbox platform, per invocation, as Forge
 * meters them (storage requests and units, Jira requests, elapsed time), plus sandbox start-up time
 * and the Custom UI bundle sizes. Figures, not assertions: issues quote these numbers.
 */
import path from 'node:path';
import { createSandbox, ManualClock } from '../sandbox';
import { DEMO_USERS } from '../sandbox/demo/seed';
import type { InvocationRecord } from '../sandbox/runtime/invocation';
import { ensureStaticBuilt } from '../sandbox/shell/build-static';
import { bundleReport } from './bundle';
import { spawnSync } from 'node:child_process';
import { benchConcurrency } from './concurrency';
import { benchDeals } from './deals';
import { benchHandoff } from './handoff';
import { benchImports } from './imports';
import { benchLeads } from './leads';
import { benchRenewals } from './renewals';
import { benchCriticalPaths, benchSnapshotUnderQuota } from './strict';

const RUNS = 20;

function row(label: string, records: InvocationRecord[]): string {
  const avg = (pick: (r: InvocationRecord) => number) => (records.reduce((sum, r) => sum + pick(r), 0) / records.length).toFixed(1);
  return [
    label.padEnd(36),
    avg((r) => r.cost.storageRequests).padStart(8),
    avg((r) => r.cost.readUnits).padStart(8),
    avg((r) => r.cost.writeUnits).padStart(8),
    avg((r) => r.cost.jiraRequests).padStart(8),
    avg((r) => r.cost.elapsedMs).padStart(10),
  ].join(' ');
}

async function main(): Promise<void> {
  const started = performance.now();
  const sandbox = await createSandbox({ clock: new ManualClock(), demo: true });
  const startupMs = performance.now() - started;
  try {
    const page = { moduleKey: 'relay-crm', accountId: DEMO_USERS.sam.accountId, projectKey: 'SALES' };
    const first = sandbox.platform.invocations.length;
    for (let i = 0; i < RUNS; i += 1) await sandbox.host.invokeResolver(page, 'system/status', {});
    const calls = sandbox.platform.invocations.slice(first);

    console.log(`sandbox start with demo data: ${startupMs.toFixed(0)} ms`);
    console.log('');
    console.log(['call (mean per invocation)'.padEnd(36), 'storage'.padStart(8), 'read u'.padStart(8), 'write u'.padStart(8), 'jira'.padStart(8), 'ms'.padStart(10)].join(' '));
    console.log(row('system/status, first (install record)', calls.slice(0, 1)));
    console.log(row(`system/status, next ${RUNS - 1}`, calls.slice(1)));
    console.log('');
    // A clean clone has no static/dist yet: build it (as the board section does) so the sizes are this checkout's.
    ensureStaticBuilt(path.resolve(__dirname, '..'));
    console.log('Custom UI bundle (static/dist): initial JavaScript per HTML entry (entry chunk + static imports; lazy chunks apart)');
    for (const line of bundleReport(path.resolve(__dirname, '../static/dist'))) console.log(`  ${line}`);
  } finally {
    await sandbox.close();
  }
  const sizes = (process.env.BENCH_SIZES ?? '100,10000,100000').split(',').map(Number);
  await benchDeals(sizes);
  const concurrency = await benchConcurrency();
  await benchHandoff();
  if (process.env.BENCH_IMPORTS !== '0') await benchImports();
  await benchLeads();
  await benchCriticalPaths();
  await benchRenewals((process.env.BENCH_RENEWALS ?? '100,10000').split(',').map(Number));
  const quotaDeals = Number(process.env.BENCH_QUOTA_DEALS ?? 100_000);
  if (quotaDeals > 0) await benchSnapshotUnderQuota(quotaDeals);
  // The browser bench runs in a fresh process, so its timings do not carry the heap the 100,000-deal
  // storage benches leave behind. (Run in the same process right after them, the shell page never
  // listed its projects; after the small sizes it does. Not yet explained: see the session note.)
  if (process.env.BENCH_UI !== '0') {
    const child = spawnSync(process.execPath, [...process.execArgv, path.resolve(__dirname, 'board.ts')], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`bench/board.ts failed (${child.status ?? child.signal})`);
  }
  // A broken promise of the concurrency section fails the bench (issue 10: 0 INTERNAL, exact totals).
  if (concurrency.internal > 0 || !concurrency.totalsAgree) throw new Error('The concurrency section broke its budget (INTERNAL answers or totals that differ from a recompute)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
