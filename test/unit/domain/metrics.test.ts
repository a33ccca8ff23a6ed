import type { Deal } from '../../../src/domain/deal';
import { startHandoff } from '../../../src/domain/handoff';
import {
  averageDealSize, bySegment, changesSince, coverage, dataCompleteness, forecastAccuracy, forecastByCategory, handoffSla, salesCycleLength,
  sizeBandOf, stageConversion, staleDeals, velocity, weightedPipeline, winRate, type SnapshotRow,
} from '../../../src/domain/metrics';
import { periodOf } from '../../../src/domain/periods';
import { aDeal, aPipeline, aReadyDeal, T0 } from '../../builders/deal';

const DAY = 86_400_000;
const pipeline = aPipeline();
const q4 = periodOf('2026-11-15', 'quarter'); // 2026-10-01 … 2026-12-31
const EUR = { reportingCurrency: 'EUR', rates: { USD: '0.9' } };
const at = (date: string) => Date.parse(`${date}T12:00:00Z`);

let n = 0;
function deal(overrides: Partial<Deal>): Deal {
  n += 1;
  return aDeal({ id: `d${n}`, amountMinor: 100_000, ...overrides });
}
const won = (amount: number, closed: string, createdDaysBefore = 30, extra: Partial<Deal> = {}) =>
  deal({ outcome: 'won', stageId: 'won', amountMinor: amount, closedAt: at(closed), createdAt: at(closed) - createdDaysBefore * DAY, ...extra });
const lost = (amount: number, closed: string) => deal({ outcome: 'lost', stageId: 'lost', amountMinor: amount, closedAt: at(closed) });

describe('the glossary, computed as PRODUCT.md §4 writes it', () => {
  it('win rate = won / (won + lost), deals closed in the period, by count and by value', () => {
    const deals = [won(300_000, '2026-10-10'), won(100_000, '2026-11-01'), lost(100_000, '2026-12-01'), lost(500_000, '2026-09-30'), deal({})];
    // In Q4: won 2 (400,000), lost 1 (100,000). The September loss is outside the period; the open deal is not closed.
    expect(winRate({ deals, period: q4, rates: EUR })).toEqual({ byCount: 2 / 3, byValue: 400_000 / 500_000, won: 2, lost: 1 });
    expect(winRate({ deals: [deal({})], period: q4, rates: EUR }).byCount).toBeNull();
  });

  it('average deal size = sum of won amounts / number of won deals, converted to the reporting currency', () => {
    const deals = [won(300_000, '2026-10-10'), won(100_000, '2026-11-01', 30, { currency: 'USD' })];
    // 300,000 EUR + 100,000 USD × 0.9 = 390,000 EUR over 2 deals.
    expect(averageDealSize({ deals, period: q4, rates: EUR })).toBe(195_000);
  });

  it('sales cycle length = average days from creation to won, overall and by deal-size band', () => {
    const deals = [won(300_000, '2026-10-10', 20), won(200_000, '2026-11-01', 40), won(9_000_000, '2026-12-01', 90)];
    expect(salesCycleLength({ deals, period: q4, rates: EUR })).toEqual({ days: 50, byBand: { small: 30, large: 90 } });
    expect(sizeBandOf(999_999)).toBe('small');
    expect(sizeBandOf(1_000_000)).toBe('medium');
    // Won the day it was created: 0 days, and then velocity has no cycle to divide by.
    const sameDay = [deal({ outcome: 'won', stageId: 'won', createdAt: at('2026-10-05') - 3_600_000, closedAt: at('2026-10-05') })];
    expect(salesCycleLength({ deals: sameDay, period: q4, rates: EUR }).days).toBe(0);
    expect(velocity(10, 1000, 1, 0)).toBeNull();
  });

  it('weighted pipeline = sum of open amount × stage probability', () => {
    // Qualification 10 %, Proposal 50 %, Negotiation 80 %.
    const deals = [deal({ amountMinor: 1_000_000 }), deal({ stageId: 'proposal', amountMinor: 200_001 }), deal({ stageId: 'negotiation', amountMinor: 500_000, currency: 'USD' }), won(900_000, '2026-10-01')];
    // 100,000 + 100,001 (half of 200,001 rounded half up) + 400,000 USD × 0.9 = 560,001.
    expect(weightedPipeline({ deals, pipeline, rates: EUR })).toBe(560_001);
  });

  it('forecast by category: open deals closing in the period by category, won in the period as Closed', () => {
    const deals = [
      deal({ stageId: 'qualification', closeDate: '2026-11-30' }),
      deal({ stageId: 'proposal', closeDate: '2026-12-15' }),
      deal({ stageId: 'proposal', closeDate: '2026-12-20', forecastOverride: 'commit' }),
      deal({ stageId: 'negotiation', closeDate: '2027-01-05' }),
      won(250_000, '2026-10-20'),
      lost(100_000, '2026-10-21'),
    ];
    const forecast = forecastByCategory({ deals, pipeline, period: q4, rates: EUR });
    expect(forecast).toEqual({
      closed: { count: 1, amountMinor: 250_000 },
      commit: { count: 1, amountMinor: 100_000 },
      best_case: { count: 1, amountMinor: 100_000 },
      pipeline: { count: 1, amountMinor: 100_000 },
      omitted: { count: 0, amountMinor: 0 },
    });
    // Coverage = qualified open pipeline closing in the period / target: 300,000 / 100,000 = 3.0x.
    expect(coverage({ deals, pipeline, period: q4, rates: EUR }, 100_000)).toEqual({ qualifiedMinor: 300_000, ratio: 3 });
    expect(coverage({ deals, pipeline, period: q4, rates: EUR }, null).ratio).toBeNull();
  });

  it('velocity: 80 open opportunities × 30,000 × 25 % / 60 days = 10,000 per day', () => {
    expect(velocity(80, 30_000, 0.25, 60)).toBe(10_000);
    expect(velocity(80, null, 0.25, 60)).toBeNull();
  });

  it('velocity is a whole number of minor units: 7 × 10,001 × 1/3 / 9 days = 2,593 (not 2,592.5925…)', () => {
    expect(velocity(7, 10_001, 1 / 3, 9)).toBe(2_593);
  });

  it('forecast accuracy: forecast 3.4M against actual 2.6M is 69.23 %', () => {
    expect(forecastAccuracy(2_600_000, 3_400_000)!.toFixed(2)).toBe('69.23');
    expect(forecastAccuracy(2_600_000, 2_600_000)).toBe(100);
    expect(forecastAccuracy(0, 10)).toBeNull();
  });

  it('stage conversion = deals that reached the next stage / deals that entered the stage', () => {
    const history = new Map<string, string[]>([
      ['a', ['qualification', 'discovery', 'proposal']],
      ['b', ['qualification', 'discovery']],
      ['c', ['qualification', 'lost']],
      ['d', ['qualification', 'proposal', 'won']],
    ]);
    const rows = stageConversion(pipeline, history);
    expect(rows[0]).toEqual({ stageId: 'qualification', entered: 4, advanced: 3, rate: 0.75 });
    expect(rows[1]).toEqual({ stageId: 'discovery', entered: 2, advanced: 1, rate: 0.5 });
    expect(rows[2]).toEqual({ stageId: 'proposal', entered: 2, advanced: 1, rate: 0.5 });
    expect(rows[3]).toEqual({ stageId: 'negotiation', entered: 0, advanced: 0, rate: null });
  });

  it('stale deal = too long in its stage, no next step, or next step overdue', () => {
    const now = T0 + 20 * DAY; // 2026-11-22
    const deals = [
      deal({ nextStep: 'Call', stageEnteredAt: T0 }), // Qualification allows 14 days: 20 is too long
      deal({ nextStep: ' ', stageEnteredAt: now - DAY }),
      deal({ nextStep: 'Send', nextStepDue: '2026-11-21', stageEnteredAt: now - DAY }),
      deal({ nextStep: 'Send', nextStepDue: '2026-11-22', stageEnteredAt: now - DAY }),
    ];
    expect(staleDeals(deals, pipeline, now).map((s) => s.reasons)).toEqual([['too-long-in-stage'], ['no-next-step'], ['next-step-overdue']]);
  });

  it('hand-off SLA: hours from won to accepted, and the share accepted in time', () => {
    const wonAt = Date.parse('2026-11-02T09:00:00Z'); // Monday: due Tuesday 17:00 (16 business hours)
    const h = startHandoff(wonAt, { acceptWithinBusinessHours: 16 });
    const deals = [
      aReadyDeal({ id: 'x', outcome: 'won', handoff: { ...h, state: 'accepted', acceptedAt: wonAt + 4 * 3_600_000 } }),
      aReadyDeal({ id: 'y', outcome: 'won', handoff: { ...h, state: 'accepted', acceptedAt: wonAt + 50 * 3_600_000 } }),
      aReadyDeal({ id: 'z', outcome: 'won', handoff: { ...h, state: 'created' } }),
    ];
    expect(handoffSla(deals, q4)).toEqual({ handoffs: 3, accepted: 2, onTime: 1, attainment: 1 / 3, averageHours: 27 });
  });

  it('data completeness = share of open deals whose fields satisfy their stage’s exit criteria', () => {
    const deals = [aReadyDeal({ id: 'r' }), deal({}), deal({ companyId: 'c', contactIds: ['p'] }), won(1, '2026-10-01')];
    expect(dataCompleteness(deals, pipeline)).toEqual({ open: 3, complete: 2, ratio: 2 / 3 });
  });

  it('tells what changed since a snapshot: new, won, lost, slipped, pulled in, amount up and down', () => {
    const row = (d: Deal, changes: Partial<SnapshotRow> = {}): SnapshotRow => ({ dealId: d.id, stageId: d.stageId, amountMinor: d.amountMinor ?? 0, currency: d.currency, closeDate: d.closeDate, forecastCategory: 'pipeline', outcome: 'open', closedOn: null, ...changes });
    const slipped = deal({ closeDate: '2027-01-15' });
    const pulled = deal({ closeDate: '2026-12-01' });
    const up = deal({ closeDate: '2026-12-01', amountMinor: 150_000 });
    const closedWon = won(100_000, '2026-11-20');
    const added = deal({});
    const snapshot = [row(slipped, { closeDate: '2026-12-20' }), row(pulled, { closeDate: '2027-02-01' }), row(up, { amountMinor: 100_000 }), row(closedWon)];
    expect(changesSince(snapshot, [slipped, pulled, up, closedWon, added], q4, '2026-11-01')).toEqual({
      added: [added.id], won: [closedWon.id], lost: [], slipped: [slipped.id], pulledIn: [pulled.id], amountUp: [up.id], amountDown: [],
    });
  });

  it('leaves amounts in a currency without a rate out of money sums, and keeps their deals in the counts', () => {
    const deals = [deal({ stageId: 'negotiation', closeDate: '2026-12-01', amountMinor: 100_000 }), deal({ stageId: 'negotiation', closeDate: '2026-12-02', amountMinor: 500_000, currency: 'GBP' })];
    expect(forecastByCategory({ deals, pipeline, period: q4, rates: EUR }).commit).toEqual({ count: 2, amountMinor: 100_000 });
    expect(weightedPipeline({ deals, pipeline, rates: EUR })).toBe(80_000);
  });

  it('counts a deal missing from the snapshot as new, won or lost only when that happened on or after the snapshot day', () => {
    const since = '2026-11-13';
    const closedLongAgo = [won(100_000, '2026-03-01'), lost(50_000, '2026-05-02')];
    const thisWeek = [won(200_000, '2026-11-16', 2), lost(70_000, '2026-11-14')];
    const createdLongAgoStillOpen = deal({ createdAt: at('2026-01-10') });
    const createdThisWeek = deal({ createdAt: at('2026-11-18') });
    const changes = changesSince([], [...closedLongAgo, ...thisWeek, createdLongAgoStillOpen, createdThisWeek], q4, since);
    expect(changes.won).toEqual([thisWeek[0]!.id]);
    expect(changes.lost).toEqual([thisWeek[1]!.id]);
    expect(changes.added).toEqual([createdThisWeek.id]);
  });

  it('does not take a won deal kept in a snapshot for a move of an open one when it is reopened', () => {
    const reopened = deal({ closeDate: '2026-12-01' });
    const snapshot: SnapshotRow[] = [{ dealId: reopened.id, stageId: 'won', amountMinor: 100_000, currency: 'EUR', closeDate: '2027-02-01', forecastCategory: 'closed', outcome: 'won', closedOn: '2026-10-20' }];
    expect(changesSince(snapshot, [reopened], q4, '2026-11-01').pulledIn).toEqual([]);
  });

  it('segments any metric by owner, segment, source or region', () => {
    const deals = [won(100, '2026-10-01', 1, { ownerId: 'ana', segment: 'smb' }), won(200, '2026-10-02', 1, { ownerId: 'ben', segment: 'smb' }), lost(50, '2026-10-03')];
    const bySeg = bySegment(deals, 'segment');
    expect([...bySeg.keys()]).toEqual(['smb', 'none']);
    expect(winRate({ deals: bySeg.get('smb')!, period: q4, rates: EUR }).byCount).toBe(1);
    const byRegion = bySegment(deals, 'region', () => 'EMEA');
    expect([...byRegion.keys()]).toEqual(['EMEA']);
  });
});
