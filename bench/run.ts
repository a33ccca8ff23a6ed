/**
 * `npm run bench`: prints what Relay's calls cost on the sandbox platform, per invocation, as Forge
 * meters them (storage requests and units, Jira requests, elapsed time), plus sandbox start-up time
 * and the Custom UI bundle sizes. Figures, not assertions: issues quote these numbers.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createSandbox, ManualClock } from '../sandbox';
import { DEMO_USERS } from '../sandbox/demo/seed';
import type { InvocationRecord } from '../sandbox/runtime/invocation';
import { benchDeals } from './deals';

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

function bundleSizes(): string[] {
  const dist = path.resolve(__dirname, '../static/dist');
  if (!existsSync(dist)) return ['static/dist is missing: run `npm run build` first'];
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(js|css|html)$/.test(name)) {
        const bytes = statSync(file).size;
        const gz = gzipSync(readFileSync(file)).length;
        lines.push(`${path.relative(dist, file).padEnd(48)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB ${(gz / 1024).toFixed(1).padStart(8)} KiB gzip`);
      }
    }
  };
  walk(dist);
  return lines.sort();
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
    console.log('Custom UI bundle (static/dist)');
    for (const line of bundleSizes()) console.log(`  ${line}`);
  } finally {
    await sandbox.close();
  }
  const sizes = (process.env.BENCH_SIZES ?? '100,10000,100000').split(',').map(Number);
  await benchDeals(sizes);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
