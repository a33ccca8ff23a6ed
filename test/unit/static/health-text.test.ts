import { reasonsText, reportingTotal, tierAppearance, tierText } from '../../../static/src/lib/health-text';

describe('health and ARR as the renewal surfaces word them', () => {
  it('words the reasons most costly first, singular and plural, and leaves out codes this build does not know', () => {
    expect(reasonsText([{ code: 'overdue-issues', value: 3 }, { code: 'inactive', value: 41 }])).toBe('3 overdue delivery issues, last activity 41 days ago');
    expect(reasonsText([{ code: 'open-bugs', value: 1 }, { code: 'from-the-future', value: 2 }])).toBe('1 open bug');
    expect(reasonsText([])).toBe('');
  });

  it('names the tiers and gives each a lozenge that tells them apart', () => {
    expect(['good', 'average', 'poor', 'unknown', 'odd'].map(tierText)).toEqual(['Good', 'Average', 'Poor', 'Not rated', 'Not rated']);
    expect(new Set(['good', 'average', 'poor', 'unknown'].map(tierAppearance)).size).toBe(4);
  });

  it('adds ARR in several currencies in the reporting currency, naming the currencies without a rate', () => {
    expect(reportingTotal({ USD: 100_000, EUR: 100_000, GBP: 5 }, { reportingCurrency: 'USD', rates: { EUR: '1.1' } })).toEqual({ amountMinor: 210_000, unconverted: ['GBP'] });
  });
});
