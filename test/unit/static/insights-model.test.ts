import type { PeriodMetrics } from '../../../static/src/project-page/insights/insights-model';
import {
  accuracyRows, changeRows, coverageText, daysText, majorUnits, percentPointsText, percentText, periodName, pollForNewer, segmentRows, trendPoints,
} from '../../../static/src/project-page/insights/insights-model';

/** A quarter's figures with everything empty but what a test sets. */
function aQuarter(key: string, start: string, end: string, extra: Partial<PeriodMetrics> = {}): PeriodMetrics {
  const none = { count: 0, amountMinor: 0 };
  return {
    key, kind: 'quarter', start, end,
    winRate: { byCount: null, byValue: null, won: 0, lost: 0 },
    wonMinor: 0, averageDealSizeMinor: null, salesCycleDays: null, salesCycleByBand: {},
    forecast: { pipeline: none, best_case: none, commit: none, closed: none, omitted: none },
    targetMinor: null, coverage: null, qualifiedMinor: 0, qualifiedCount: 0, velocityPerDayMinor: null,
    handoffSla: { handoffs: 0, onTime: 0, attainment: null, averageHours: null },
    forecastAccuracy: null, forecastAtStartMinor: null, forecastBasis: null,
    parts: { wonWithRate: 0, lostMinor: 0, cycleDaysTotal: 0, cycleCount: 0, bandTotals: {}, accepted: 0, acceptedHoursTotal: 0 },
    ...extra,
  };
}

describe('insights formatting', () => {
  it('writes ratios as percentages, coverage as a multiple and cycle length in days, with a dash for no value', () => {
    expect(percentText(0.625)).toBe('62.5%');
    expect(percentText(1 / 3)).toBe('33.3%');
    expect(percentText(null)).toBe('—');
    expect(percentPointsText(69.23076923)).toBe('69.2%');
    expect(coverageText(3.2)).toBe('3.2×');
    expect(coverageText(null)).toBe('—');
    expect(daysText(41.25)).toBe('41.3 days');
  });

  it('puts chart values in major units from exact minor units', () => {
    expect(majorUnits(1_005, 'USD')).toBe(10.05);
    expect(majorUnits(1_234_567, 'KWD')).toBe(1_234.567);
  });

  it('names fiscal periods as a reader says them', () => {
    expect(periodName('FY2026-Q4')).toBe('Q4 FY2026');
    expect(periodName('FY2027-M03')).toBe('M3 FY2027');
    expect(periodName('something else')).toBe('something else');
  });
});

describe('segment tables', () => {
  const names = (id: string) => ({ 'acc-sam': 'Sam Seller', 'acc-dana': 'Dana Deals' })[id] ?? id;

  it('orders rows by qualified pipeline, then qualified deals, then name, with "Not set" last', () => {
    const rows = segmentRows(
      'owner',
      {
        none: { qualifiedCount: 9, qualifiedMinor: 900_000, winRate: null, wonMinor: 0, won: 0, lost: 0 },
        'acc-sam': { qualifiedCount: 2, qualifiedMinor: 50_000, winRate: 0.5, wonMinor: 10_000, won: 0, lost: 0 },
        'acc-dana': { qualifiedCount: 3, qualifiedMinor: 50_000, winRate: null, wonMinor: 0, won: 0, lost: 0 },
        'acc-zed': { qualifiedCount: 1, qualifiedMinor: 70_000, winRate: 1, wonMinor: 5_000, won: 0, lost: 0 },
      },
      names,
    );
    expect(rows.map((r) => r.label)).toEqual(['acc-zed', 'Dana Deals', 'Sam Seller', 'Not set']);
    expect(rows[2]).toMatchObject({ value: 'acc-sam', qualifiedCount: 2, winRate: 0.5 });
  });

  it('labels segments with the product’s names and keeps sources and regions as entered', () => {
    const seg = segmentRows('segment', { 'mid-market': { qualifiedCount: 1, qualifiedMinor: 1, winRate: null, wonMinor: 0, won: 0, lost: 0 } }, names);
    expect(seg[0]?.label).toBe('Mid-market');
    const region = segmentRows('region', { EMEA: { qualifiedCount: 1, qualifiedMinor: 1, winRate: null, wonMinor: 0, won: 0, lost: 0 } }, names);
    expect(region[0]?.label).toBe('EMEA');
  });
});

describe('trends and forecast accuracy', () => {
  const trend = [
    aQuarter('FY2026-Q2', '2026-04-01', '2026-06-30', { wonMinor: 2_600_000_00, forecastAtStartMinor: 3_400_000_00, forecastAccuracy: 69.23076923076923 }),
    aQuarter('FY2026-Q3', '2026-07-01', '2026-09-30', { wonMinor: 100_000_00, winRate: { byCount: 2 / 3, byValue: 0.5, won: 2, lost: 1 }, salesCycleDays: 40.04, coverage: 2.345 }),
    aQuarter('FY2026-Q4', '2026-10-01', '2026-12-31', { wonMinor: 0, forecastAtStartMinor: 10_00 }),
  ];

  it('turns the trend into chart points in major units, percent and rounded days, oldest first', () => {
    expect(trendPoints(trend, 'EUR')).toEqual([
      { key: 'FY2026-Q2', label: 'Q2 FY2026', won: 2_600_000, wonMinor: 2_600_000_00, winRate: null, cycleDays: null, coverage: null },
      { key: 'FY2026-Q3', label: 'Q3 FY2026', won: 100_000, wonMinor: 100_000_00, winRate: 66.7, cycleDays: 40, coverage: 2.35 },
      { key: 'FY2026-Q4', label: 'Q4 FY2026', won: 0, wonMinor: 0, winRate: null, cycleDays: null, coverage: null },
    ]);
  });

  it('lists only quarters that have ended, newest first, and says why a quarter has no accuracy', () => {
    const rows = accuracyRows(trend, '2026-11-23');
    expect(rows.map((r) => r.key)).toEqual(['FY2026-Q3', 'FY2026-Q2']);
    expect(rows[0]).toMatchObject({ missing: 'noSnapshot', forecastMinor: null, actualMinor: 100_000_00 });
    // Forecast 3.4M against actual 2.6M: (1 − 0.8 / 2.6) × 100 = 69.23 %.
    expect(rows[1]).toMatchObject({ missing: null, forecastMinor: 3_400_000_00, actualMinor: 2_600_000_00 });
    expect(percentPointsText(rows[1]?.accuracy ?? null)).toBe('69.2%');
    // On the first day after the quarter, it counts as past.
    expect(accuracyRows(trend, '2027-01-01').map((r) => r.key)).toEqual(['FY2026-Q4', 'FY2026-Q3', 'FY2026-Q2']);
    expect(accuracyRows(trend, '2027-01-01')[0]?.missing).toBe('noWins');
  });

  it('reads the week’s changes in a fixed order, counting a missing kind as zero', () => {
    expect(changeRows({ won: 2, slipped: 1, added: 4 }).map((r) => [r.kind, r.count])).toEqual([
      ['added', 4], ['won', 2], ['lost', 0], ['slipped', 1], ['pulledIn', 0], ['amountUp', 0], ['amountDown', 0],
    ]);
    expect(changeRows({})[4]?.label).toBe('Pulled in');
  });
});

describe('waiting for a recompute', () => {
  const answer = (computedAt: number | null) => ({ metrics: computedAt === null ? null : { computedAt } });

  it('asks again until the numbers are newer than the ones on screen', async () => {
    const answers = [answer(100), answer(100), answer(250)];
    const slept: number[] = [];
    const load = jest.fn(async () => answers.shift() ?? answer(999));
    const outcome = await pollForNewer(load, 100, { attempts: 5, delayMs: 20, sleep: async (ms) => void slept.push(ms) });
    expect(outcome).toEqual({ result: answer(250), fresh: true });
    expect(load).toHaveBeenCalledTimes(3);
    expect(slept).toEqual([20, 20]);
  });

  it('takes the first numbers at all when there were none, and gives up after the attempts allowed', async () => {
    expect(await pollForNewer(async () => answer(5), null, { attempts: 3, delayMs: 1, sleep: async () => undefined })).toEqual({ result: answer(5), fresh: true });
    const load = jest.fn(async () => answer(null));
    expect(await pollForNewer(load, null, { attempts: 3, delayMs: 1, sleep: async () => undefined })).toEqual({ result: answer(null), fresh: false });
    expect(load).toHaveBeenCalledTimes(3);
  });
});
