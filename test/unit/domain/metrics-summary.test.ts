import type { Deal } from '../../../src/domain/deal';
import { combinePeriods, combineSegments, summarise, type SummaryInput } from '../../../src/domain/metrics-summary';
import { aDeal, aPipeline } from '../../builders/deal';

const pipeline = aPipeline();
const NOW = Date.parse('2026-11-23T12:00:00Z');
const at = (date: string) => Date.parse(`${date}T12:00:00Z`);

function input(deals: Deal[]): SummaryInput {
  return {
    deals, pipeline, rates: { reportingCurrency: 'EUR', rates: { USD: '0.9' } }, calendar: { startMonth: 1 },
    targets: [{ period: 'FY2026-Q4', amountMinor: 1_000_000, currency: 'EUR' }], now: NOW, lastWeek: undefined, periodStarts: new Map(), regionOf: () => null,
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
    const together = summarise(input([...a, ...b])).quarter;
    const combined = combinePeriods([summarise(input(a)).quarter, summarise(input(b)).quarter])!;
    // Targets are per project: two projects each with a 1,000,000 target have 2,000,000 together.
    expect({ ...combined, targetMinor: null, coverage: null }).toEqual({ ...together, targetMinor: null, coverage: null, salesCycleByBand: combined.salesCycleByBand, parts: combined.parts });
    expect(combined.salesCycleByBand).toEqual(together.salesCycleByBand);
    expect(combined.targetMinor).toBe(2_000_000);
    expect(combined.winRate).toEqual({ byCount: 3 / 5, byValue: 2_350_000 / 2_490_000, won: 3, lost: 2 });
    const seg = combineSegments([summarise(input(a)).segments.owner.ana, summarise(input(b)).segments.owner.ana]);
    expect(seg).toEqual(summarise(input([...a, ...b])).segments.owner.ana);
  });
});
