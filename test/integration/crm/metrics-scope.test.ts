import { Calls } from '../../../src/contracts/calls';
import { QUERY_SETTLE_MS } from '../../../src/ports/storage';
import { pinAppClock } from '../../support/app-clock';
import { startCrm, USERS, type Crm } from './crm-harness';

/**
 * The figures around the glossary's formulas: the period and the segment a reader chose, the forecast
 * at a period's start, and currencies without a rate. Reporting currency EUR (1 USD = 0.9 EUR, no GBP
 * rate), a calendar fiscal year; the sandbox clock starts on Monday 2 November 2026 (Q4).
 */
const DAY = 86_400_000;
const WIN_FIELDS = { scope: 'S', notSold: 'N', stakeholders: 'C', successCriteria: 'A', contractStart: '2027-01-01', contractEnd: '2027-12-31' };

describe('metrics for the period and segment chosen', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let stages: Array<{ id: string; name: string }>;

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
    await crm.ok('alice', Calls.settings.saveSite, { version: 0, reportingCurrency: 'EUR', rates: { USD: '0.9' }, fiscalYearStartMonth: 1, glossaryOverrides: {} });
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    stages = pipeline.stages;
    await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 1, stages: pipeline.stages, targets: [{ period: 'FY2026-Q4', amountMinor: 100_000_00, currency: 'EUR' }] });
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  const create = (name: string, stage: number, amountMinor: number, closeDate: string, extra: Record<string, unknown> = {}) =>
    crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name, stageId: stages[stage]!.id, amountMinor, currency: 'EUR', closeDate, nextStep: 'Call', ...WIN_FIELDS, ...extra });
  const win = async (name: string, amountMinor: number, extra: Record<string, unknown> = {}) => {
    const deal = await create(name, 3, amountMinor, '2026-12-31', extra);
    return crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
  };
  // The snapshot reads deals with a storage query, so it runs once the last deal write has settled (the queue retries it).
  const refresh = async () => {
    await crm.ok('alice', Calls.metrics.refresh, { projectKey: 'SALES' });
    await crm.sandbox.host.settle();
    clock.advance(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();
  };
  const moveTo = (iso: string) => clock.advance(Date.parse(iso) - crm.clock.now());

  it('shows a segment’s figures for the chosen period: the fiscal year’s wins, not this quarter’s', async () => {
    moveTo('2026-02-10T09:00:00Z');
    await win('Sam in February', 20_000_00, { ownerId: USERS.sam });
    moveTo('2026-11-02T09:00:00Z');
    await win('Sam in November', 30_000_00, { ownerId: USERS.sam });
    await win('Alice in November', 70_000_00, { ownerId: USERS.alice });
    await create('Sam this year', 2, 10_000_00, '2026-12-10', { ownerId: USERS.sam });
    await create('Sam next year', 2, 40_000_00, '2027-03-01', { ownerId: USERS.sam });
    await refresh();

    const sam = { dimension: 'owner', value: USERS.sam } as const;
    const year = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'year', segment: sam });
    // Sam's year: 20,000 + 30,000 won; qualified = the deal closing this year only.
    expect(year.period!.winRate).toMatchObject({ won: 2, lost: 0 });
    expect(year.period!.wonMinor).toBe(50_000_00);
    expect(year.period).toMatchObject({ qualifiedCount: 1, qualifiedMinor: 10_000_00 });
    const quarter = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter', segment: sam });
    expect(quarter.period!.wonMinor).toBe(30_000_00);

    // Insights' breakdown follows the period chosen too.
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });
    expect(insights.metrics!.segments.year.owner[USERS.sam]).toEqual({ qualifiedCount: 1, qualifiedMinor: 10_000_00, won: 2, lost: 0, winRate: 1, wonMinor: 50_000_00 });
    expect(insights.metrics!.segments.quarter.owner[USERS.sam]).toMatchObject({ won: 1, wonMinor: 30_000_00, qualifiedCount: 1 });
    expect(insights.metrics!.segments.nextQuarter.owner[USERS.sam]).toMatchObject({ qualifiedCount: 1, qualifiedMinor: 40_000_00, won: 0 });
  });

  it('filters every headline figure by the chosen segment, on the gadget and in Insights alike', async () => {
    await create('Sam commit', 3, 60_000_00, '2026-12-01', { ownerId: USERS.sam });
    await create('Sam omitted', 0, 5_000_00, '2026-12-01', { ownerId: USERS.sam, forecastOverride: 'omitted' });
    await create('Alice best case', 2, 80_000_00, '2026-12-05', { ownerId: USERS.alice });
    clock.advance(3 * DAY);
    await win('Alice won', 25_000_00, { ownerId: USERS.alice });
    await refresh();

    const sam = { dimension: 'owner', value: USERS.sam } as const;
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter', segment: sam });
    expect(gadget.segment).toEqual(sam);
    expect(gadget.period!.forecast).toMatchObject({ commit: { count: 1, amountMinor: 60_000_00 }, best_case: { count: 0, amountMinor: 0 }, omitted: { count: 1, amountMinor: 5_000_00 }, closed: { count: 0, amountMinor: 0 } });
    expect(gadget.period!.winRate).toMatchObject({ won: 0, lost: 0, byCount: null });
    expect(gadget.period!.averageDealSizeMinor).toBeNull();
    // The project's target is not Sam's: coverage is not applicable for a segment without a target of its own.
    expect(gadget).toMatchObject({ target: 'not-applicable', targetMinor: null, coverage: null });
    // Open deals now: Sam's two, from the daily figures (the live totals are project-wide).
    expect(gadget.pipeline).toMatchObject({ source: 'daily', openCount: 2 });
    expect(gadget.pipeline.open.amountMinor).toBe(65_000_00);

    // A gadget's own target is the target of what it shows (e.g. an owner's quota).
    const quota = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter', segment: sam, targetOverrideMinor: 120_000_00 });
    expect(quota).toMatchObject({ target: 'gadget', targetMinor: 120_000_00 });
    expect(quota.coverage).toBeCloseTo(0.5, 10);

    // Insights for the same segment: the same numbers.
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES', segment: sam });
    expect(insights.segment!.metrics!.quarter).toEqual(gadget.period);
    expect(insights.pipeline).toEqual(gadget.pipeline);

    // Without a segment, everything is the project's again (Alice's win included; the project target applies).
    const all = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter' });
    expect(all.period!.winRate).toMatchObject({ won: 1 });
    expect(all).toMatchObject({ target: 'project', targetMinor: 100_000_00 });
  });

  it('takes the forecast at the period’s start from that day’s snapshot, deals already won in the period included', async () => {
    moveTo('2026-10-01T09:00:00Z');
    const commit = await create('Commit at start', 3, 100_000_00, '2026-11-15');
    await win('Won on the first day', 50_000_00);
    await refresh(); // the snapshot of 1 October: Commit 100,000, Closed 50,000
    moveTo('2026-12-01T09:00:00Z');
    await crm.ok('sam', Calls.deals.win, { dealId: commit.id, version: commit.version });
    moveTo('2027-01-04T09:00:00Z');
    await refresh();

    // The gadget's current period is Q1 2027; the last completed quarter is Q4 2026: forecast 150,000, won 150,000.
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter' });
    expect(gadget.lastCompleted).toMatchObject({ key: 'FY2026-Q4', forecastAtStartMinor: 150_000_00, wonMinor: 150_000_00, forecastBasis: { takenOn: '2026-10-01', kind: 'start' } });
    expect(gadget.lastCompleted!.forecastAccuracy).toBeCloseTo(100, 10);
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });
    expect(insights.metrics!.trend.find((p) => p.key === 'FY2026-Q4')).toMatchObject({ forecastAtStartMinor: 150_000_00, forecastBasis: { takenOn: '2026-10-01', kind: 'start' } });
  });

  it('says from which day the forecast comes when no snapshot was taken on the period’s first day', async () => {
    moveTo('2026-10-05T09:00:00Z');
    await create('Commit', 3, 100_000_00, '2026-11-15');
    await refresh(); // first snapshot of the quarter: four days late
    moveTo('2027-01-04T09:00:00Z');
    await refresh();
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'month' });
    // The month gadget's last completed period is December; the quarter's basis is late.
    expect(gadget.lastCompleted!.key).toBe('FY2026-M12');
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });
    expect(insights.metrics!.lastCompleted.quarter.forecastBasis).toEqual({ takenOn: '2026-10-05', kind: 'late' });
  });

  it('never drops a currency without a rate: its deals count, its amounts are named, one converted total stays', async () => {
    await create('Pound commit', 3, 21_000_00, '2026-12-01', { currency: 'GBP' });
    await create('Euro commit', 3, 40_000_00, '2026-12-02');
    await create('Dollar best case', 2, 10_000_00, '2026-12-03', { currency: 'USD' });
    await refresh();

    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter' });
    expect(gadget.period!.forecast.commit).toEqual({ count: 2, amountMinor: 40_000_00 });
    expect(gadget.unconverted).toEqual([{ currency: 'GBP', deals: 1, openMinor: 21_000_00 }]);
    expect(gadget.pipeline.openCount).toBe(3);
    expect(gadget.pipeline.open).toMatchObject({ amountMinor: 49_000_00, unconverted: { GBP: 21_000_00 } });
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });
    expect(insights.metrics!.unconverted).toEqual(gadget.unconverted);
    expect(insights.pipeline).toEqual(gadget.pipeline);
  });
});
