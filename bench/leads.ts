/**
 * The inbound-lead web trigger's throughput and cost (issue 16): leads accepted per minute over real
 * HTTP on the sandbox (one sender at a time, and 20 at once racing for the round robin), and the
 * storage requests each lead costs as Forge meters them (new contact with a new company; a known
 * e-mail, which only adds a touch). The speed sections run with the quotas off, so they measure the
 * code; Forge's storage quota is what bounds a real installation, so the bench then prints the ceiling
 * it implies and sends a burst with the quotas metered (beyond them a lead is answered 503 BUSY and
 * nothing is stored). Figures, not assertions.
 */
import { createHmac } from 'node:crypto';
import { createSandbox } from '../sandbox';
import { DEMO_USERS } from '../sandbox/demo/seed';
import { startShellServer } from '../sandbox/shell/server';
import type { InvocationRecord } from '../sandbox/runtime/invocation';
import { FORGE_LIMITS } from '../sandbox/runtime/meters';
import { ids } from './budgets';
import { doing, record } from './figures';

const ALICE = DEMO_USERS.alice.accountId;
const SAM = DEMO_USERS.sam.accountId;
/** One lead's HTTP answer; a web trigger stuck longer fails the bench step instead of hanging it. */
const LEAD_TIMEOUT_MS = 60_000;

function mean(records: InvocationRecord[], pick: (r: InvocationRecord) => number): string {
  return records.length === 0 ? '–' : (records.reduce((sum, r) => sum + pick(r), 0) / records.length).toFixed(1);
}

export async function benchLeads(count = 200, burst = 20, meteredCount = 400): Promise<void> {
  // 650 leads in a few seconds spend far more than a minute's storage write units: quotas off until the metered section.
  const sandbox = await createSandbox({ demo: true, limits: false });
  const shell = await startShellServer({ sandbox, port: 0 });
  try {
    const admin = async (key: string, payload: Record<string, unknown>) => {
      const answer = (await sandbox.host.invokeResolver({ moduleKey: 'relay-admin', accountId: ALICE }, key, payload)) as { ok: boolean; data: Record<string, unknown>; error?: unknown };
      if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
      return answer.data;
    };
    const rotated = (await admin('leads/rotate-secret', { version: 0 })) as { secret: string; state: { url: string } };
    await admin('leads/save-settings', { version: 0, routing: { mode: 'round-robin', owners: [SAM, ALICE], rules: [], fallbackOwnerId: SAM } });
    const send = async (lead: Record<string, unknown>) => {
      const body = JSON.stringify(lead);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', rotated.secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
      try {
        const response = await fetch(rotated.state.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-relay-timestamp': timestamp, 'x-relay-signature': `v1=${signature}` }, body, signal: AbortSignal.timeout(LEAD_TIMEOUT_MS) });
        await response.text();
        return response.status;
      } catch (error) {
        throw new Error(`the web trigger did not answer a lead within ${LEAD_TIMEOUT_MS / 1000} s (${error instanceof Error ? error.message : String(error)})`);
      }
    };
    const lead = (i: number, run: string) => ({ email: `lead${i}@company${i}-${run}.example`, name: `Lead ${i}`, title: 'VP Marketing', source: 'webinar', form_type: 'demo-request', segment: 'mid-market', region: 'EMEA', utm_source: 'linkedin' });
    const triggers = (from: number) => sandbox.platform.invocations.slice(from).filter((r) => r.kind === 'webtrigger');

    doing(`sending ${count} leads one at a time`);
    let from = sandbox.platform.invocations.length;
    let started = performance.now();
    for (let i = 0; i < count; i += 1) if ((await send(lead(i, 'seq'))) !== 201) throw new Error(`lead ${i} was not created`);
    const sequentialMs = performance.now() - started;
    const created = triggers(from);

    from = sandbox.platform.invocations.length;
    for (let i = 0; i < Math.min(count, 50); i += 1) if ((await send({ ...lead(i, 'seq'), source: 'event' })) !== 200) throw new Error(`lead ${i} was not updated`);
    const updated = triggers(from);

    doing(`sending ${count} leads ${burst} at once`);
    from = sandbox.platform.invocations.length;
    started = performance.now();
    for (let b = 0; b < count / burst; b += 1) {
      const statuses = await Promise.all(Array.from({ length: burst }, (_, i) => send(lead(b * burst + i, 'burst'))));
      if (statuses.some((s) => s !== 201)) throw new Error(`a burst lead was refused: ${statuses.join(',')}`);
    }
    const burstMs = performance.now() - started;
    const raced = triggers(from);

    // Storage that answers in 5 ms, as a real service does: the 20 requests now overlap and race for the round robin.
    const slow = sandbox.platform.faults.add({ target: 'kvs', delayMs: 5 });
    from = sandbox.platform.invocations.length;
    started = performance.now();
    for (let b = 0; b < count / burst; b += 1) {
      const statuses = await Promise.all(Array.from({ length: burst }, (_, i) => send(lead(b * burst + i, 'slow'))));
      if (statuses.some((s) => s !== 201)) throw new Error(`a burst lead was refused: ${statuses.join(',')}`);
    }
    const slowMs = performance.now() - started;
    slow.remove();
    const slowRaced = triggers(from);

    const perMinute = (n: number, ms: number) => Math.round((n / ms) * 60_000);
    console.log('');
    console.log(`Inbound leads over HTTP (sandbox web trigger, round robin over 2 owners):`);
    console.log(`  one sender:        ${count} new leads in ${(sequentialMs / 1000).toFixed(1)} s = ${perMinute(count, sequentialMs)} leads/minute`);
    console.log(`  ${burst} at once:        ${count} new leads in ${(burstMs / 1000).toFixed(1)} s = ${perMinute(count, burstMs)} leads/minute`);
    console.log(`  ${burst} at once, 5 ms storage: ${count} new leads in ${(slowMs / 1000).toFixed(1)} s = ${perMinute(count, slowMs)} leads/minute`);
    record(ids.leads('perMinuteOne'), perMinute(count, sequentialMs));
    record(ids.leads('perMinuteBurst'), perMinute(count, burstMs));
    record(ids.leads('storagePerNewLead'), created.reduce((sum, r) => sum + r.cost.storageRequests, 0) / Math.max(1, created.length));
    console.log(['  per lead (mean)'.padEnd(34), 'storage'.padStart(8), 'txn'.padStart(6), 'read u'.padStart(8), 'write u'.padStart(8), 'ms'.padStart(8)].join(' '));
    const line = (label: string, records: InvocationRecord[]) =>
      console.log([`  ${label}`.padEnd(34), mean(records, (r) => r.cost.storageRequests).padStart(8), mean(records, (r) => r.cost.storageByOperation['/api/v1/transaction'] ?? 0).padStart(6), mean(records, (r) => r.cost.readUnits).padStart(8), mean(records, (r) => r.cost.writeUnits).padStart(8), mean(records, (r) => r.cost.elapsedMs).padStart(8)].join(' '));
    line('new contact + company, alone', created);
    line('known e-mail (a touch), alone', updated);
    line(`new, ${burst} racing`, raced);
    line(`new, ${burst} racing, 5 ms storage`, slowRaced);

    // Forge's quotas from here on, starting with a fresh minute: the storage units a new lead costs bound
    // how many a minute an installation takes, whatever the code's own speed.
    sandbox.platform.setLimits({});
    const writeUnits = created.reduce((sum, r) => sum + r.cost.writeUnits, 0) / created.length;
    const readUnits = created.reduce((sum, r) => sum + r.cost.readUnits, 0) / created.length;
    const ceiling = Math.floor(Math.min(FORGE_LIMITS.kvsWriteUnitsPerMinute / writeUnits, FORGE_LIMITS.kvsReadUnitsPerMinute / readUnits));
    record(ids.leads('ceilingPerMinute'), ceiling);
    console.log(`  Forge's storage quota (${FORGE_LIMITS.kvsWriteUnitsPerMinute} write units, ${FORGE_LIMITS.kvsReadUnitsPerMinute} read units a minute) at ${writeUnits.toFixed(1)} write and ${readUnits.toFixed(1)} read units a new lead: at most ${ceiling} new leads/minute`);
    from = sandbox.platform.invocations.length;
    started = performance.now();
    doing(`sending ${meteredCount} leads ${burst} at once with the quotas metered`);
    const statuses: Record<number, number> = {};
    for (let b = 0; b < meteredCount / burst; b += 1) {
      for (const status of await Promise.all(Array.from({ length: burst }, (_, i) => send(lead(b * burst + i, 'metered'))))) statuses[status] = (statuses[status] ?? 0) + 1;
    }
    const meteredMs = performance.now() - started;
    const limited = triggers(from).filter((r) => r.cost.rateLimited > 0).length;
    console.log(`  ${burst} at once, quotas metered: ${meteredCount} sent in ${(meteredMs / 1000).toFixed(1)} s, ${statuses[201] ?? 0} created (201), ${statuses[503] ?? 0} refused BUSY (503; ${limited} met a storage 429), ${Object.entries(statuses).filter(([s]) => s !== '201' && s !== '503').map(([s, n]) => `${n} × ${s}`).join(', ') || 'no other answer'}`);
    record(ids.leads('meteredOnly201or503'), (statuses[201] ?? 0) + (statuses[503] ?? 0) === meteredCount);
    if ((statuses[201] ?? 0) + (statuses[503] ?? 0) !== meteredCount) throw new Error(`a metered lead got another answer: ${JSON.stringify(statuses)}`);
  } finally {
    await shell.close();
    await sandbox.close();
  }
}

if (require.main === module) {
  benchLeads().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
