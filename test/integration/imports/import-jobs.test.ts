import { kvs } from '@forge/kvs';
import { Calls } from '../../../src/contracts/calls';
import { Entities } from '../../../src/adapters/kvs/keys';
import { errorOf, startCrm, type Crm } from '../crm/crm-harness';
import { manyContacts } from '../../builders/import-files';
import { importFile, rejectedOf, startImport, untilFinished } from './import-harness';

let crm: Crm;

beforeEach(async () => {
  crm = await startCrm();
  // Companies and contacts are edited through a CRM-enabled project (main's site-access rule).
  await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
});
afterEach(async () => crm.close());

/** Every contact in storage, read straight from the entity by id range (not through the app). */
async function storedContacts(): Promise<Array<{ id: string; email: string; companyId: string }>> {
  const out: Array<{ id: string; email: string; companyId: string }> = [];
  let cursor: string | undefined;
  crm.later(); // the entity query shows the import's last batch once the index caught up
  await crm.sandbox.platform.runInvocation({ functionKey: 'test', kind: 'script', timeoutMs: 60_000 } as never, async () => {
    do {
      let query = kvs.entity<{ id: string; email: string; companyId: string }>(Entities.contact).query().index('by-email').limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      out.push(...page.results.map((r) => r.value));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });
  return out;
}

describe('import jobs', () => {
  it('imports a 5,000-row file in paced runs, and the counts add up to the rows', async () => {
    const { job, rejected } = await importFile(crm, 'sam', { kind: 'contacts', text: manyContacts(5000), map: { Company: 'companyName', 'Company domain': 'companyDomain' } });
    expect(job.status).toBe('done');
    expect(job.counts).toEqual({ rows: 5000, imported: 4950, updated: 0, rejected: 50, companiesCreated: 40 });
    expect(rejected).toHaveLength(50);
    expect(rejected[0]).toMatchObject({ line: 101, reason: 'Email: Same email as line 100 of this file'.replace('Email: ', '') });
    expect(job.progress.read).toBe(job.progress.size);
    const stored = await storedContacts();
    expect(stored).toHaveLength(4950);
    expect(new Set(stored.map((c) => c.email)).size).toBe(4950);
    // More than one run: each spends at most its share of the storage quota, then queues the next.
    const runs = crm.sandbox.platform.invocations.filter((i) => i.functionKey === 'jobs');
    expect(runs.length).toBeGreaterThan(3);
    expect(Math.max(...runs.map((r) => r.cost.writeUnits))).toBeLessThan(2600);
  }, 240_000);

  it('resumes a run killed in the middle without importing any row twice', async () => {
    const started = await startImport(crm, 'sam', { kind: 'contacts', text: manyContacts(600) });
    // The 40th storage transaction of the run fails as if the function died there.
    const crash = crm.sandbox.platform.faults.add({ target: 'kvs', match: /\/transaction$/, status: 500, after: 40, times: 1 });
    const job = await untilFinished(crm, 'sam', started.id);
    expect(crash.hits()).toBe(1);
    expect(job.status).toBe('done');
    expect(job.counts).toMatchObject({ rows: 600, imported: 594, rejected: 6 });
    const stored = await storedContacts();
    expect(stored).toHaveLength(594);
    expect(new Set(stored.map((c) => c.id)).size).toBe(594);
    expect((await rejectedOf(crm, 'sam', job.id)).map((r) => r.line)).toEqual([101, 201, 301, 401, 501, 601]);
  }, 120_000);

  it('cancels a running import after the batch it is writing; what was imported stays and is counted', async () => {
    const started = await startImport(crm, 'sam', { kind: 'contacts', text: manyContacts(3000) });
    await crm.sandbox.host.settle();
    crm.later(1000); // the screen polls a second later: the run may have spent the second's storage requests
    const midway = await crm.ok('sam', Calls.imports.get, { jobId: started.id });
    expect(midway.status).toBe('running');
    expect(midway.counts.rows).toBeGreaterThan(0);
    expect(midway.counts.rows).toBeLessThan(3000);
    expect(errorOf(await crm.call('alice', Calls.imports.cancel, { jobId: started.id })).code).toBe('NOT_FOUND');
    await crm.ok('sam', Calls.imports.cancel, { jobId: started.id });
    const job = await untilFinished(crm, 'sam', started.id);
    expect(job.status).toBe('cancelled');
    expect(job.counts.rows).toBe(midway.counts.rows);
    expect((await storedContacts()).length).toBe(job.counts.imported);
  }, 120_000);

  it('shows a running import to everyone who may see its records, and the rejected rows only to its creator', async () => {
    const started = await startImport(crm, 'sam', { kind: 'contacts', text: manyContacts(3000) });
    await crm.sandbox.host.settle();
    const seen = await crm.list('vic', Calls.imports.list, { projectKey: 'SALES' });
    expect(seen.items.map((j) => [j.id, j.canReadReport])).toEqual([[started.id, false]]);
    expect(errorOf(await crm.call('vic', Calls.imports.rejectedRows, { jobId: started.id })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.imports.get, { jobId: started.id })).code).toBe('NOT_FOUND');
  }, 120_000);
});
