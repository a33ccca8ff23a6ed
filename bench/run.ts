/**
 * `npm run bench`: prints what Relay's calls cost on the sandbox platform, per invocation, as Forge
 * meters them (storage requests and units, Jira requests, elapsed time), plus sandbox start-up time,
 * the Custom UI bundle sizes, the board in Chromium and the jobs' costs; then ONE table with every
 * promised figure beside its budget (bench/budgets.ts, judged by bench/verdict.ts).
 *
 * Every step has a time limit and a failure that names it; a failed step does not stop the others.
 * The exit status is 1 when a budget is broken, a promised figure is missing or a step failed or
 * timed out, after the whole table is printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSandbox, ManualClock } from '../sandbox';
import { DEMO_USERS } from '../sandbox/demo/seed';
import type { InvocationRecord } from '../sandbox/runtime/invocation';
import { ensureStaticBuilt } from '../sandbox/shell/build-static';
import { planFromEnv, promisedFigures } from './budgets';
import { bundleReport } from './bundle';
import { benchConcurrency } from './concurrency';
import { benchDeals } from './deals';
import { currentActivity, doing, formatMs, readFigures, recorded, withTimeout } from './figures';
import { benchHandoff } from './handoff';
import { benchImports } from './imports';
import { benchLeads } from './leads';
import { benchRenewals } from './renewals';
import { benchCriticalPaths, benchSnapshotUnderQuota } from './strict';
import { judge, renderVerdict, type StepFailure } from './verdict';

const RUNS = 20;
const MINUTE = 60_000;
/** Multiplies every step's time limit (a slower machine: BENCH_TIMEOUT_SCALE=2). */
const SCALE = Number(process.env.BENCH_TIMEOUT_SCALE ?? 1) || 1;

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

const failures: StepFailure[] = [];

/** One section of the bench under its time limit; a failure or a timeout is noted and the bench goes on. */
async function step(name: string, limitMs: number, work: () => Promise<unknown>): Promise<void> {
  const limit = limitMs * SCALE;
  const started = performance.now();
  doing('');
  try {
    await withTimeout(work(), limit, 'the step to finish');
  } catch (error) {
    const last = currentActivity();
    const message = `${error instanceof Error ? error.message : String(error)}${last ? ` (it was ${last})` : ''}`;
    failures.push({ step: name, message });
    console.error(`\nSTEP FAILED after ${formatMs(Math.round(performance.now() - started))}: ${name}: ${message}`);
  }
}

async function statusAndBundle(): Promise<void> {
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
}

/**
 * The browser bench runs in a fresh process, so its timings do not carry the heap the 100,000-deal
 * storage benches leave behind. (Run in the same process right after them, the shell page never
 * listed its projects; after the small sizes it does. Not yet explained: see the session note.)
 * Its figures come back through a file; past its limit the process is stopped (Playwright closes Chromium).
 */
function boardInChild(limitMs: number): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relay-bench-'));
  const out = path.join(dir, 'figures.json');
  try {
    const child = spawnSync(process.execPath, [...process.execArgv, path.resolve(__dirname, 'board.ts')], { stdio: 'inherit', timeout: limitMs * SCALE, killSignal: 'SIGTERM', env: { ...process.env, BENCH_FIGURES_OUT: out } });
    try {
      readFigures(out);
    } catch {
      // No figures file: the process was stopped or died before it wrote one; the table names what is missing.
    }
    if (child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new Error(`bench/board.ts did not finish within ${formatMs(limitMs * SCALE)} and was stopped`);
    if (child.status !== 0) throw new Error(`bench/board.ts failed (exit ${child.status ?? child.signal}; its error is printed above)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const plan = planFromEnv();
  const benchStarted = performance.now();
  await step('system/status and the Custom UI bundle', 10 * MINUTE, statusAndBundle);
  // One step per size, so a size that breaks or times out leaves the others' figures.
  const dealLimits: Record<number, number> = { 100: 3 * MINUTE, 10000: 6 * MINUTE };
  for (const size of plan.dealSizes) await step(`CRM core at ${size.toLocaleString('en')} deals`, dealLimits[size] ?? 15 * MINUTE, () => benchDeals([size]));
  await step('concurrency (50 writers)', 5 * MINUTE, benchConcurrency);
  await step('hand-off on won', 5 * MINUTE, benchHandoff);
  if (plan.imports) await step('CSV import and export', 20 * MINUTE, benchImports);
  await step('inbound leads', 5 * MINUTE, benchLeads);
  await step('critical paths on the demo site', 5 * MINUTE, benchCriticalPaths);
  for (const size of plan.renewalSizes) await step(`renewal scan at ${size.toLocaleString('en')} contracts`, size <= 1000 ? 5 * MINUTE : 20 * MINUTE, () => benchRenewals([size]));
  if (plan.quotaDeals > 0) await step(`snapshot job at ${plan.quotaDeals.toLocaleString('en')} deals under the quotas`, 20 * MINUTE, () => benchSnapshotUnderQuota(plan.quotaDeals));
  if (plan.ui) await step('pipeline board in Chromium (bench/board.ts, own process)', 10 * MINUTE, async () => boardInChild(10 * MINUTE));

  const verdict = judge(promisedFigures(plan), recorded(), failures);
  console.log('');
  console.log(`Budgets (bench/budgets.ts): every promised figure of this run, ${formatMs(Math.round(performance.now() - benchStarted))} in all`);
  for (const line of renderVerdict(verdict)) console.log(line);
  return verdict.status;
}

main()
  .then((status) => process.exit(status))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
