import { kvs } from '@forge/kvs';
import { Calls } from '../../../src/contracts/calls';
import { toCompanyEntity } from '../../../src/adapters/kvs/company-store';
import { Entities } from '../../../src/adapters/kvs/keys';
import { newCompany } from '../../../src/domain/company';
import { readRenewalSummary } from '../../../src/adapters/kvs/renewal-store';
import { openRenewals, ScanCache } from '../../../src/usecases/renewals/open-renewal';
import { SummaryProgress } from '../../../src/usecases/renewals/run-state';
import { computeRenewalSummary, startSummary, summaryPages } from '../../../src/usecases/renewals/summaries';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, startCrm, type Crm, USERS } from './crm-harness';
import { renewalKit, type RenewalKit } from './renewal-support';

describe('renewals: contracts, renewal deals once and on time, ARR movements', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let kit: RenewalKit;
  let company: { id: string };
  let contactIds: string[];
  let stageId: string;

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    // Today is Monday 2 November 2026: renewals of contracts ending up to 31 January 2027 are due (90 days).
    const stages = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages;
    stageId = stages[3]!.id;
    company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io', ownerId: USERS.alice, segment: 'enterprise' });
    contactIds = [(await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@acme.io', companyId: company.id })).id];
    kit = renewalKit(crm, clock, () => ({ companyId: company.id, contactIds, stageId }));
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  it('winning a recurring deal makes a contract: the company becomes a customer, its ARR the contract’s from the start day', async () => {
    const won = await kit.contract('Platform', '2027-12-31', { contractStart: '2026-11-01' });
    expect(won).toMatchObject({ outcome: 'won', recurring: true, contractEnd: '2027-12-31' });
    const acme = await crm.ok('vic', Calls.companies.get, { companyId: company.id });
    expect(acme).toMatchObject({ lifecycle: 'customer', arrByCurrency: { EUR: 4_800_000 }, renewalDate: '2027-12-31' });
    expect(await kit.movementsOf(company.id)).toEqual([expect.objectContaining({ kind: 'new', deltas: { EUR: 4_800_000 }, effectiveOn: '2026-11-01', dealId: won.id, segment: 'enterprise' })]);
    // Reopening the win takes its ARR back.
    await crm.ok('sam', Calls.deals.reopen, { dealId: won.id, version: won.version, toStageId: stageId });
    expect(await kit.movementsOf(company.id)).toEqual([]);
    expect((await crm.ok('vic', Calls.companies.get, { companyId: company.id })).arrByCurrency).toEqual({});
  });

  it('opens one renewal per due contract, however often and however concurrently the daily job runs', async () => {
    const due = [await kit.contract('Due in January', '2027-01-15'), await kit.contract('Due now', '2026-11-30'), await kit.contract('Ended already', '2026-10-31')];
    const later = await kit.contract('Due in the summer', '2027-06-30');

    // The trigger delivered twice at once: one run.
    const starts = await Promise.all([crm.sandbox.host.runScheduled('relay-daily-renewal-scan'), crm.sandbox.host.runScheduled('relay-daily-renewal-scan')]);
    expect((starts as Array<{ handled: boolean }>).filter((s) => s.handled)).toHaveLength(1);
    await kit.runDaily();
    // The run's own summary counts the renewals it opened (its summaries wait until queries show them).
    const summary = (await crm.ok('vic', Calls.renewals.overview, { projectKey: 'SALES' })).summary!;
    const count = (byHealth: Record<string, { count: number }>) => Object.values(byHealth).reduce((n, f) => n + f.count, 0);
    expect([count(summary.due[90]), count(summary.overdue)]).toEqual([2, 1]);
    // A third delivery the same day finds today's run done.
    expect(await crm.sandbox.host.runScheduled('relay-daily-renewal-scan')).toMatchObject({ handled: false });

    const renewals = (await kit.openDeals()).filter((d) => d.type === 'renewal');
    expect(renewals.map((r) => r.renews?.dealId).sort()).toEqual(due.map((d) => d.id).sort());
    const forJanuary = renewals.find((r) => r.renews?.dealId === due[0]!.id)!;
    expect(forJanuary).toMatchObject({ amountMinor: 4_800_000, currency: 'EUR', closeDate: '2027-01-15', ownerId: USERS.alice, contractStart: '2027-01-16', contractEnd: '2028-01-15', recurring: true });
    expect(await crm.ok('vic', Calls.deals.get, { dealId: due[0]!.id })).toMatchObject({ renewal: { dealId: forJanuary.id } });
    expect((await crm.ok('vic', Calls.deals.get, { dealId: later.id })).renewal ?? null).toBeNull();

    // The next days: nothing new for these contracts; the summer one opens on 1 April.
    clock.advance(86_400_000);
    await kit.runDaily();
    expect((await kit.openDeals()).filter((d) => d.type === 'renewal')).toHaveLength(3);
    clock.advance(150 * 86_400_000);
    await kit.runDaily();
    expect((await kit.openDeals()).filter((d) => d.type === 'renewal').map((d) => d.renews?.dealId)).toContain(later.id);
  });

  it('two scans racing on the same contracts open each renewal once', async () => {
    const contracts = await Promise.all(['A', 'B', 'C', 'D'].map((n) => kit.contract(`Contract ${n}`, '2026-12-20')));
    const scan = () =>
      kit.script(() => openRenewals(contracts.map((c) => c.id), { cache: new ScanCache(), ids: { newId: () => crypto.randomUUID() }, now: crm.clock.now(), today: '2026-11-02' }));
    const [first, second, third] = await Promise.all([scan(), scan(), scan()]);
    expect(first.opened + second.opened + third.opened).toBe(4);
    expect(first['already-open'] + second['already-open'] + third['already-open']).toBe(8);
    expect((await kit.openDeals()).filter((d) => d.type === 'renewal')).toHaveLength(4);
  });

  it('a run killed half-way is retried from its checkpoint, without a duplicate', async () => {
    const contracts = [];
    for (let i = 0; i < 12; i += 1) contracts.push(await kit.contract(`Contract ${i}`, `2026-12-${String(10 + i).padStart(2, '0')}`));
    // The sixth renewal's transaction commits, then the function dies before it hears so.
    const fault = crm.sandbox.platform.faults.add({ target: 'kvs', match: /\/api\/v1\/transaction$/, status: 500, afterService: true, after: 5, times: 1 });
    const before = crm.sandbox.platform.invocations.length;
    await kit.runDaily();
    expect(fault.hits()).toBe(1);
    const chunks = crm.sandbox.platform.invocations.slice(before).filter((r) => r.kind === 'consumer');
    expect(chunks.some((r) => r.outcome === 'error')).toBe(true);
    const renewals = (await kit.openDeals()).filter((d) => d.type === 'renewal');
    expect(renewals).toHaveLength(12);
    expect(new Set(renewals.map((r) => r.renews?.dealId)).size).toBe(12);
    expect(crm.sandbox.host.deadLetters).toEqual([]);
  });

  it('a project’s renewal summary read a page at a time, resumed from its stored progress, counts each renewal once', async () => {
    // Two renewals share a close date, so a page boundary falls between them.
    for (const end of ['2026-12-01', '2026-12-10', '2026-12-10', '2027-01-20', '2026-10-20']) await kit.contract(`Ends ${end}`, end);
    await kit.runDaily();
    const projectId = (await kit.openDeals())[0]!.projectId;
    const whole = await kit.script(async () => {
      await computeRenewalSummary(projectId, crm.clock.now());
      return readRenewalSummary(projectId);
    });
    const steps = await kit.script(async () => {
      let progress = startSummary('2026-11-02');
      for (let step = 1; step <= 10; step += 1) {
        const result = await summaryPages(projectId, progress, crm.clock.now(), 1, 2);
        if (result.done) return step;
        // What the queue carries between steps: JSON, parsed again.
        progress = SummaryProgress.parse(JSON.parse(JSON.stringify(result.progress)));
      }
      return -1;
    });
    expect(steps).toBeGreaterThan(2);
    const paged = await kit.script(() => readRenewalSummary(projectId));
    expect({ due: paged?.due, overdue: paged?.overdue }).toEqual({ due: whole?.due, overdue: whole?.overdue });
    const count = (h: Record<string, { count: number }>) => Object.values(h).reduce((n, f) => n + f.count, 0);
    expect([count(paged!.due[30]), count(paged!.due[60]), count(paged!.due[90]), count(paged!.overdue)]).toEqual([1, 3, 4, 1]);
  });

  it('a run stopped by the storage rate limit pauses and finishes later', async () => {
    for (let i = 0; i < 3; i += 1) await kit.contract(`Contract ${i}`, '2026-12-01');
    await crm.sandbox.host.settle();
    // The chunk's claim is the first transaction, the first renewal the second: the second renewal
    // meets the limit, and again each time the chunk tries the page once more (1 s, 2 s, 4 s later).
    crm.sandbox.platform.faults.add({ target: 'kvs', match: /\/api\/v1\/transaction$/, status: 429, after: 2, times: 4 });
    const state = await kit.runDaily();
    expect(state.lastError).toMatch(/rate limit/);
    expect((await kit.openDeals()).filter((d) => d.type === 'renewal')).toHaveLength(3);
    expect(crm.sandbox.host.deadLetters).toEqual([]);
  }, 30_000);

  it('a chunk waits out a second’s storage rate limit and goes on, each renewal opened once', async () => {
    for (let i = 0; i < 3; i += 1) await kit.contract(`Contract ${i}`, '2026-12-01');
    await crm.sandbox.host.settle();
    crm.sandbox.platform.faults.add({ target: 'kvs', match: /\/api\/v1\/transaction$/, status: 429, after: 2, times: 1 });
    const state = await kit.runDaily();
    expect(state).toMatchObject({ phase: 'done', lastError: null });
    // The page done again after the 429 finds its first renewal opened: by this run, so counted as opened.
    expect(state.counts).toMatchObject({ opened: 3 });
    expect(state.counts['already-open'] ?? 0).toBe(0);
    const renewals = (await kit.openDeals()).filter((d) => d.type === 'renewal');
    expect(new Set(renewals.map((d) => d.renews?.dealId)).size).toBe(3);
    expect(renewals).toHaveLength(3);
  }, 30_000);

  it('scores every customer once even when thousands share one ARR (one plan’s price), and the run ends', async () => {
    // Customers stored long before the run. Paged by ARR, a checkpoint remembered 2,000 ids at the
    // ARR reached, so with more customers at one ARR every chunk began that value again, for ever.
    const n = 4_000;
    const now = crm.clock.now();
    // Set-up, not the subject: seeded outside the storage quota, as data written over months.
    await crm.sandbox.platform.runInvocation({ functionKey: 'seed', moduleKey: 't', kind: 'script', timeoutMs: 600_000, metered: false }, async () => {
      for (let i = 0; i < n; i += 25) {
        const batch = Array.from({ length: 25 }, (_, k) => newCompany({ name: `Plan customer ${String(i + k).padStart(4, '0')}`, ownerId: USERS.alice, segment: 'smb' }, `plan-${i + k}`, now));
        await kvs.batchSet(batch.map((c) => ({ key: c.id, value: toCompanyEntity({ ...c, version: 1, lifecycle: 'customer', health: 'good', arrMinor: 1_200_000 }), entityName: Entities.company })));
      }
    });
    const state = await kit.runDaily();
    expect(state.phase).toBe('done');
    expect(state.counts.scored).toBe(n);
  }, 600_000);

  it('a renewal won lower records a contraction; a renewal lost records churn and the customer churns when the contract ends', async () => {
    const first = await kit.contract('Platform', '2026-12-31');
    await kit.runDaily();
    const renewal = (await kit.openDeals()).find((d) => d.type === 'renewal')!;
    const lower = await crm.ok('sam', Calls.deals.update, { dealId: renewal.id, version: renewal.version, changes: { amountMinor: 3_800_000 } });
    const renewed = await crm.ok('sam', Calls.deals.win, { dealId: renewal.id, version: lower.version });
    expect(await kit.movementsOf(company.id)).toEqual([
      expect.objectContaining({ dealId: first.id, kind: 'new', deltas: { EUR: 4_800_000 }, effectiveOn: '2026-01-01' }),
      expect.objectContaining({ dealId: renewed.id, kind: 'contraction', deltas: { EUR: -1_000_000 }, effectiveOn: '2027-01-01' }),
    ]);

    // The renewal is itself a contract now; its own renewal is lost: churn the day after it ends.
    clock.advance(360 * 86_400_000);
    await kit.runDaily();
    expect((await crm.ok('vic', Calls.companies.get, { companyId: company.id })).arrByCurrency).toEqual({ EUR: 3_800_000 });
    const next = (await kit.openDeals()).find((d) => d.type === 'renewal' && d.renews?.dealId === renewed.id)!;
    await crm.ok('sam', Calls.deals.lose, { dealId: next.id, version: next.version, reason: 'Budget cut' });
    expect((await kit.movementsOf(company.id)).at(-1)).toMatchObject({ kind: 'churn', deltas: { EUR: -3_800_000 }, effectiveOn: '2028-01-01' });
    expect((await crm.ok('vic', Calls.companies.get, { companyId: company.id })).lifecycle).toBe('customer');
    // 28 October 2027 → 6 January 2028: the contract ended on 31 December, unrenewed.
    clock.advance(70 * 86_400_000);
    await kit.runDaily();
    expect(await crm.ok('vic', Calls.companies.get, { companyId: company.id })).toMatchObject({ lifecycle: 'churned', arrByCurrency: {}, health: 'unknown' });
  });

  it('opens renewals in the project chosen in the settings, which must have the CRM', async () => {
    crm.sandbox.jira.addProject({ key: 'CS', name: 'Customer Success', leadAccountId: USERS.alice });
    crm.sandbox.jira.grant(USERS.alice, 'CS', ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
    const refused = await crm.call('alice', Calls.renewals.saveSettings, { projectKey: 'SALES', version: 0, enabled: true, daysBefore: 120, targetProjectKey: 'CS' });
    expect(errorOf(refused)).toMatchObject({ code: 'VALIDATION', details: { reason: 'CRM_NOT_ENABLED' } });
    expect(errorOf(await crm.call('sam', Calls.renewals.saveSettings, { projectKey: 'SALES', version: 0, enabled: true, daysBefore: 120, targetProjectKey: null }))).toMatchObject({ code: 'FORBIDDEN' });
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'CS' }, 'CS');
    const saved = await crm.ok('alice', Calls.renewals.saveSettings, { projectKey: 'SALES', version: 0, enabled: true, daysBefore: 120, targetProjectKey: 'CS' });
    expect(saved).toMatchObject({ daysBefore: 120, targetProjectKey: 'CS', targetProjectName: 'Customer Success', version: 1 });
    expect(errorOf(await crm.call('alice', Calls.renewals.saveSettings, { projectKey: 'SALES', version: 0, enabled: true, daysBefore: 90, targetProjectKey: null }))).toMatchObject({ code: 'CONFLICT' });

    const contract = await kit.contract('Platform', '2027-02-20');
    await kit.runDaily();
    const inCs = (await crm.list('alice', Calls.deals.list, { projectKey: 'CS', outcome: 'open', limit: 10 }, 'CS')).items;
    expect(inCs).toEqual([expect.objectContaining({ type: 'renewal', renews: expect.objectContaining({ dealId: contract.id }), ownerId: USERS.alice })]);
    expect((await kit.openDeals()).filter((d) => d.type === 'renewal')).toEqual([]);
    const overview = await crm.ok('alice', Calls.renewals.overview, { projectKey: 'SALES' });
    expect(overview.renewsIn).toEqual({ projectKey: 'CS', projectName: 'Customer Success' });
  });
});
