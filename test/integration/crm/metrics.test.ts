import { Calls } from '../../../src/contracts/calls';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, startCrm, USERS, type Crm } from './crm-harness';

/**
 * A known dataset in the sandbox, and every gadget number checked against a recompute by hand
 * (the comments show the arithmetic). Reporting currency EUR, 1 USD = 0.9 EUR; now is Monday
 * 2 November 2026, in Q4 (October–December) of a calendar fiscal year.
 */
describe('metrics and the Pipeline gadget on the sandbox', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let stages: Array<{ id: string; name: string }>;

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
    await crm.ok('alice', Calls.settings.saveSite, { version: 0, reportingCurrency: 'EUR', rates: { USD: '0.9' }, fiscalYearStartMonth: 1, glossaryOverrides: { winRate: 'Our win rate: won over closed.' } });
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    stages = pipeline.stages;
    await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 1, stages: pipeline.stages, targets: [{ period: 'FY2026-Q4', amountMinor: 100_000_00, currency: 'EUR' }] });
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  const create = (name: string, stage: number, amountMinor: number, closeDate: string, extra: Record<string, unknown> = {}) =>
    crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name, stageId: stages[stage]!.id, amountMinor, currency: 'EUR', closeDate, nextStep: 'Call', ...extra });
  // The snapshot reads deals with an entity query, so it runs once the last deal write has settled (a minute).
  const refresh = async (projectKey = 'SALES', user: 'alice' | 'dana' = 'alice') => {
    await crm.ok(user, Calls.metrics.refresh, { projectKey }, projectKey);
    await crm.sandbox.host.settle();
    clock.advance(60_000);
    await crm.sandbox.host.settle();
  };

  it('computes every gadget number from the stored deals, as the glossary defines it', async () => {
    await create('Q1', 0, 100_000_00, '2026-11-20'); //        Qualification 10 % → pipeline
    await create('Q2', 2, 200_000_00, '2026-12-10'); //        Proposal 50 %      → best case
    await create('Q3', 2, 100_000_00, '2026-12-20', { currency: 'USD' }); // 90,000 EUR, best case
    await create('N1', 3, 50_000_00, '2027-01-15'); //         Negotiation 80 %, next quarter
    const lost = await create('L1', 0, 30_000_00, '2026-11-30');
    await crm.ok('sam', Calls.deals.lose, { dealId: lost.id, version: 1, reason: 'Budget' });
    clock.advance(3_600_000);
    await refresh();

    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter' });
    expect(gadget.reportingCurrency).toBe('EUR');
    const q = gadget.period!;
    expect(q.key).toBe('FY2026-Q4');
    // Forecast in Q4: pipeline 100,000; best case 200,000 + 90,000 = 290,000; no commit, nothing closed yet.
    expect(q.forecast).toEqual({
      pipeline: { count: 1, amountMinor: 100_000_00 }, best_case: { count: 2, amountMinor: 290_000_00 }, commit: { count: 0, amountMinor: 0 },
      closed: { count: 0, amountMinor: 0 }, omitted: { count: 0, amountMinor: 0 },
    });
    // Coverage = qualified 390,000 / target 100,000 = 3.9x.
    expect(q.targetMinor).toBe(100_000_00);
    expect(gadget.coverage).toBeCloseTo(3.9, 10);
    // Win rate: 0 won / (0 + 1 lost) = 0; no cycle length or average size without wins, so no velocity.
    expect(q.winRate).toEqual({ byCount: 0, byValue: 0, won: 0, lost: 1 });
    expect(q.velocityPerDayMinor).toBeNull();
    // Live, from the maintained totals: 4 open deals; weighted per currency (10,000 + 100,000 + 40,000 EUR; 50,000 USD),
    // converted to one figure: 150,000 + 45,000 = 195,000 EUR, with the breakdown a hover shows.
    expect(gadget.pipeline).toMatchObject({ source: 'live', openCount: 4 });
    expect(gadget.pipeline.weighted).toEqual({ amountMinor: 195_000_00, currency: 'EUR', unconverted: {}, parts: [{ currency: 'EUR', amountMinor: 150_000_00, convertedMinor: 150_000_00 }, { currency: 'USD', amountMinor: 50_000_00, convertedMinor: 45_000_00 }] });
    expect(gadget.pipeline.stages.map((s) => s.count)).toEqual([1, 0, 2, 1]);
    expect(gadget.glossary.winRate).toBe('Our win rate: won over closed.');
    expect(gadget.glossary.velocity).toMatch(/^Pipeline velocity = open opportunities/);

    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });
    // Weighted in EUR: 10,000 + 100,000 + 45,000 (90,000 × 50 %) + 40,000 = 195,000; the same figure as the gadget's.
    expect(insights.pipeline.weighted.amountMinor).toBe(195_000_00);
    expect(insights.pipeline.open.amountMinor).toBe(440_000_00);
    // Sam's qualified pipeline this quarter: the three deals closing in Q4 (N1 closes next quarter).
    expect(insights.metrics!.segments.quarter.owner[USERS.sam]).toMatchObject({ qualifiedCount: 3, qualifiedMinor: 390_000_00 });
    // Stage conversion from each deal's stage history: Q1 and L1 entered Qualification; L1 was lost, none advanced.
    expect(insights.metrics!.stageConversion[0]).toEqual({ stageId: stages[0]!.id, entered: 2, advanced: 0, rate: 0 });
    expect(insights.metrics!.year.key).toBe('FY2026');
    const year = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'year' });
    expect(year.period!.key).toBe('FY2026');
  });

  it('tells the week’s changes: new, won, slipped and pulled-in deals, and the amounts that moved', async () => {
    const stay = await create('Stay', 2, 100_000_00, '2026-12-10');
    const slip = await create('Slip', 2, 100_000_00, '2026-12-15');
    const pull = await create('Pull', 2, 100_000_00, '2027-02-01');
    const winner = await create('Win', 3, 100_000_00, '2026-12-01', {
      companyId: undefined, scope: 'S', notSold: 'N', stakeholders: 'C', successCriteria: 'A', contractStart: '2027-01-01', contractEnd: '2027-12-31',
    });
    await refresh(); // Monday's snapshot
    clock.advance(7 * 86_400_000);
    await crm.ok('sam', Calls.deals.update, { dealId: slip.id, version: slip.version, changes: { closeDate: '2027-01-20' } });
    await crm.ok('sam', Calls.deals.update, { dealId: pull.id, version: pull.version, changes: { closeDate: '2026-12-20' } });
    await crm.ok('sam', Calls.deals.update, { dealId: stay.id, version: stay.version, changes: { amountMinor: 120_000_00 } });
    await crm.ok('sam', Calls.deals.win, { dealId: winner.id, version: winner.version });
    await create('New', 0, 10_000_00, '2026-12-31');
    await refresh();

    const gadget = await crm.ok('sam', Calls.gadgets.pipeline, { projectKey: 'SALES' });
    expect(gadget.changes).toEqual({ since: '2026-11-02', counts: { added: 1, won: 1, lost: 0, slipped: 1, pulledIn: 1, amountUp: 1, amountDown: 0 } });
    // Won this quarter: 100,000; one win, no loss: win rate 1.
    expect(gadget.period!.winRate).toEqual({ byCount: 1, byValue: 1, won: 1, lost: 0 });
    expect(gadget.period!.forecast.closed).toEqual({ count: 1, amountMinor: 100_000_00 });
  });

  it('costs the same few storage reads per gadget render, and only admins refresh or change settings', async () => {
    await create('A', 0, 100, '2026-11-20');
    await refresh();
    await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES' });
    expect(crm.sandbox.platform.invocations.at(-1)!.cost.storageRequests).toBe(4); // pipeline, totals, metrics, settings
    expect(errorOf(await crm.call('sam', Calls.metrics.refresh, { projectKey: 'SALES' })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('sam', Calls.settings.saveSite, { version: 1, reportingCurrency: 'EUR', rates: {}, fiscalYearStartMonth: 1, glossaryOverrides: {} })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('alice', Calls.settings.saveSite, { version: 0, reportingCurrency: 'EUR', rates: {}, fiscalYearStartMonth: 1, glossaryOverrides: {} })).code).toBe('CONFLICT');
    expect(errorOf(await crm.call('dana', Calls.gadgets.pipeline, { projectKey: 'SALES' }, 'DEL')).code).toBe('NOT_FOUND');
  });

  it('answers the Renewals gadget honestly until renewals are tracked', async () => {
    const renewals = await crm.ok('vic', Calls.gadgets.renewals, { projectKey: 'SALES', horizonDays: 60 });
    expect(renewals).toMatchObject({ available: false, reportingCurrency: 'EUR', grr: null, nrr: null });
    expect(renewals.due.map((d) => d.withinDays)).toEqual([30, 60]);
  });

  it('combines several projects in one gadget render: sums, and ratios from the sums', async () => {
    await create('S1', 2, 100_000_00, '2026-12-10');
    await crm.ok('dana', Calls.pipelines.enable, { projectKey: 'DEL' }, 'DEL');
    await crm.ok('dana', Calls.deals.create, { projectKey: 'DEL', name: 'D1', amountMinor: 50_000_00, currency: 'EUR', closeDate: '2026-12-05', nextStep: 'Call' }, 'DEL');
    await refresh();
    await refresh('DEL', 'dana');
    crm.sandbox.jira.grant(USERS.dana, 'SALES', ['BROWSE_PROJECTS']);
    const both = await crm.ok('dana', Calls.gadgets.pipeline, { projectKeys: ['SALES', 'DEL'] }, 'DEL');
    expect(both.projects.map((p) => p.projectKey)).toEqual(['SALES', 'DEL']);
    // Best case 100,000 (SALES, Proposal) + pipeline 50,000 (DEL, Qualification); the SALES target only.
    expect(both.period!.forecast.best_case.amountMinor).toBe(100_000_00);
    expect(both.period!.forecast.pipeline.amountMinor).toBe(50_000_00);
    expect(both.targetMinor).toBe(100_000_00);
    expect(both.coverage).toBeCloseTo(1.5, 10);
    expect(both.pipeline.openCount).toBe(2);
    expect(both.pipeline.stages.find((s) => s.name === 'Qualification')!.count).toBe(1);
    // Three reads per project and the settings once.
    expect(crm.sandbox.platform.invocations.at(-1)!.cost.storageRequests).toBe(7);
    expect(errorOf(await crm.call('vic', Calls.gadgets.pipeline, { projectKeys: ['SALES', 'DEL'] })).code).toBe('NOT_FOUND');
  });
});
