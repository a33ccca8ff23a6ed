import type { Deal } from '../../../src/domain/deal';
import { combinePeriods, combineSegmentRows } from '../../../src/domain/metrics-combine';
import { forecastFromSnapshot } from '../../../src/domain/metrics-period';
import { snapshotRows, summarise, type SummaryInput } from '../../../src/domain/metrics-summary';
import { periodOf } from '../../../src/domain/periods';
import { aDeal, aPipeline } from '../../builders/deal';

const pipeline = aPipeline();
const NOW = Date.parse('2026-11-23T12:00:00Z');
const at = (date: string) => Date.parse(`${date}T12:00:00Z`);
const EUR = { reportingCurrency: 'EUR', rates: { USD: '0.9' } };

function input(deals: Deal[], overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    deals, pipeline, rates: EUR, calendar: { startMonth: 1 },
    targets: [{ period: 'FY2026-Q4', amountMinor: 1_000_000, currency: 'EUR' }], now: NOW, lastWeek: undefined, periodStarts: new Map(), regionOf: () => null, ...overrides,
  };
}

let n = 0;
const deal = (overrides: Partial<Deal>) => aDeal({ id: `d${(n += 1)}`, amountMinor: 100_000, ownerId: 'ana', ...overrides });
const won = (amount: number, closed: string, days: number, extra: Partial<Deal> = {}) => deal({ outcome: 'won', stageId: 'won', amountMinor: amount, closedAt: at(closed), createdAt: at(closed) - days * 86_400_000, ...extra });
const lost = (amount: number, closed: string) => deal({ outcome: 'lost', stageId: 'lost', amountMinor: amount, closedAt: at(closed) });

describe('combining projects', () => {
  it('gives the same figures as computing over all their deals at once', () => {
    const a = [won(300_000, '2026-10-10', 20), lost(100_000, '2026-11-02'), deal({ stageId: 'proposal', closeDate: '2026-12-10' }), deal({ closeDate: '2026-12-01', currency: 'USD' })];
    const b = [won(50_000, '2026-11-20', 5, { ownerId: 'ben' }), won(2_000_000, '2026-12-01', 90), deal({ stageId: 'negotiation', closeDate: '2026-11-30', ownerId: 'ben' }), lost(40_000, '2026-10-03')];
    const together = summarise(input([...a, ...b])).project.quarter;
    const combined = combinePeriods([summarise(input(a)).project.quarter, summarise(input(b)).project.quarter])!;
    // Targets are per project: two projects each with a 1,000,000 target have 2,000,000 together.
    expect({ ...combined, targetMinor: null, coverage: null }).toEqual({ ...together, targetMinor: null, coverage: null, salesCycleByBand: combined.salesCycleByBand, parts: combined.parts });
    expect(combined.salesCycleByBand).toEqual(together.salesCycleByBand);
    expect(combined.targetMinor).toBe(2_000_000);
    expect(combined.winRate).toEqual({ byCount: 3 / 5, byValue: 2_350_000 / 2_490_000, won: 3, lost: 2 });
    const seg = combineSegmentRows([summarise(input(a)).project.segments.quarter.owner.ana, summarise(input(b)).project.segments.quarter.owner.ana]);
    expect(seg).toEqual(summarise(input([...a, ...b])).project.segments.quarter.owner.ana);
  });
});

describe('scopes, currencies and the forecast at a period’s start', () => {
  it('computes each segment as the project would be computed over that segment’s deals alone, without the project’s target', () => {
    const deals = [won(300_000, '2026-10-10', 20, { ownerId: 'ben' }), deal({ stageId: 'negotiation', closeDate: '2026-12-01' }), deal({ stageId: 'proposal', closeDate: '2026-12-05', ownerId: 'ben' })];
    const { segments } = summarise(input(deals));
    const ben = segments.find((s) => s.scope?.dimension === 'owner' && s.scope.value === 'ben')!;
    const alone = summarise(input(deals.filter((d) => d.ownerId === 'ben'), { targets: [] })).project;
    expect(ben.quarter).toEqual(alone.quarter);
    expect(ben.pipelineNow).toEqual(alone.pipelineNow);
    expect(ben).toMatchObject({ targetsApply: false, dealCount: 2 });
    expect(ben.quarter.targetMinor).toBeNull();
  });

  it('counts deals in a currency without a rate, names their amounts and keeps them out of money figures and averages', () => {
    const deals = [won(100_000, '2026-10-10', 10), won(900_000, '2026-10-11', 10, { currency: 'GBP' }), deal({ stageId: 'negotiation', closeDate: '2026-12-01', currency: 'GBP', amountMinor: 50_000 })];
    const { project } = summarise(input(deals));
    expect(project.quarter.winRate).toMatchObject({ won: 2 });
    expect(project.quarter.wonMinor).toBe(100_000);
    expect(project.quarter.averageDealSizeMinor).toBe(100_000);
    expect(project.quarter.forecast.commit).toEqual({ count: 1, amountMinor: 0 });
    expect(project.unconverted).toEqual([{ currency: 'GBP', deals: 2, openMinor: 50_000 }]);
    expect(project.pipelineNow.open).toEqual({ count: 1, amounts: { GBP: 50_000 } });
  });

  it('keeps the fiscal year’s won deals in a snapshot, and counts them as Closed in the forecast at the start', () => {
    const q4 = periodOf('2026-11-01', 'quarter');
    const rows = snapshotRows([won(40_000, '2026-10-01', 3), won(70_000, '2025-12-20', 3), deal({ stageId: 'negotiation', closeDate: '2026-11-20' }), lost(5_000, '2026-10-01')], pipeline, '2026-01-01');
    expect(rows.map((r) => [r.outcome, r.closedOn])).toEqual([['won', '2026-10-01'], ['open', null]]);
    // Commit 100,000 closing in Q4 + Closed 40,000 won on its first day.
    expect(forecastFromSnapshot(rows, q4, EUR)).toBe(140_000);
  });

  it('takes each ended period’s forecast from the snapshot given for it and says which day that was', () => {
    const rows = snapshotRows([deal({ id: 'c', stageId: 'negotiation', closeDate: '2026-08-20' })], pipeline, '2026-01-01');
    const later = input([won(100_000, '2026-08-20', 30, { id: 'c' })], { periodStarts: new Map([['FY2026-Q3', { takenOn: '2026-07-03', rows }]]) });
    const q3 = summarise(later).project.lastCompleted.quarter;
    expect(q3).toMatchObject({ key: 'FY2026-Q3', forecastAtStartMinor: 100_000, forecastAccuracy: 100, forecastBasis: { takenOn: '2026-07-03', kind: 'late' } });
  });
});
