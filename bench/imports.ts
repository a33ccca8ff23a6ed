/**
 * Issue 17's figures: an import of 2,000 companies, 10,000 contacts and 5,000 deals through the real
 * resolvers and the queued job on the sandbox platform (total time, peak write units per minute
 * against the KVS's 4,000, the longest run against the consumer's 900 s), and the CSV export of
 * 100,000 deals slice by slice (time per call and in all, the largest slice against the 5 MB invoke
 * answer, and the heap the process grows by while it runs). Both run on the metered platform with
 * a manual clock: a run's storage requests all fall in one second, so a run ends on the 1,000
 * requests a second quota well before the write units would stop it, and pauses a minute (the
 * strictest reading; on Forge the requests' own latency spreads them out).
 */
import type { Sandbox } from '../sandbox';
import type { InvocationRecord } from '../sandbox/runtime/invocation';
import { PART_MAX_BYTES } from '../src/contracts/import';
import { readPreview } from '../src/domain/csv-reader';
import { suggestMapping, type ImportKind } from '../src/domain/import-fields';
import { splitParts } from '../src/domain/import-job';
import type { Pipeline } from '../src/domain/pipeline';
import { ids } from './budgets';
import { ALICE, SAM, seedDeals, setUp } from './deals';
import { doing, pollUntil, record } from './figures';

const KVS_WRITE_UNITS_PER_MINUTE = 4000;
const CONSUMER_LIMIT_MS = 900_000;

/** Calls refused with RATE_LIMITED (the site's storage quota spent) in this section, each waited out as the UI does. */
let refusals = 0;
const advance = (sandbox: Sandbox, ms: number) => (sandbox.clock as unknown as { advance(ms: number): void }).advance(ms);

/**
 * One resolver call as the UI makes it on the metered platform: a RATE_LIMITED answer is waited out
 * (the platform clock moves on as the Export button's back-off does: 5 s, 10 s, …) and asked again.
 */
async function call(sandbox: Sandbox, key: string, payload: unknown, accountId = SAM): Promise<{ data: unknown; record: InvocationRecord }> {
  for (let busy = 1; ; busy += 1) {
    const answer = (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId, projectKey: 'SALES' }, key, payload)) as { ok: boolean; data?: unknown; error?: { code?: string } };
    if (answer.ok) return { data: answer.data, record: sandbox.platform.invocations.at(-1)! };
    if (answer.error?.code !== 'RATE_LIMITED' || busy > 10) throw new Error(`${key} failed: ${JSON.stringify(answer.error)}`);
    refusals += 1;
    advance(sandbox, 5000 * busy);
  }
}

function companies(n: number): string {
  const lines = ['Record ID,Name,Company Domain Name,Industry'];
  for (let i = 1; i <= n; i += 1) lines.push(`C${i},"Company ${i}, Inc.",company${i}.example,Software`);
  return `${lines.join('\n')}\n`;
}

function contacts(n: number, companyCount: number): string {
  const lines = ['Record ID,First Name,Last Name,Email,Company Domain Name,Job Title'];
  for (let i = 1; i <= n; i += 1) lines.push(`P${i},Person,Number ${i},person${i}@company${(i % companyCount) + 1}.example,company${(i % companyCount) + 1}.example,Engineer`);
  return `${lines.join('\n')}\n`;
}

function deals(n: number, companyCount: number, contactCount: number): string {
  const lines = ['Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Expected close date,Organization - ID,Person - Email'];
  for (let i = 1; i <= n; i += 1) lines.push(`D${i},Deal ${i},${1000 + (i % 90) * 100},EUR,2027-${String((i % 12) + 1).padStart(2, '0')}-15,C${(i % companyCount) + 1},person${(i % contactCount) + 1}@company${((i % contactCount) + 1) % companyCount + 1}.example`);
  return `${lines.join('\n')}\n`;
}

async function importFile(sandbox: Sandbox, kind: ImportKind, text: string): Promise<{ status: string; counts: Record<string, number>; runs: InvocationRecord[]; platformMs: number; realMs: number }> {
  const started = performance.now();
  const platformStart = sandbox.clock.now();
  const first = sandbox.platform.invocations.length;
  doing(`importing ${kind}`);
  const parts = splitParts(text, PART_MAX_BYTES);
  const job = (await call(sandbox, 'imports/create', { kind, projectKey: 'SALES', fileName: `${kind}.csv`, size: text.length, parts: parts.length })).data as { id: string };
  for (const [index, part] of parts.entries()) await call(sandbox, 'imports/upload-part', { jobId: job.id, index, text: part });
  const { header } = readPreview(text.slice(0, 64 * 1024), 0, false);
  await call(sandbox, 'imports/start', { jobId: job.id, mapping: suggestMapping(kind, header), mode: 'create', matchBy: 'externalId' });
  // The job runs a chunk a minute: a platform day is far more than any file here needs.
  const state = await pollUntil(
    `the ${kind} import job to end (imports/get status done, failed or cancelled)`,
    24 * 60,
    async () => {
      await sandbox.host.settle();
      const value = (await call(sandbox, 'imports/get', { jobId: job.id })).data as { status: string; counts: Record<string, number> };
      return { done: value.status === 'done' || value.status === 'failed' || value.status === 'cancelled', value, seen: `${value.status} ${JSON.stringify(value.counts)}` };
    },
    () => advance(sandbox, 61_000),
  );
  const runs = sandbox.platform.invocations.slice(first).filter((r) => r.kind === 'consumer');
  return { status: state.status, counts: state.counts, runs, platformMs: sandbox.clock.now() - platformStart, realMs: performance.now() - started };
}

/** Write units per platform minute, as the KVS meters its quota. */
function peakPerMinute(runs: InvocationRecord[]): number {
  const perMinute = new Map<number, number>();
  for (const run of runs) perMinute.set(Math.floor(run.startedAt / 60_000), (perMinute.get(Math.floor(run.startedAt / 60_000)) ?? 0) + run.cost.writeUnits);
  return Math.max(0, ...perMinute.values());
}

export async function benchImports(): Promise<void> {
  console.log('');
  const scale = Number(process.env.BENCH_IMPORT_SCALE ?? 1);
  const [companyRows, contactRows, dealRows] = [2000, 10_000, 5000].map((n) => Math.max(1, Math.round(n * scale))) as [number, number, number];
  console.log(`CSV import (issue 17): ${companyRows} companies, ${contactRows} contacts, ${dealRows} deals through the queued import job, on the metered platform (quotas enforced)`);
  refusals = 0;
  const sandbox = await setUp(true);
  try {
    await call(sandbox, 'pipelines/enable', { projectKey: 'SALES' }, ALICE);
    const files: Array<[ImportKind, string]> = [
      ['companies', companies(companyRows)],
      ['contacts', contacts(contactRows, companyRows)],
      ['deals', deals(dealRows, companyRows, contactRows)],
    ];
    console.log(['  file', 'rows', 'imported', 'rejected', 'runs', 'peak write u/min', 'longest run ms', 'platform min', 'real s'].map((h) => h.padStart(10)).join(' '));
    let totalPlatform = 0;
    let totalReal = 0;
    let peak = 0;
    let longest = 0;
    let modelled = 0;
    let allAddUp = true;
    for (const [kind, text] of files) {
      const result = await importFile(sandbox, kind, text);
      const runPeak = peakPerMinute(result.runs);
      const runLongest = Math.max(...result.runs.map((r) => r.cost.elapsedMs));
      peak = Math.max(peak, runPeak);
      longest = Math.max(longest, runLongest);
      modelled = Math.max(modelled, ...result.runs.map((r) => r.cost.critical.ms));
      totalPlatform += result.platformMs;
      totalReal += result.realMs;
      const sum = result.counts.imported! + result.counts.updated! + result.counts.rejected!;
      if (sum !== result.counts.rows || result.status !== 'done') allAddUp = false;
      console.log(
        [kind, result.counts.rows, result.counts.imported, result.counts.rejected, result.runs.length, runPeak, runLongest, (result.platformMs / 60_000).toFixed(1), (result.realMs / 1000).toFixed(1)]
          .map((v) => String(v).padStart(10))
          .join(' ') + (sum === result.counts.rows ? '' : '  COUNTS DO NOT ADD UP') + (result.status === 'done' ? '' : `  JOB ${result.status.toUpperCase()}`),
      );
    }
    record(ids.imports('totalMin'), totalPlatform / 60_000);
    record(ids.imports('peakWrites'), peak);
    record(ids.imports('longestMs'), longest);
    record(ids.imports('countsAddUp'), allAddUp);
    console.log(`  total: ${(totalPlatform / 60_000).toFixed(1)} min on the platform clock (paced to the storage quotas), ${(totalReal / 1000).toFixed(1)} s of compute here; peak ${peak} write units/min (KVS limit ${KVS_WRITE_UNITS_PER_MINUTE}); longest run ${longest} ms here, ${(modelled / 1000).toFixed(1)} s with the modelled storage latency (consumer limit ${CONSUMER_LIMIT_MS} ms); ${refusals} calls refused as RATE_LIMITED and asked again`);
  } finally {
    await sandbox.close();
  }

  console.log('');
  const exportDeals = Number(process.env.BENCH_EXPORT_DEALS ?? 100_000);
  console.log(`CSV export of ${exportDeals} deals (exports/table, slice by slice as the Export button reads it, waiting out RATE_LIMITED as it does), on the metered platform`);
  refusals = 0;
  const big = await setUp(true);
  try {
    const enabled = (await call(big, 'pipelines/enable', { projectKey: 'SALES' }, ALICE)).data as { projectId: string; stages: Pipeline['stages'] };
    // All open: the Deals table's default view (open deals), so one export holds all 100,000.
    doing(`seeding ${exportDeals} deals to export`);
    await seedDeals(big, enabled.projectId, { stages: enabled.stages }, exportDeals, undefined, 'all-open');
    doing(`exporting ${exportDeals} deals slice by slice`);
    const platformStart = big.clock.now();
    global.gc?.();
    const heapStart = process.memoryUsage().heapUsed;
    let heapPeak = 0;
    let cursor: string | null = null;
    let rows = 0;
    let slices = 0;
    let largest = 0;
    let slowest = 0;
    let bytes = 0;
    const started = performance.now();
    do {
      const slice: { data: unknown; record: InvocationRecord } = await call(big, 'exports/table', { table: 'deals', projectKey: 'SALES', ...(cursor ? { cursor } : {}) });
      const data = slice.data as { csv: string; rows: number; nextCursor: string | null };
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapStart);
      rows += data.rows;
      slices += 1;
      const size = Buffer.byteLength(data.csv, 'utf8');
      bytes += size;
      largest = Math.max(largest, size);
      slowest = Math.max(slowest, slice.record.cost.elapsedMs);
      cursor = data.nextCursor;
    } while (cursor);
    const total = performance.now() - started;
    record(ids.imports('exportS'), total / 1000);
    record(ids.imports('exportSlowestMs'), slowest);
    record(ids.imports('exportLargestKb'), largest / 1024);
    record(ids.imports('exportHeapMb'), heapPeak / 1024 / 1024);
    console.log(`  ${rows} deals in ${slices} calls (${refusals} more refused as RATE_LIMITED and asked again), ${(bytes / 1024 / 1024).toFixed(1)} MB of CSV, ${(total / 1000).toFixed(1)} s of compute here, ${((big.clock.now() - platformStart) / 60_000).toFixed(1)} min on the platform clock; slowest call ${slowest} ms (resolver limit 25,000 ms); largest answer ${(largest / 1024).toFixed(0)} KB (invoke answer limit 5,120 KB); heap growth while exporting at most ${(heapPeak / 1024 / 1024).toFixed(0)} MB (function memory 512 MB; the browser keeps the slices as Blob parts)`);
  } finally {
    await big.close();
  }
}

if (require.main === module) {
  benchImports().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
