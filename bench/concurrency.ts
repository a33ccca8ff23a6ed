/**
 * The concurrency section of `npm run bench` (issue 10): many people writing at once in one
 * project. 50 writers create 50 deals at the same moment, then move them all at once; then 10
 * writers edit one deal at the same version. Printed per wave: how many succeeded, how many got
 * CONFLICT (only same-deal writes may), how many INTERNAL (must be 0), the transactions Forge ran
 * (refused ones included: the invisible retries), and whether the maintained totals still equal a
 * recompute from every stored deal.
 */
import type { Sandbox } from '../sandbox';
import { allProjectDeals } from '../src/adapters/kvs/deal-store';
import type { Deal } from '../src/domain/deal';
import type { Pipeline } from '../src/domain/pipeline';
import { computeTotals, sameTotals, type PipelineTotals } from '../src/domain/totals';
import { ids } from './budgets';
import { ALICE, SAM, setUp } from './deals';
import { doing, record } from './figures';

type Answer = { ok: boolean; data?: unknown; error?: { code: string } };

const WRITERS = Number(process.env.BENCH_WRITERS ?? 50);

async function wave(sandbox: Sandbox, label: string, calls: Array<() => Promise<Answer>>): Promise<Answer[]> {
  doing(`waiting for the wave "${label}" to be answered`);
  const first = sandbox.platform.invocations.length;
  const started = performance.now();
  const answers = await Promise.all(calls.map((call) => call()));
  const ms = performance.now() - started;
  const records = sandbox.platform.invocations.slice(first);
  const count = (code: string) => answers.filter((a) => (a.ok ? 'OK' : a.error?.code) === code).length;
  const transactions = records.reduce((n, r) => n + (r.cost.storageByOperation['/api/v1/transaction'] ?? 0), 0);
  const other = answers.length - count('OK') - count('CONFLICT') - count('INTERNAL');
  console.log(
    [
      label.padEnd(34),
      String(answers.length).padStart(7),
      String(count('OK')).padStart(5),
      String(count('CONFLICT')).padStart(9),
      String(count('INTERNAL')).padStart(9),
      String(other).padStart(6),
      String(transactions).padStart(6),
      ms.toFixed(0).padStart(8),
    ].join(' '),
  );
  return answers;
}

export async function benchConcurrency(): Promise<{ internal: number; totalsAgree: boolean }> {
  const sandbox = await setUp();
  try {
    const page = { moduleKey: 'relay-crm', projectKey: 'SALES' };
    const call = (accountId: string, key: string, payload: unknown) => sandbox.host.invokeResolver({ ...page, accountId }, key, payload) as Promise<Answer>;
    const enabled = (await call(ALICE, 'pipelines/enable', { projectKey: 'SALES' })).data as { projectId: string; stages: Pipeline['stages'] };
    const [first, second] = enabled.stages;

    console.log('');
    console.log(`Concurrency, one project: ${WRITERS} writers at once on distinct deals, then 10 on one deal (server time for the whole wave)`);
    console.log(['wave'.padEnd(34), 'writers', '   OK', ' CONFLICT', ' INTERNAL', ' other', '   txn', '      ms'].join(' '));
    const creates = await wave(
      sandbox,
      `create ${WRITERS} deals`,
      Array.from({ length: WRITERS }, (_, i) => () => call(SAM, 'deals/create', { projectKey: 'SALES', name: `Deal ${i}`, stageId: second!.id, amountMinor: 10_000 + i, currency: i % 3 ? 'EUR' : 'USD' })),
    );
    const deals = creates.filter((a) => a.ok).map((a) => a.data as { id: string; version: number });
    // Back to the first stage (never held by exit criteria), so every move is a valid one.
    const moves = await wave(
      sandbox,
      `move ${deals.length} deals (drag, back)`,
      deals.map((d) => () => call(SAM, 'deals/move', { dealId: d.id, version: d.version, toStageId: first!.id, afterDealId: null, beforeDealId: null })),
    );
    const one = deals[0]!;
    const moved = moves[0]!.ok ? (moves[0]!.data as { version: number }) : one;
    const same = await wave(
      sandbox,
      'edit 1 deal, 10 writers, 1 version',
      Array.from({ length: 10 }, (_, i) => () => call(SAM, 'deals/update', { dealId: one.id, version: moved.version, changes: { nextStep: `Step ${i}` } })),
    );

    const totals = (await call(SAM, 'totals/get', { projectKey: 'SALES' })).data as { totals: PipelineTotals };
    // The recompute reads deals with a storage query, which trails writes: it runs once they have settled.
    sandbox.kvs.settleQueries();
    const { result: stored } = await sandbox.platform.runInvocation({ functionKey: 'bench-scan', moduleKey: 'bench', kind: 'script', timeoutMs: 60_000 }, async () => {
      const all: Deal[] = [];
      for await (const batch of allProjectDeals(enabled.projectId)) all.push(...batch);
      return all;
    });
    const totalsAgree = sameTotals(totals.totals, computeTotals(stored, { stages: enabled.stages }));
    const internal = [...creates, ...moves, ...same].filter((a) => !a.ok && a.error?.code === 'INTERNAL').length;
    const conflictsDistinct = [...creates, ...moves].filter((a) => !a.ok && a.error?.code === 'CONFLICT').length;
    record(ids.concurrency('internal'), internal);
    record(ids.concurrency('conflictsDistinct'), conflictsDistinct);
    record(ids.concurrency('totalsAgree'), totalsAgree);
    console.log(`concurrency: INTERNAL ${internal} (must be 0); maintained totals ${totalsAgree ? 'equal' : 'DIFFER FROM'} a recompute of ${stored.length} stored deals`);
    return { internal, totalsAgree };
  } finally {
    await sandbox.close();
  }
}
