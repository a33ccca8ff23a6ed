import { Calls } from '../../../src/contracts/calls';
import { addAmounts, convertAvailable, type CurrencyAmounts } from '../../../src/domain/money';
import { periodOf, isoDateOf } from '../../../src/domain/periods';
import { pipelineFigures } from '../../../src/domain/pipeline-figures';
import { matchesFilters } from '../../../static/src/project-page/pipeline/board-filters';
import { columnsOf, figuresOf } from '../../../static/src/project-page/pipeline/board-model';
import { QUERY_SETTLE_MS } from '../../../src/ports/storage';
import { pinAppClock } from '../../support/app-clock';
import { startCrm, USERS, type Crm } from './crm-harness';

/**
 * One number, one definition, everywhere: on one seeded dataset (two owners, three segments, two
 * regions, USD/EUR/GBP with no GBP rate, a fiscal year starting in February, deals slipped and
 * pulled in, won and lost), the board's column totals (converted as the board converts them, with
 * the rates and calendar projects/context gives it), the Pipeline gadget, Insights and the admin
 * page are computed by their real resolvers and compared: same definition, same number.
 *
 * The clock starts on 2 November 2026: fiscal Q4 of FY2027 runs 1 Nov 2026 – 31 Jan 2027.
 */
const DAY = 86_400_000;
const READY = { scope: 'S', notSold: 'N', stakeholders: 'C', successCriteria: 'A', contractStart: '2027-02-01', contractEnd: '2028-01-31', nextStep: 'Call' };

describe('the same figures on the board, the gadget, Insights and the admin page', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;

  beforeAll(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
    await crm.ok('alice', Calls.settings.saveSite, { version: 0, reportingCurrency: 'USD', rates: { EUR: '1.1' }, fiscalYearStartMonth: 2, glossaryOverrides: {} });
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    const [qualify, discover, propose, negotiate] = pipeline.stages.map((s) => s.id);
    await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: 1, stages: pipeline.stages, targets: [{ period: 'FY2027-Q4', amountMinor: 500_000_00, currency: 'USD' }] });
    const emea = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io', region: 'EMEA', segment: 'enterprise' });
    const amer = await crm.ok('sam', Calls.companies.create, { name: 'Globex', domain: 'globex.io', region: 'AMER', segment: 'smb' });
    const deal = (name: string, stageId: string | undefined, amountMinor: number, currency: string, closeDate: string | null, extra: Record<string, unknown> = {}) =>
      crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name, stageId, amountMinor, currency, closeDate, ...READY, ...extra });

    // Sam: EMEA enterprise, in EUR and GBP (no rate); Alice: AMER SMB and mid-market, in USD and EUR.
    await deal('Sam Q4 commit', negotiate, 40_000_00, 'EUR', '2027-01-15', { ownerId: USERS.sam, companyId: emea.id, segment: 'enterprise', source: 'inbound' });
    await deal('Sam GBP commit', negotiate, 21_000_00, 'GBP', '2026-12-10', { ownerId: USERS.sam, companyId: emea.id, segment: 'enterprise', source: 'inbound' });
    const slip = await deal('Sam slips', propose, 30_000_00, 'EUR', '2027-01-20', { ownerId: USERS.sam, companyId: emea.id, segment: 'enterprise', source: 'outbound' });
    await deal('Sam omitted', qualify, 9_000_00, 'USD', '2026-12-20', { ownerId: USERS.sam, companyId: emea.id, forecastOverride: 'omitted', source: 'inbound' });
    await deal('Sam no date', discover, 12_000_00, 'USD', null, { ownerId: USERS.sam, companyId: emea.id, source: 'inbound' });
    const pull = await deal('Alice pulled in', propose, 50_000_00, 'USD', '2027-03-01', { ownerId: USERS.alice, companyId: amer.id, segment: 'smb', source: 'outbound' });
    await deal('Alice best case', propose, 25_000_00, 'USD', '2026-11-30', { ownerId: USERS.alice, companyId: amer.id, segment: 'smb', source: 'outbound' });
    const winner = await deal('Alice wins', negotiate, 60_000_00, 'USD', '2026-12-01', { ownerId: USERS.alice, companyId: amer.id, segment: 'mid-market', source: 'inbound' });
    const loser = await deal('Alice loses', discover, 8_000_00, 'EUR', '2026-12-05', { ownerId: USERS.alice, companyId: amer.id, segment: 'mid-market', source: 'inbound' });
    await deal('Alice next year', qualify, 70_000_00, 'EUR', '2027-05-10', { ownerId: USERS.alice, companyId: amer.id, segment: 'mid-market', source: 'outbound' });

    await crm.ok('alice', Calls.metrics.refresh, { projectKey: 'SALES' });
    await crm.sandbox.host.settle(); // Monday's snapshot: next week's changes compare with it
    // The snapshot reads deals with a storage query, so it runs once the last write settled (the queue retries it).
    clock.advance(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();
    clock.advance(7 * DAY - QUERY_SETTLE_MS);
    const slipped = await crm.ok('sam', Calls.deals.update, { dealId: slip.id, version: slip.version, changes: { closeDate: '2027-02-10' } });
    expect(slipped.pushCount).toBe(1); // out of fiscal Q4 (ends 31 January) into Q1
    await crm.ok('sam', Calls.deals.update, { dealId: pull.id, version: pull.version, changes: { closeDate: '2026-12-15' } });
    await crm.ok('sam', Calls.deals.win, { dealId: winner.id, version: winner.version });
    await crm.ok('sam', Calls.deals.lose, { dealId: loser.id, version: loser.version, reason: 'Budget' });
    await crm.ok('alice', Calls.metrics.refresh, { projectKey: 'SALES' });
    await crm.sandbox.host.settle();
    clock.advance(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();
  });

  afterAll(async () => {
    clock.restore();
    await crm.close();
  });

  /** The board as the page builds it: projects/context (stages, calendar, rates) and deals/board. */
  async function board() {
    const context = await crm.ok('vic', Calls.projects.context, { projectKey: 'SALES' });
    const answer = await crm.ok('vic', Calls.deals.board, { projectKey: 'SALES' });
    const rates = { reportingCurrency: context.site.reportingCurrency, rates: context.site.rates };
    const calendar = { startMonth: context.site.fiscalYearStartMonth };
    const columns = columnsOf(context.pipeline!.stages, answer);
    return { context, rates, calendar, columns };
  }

  /** A filtered board's figures: the cards that match, per column, converted as the column headers convert them. */
  function filtered(b: Awaited<ReturnType<typeof board>>, filters: Parameters<typeof matchesFilters>[1]) {
    const columns = b.columns.map((c) => ({ ...c, deals: c.deals.filter((d) => matchesFilters(d, filters, crm.clock.now(), b.calendar)) }));
    const figures = columns.map((c) => ({ stageId: c.stage.id, name: c.stage.name, ...figuresOf(c.deals, c.stage) }));
    return { cards: columns.flatMap((c) => c.deals), figures: pipelineFigures(figures, b.rates) };
  }

  it('adds up the open pipeline the same way on the board, the gadget and Insights', async () => {
    const b = await board();
    const onBoard = pipelineFigures(b.columns.map((c) => ({ stageId: c.stage.id, name: c.stage.name, count: c.count, amounts: c.amounts, weighted: c.weighted })), b.rates);
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter' });
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });

    // 8 open deals: Omitted, the one without a close date, other periods and GBP included.
    expect(onBoard.openCount).toBe(8);
    for (const figures of [gadget.pipeline, insights.pipeline]) {
      expect(figures.openCount).toBe(onBoard.openCount);
      expect(figures.open).toEqual(onBoard.open);
      expect(figures.weighted).toEqual(onBoard.weighted);
      expect(figures.stages.map((s) => [s.stageId, s.count, s.amount.amountMinor, s.weighted.amountMinor])).toEqual(onBoard.stages.map((s) => [s.stageId, s.count, s.amount.amountMinor, s.weighted.amountMinor]));
    }
    // One converted total, and the GBP left out is named, not dropped.
    expect(onBoard.open.unconverted).toEqual({ GBP: 21_000_00 });
    // The daily figures agree with the live totals once recomputed.
    expect(insights.metrics!.pipelineNow.open.count).toBe(onBoard.openCount);
  });

  it('names the same fiscal quarter on the board’s filter, the gadget, Insights and the admin page', async () => {
    const b = await board();
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter' });
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });
    const site = await crm.ok('alice', Calls.settings.site, {});
    // The admin page previews the periods of its fiscal start with the domain's periodOf.
    const adminQuarter = periodOf(isoDateOf(crm.clock.now()), 'quarter', { startMonth: site.fiscalYearStartMonth });
    expect(adminQuarter).toMatchObject({ key: 'FY2027-Q4', start: '2026-11-01', end: '2027-01-31' });
    for (const period of [gadget.period!, insights.metrics!.quarter]) expect(period).toMatchObject({ key: adminQuarter.key, start: adminQuarter.start, end: adminQuarter.end });
    const thisQuarter = filtered(b, { period: 'this-quarter' });
    expect(thisQuarter.cards.every((d) => d.closeDate! >= adminQuarter.start && d.closeDate! <= adminQuarter.end)).toBe(true);
  });

  it('gives the quarter’s forecast the same deals and amounts as the board filtered to the quarter', async () => {
    const b = await board();
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter' });
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });
    expect(insights.metrics!.quarter).toEqual(gadget.period);
    const period = gadget.period!;
    const thisQuarter = filtered(b, { period: 'this-quarter' });
    const open = ['commit', 'best_case', 'pipeline', 'omitted'] as const;
    expect(thisQuarter.cards.length).toBe(open.reduce((n, c) => n + period.forecast[c].count, 0));
    // Qualified = the quarter's cards in Pipeline, Best case or Commit; their converted amount is the coverage numerator.
    const qualified = thisQuarter.cards.filter((d) => d.forecastCategory !== 'omitted');
    expect(period.qualifiedCount).toBe(qualified.length);
    let amounts: CurrencyAmounts = {};
    for (const d of qualified) amounts = addAmounts(amounts, { [d.currency]: d.amountMinor ?? 0 });
    expect(period.qualifiedMinor).toBe(convertAvailable(amounts, b.rates).amountMinor);
    expect(gadget.coverage).toBeCloseTo(period.qualifiedMinor / 500_000_00, 12);
    // Won in the quarter: Alice's 60,000 USD; lost: 8,000 EUR.
    expect(period.winRate).toMatchObject({ won: 1, lost: 1 });
    expect(period.wonMinor).toBe(60_000_00);
    // The week's changes: one slipped (out of the fiscal quarter), one pulled in, one won, one lost.
    expect(gadget.changes!.counts).toMatchObject({ slipped: 1, pulledIn: 1, won: 1, lost: 1 });
    expect(insights.metrics!.changes.counts).toEqual(gadget.changes!.counts);
  });

  it('filters every figure the same way for one owner on the board, the gadget and Insights, and the breakdowns add up', async () => {
    const b = await board();
    const sam = { dimension: 'owner', value: USERS.sam } as const;
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter', segment: sam });
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES', segment: sam });
    expect(insights.segment!.metrics!.quarter).toEqual(gadget.period);
    expect(insights.pipeline).toEqual(gadget.pipeline);
    const samsBoard = filtered(b, { owner: USERS.sam });
    expect(gadget.pipeline.openCount).toBe(samsBoard.cards.length);
    expect(gadget.pipeline.open).toEqual(samsBoard.figures.open);
    expect(gadget.pipeline.weighted).toEqual(samsBoard.figures.weighted);
    const samsQuarter = filtered(b, { owner: USERS.sam, period: 'this-quarter' });
    expect(gadget.period!.qualifiedCount).toBe(samsQuarter.cards.filter((d) => d.forecastCategory !== 'omitted').length);
    expect(gadget.unconverted).toEqual([{ currency: 'GBP', deals: 1, openMinor: 21_000_00 }]);

    // The breakdown tables add up to the project's figures, per period, for every dimension.
    const project = insights.metrics!;
    for (const choice of ['quarter', 'month', 'nextQuarter', 'year'] as const) {
      for (const dimension of ['owner', 'segment', 'source', 'region'] as const) {
        const rows = Object.values(project.segments[choice][dimension]);
        expect(rows.reduce((n, r) => n + r.qualifiedCount, 0)).toBe(project[choice].qualifiedCount);
        expect(rows.reduce((n, r) => n + r.wonMinor, 0)).toBe(project[choice].wonMinor);
        expect(rows.reduce((n, r) => n + r.won + r.lost, 0)).toBe(project[choice].winRate.won + project[choice].winRate.lost);
      }
    }
    expect(Object.keys(project.segments.quarter.region).sort()).toEqual(['AMER', 'EMEA']);
  });

  it('names the same unconverted amounts on the admin page as on the gadget, Insights and the board', async () => {
    const site = await crm.ok('alice', Calls.settings.site, {});
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', period: 'quarter' });
    const insights = await crm.ok('vic', Calls.metrics.project, { projectKey: 'SALES' });
    expect(site.unconverted).toEqual([{ currency: 'GBP', deals: 1, openMinor: 21_000_00, projectKeys: ['SALES'] }]);
    expect(gadget.unconverted).toEqual([{ currency: 'GBP', deals: 1, openMinor: 21_000_00 }]);
    expect(insights.metrics!.unconverted).toEqual(gadget.unconverted);
    const b = await board();
    let boardUnconverted: CurrencyAmounts = {};
    for (const c of b.columns) boardUnconverted = addAmounts(boardUnconverted, convertAvailable(c.amounts, b.rates).unconverted);
    expect(boardUnconverted).toEqual({ GBP: site.unconverted![0]!.openMinor });
    // Only Jira admins see which projects hold what.
    expect((await crm.ok('vic', Calls.settings.site, {})).unconverted).toBeNull();
  });
});
