import { addDays, daysBetween, isIsoDate, isPushedOut, periodOf, shiftPeriod } from '../../../src/domain/periods';

describe('fiscal periods', () => {
  it('uses calendar quarters when the fiscal year starts in January', () => {
    expect(periodOf('2026-11-23', 'quarter')).toEqual({ kind: 'quarter', key: 'FY2026-Q4', fiscalYear: 2026, index: 4, start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('2026-02-14', 'month')).toMatchObject({ key: 'FY2026-M02', start: '2026-02-01', end: '2026-02-28' });
  });

  it('names a fiscal year by the calendar year it ends in', () => {
    const april = { startMonth: 4 };
    expect(periodOf('2026-04-01', 'quarter', april)).toMatchObject({ key: 'FY2027-Q1', start: '2026-04-01', end: '2026-06-30' });
    expect(periodOf('2027-03-31', 'quarter', april)).toMatchObject({ key: 'FY2027-Q4', start: '2027-01-01', end: '2027-03-31' });
    expect(periodOf('2026-03-31', 'month', april)).toMatchObject({ key: 'FY2026-M12' });
  });

  it('steps to neighbouring periods across fiscal years', () => {
    const feb = { startMonth: 2 };
    const q4 = periodOf('2027-01-15', 'quarter', feb);
    expect(q4.key).toBe('FY2027-Q4');
    expect(shiftPeriod(q4, 1, feb)).toMatchObject({ key: 'FY2028-Q1', start: '2027-02-01', end: '2027-04-30' });
    expect(shiftPeriod(q4, -4, feb).key).toBe('FY2026-Q4');
  });

  it('counts a push only when the close date moves into a later period', () => {
    expect(isPushedOut('2026-12-15', '2027-01-10', 'quarter')).toBe(true);
    expect(isPushedOut('2026-10-01', '2026-12-31', 'quarter')).toBe(false);
    expect(isPushedOut('2027-01-10', '2026-12-15', 'quarter')).toBe(false);
    expect(isPushedOut('2026-10-01', '2026-11-01', 'month')).toBe(true);
  });

  it('validates dates and does day arithmetic on calendar days', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(daysBetween('2026-03-28', '2026-04-02')).toBe(5);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(() => periodOf('2026-13-01', 'month')).toThrow(/not a date/);
    expect(() => periodOf('2026-01-01', 'month', { startMonth: 13 })).toThrow(/1–12/);
  });

  it('has fiscal years as periods too', () => {
    const april = { startMonth: 4 };
    expect(periodOf('2026-11-23', 'year', april)).toEqual({ kind: 'year', key: 'FY2027', fiscalYear: 2027, index: 1, start: '2026-04-01', end: '2027-03-31' });
    expect(shiftPeriod(periodOf('2026-11-23', 'year'), -1)).toMatchObject({ key: 'FY2025', start: '2025-01-01', end: '2025-12-31' });
  });
});
