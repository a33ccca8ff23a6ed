import { cellKey, conversionOf, monthsOf, periodFunnel, recentPeriods, type FunnelMonths } from '../../../src/domain/lead-funnel';
import { periodOf } from '../../../src/domain/periods';

/**
 * A hand-computed dataset: in fiscal Q1 2027 (calendar year) 4,000 leads, 800 SQLs and 160
 * opportunities, spread over the quarter's three months, two segments and three sources.
 * Lead → SQL = 800 / 4,000 = 20 %; SQL → opportunity = 160 / 800 = 20 %.
 */
function dataset(): FunnelMonths {
  const months: FunnelMonths = {};
  // Per month: [segment, source, leads, mqls, sqls, opportunities].
  const rows: Array<[string, string, string, number, number, number, number]> = [
    ['2027-01', 'enterprise', 'webinar', 600, 300, 150, 40],
    ['2027-01', 'smb', 'organic', 700, 200, 100, 10],
    ['2027-02', 'enterprise', 'referral', 500, 250, 200, 50],
    ['2027-02', 'smb', 'webinar', 800, 300, 100, 20],
    ['2027-03', 'enterprise', 'webinar', 400, 200, 150, 30],
    ['2027-03', 'smb', 'organic', 1_000, 250, 100, 10],
    // Outside the quarter: must not count.
    ['2026-12', 'smb', 'organic', 999, 99, 9, 1],
    ['2027-04', 'enterprise', 'webinar', 999, 99, 9, 1],
  ];
  for (const [month, segment, source, lead, mql, sql, opportunity] of rows) {
    (months[month] ??= {})[cellKey(segment, source)] = { lead, mql, sql, opportunity };
  }
  return months;
}

describe('the lead funnel', () => {
  const quarter = periodOf('2027-02-15', 'quarter');

  it('gives 20 % Lead → SQL and 20 % SQL → opportunity for 4,000 / 800 / 160', () => {
    const funnel = periodFunnel(dataset(), quarter);
    expect(funnel.counts).toEqual({ lead: 4_000, mql: 1_500, sql: 800, opportunity: 160 });
    expect(funnel.conversion.leadToSql).toBeCloseTo(0.2, 10);
    expect(funnel.conversion.sqlToOpportunity).toBeCloseTo(0.2, 10);
  });

  it('cuts the same figures by segment and by source, and filters to one', () => {
    const funnel = periodFunnel(dataset(), quarter);
    // Enterprise: 1,500 leads, 500 SQL, 120 opportunities → 33.3 % and 24 %.
    expect(funnel.bySegment.enterprise!.counts).toEqual({ lead: 1_500, mql: 750, sql: 500, opportunity: 120 });
    expect(funnel.bySegment.enterprise!.conversion.sqlToOpportunity).toBeCloseTo(0.24, 10);
    // Webinar: 600 + 800 + 400 leads, 150 + 100 + 150 SQL, 40 + 20 + 30 opportunities.
    expect(funnel.bySource.webinar!.counts).toEqual({ lead: 1_800, mql: 800, sql: 400, opportunity: 90 });
    const smb = periodFunnel(dataset(), quarter, { segment: 'smb' });
    expect(smb.counts).toEqual({ lead: 2_500, mql: 750, sql: 300, opportunity: 40 });
    expect(periodFunnel(dataset(), quarter, { segment: 'smb', source: 'webinar' }).counts).toEqual({ lead: 800, mql: 300, sql: 100, opportunity: 20 });
  });

  it('has no conversion where the earlier stage is empty, rather than 0 % or infinity', () => {
    expect(conversionOf({ lead: 0, mql: 0, sql: 0, opportunity: 0 })).toEqual({ leadToSql: null, sqlToOpportunity: null, leadToMql: null, mqlToSql: null });
  });

  it('builds fiscal periods from whole months', () => {
    const calendar = { startMonth: 2 };
    expect(monthsOf(periodOf('2026-03-10', 'quarter', calendar))).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(recentPeriods('2027-02-15', 'quarter', 3, { startMonth: 1 }).map((p) => p.key)).toEqual(['FY2026-Q3', 'FY2026-Q4', 'FY2027-Q1']);
  });
});
